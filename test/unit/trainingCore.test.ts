// The real training core process, driven through the same client the extension and the CLI use.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { TrainingCore } from '../../src/client/trainingCore';
import { BigModelError } from '../../src/shared/bigModelError';
import { MIME, type TrainingPayload } from '../../src/shared/outputs';
import type { CellOutput } from '../../src/shared/protocol';
import { corePath, startedCore } from './startedCore';

const DATA_AND_MODEL = [
  'data: { source: xor, validation: 0.2, seed: 7 }',
  'model:',
  '  layers:',
  '    - dense: { units: 16, activation: relu }',
  '    - dense: { units: 1, activation: sigmoid }',
].join('\n');

function training(outputs: CellOutput[]): TrainingPayload {
  const item = outputs.flatMap((o) => o.items).find((i) => i.mime === MIME.training);
  assert.ok(item, 'a training output item');
  return item.data as TrainingPayload;
}

describe('the training core process', function () {
  const core = startedCore('each test');

  it('chooses wasm here and explains every backend', () => {
    assert.equal(core().info.backend, 'wasm');
    assert.deepEqual(
      core().info.checks.map((c) => c.name),
      ['tensorflow-gpu', 'tensorflow', 'webgpu', 'wasm', 'cpu'],
    );
    const gpu = core().info.checks[0];
    assert.equal(gpu.usable, false);
    assert.match(gpu.reason, /tfjs-node-gpu/);
    assert.notEqual(core().pid, process.pid, 'the core is its own process');
  });

  it('looks for native TensorFlow in a configured folder and says why it did not load', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'bigmodel-native-'));
    const pkg = path.join(folder, 'node_modules/@tensorflow/tfjs-node');
    fs.mkdirSync(pkg, { recursive: true });
    fs.writeFileSync(path.join(pkg, 'package.json'), '{"name":"@tensorflow/tfjs-node","main":"index.js"}');
    fs.writeFileSync(
      path.join(pkg, 'index.js'),
      "throw new Error('libtensorflow.so.2: cannot open shared object file');",
    );
    const other = await TrainingCore.start({ corePath, backend: 'auto', packageFolders: [folder] });
    try {
      const native = other.info.checks.find((c) => c.name === 'tensorflow');
      assert.equal(native?.usable, false);
      assert.match(
        native?.reason ?? '',
        /@tensorflow\/tfjs-node failed to load: libtensorflow\.so\.2: cannot open shared object file/,
      );
      assert.equal(other.info.backend, 'wasm', 'falls back to the next backend');
    } finally {
      await other.dispose();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('trains XOR, streams per-epoch progress, and the loss falls', async () => {
    const live: TrainingPayload[] = [];
    core().onCellOutputs((p) => {
      const item = p.outputs.flatMap((o) => o.items).find((i) => i.mime === MIME.training);
      if (item) live.push(item.data as TrainingPayload);
    });
    const source = `${DATA_AND_MODEL}\ntrain: { epochs: 12, batchSize: 32, learningRate: 0.02 }`;
    const started = Date.now();
    const result = await core().runCell({ cellId: 'c1', language: 'bigmodel', source });
    const elapsed = Date.now() - started;
    const p = training(result.outputs);
    assert.equal(p.state, 'done');
    assert.equal(p.stopped, 'completed');
    assert.equal(p.backend, 'wasm');
    assert.equal(p.epochs.length, 12);
    const first = p.epochs[0].loss;
    const last = p.epochs[11].loss;
    assert.ok(last < first * 0.6, `loss fell from ${first} to ${last}`);
    assert.ok(
      p.epochs[11].val_loss !== undefined && p.epochs[11].accuracy !== undefined,
      'validation loss and accuracy recorded',
    );
    const epochsSeen = new Set(live.map((l) => l.epochs.length));
    assert.ok(epochsSeen.size >= 2, `live updates showed the curve growing (${[...epochsSeen].join(',')})`);
    // At most one update per 125 ms (plus the first and the final one), however short the epochs.
    const running = live.filter((l) => l.state === 'running').length;
    assert.ok(running <= elapsed / 125 + 2, `${running} live updates in ${elapsed} ms`);
    assert.ok(p.samplesPerSecond > 0);
  });

  it('reports a bad cell at its line before training', async () => {
    const source = 'data: { source: xor }\nmodel:\n  layers:\n    - dense2d: { units: 4 }\n';
    await assert.rejects(core().runCell({ cellId: 'c1', language: 'bigmodel', source }), (e: unknown) => {
      assert.ok(e instanceof BigModelError);
      assert.equal(e.category, 'invalid-cell');
      assert.equal(e.position?.line, 4);
      assert.match(e.message, /did you mean `dense`/);
      return true;
    });
  });

  it('names an unknown data source at its line', async () => {
    await assert.rejects(
      core().runCell({ cellId: 'c1', language: 'bigmodel', source: 'data:\n  source: xro\n' }),
      (e: unknown) => {
        assert.ok(e instanceof BigModelError);
        assert.equal(e.position?.line, 2);
        assert.match(e.message, /unknown data source `xro` — did you mean `xor`\?/);
        return true;
      },
    );
  });

  it('stops after the current batch when cancelled, and keeps the weights', async () => {
    await core().runCell({ cellId: 'c1', language: 'bigmodel', source: DATA_AND_MODEL });
    const cancel = new CancellationTokenSource();
    core().onCellOutputs((p) => {
      if (
        p.outputs.some((o) =>
          o.items.some((i) => i.mime === MIME.training && (i.data as TrainingPayload).epochs.length >= 3),
        )
      )
        cancel.cancel();
    });
    const stopped = training(
      (
        await core().runCell(
          { cellId: 'c2', language: 'bigmodel', source: 'train: { epochs: 500, learningRate: 0.02 }' },
          cancel.token,
        )
      ).outputs,
    );
    assert.equal(stopped.stopped, 'cancelled');
    assert.ok(
      stopped.epochs.length >= 3 && stopped.epochs.length < 500,
      `stopped after ${stopped.epochs.length} epochs`,
    );
    // Training again continues from the kept weights: its first epoch starts near where the last run ended.
    const again = training(
      (await core().runCell({ cellId: 'c3', language: 'bigmodel', source: 'train: { epochs: 1, learningRate: 0.02 }' }))
        .outputs,
    );
    assert.ok(
      again.epochs[0].loss < stopped.epochs[0].loss,
      `continued at ${again.epochs[0].loss}, fresh start was ${stopped.epochs[0].loss}`,
    );
  });

  it('fails the running cell with the reason when the core dies, and a new core can start', async () => {
    await core().runCell({ cellId: 'c1', language: 'bigmodel', source: DATA_AND_MODEL });
    const exited = new Promise<string>((resolve) => core().onExit((e) => resolve(e.reason)));
    core().onCellOutputs(() => process.kill(core().pid!, 'SIGKILL'));
    await assert.rejects(
      core().runCell({ cellId: 'c2', language: 'bigmodel', source: 'train: { epochs: 500 }' }),
      (e: unknown) => {
        assert.ok(e instanceof BigModelError);
        assert.match(e.message, /the training core stopped: killed by SIGKILL/);
        return true;
      },
    );
    assert.match(await exited, /SIGKILL/);
    assert.equal(core().running, false);
    const fresh = await TrainingCore.start({ corePath, backend: 'auto' });
    assert.equal(fresh.info.backend, 'wasm');
    await fresh.dispose();
  });
});
