// `bigmodel doctor --json` as a user runs it for a bug report (`node dist/cli.js`, a real core): one JSON object with
// versions, the system, every backend with its reason and the GPU adapter, and no path under the user's home.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DoctorReport } from '../../src/cli/doctor';
import { scratchFolder } from './scratchFolder';

const root = path.join(__dirname, '../../..');
const cli = path.join(root, 'dist/cli.js');
const headlessGl = { EGL_PLATFORM: 'surfaceless', BIGMODEL_DAWN_FLAGS: 'backend=opengl', BIGMODEL_GPU_COMPAT: '1' };

function doctor(args: string[], env: Record<string, string> = {}): DoctorReport {
  const r = spawnSync(process.execPath, [cli, 'doctor', '--json', ...args], {
    encoding: 'utf8',
    timeout: 120000,
    env: { ...process.env, ...env },
  });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  return JSON.parse(r.stdout) as DoctorReport; // throws unless stdout is exactly one JSON value
}

describe('bigmodel doctor --json', function () {
  this.timeout(120000);
  const home = scratchFolder('bigmodel-home-', 'each test');

  it("prints versions, the system and every backend in order, with the user's home() folder as ~", () => {
    // A tfjs-node in a package folder under the home() folder that fails to load: its reason names where it was.
    const pkg = path.join(home(), 'project/node_modules/@tensorflow/tfjs-node');
    fs.mkdirSync(pkg, { recursive: true });
    fs.writeFileSync(
      path.join(pkg, 'package.json'),
      JSON.stringify({ name: '@tensorflow/tfjs-node', main: 'index.js' }),
    );
    fs.writeFileSync(path.join(pkg, 'index.js'), 'throw new Error(`no native binding in ${__dirname}`);');
    const report = doctor(['--package-folder', path.join(home(), 'project')], { HOME: home() });
    assert.equal(report.schema, 1);
    const ownVersion = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string })
      .version;
    assert.deepEqual(report.versions, { bigmodel: ownVersion, node: process.version, tfjs: report.versions.tfjs });
    assert.match(report.versions.tfjs, /^\d+\.\d+\.\d+$/);
    assert.deepEqual(report.system, {
      os: os.platform(),
      release: os.release(),
      arch: os.arch(),
      cpus: os.availableParallelism(),
      cpuModel: report.system.cpuModel,
      memoryBytes: os.totalmem(),
    });
    assert.deepEqual(
      report.backends.map((b) => b.name),
      ['tensorflow-gpu', 'tensorflow', 'webgpu', 'wasm', 'cpu'],
    );
    for (const b of report.backends) assert.ok(typeof b.usable === 'boolean' && b.reason.length > 0, JSON.stringify(b));
    assert.deepEqual(report.chosen.backend, 'wasm');
    const native = report.backends.find((b) => b.name === 'tensorflow')!;
    assert.equal(native.usable, false);
    assert.match(
      native.reason,
      /failed to load: no native binding in ~\/project\/node_modules\/@tensorflow\/tfjs-node/,
    );
    assert.ok(!JSON.stringify(report).includes(home()), 'no path under the home() folder');
  });

  it('names the WebGPU adapter with its vendor fields and memory limits, also one it refused', () => {
    const refused = doctor([], headlessGl).backends.find((b) => b.name === 'webgpu')!;
    assert.equal(refused.usable, false);
    assert.match(refused.reason, /only a software adapter/);
    assert.equal(refused.adapter?.software, true);
    const used = doctor(['--backend', 'webgpu'], { ...headlessGl, BIGMODEL_ALLOW_SOFTWARE_GPU: '1' });
    assert.equal(used.chosen.backend, 'webgpu');
    const adapter = used.backends.find((b) => b.name === 'webgpu')!.adapter!;
    assert.deepEqual(Object.keys(adapter).sort(), [
      'architecture',
      'description',
      'device',
      'maxBufferSize',
      'maxStorageBufferBindingSize',
      'software',
      'vendor',
    ]);
    assert.match(adapter.device, /llvmpipe/);
    assert.ok(
      adapter.maxBufferSize > 0 &&
        adapter.maxStorageBufferBindingSize > 0 &&
        adapter.maxStorageBufferBindingSize <= adapter.maxBufferSize,
    );
  });

  it('prints the adapter line in the plain doctor too', () => {
    const r = spawnSync(process.execPath, [cli, 'doctor'], {
      encoding: 'utf8',
      timeout: 120000,
      env: { ...process.env, ...headlessGl },
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /no {3}webgpu {10}only a software adapter/);
    assert.match(
      r.stdout,
      /adapter: vendor .*, device llvmpipe.* \(software\); maxBufferSize \d+, maxStorageBufferBindingSize \d+/,
    );
  });
});
