// The embedding recommender and the transformer text classifier examples, run as a user runs them
// (`node dist/cli.js run examples/<x>.bigmodel`) through the real training core, on fewer epochs than the notebooks ask
// for so that the test stays quick: each must still beat the answer that ignores the input.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EvaluationPayload } from '../../src/shared/outputs';
import { parseNotebook, serializeNotebook } from '../../src/shared/notebookFile';
import { scratchFolder } from './scratchFolder';

const root = path.join(__dirname, '../../..');
const cli = path.join(root, 'dist/cli.js');

/** A copy of an example beside its data, with `epochs:` lowered: the notebook otherwise as shipped. */
function quickCopy(dir: string, name: string, epochs: number): string {
  const notebook = parseNotebook(fs.readFileSync(path.join(root, 'examples', name), 'utf8'));
  let lowered = 0;
  for (const cell of notebook.cells) {
    cell.source = cell.source.map((line) => {
      if (!/^ {2}epochs: \d+$/.test(line)) return line;
      lowered++;
      return `  epochs: ${epochs}`;
    });
  }
  assert.equal(lowered, 1, 'the example has one `epochs:`');
  fs.symlinkSync(path.join(root, 'examples/data'), path.join(dir, 'data'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, serializeNotebook(notebook));
  return file;
}

function run(file: string) {
  const out = file.replace(/\.bigmodel$/, '-run.bigmodel');
  const r = spawnSync(process.execPath, [cli, 'run', file, '--out', out], { encoding: 'utf8', timeout: 300000 });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const executed = parseNotebook(fs.readFileSync(out, 'utf8'));
  return (cell: number, mime: string) =>
    executed.cells[cell].outputs?.flatMap((o) => o.items).find((i) => i.mime === mime)?.data;
}

describe('examples: embedding recommender and transformer text classifier', function () {
  this.timeout(300000);
  const dir = scratchFolder('bigmodel-seed-', 'each test');

  it('passes bigmodel check, and check finds a model that cannot fit the data of an earlier cell', () => {
    for (const name of ['recommender.bigmodel', 'transformer-text.bigmodel']) {
      const r = spawnSync(process.execPath, [cli, 'check', path.join(root, 'examples', name)], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stdout + r.stderr);
    }
    const file = path.join(dir(), 'wrong.bigmodel');
    const cells = [
      'data:\n  source: fashion-mnist',
      'model:\n  layers:\n    - conv2d: { filters: 8, kernelSize: 3 }\n    - dense: { units: 10, activation: softmax }',
      'train:\n  loss: binaryCrossentropy',
    ];
    fs.writeFileSync(
      file,
      JSON.stringify({
        bigmodel: 1,
        metadata: {},
        cells: cells.map((c) => ({ kind: 'code', language: 'bigmodel', source: c.split('\n'), outputs: [] })),
      }),
    );
    const r = spawnSync(process.execPath, [cli, 'check', file], { encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.match(
      r.stdout,
      /cell 2, line 4, column 7: error: `dense` after `conv2d` gets a 2-D feature map, not a vector: insert `flatten` before it/,
    );
  });

  it('recommender: user and item ids through one embedding table predict ratings better than the average rating', () => {
    const item = run(quickCopy(dir(), 'recommender.bigmodel', 6));
    const preview = item(1, 'application/vnd.bigmodel.data-preview+json') as {
      task: string;
      inputShape: number[];
      splits: Record<string, number>;
    };
    assert.equal(preview.task, 'regression');
    assert.deepEqual(preview.inputShape, [2]);
    assert.deepEqual(preview.splits, { train: 6400, validation: 1600 });
    const summary = item(2, 'application/vnd.bigmodel.model-summary+json') as {
      layers: { type: string; outputShape: (number | null)[] }[];
    };
    assert.deepEqual(
      summary.layers.map((l) => [l.type, l.outputShape.slice(1)]),
      [
        ['Embedding', [2, 16]],
        ['Flatten', [32]],
        ['Dense', [64]],
        ['Dense', [1]],
      ],
    );
    const evaluation = item(3, 'application/vnd.bigmodel.evaluation+json') as EvaluationPayload;
    assert.equal(evaluation.on, 'validation');
    // Predicting the average rating for every pair is off by 0.88 stars (data/ratings/README.md).
    assert.ok(evaluation.metrics.mae < 0.75, `validation MAE ${evaluation.metrics.mae}`);
  });

  it('transformer: text tokenized into ids, embedding + position + encoder block, classifies reviews on the test file', () => {
    const item = run(quickCopy(dir(), 'transformer-text.bigmodel', 5));
    const preview = item(1, 'application/vnd.bigmodel.data-preview+json') as {
      task: string;
      inputShape: number[];
      classes: string[];
      positive: string;
      splits: Record<string, number>;
    };
    // Two label values are a yes/no task, and its 2-unit softmax head trains on it (Teachable Machine's head).
    assert.equal(preview.task, 'binary');
    assert.deepEqual([preview.classes, preview.positive], [['negative', 'positive'], 'positive']);
    assert.deepEqual(preview.splits, { train: 2160, validation: 240, test: 400 });
    const summary = item(2, 'application/vnd.bigmodel.model-summary+json') as {
      layers: { type: string; outputShape: (number | null)[] }[];
    };
    assert.deepEqual(
      summary.layers.map((l) => l.type),
      ['Embedding', 'BigModelPositionEmbedding', 'BigModelTransformerEncoder', 'GlobalAveragePooling1D', 'Dense'],
    );
    const evaluation = item(3, 'application/vnd.bigmodel.evaluation+json') as EvaluationPayload;
    assert.equal(evaluation.on, 'test');
    assert.equal(evaluation.samples, 400);
    // The two labels are balanced: a model that ignores the text scores about 0.5.
    assert.ok(evaluation.metrics.accuracy > 0.8, `test accuracy ${evaluation.metrics.accuracy}`);
  });
});
