// The MLP and CNN examples on Fashion-MNIST, run as a user runs them (`node dist/cli.js run examples/<x>.bigmodel`),
// on the 2,000-image sample that ships with the extension and one epoch, so the test stays quick: each must learn
// far beyond chance (10%). The full 5-epoch runs on all 60,000 images are measured in the README, not here.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type {
  DataPreviewPayload,
  EvaluationPayload,
  ModelSummaryPayload,
  TrainingPayload,
} from '../../src/shared/outputs';
import { parseNotebook, serializeNotebook } from '../../src/shared/notebookFile';
import { scratchFolder } from './scratchFolder';

const root = path.join(__dirname, '../../..');
const cli = path.join(root, 'dist/cli.js');

/** A copy of an example with one epoch: the notebook otherwise exactly as shipped. */
function oneEpochCopy(dir: string, name: string): string {
  const notebook = parseNotebook(fs.readFileSync(path.join(root, 'examples', name), 'utf8'));
  let changed = 0;
  for (const cell of notebook.cells) {
    cell.source = cell.source.map((line) => (/^ {2}epochs: \d+$/.test(line) ? (changed++, '  epochs: 1') : line));
  }
  assert.equal(changed, 1, 'the example has one `epochs:`');
  const file = path.join(dir, name);
  fs.writeFileSync(file, serializeNotebook(notebook));
  return file;
}

describe('examples: MLP and CNN on Fashion-MNIST', function () {
  this.timeout(300000);
  const dir = scratchFolder('bigmodel-fmnist-', 'each test');

  // At 2 threads the CNN's batches are split between two replicas of the model (src/core/backends/replicaPool.ts);
  // the MLP's are too little work a share to gain from it, so it trains on one thread and says so.
  for (const [name, layers, threads, device] of [
    ['fashion-mnist-mlp.bigmodel', ['Flatten', 'Dense', 'Dense'], '1', /\(WebAssembly SIMD, 1 thread\)$/],
    ['fashion-mnist-mlp.bigmodel', ['Flatten', 'Dense', 'Dense'], '2', /1 thread: this model is too small/],
    [
      'fashion-mnist-cnn.bigmodel',
      ['Conv2D', 'MaxPooling2D', 'Conv2D', 'MaxPooling2D', 'Conv2D', 'Flatten', 'Dense', 'Dense'],
      '1',
      /\(WebAssembly SIMD, 1 thread\)$/,
    ],
    [
      'fashion-mnist-cnn.bigmodel',
      ['Conv2D', 'MaxPooling2D', 'Conv2D', 'MaxPooling2D', 'Conv2D', 'Flatten', 'Dense', 'Dense'],
      '2',
      /2 threads, each training its share of every batch\)$/,
    ],
  ] as const) {
    it(`${name} runs through bigmodel run on the shipped sample and learns, at ${threads} thread(s)`, () => {
      const file = oneEpochCopy(dir(), name);
      const out = path.join(dir(), 'run.bigmodel');
      // An empty folder as the full set's place: the core must say it fell back to the sample.
      const env = { ...process.env, BIGMODEL_FASHION_MNIST_DIR: dir(), BIGMODEL_WASM_THREADS: threads };
      const r = spawnSync(process.execPath, [cli, 'run', file, '--out', out], {
        encoding: 'utf8',
        env,
        timeout: 300000,
      });
      assert.equal(r.status, 0, r.stdout + r.stderr);
      const cells = parseNotebook(fs.readFileSync(out, 'utf8')).cells;
      const item = <T>(cell: number, mime: string) =>
        cells[cell].outputs?.flatMap((o) => o.items).find((i) => i.mime === mime)?.data as T;
      const preview = item<DataPreviewPayload>(1, 'application/vnd.bigmodel.data-preview+json');
      assert.match(preview.note ?? '', /sample shipped with BigModel Studio/);
      assert.deepEqual(preview.splits, { train: 1800, validation: 200, test: 500 });
      const summary = item<ModelSummaryPayload>(2, 'application/vnd.bigmodel.model-summary+json');
      assert.deepEqual(
        summary.layers.map((l) => l.type),
        layers,
      );
      const training = item<TrainingPayload>(3, 'application/vnd.bigmodel.training+json');
      assert.equal(training.stopped, 'completed');
      assert.match(training.device, device);
      const evaluation = item<EvaluationPayload>(3, 'application/vnd.bigmodel.evaluation+json');
      assert.equal(evaluation.on, 'test');
      assert.ok(
        evaluation.metrics.accuracy > 0.5,
        `test accuracy ${evaluation.metrics.accuracy} after one epoch on the sample`,
      );
      assert.ok(
        cells[4].outputs?.some((o) => o.items.some((i) => i.mime === 'application/vnd.bigmodel.summary+json')),
        'the summary card',
      );
    });
  }
});
