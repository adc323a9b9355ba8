// `bigmodel run` and its training core: native packages load from the notebook's folder but not from above it.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.join(__dirname, '../../..');
const cli = path.join(root, 'dist/cli.js');
const bigmodel = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 120000 });

describe('bigmodel run: package folders', function () {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bigmodel-cli-files-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('loads native packages from the notebook\'s own folder, from a folder above only with --package-folder', () => {
    const marker = path.join(dir, 'loaded.txt');
    const plant = (folder: string) => {
      const pkg = path.join(folder, 'node_modules/@tensorflow/tfjs-node');
      fs.mkdirSync(pkg, { recursive: true });
      fs.writeFileSync(path.join(pkg, 'package.json'), '{"name":"@tensorflow/tfjs-node","main":"index.js"}');
      fs.writeFileSync(path.join(pkg, 'index.js'), `require('fs').appendFileSync(${JSON.stringify(marker)}, ${JSON.stringify(folder)} + '\\n'); throw new Error('planted');`);
    };
    const nbDir = path.join(dir, 'project');
    fs.mkdirSync(nbDir);
    // A notebook with no code cell: starting its core alone would run a planted package (issue 16).
    const nb = path.join(nbDir, 'notes.bigmodel');
    fs.writeFileSync(nb, JSON.stringify({ bigmodel: 1, metadata: {}, cells: [{ kind: 'markdown', source: ['# notes'] }] }));
    plant(dir);
    const loaded = () => (fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8').trim().split('\n') : []);
    assert.equal(bigmodel('run', nb).status, 0);
    assert.deepEqual(loaded(), [], 'the folder above the notebook is not looked at');
    assert.equal(bigmodel('run', nb, '--package-folder', dir).status, 0);
    assert.deepEqual(loaded(), [dir], 'named with --package-folder, it is');
    fs.rmSync(marker);
    plant(nbDir);
    const own = bigmodel('run', nb);
    assert.equal(own.status, 0);
    assert.deepEqual(loaded(), [nbDir], 'the notebook\'s own folder is, and only it');
  });

});
