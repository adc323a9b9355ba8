// scripts/package.mjs for real (on the dist/ already built): the universal package holds no Dawn, each platform package
// its own platform's and no other's, and the training core run from the unpacked linux-x64 package finds Dawn there.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TrainingCore } from '../../src/client/trainingCore';
import { MIME, type TrainingPayload } from '../../src/shared/outputs';

const root = path.join(__dirname, '../../..');
const host = `${process.platform}-${process.arch}`;
// Dawn on Mesa's GL driver without a display, as in webgpu.test.ts.
const headlessGl = { EGL_PLATFORM: 'surfaceless', BIGMODEL_DAWN_FLAGS: 'backend=opengl', BIGMODEL_GPU_COMPAT: '1' };

interface VsixContents {
  listVsix(file: string): Array<{ name: string; size: number }>;
  packageProblems(file: string, target?: string): string[];
  unpackExtension(file: string, folder: string): string;
  DAWN_FOLDER: Record<string, string>;
}
// Hidden from esbuild, which would turn import() into require() in this CommonJS output; the script is an ES module.
const importModule = new Function('url', 'return import(url)') as (url: string) => Promise<VsixContents>;

describe('platform packages (scripts/package.mjs)', function () {
  this.timeout(180000);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'bigmodel-packages-'));
  const targets = ['linux-x64', 'darwin-arm64', 'win32-x64'];
  let vsix: VsixContents;
  const file = (target?: string) => path.join(out, target ? `bigmodel-studio-${target}.vsix` : 'bigmodel-studio.vsix');
  const names = (target?: string) => vsix.listVsix(file(target)).map((e) => e.name);

  before(async () => {
    vsix = await importModule(pathToFileURL(path.join(root, 'scripts/vsixContents.mjs')).href);
    const r = spawnSync(
      process.execPath,
      [path.join(root, 'scripts/package.mjs'), '--targets', targets.join(','), '--no-build', '--out', out],
      { encoding: 'utf8' },
    );
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });
  after(() => fs.rmSync(out, { recursive: true, force: true }));

  it('writes the universal package without Dawn, and one per platform with only its own', () => {
    assert.deepEqual(vsix.packageProblems(file()), []);
    for (const t of targets) assert.deepEqual(vsix.packageProblems(file(t), t), [], t);
    assert.ok(names('darwin-arm64').includes('extension/node_modules/webgpu/dist/darwin-universal/dawn.node'));
    assert.ok(names('win32-x64').includes('extension/node_modules/webgpu/dist/win32-x64/dxcompiler.dll'));
  });

  it('puts the same extension files in every package: only node_modules/webgpu differs', () => {
    const own = (t?: string) =>
      names(t)
        .filter((n) => !n.startsWith('extension/node_modules/'))
        .sort();
    for (const t of targets) assert.deepEqual(own(t), own(), t);
    assert.ok(own().includes('extension/dist/core.js'));
  });

  it("finds a package holding another platform's Dawn, or a universal one holding Dawn, wrong, naming the files", () => {
    const problems = vsix.packageProblems(file('win32-x64'), 'linux-x64');
    assert.ok(
      problems.some((p) => p.includes('TargetPlatform="linux-x64"')),
      problems.join('\n'),
    );
    assert.ok(
      problems.some((p) => p === 'extension/node_modules/webgpu/dist/linux-x64/dawn.node is missing'),
      problems.join('\n'),
    );
    assert.ok(
      problems.some((p) => p.includes('dist/win32-x64/dawn.node does not belong in the linux-x64 package')),
      problems.join('\n'),
    );
    assert.match(
      vsix.packageProblems(file('linux-x64'), undefined).join('\n'),
      /universal package holds 4 files under node_modules/,
    );
  });

  it('refuses a target Dawn has no build for, naming the known ones', () => {
    const r = spawnSync(
      process.execPath,
      [path.join(root, 'scripts/package.mjs'), '--targets', 'linux-x64,linux-riscv64', '--no-build', '--out', out],
      { encoding: 'utf8' },
    );
    assert.equal(r.status, 1);
    assert.match(r.stderr, /--targets: linux-riscv64 is not a platform Dawn ships for \(known: linux-x64, .*host\)/);
  });

  it('trains on WebGPU from the unpacked linux-x64 package, with no npm i', async function () {
    if (host !== 'linux-x64') this.skip();
    const extension = vsix.unpackExtension(file('linux-x64'), path.join(out, 'unpacked'));
    assert.ok(
      !fs.existsSync(path.join(extension, 'node_modules/webgpu/node_modules')),
      'webgpu came with its own node_modules',
    );
    const core = await TrainingCore.start({
      corePath: path.join(extension, 'dist/core.js'),
      backend: 'webgpu',
      allowSoftwareGpu: true,
      env: headlessGl,
    });
    try {
      const webgpu = core.info.checks.find((c) => c.name === 'webgpu');
      assert.equal(core.info.backend, 'webgpu', webgpu?.reason);
      assert.match(core.info.device, /llvmpipe/);
      await core.runCell({
        cellId: 'a',
        language: 'bigmodel',
        source:
          'data: { source: xor, seed: 5 }\nmodel:\n  layers:\n    - dense: { units: 4, activation: relu }\n    - dense: { units: 1, activation: sigmoid }',
      });
      const result = await core.runCell({
        cellId: 'b',
        language: 'bigmodel',
        source: 'train: { epochs: 2, batchSize: 64 }',
      });
      const p = result.outputs.flatMap((o) => o.items).find((i) => i.mime === MIME.training)?.data as TrainingPayload;
      assert.equal(p.backend, 'webgpu');
      assert.equal(p.epochs.length, 2);
    } finally {
      await core.dispose();
    }
  });
});
