// `bigmodel run` and its training core: the core ends on every way the CLI ends, --out is written whole or not at all,
// native packages load from the notebook's folder but not from above it, and --memory-limit.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { scratchFolder } from './scratchFolder';

const root = path.join(__dirname, '../../..');
const cli = path.join(root, 'dist/cli.js');
const bigmodel = (...args: string[]) =>
  spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 120000 });

function notebook(file: string, cells: { language: string; source: string }[]): string {
  const nb = {
    bigmodel: 1,
    metadata: {},
    cells: cells.map((c) => ({ kind: 'code', language: c.language, source: c.source.split('\n'), outputs: [] })),
  };
  fs.writeFileSync(file, JSON.stringify(nb, null, 2) + '\n');
  return file;
}

/** Process state from /proc: undefined when gone; a zombie (ended, not yet reaped by its new parent) counts as gone. */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** The pids whose parent is `pid` and whose command line runs the training core. */
function coresOf(pid: number): number[] {
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((p) => {
      try {
        const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return ppid === pid && fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('core.js');
      } catch {
        return false;
      }
    });
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('bigmodel run ends its training core however it ends', function () {
  const dir = scratchFolder('bigmodel-cli-safety-');
  let children: ChildProcess[] = [];
  /** Cores seen, killed after each test should one outlive a failed assertion. */
  let cores: number[] = [];
  afterEach(() => {
    for (const c of children) c.kill('SIGKILL');
    for (const pid of cores) if (alive(pid)) process.kill(pid, 'SIGKILL');
    children = [];
    cores = [];
  });

  // A script cell that never yields: nothing in the core's main thread can run, not even its IPC 'disconnect'.
  const busy = () =>
    notebook(path.join(dir(), 'busy.bigmodel'), [
      { language: 'javascript', source: "console.log('looping');\nwhile (true) {}" },
    ]);

  async function runningCore(): Promise<{ cliProcess: ChildProcess; core: number; exited: Promise<number | string> }> {
    const cliProcess = spawn(process.execPath, [cli, 'run', busy(), '--out', path.join(dir(), 'busy-run.bigmodel')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(cliProcess);
    const exited = new Promise<number | string>((resolve) =>
      cliProcess.once('exit', (code, signal) => resolve(code ?? String(signal))),
    );
    let stdout = '';
    cliProcess.stdout!.on('data', (d) => (stdout += d));
    await until('the core to train', () => (/training core: /.test(stdout) ? true : undefined), 60000);
    const [core] = await until(
      'the core process',
      () => {
        const found = coresOf(cliProcess.pid!);
        return found.length === 1 ? found : undefined;
      },
      10000,
    );
    cores.push(core);
    // Let the cell reach its loop.
    await new Promise((r) => setTimeout(r, 500));
    assert.ok(alive(core));
    return { cliProcess, core, exited };
  }

  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    it(`${signal} to the CLI mid-run, in a \`while (true) {}\` cell: no core is left`, async () => {
      const { cliProcess, core, exited } = await runningCore();
      const sent = Date.now();
      cliProcess.kill(signal);
      assert.equal(await exited, { SIGTERM: 143, SIGINT: 130, SIGHUP: 129 }[signal]);
      await until(`core ${core} to end`, () => (alive(core) ? undefined : true), 5000);
      console.log(`      MEASURE ${signal}: core ${core} gone ${Date.now() - sent} ms after the signal`);
      assert.equal(
        fs.existsSync(path.join(dir(), 'busy-run.bigmodel')),
        false,
        'no --out written for a run that was stopped',
      );
    });
  }

  it('SIGKILL to the CLI (no handler can run): the core sees its parent gone and ends itself', async () => {
    const { cliProcess, core } = await runningCore();
    const sent = Date.now();
    cliProcess.kill('SIGKILL');
    await until(`core ${core} to end`, () => (alive(core) ? undefined : true), 5000);
    console.log(`      MEASURE SIGKILL: core ${core} gone ${Date.now() - sent} ms after the CLI was killed`);
  });
});

describe('bigmodel run: --out, package folders, --memory-limit', function () {
  const dir = scratchFolder('bigmodel-cli-files-', 'each test');

  it('writes --out whole or not at all: a write that fails leaves the old file as it was, and no temporary file', () => {
    const input = path.join(dir(), 'xor.bigmodel');
    fs.copyFileSync(path.join(root, 'examples/xor.bigmodel'), input);
    const out = path.join(dir(), 'out.bigmodel');
    fs.copyFileSync(input, out);
    const before = fs.readFileSync(out, 'utf8');
    // A file size limit of 8 KB: the executed notebook (curves and all) is larger, the old one is not. Node ignores
    // SIGXFSZ, so the write fails with EFBIG. Written in place, this truncated the old file and left half a notebook.
    const r = spawnSync(
      'bash',
      ['-c', `ulimit -f 8 && exec "${process.execPath}" "${cli}" run "${input}" --out "${out}"`],
      { encoding: 'utf8', timeout: 120000 },
    );
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /EFBIG|file too large/i);
    assert.equal(fs.readFileSync(out, 'utf8'), before, 'the old --out file is untouched');
    assert.deepEqual(
      fs.readdirSync(dir()).sort(),
      ['out.bigmodel', 'xor.bigmodel'],
      'no temporary file left beside it',
    );
    // Without the limit the same run replaces it.
    const ok = bigmodel('run', input, '--out', out);
    assert.equal(ok.status, 0, ok.stderr);
    assert.notEqual(fs.readFileSync(out, 'utf8'), before);
    assert.deepEqual(fs.readdirSync(dir()).sort(), ['out.bigmodel', 'xor.bigmodel']);
  });

  it("loads native packages from the notebook's own folder, from a folder above only with --package-folder", () => {
    const marker = path.join(dir(), 'loaded.txt');
    const plant = (folder: string) => {
      const pkg = path.join(folder, 'node_modules/@tensorflow/tfjs-node');
      fs.mkdirSync(pkg, { recursive: true });
      fs.writeFileSync(path.join(pkg, 'package.json'), '{"name":"@tensorflow/tfjs-node","main":"index.js"}');
      fs.writeFileSync(
        path.join(pkg, 'index.js'),
        `require('fs').appendFileSync(${JSON.stringify(marker)}, ${JSON.stringify(folder)} + '\\n'); throw new Error('planted');`,
      );
    };
    const nbDir = path.join(dir(), 'project');
    fs.mkdirSync(nbDir);
    // A notebook with no code cell: starting its core alone would run a planted package (issue 16).
    const nb = path.join(nbDir, 'notes.bigmodel');
    fs.writeFileSync(
      nb,
      JSON.stringify({ bigmodel: 1, metadata: {}, cells: [{ kind: 'markdown', source: ['# notes'] }] }),
    );
    plant(dir());
    const loaded = () => (fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8').trim().split('\n') : []);
    assert.equal(bigmodel('run', nb).status, 0);
    assert.deepEqual(loaded(), [], 'the folder above the notebook is not looked at');
    assert.equal(bigmodel('run', nb, '--package-folder', dir()).status, 0);
    assert.deepEqual(loaded(), [dir()], 'named with --package-folder, it is');
    fs.rmSync(marker);
    plant(nbDir);
    const own = bigmodel('run', nb);
    assert.equal(own.status, 0);
    assert.deepEqual(loaded(), [nbDir], "the notebook's own folder is, and only it");
  });

  it('ends a cell over --memory-limit with a message naming the limit, and refuses a limit below 256 MB', () => {
    const nb = notebook(path.join(dir(), 'big.bigmodel'), [
      { language: 'javascript', source: 'const a = []; for (;;) a.push(new Float64Array(1 << 20).fill(1));' },
    ]);
    const r = bigmodel('run', nb, '--memory-limit', '400');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /cell 1: the training core stopped: it ran out of memory \(the limit is 400 MB/);
    const bad = bigmodel('run', nb, '--memory-limit', '12');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--memory-limit takes a whole number of MB, 256 or more/);
  });
});
