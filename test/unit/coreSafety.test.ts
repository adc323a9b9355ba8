// The real training core process: one cell at a time, a memory limit, a ping that a stuck core cannot answer, and
// native packages loaded only from the folders the client names (never a folder above them).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { nativePackageFolders } from '../../src/client/packageFolders';
import { TrainingCore } from '../../src/client/trainingCore';
import { BigModelError } from '../../src/shared/bigModelError';
import { MIME, type TrainingPayload } from '../../src/shared/outputs';
import type { CellOutput } from '../../src/shared/protocol';
import { corePath, startedCore } from './startedCore';

const MODEL =
  'model:\n  layers:\n    - dense: { units: 16, activation: relu }\n    - dense: { units: 3, activation: softmax }';

function training(outputs: CellOutput[]): TrainingPayload {
  const item = outputs.flatMap((o) => o.items).find((i) => i.mime === MIME.training);
  assert.ok(item, 'a training output item');
  return item.data as TrainingPayload;
}

/** A package at `<folder>/node_modules/<name>` whose loading writes `marker`: the attack of issue 16, made visible. */
function plantPackage(folder: string, name: string, marker: string): void {
  const dir = path.join(folder, 'node_modules', name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, main: 'index.js' }));
  fs.writeFileSync(
    path.join(dir, 'index.js'),
    `require('fs').appendFileSync(${JSON.stringify(marker)}, ${JSON.stringify(folder)} + '\\n'); throw new Error('planted');`,
  );
}

describe('the training core: one cell at a time', function () {
  const core = startedCore();

  it('runs a data cell sent while a train cell runs after it, and both complete correctly, in order', async () => {
    await core().runCell({ cellId: 'd1', language: 'bigmodel', source: `data: { source: blobs, seed: 3 }\n${MODEL}` });
    const ended: string[] = [];
    let trainingWhenDataSent = 0;
    const sentData = new Promise<void>((resolve) => {
      const listener = core().onCellOutputs((p) => {
        const item = p.outputs.flatMap((o) => o.items).find((i) => i.mime === MIME.training);
        if (p.cellId !== 't' || !item || (item.data as TrainingPayload).epochs.length < 1) return;
        listener.dispose();
        trainingWhenDataSent = (item.data as TrainingPayload).epochs.length;
        resolve();
      });
    });
    const train = core()
      .runCell({ cellId: 't', language: 'bigmodel', source: 'train: { epochs: 40, batchSize: 8, learningRate: 0.01 }' })
      .then((r) => {
        ended.push('train');
        return r;
      });
    await sentData;
    // Sent while fit runs: before the core serialised cells, this freed the tensors fit was using (Engine.moveData).
    const data = core()
      .runCell({ cellId: 'd2', language: 'bigmodel', source: 'data: { source: blobs, seed: 9 }' })
      .then((r) => {
        ended.push('data');
        return r;
      });
    const [trained, loaded] = await Promise.all([train, data]);
    assert.deepEqual(ended, ['train', 'data'], 'in the order they were sent');
    const p = training(trained.outputs);
    assert.ok(
      trainingWhenDataSent >= 1 && trainingWhenDataSent < 40,
      `the data cell came while training (epoch ${trainingWhenDataSent})`,
    );
    assert.equal(p.state, 'done');
    assert.equal(p.stopped, 'completed');
    assert.equal(p.epochs.length, 40);
    assert.ok(
      p.epochs.every((e) => Number.isFinite(e.loss)),
      'every epoch has a finite loss',
    );
    assert.ok(
      loaded.outputs.some((o) => o.items.some((i) => i.mime === MIME.dataPreview)),
      'the data cell shows its preview',
    );
    // The session is whole: the new data trains the kept model.
    const again = training(
      (await core().runCell({ cellId: 't2', language: 'bigmodel', source: 'train: { epochs: 2 }' })).outputs,
    );
    assert.equal(again.epochs.length, 2);
  });

  it('answers a ping while training, and not while a script cell blocks its event loop', async () => {
    assert.equal(await core().responsive(2000), true);
    const blocked = core().runCell({ cellId: 'loop', language: 'javascript', source: 'while (true) {}' });
    await new Promise((r) => setTimeout(r, 300));
    const started = Date.now();
    assert.equal(await core().responsive(1000), false);
    assert.ok(Date.now() - started >= 900, 'it waited for the answer');
    core().kill();
    await assert.rejects(blocked, /the training core stopped/);
  });
});

describe('the training core: its memory limit', function () {
  const cases = [
    // Outside the V8 heap, as tensors are: the core's watchdog thread sees the resident memory pass the limit.
    {
      what: 'typed arrays (as tensors hold)',
      source: 'const a = []; for (;;) a.push(new Float64Array(1 << 20).fill(1));',
    },
    // The V8 heap: --max-old-space-size.
    { what: 'JavaScript objects', source: 'const a = []; for (let i = 0; ; i++) a.push({ i, s: "x" + i });' },
  ];
  for (const { what, source } of cases) {
    it(`ends a core whose ${what} pass the limit, with a message naming the setting`, async () => {
      const core = await TrainingCore.start({ corePath, backend: 'auto', memoryLimitMb: 400 });
      try {
        const started = Date.now();
        await assert.rejects(core.runCell({ cellId: 'm', language: 'javascript', source }), (e: unknown) => {
          assert.ok(e instanceof BigModelError);
          assert.match(
            e.message,
            /the training core stopped: it ran out of memory \(the limit is 400 MB: raise bigmodel\.training\.memoryLimitMB, or `bigmodel run --memory-limit`/,
          );
          return true;
        });
        console.log(`      MEASURE out of memory (${what}) after ${Date.now() - started} ms`);
        assert.equal(core.running, false);
      } finally {
        core.kill();
      }
    });
  }
});

describe('native packages: only from the folders named, never from a folder above', function () {
  let root: string;
  let marker: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'bigmodel-packages-'));
    marker = path.join(root, 'loaded.txt');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));
  const loaded = () => (fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8').trim().split('\n') : []);

  it('chooses the folders: a named one, the workspace only when allowed, and never above the workspace', () => {
    const ws = path.join(root, 'ws');
    const nb = path.join(ws, 'a', 'b');
    assert.deepEqual(nativePackageFolders({ notebookFolder: nb, workspaceFolder: ws, fromWorkspace: false }), []);
    assert.deepEqual(
      nativePackageFolders({ packageFolder: '/opt/tf', notebookFolder: nb, workspaceFolder: ws, fromWorkspace: false }),
      ['/opt/tf'],
    );
    assert.deepEqual(nativePackageFolders({ notebookFolder: nb, workspaceFolder: ws, fromWorkspace: true }), [
      nb,
      path.join(ws, 'a'),
      ws,
    ]);
    // No workspace folder (the CLI, a loose file): the notebook's folder alone.
    assert.deepEqual(nativePackageFolders({ notebookFolder: nb, fromWorkspace: true }), [nb]);
    // A notebook outside the workspace folder: its own folder, not a walk to the root.
    assert.deepEqual(nativePackageFolders({ notebookFolder: root, workspaceFolder: ws, fromWorkspace: true }), [root]);
    assert.deepEqual(
      nativePackageFolders({ notebookFolder: path.join(root, '..wsx'), workspaceFolder: root, fromWorkspace: true }),
      [path.join(root, '..wsx'), root],
    );
  });

  it("loads nothing from the notebook's folder or those above it unless named", async () => {
    const nb = path.join(root, 'ws', 'notebooks');
    fs.mkdirSync(nb, { recursive: true });
    for (const f of [root, path.join(root, 'ws'), nb]) {
      plantPackage(f, '@tensorflow/tfjs-node-gpu', marker);
      plantPackage(f, '@tensorflow/tfjs-node', marker);
      plantPackage(f, 'webgpu', marker);
    }
    // The extension's default: the notebook's folder is the core's working directory, and no package folder is named.
    const core = await TrainingCore.start({
      corePath,
      backend: 'auto',
      notebookFolder: nb,
      packageFolders: nativePackageFolders({
        notebookFolder: nb,
        workspaceFolder: path.join(root, 'ws'),
        fromWorkspace: false,
      }),
    });
    try {
      assert.deepEqual(loaded(), [], 'no planted package ran');
      assert.equal(core.info.backend, 'wasm');
      assert.match(core.info.checks[0].reason, /not installed/);
    } finally {
      await core.dispose();
    }
    // Allowed (loadPackagesFromWorkspace): the notebook's folder and the workspace folder, not the folder above it.
    const allowed = await TrainingCore.start({
      corePath,
      backend: 'tensorflow',
      notebookFolder: nb,
      packageFolders: nativePackageFolders({
        notebookFolder: nb,
        workspaceFolder: path.join(root, 'ws'),
        fromWorkspace: true,
      }),
    }).catch((e: Error) => e);
    assert.ok(allowed instanceof Error, 'the planted tfjs-node throws, so the asked-for backend cannot run');
    assert.match(allowed.message, /@tensorflow\/tfjs-node failed to load: planted/);
    assert.deepEqual(loaded(), [nb], "the first folder that has it, the notebook's, and no other");
  });
});
