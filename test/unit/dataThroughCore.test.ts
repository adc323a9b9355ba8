// The new data kinds through the real training core (`node dist/cli.js run`): token ids of a text column into an
// embedding, categorical columns with cross-validation, and the errors that cross-validation gives before a train cell.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EvaluationPayload } from '../../src/shared/outputs';
import { parseNotebook } from '../../src/shared/notebookFile';
import { scratchFolder } from './scratchFolder';

const root = path.join(__dirname, '../../..');
const fixtures = path.join(root, 'test/fixtures/data');
const cli = path.join(root, 'dist/cli.js');

function run(
  dir: string,
  cells: string[],
): { status: number | null; output: string; outputs: (mime: string, cell: number) => unknown } {
  const file = path.join(dir, `nb-${Math.random().toString(36).slice(2)}.bigmodel`);
  const nb = {
    bigmodel: 1,
    metadata: {},
    cells: cells.map((c) => ({ kind: 'code', language: 'bigmodel', source: c.split('\n'), outputs: [] })),
  };
  fs.writeFileSync(file, JSON.stringify(nb, null, 2) + '\n');
  const out = `${file}.out`;
  const r = spawnSync(process.execPath, [cli, 'run', file, '--out', out], { encoding: 'utf8', timeout: 300000 });
  const executed = fs.existsSync(out) ? parseNotebook(fs.readFileSync(out, 'utf8')) : undefined;
  return {
    status: r.status,
    output: r.stdout + r.stderr,
    outputs: (mime, cell) => executed?.cells[cell].outputs?.flatMap((o) => o.items).find((i) => i.mime === mime)?.data,
  };
}

describe('data: new kinds through the training core', () => {
  const dir = scratchFolder('bigmodel-data-core-');

  it('trains an embedding on the token ids of a text column, its inputDim the vocabulary size, and refuses a smaller one', () => {
    const r = run(dir(), [
      `data: { train: ${JSON.stringify(path.join(fixtures, 'reviews.csv'))}, text: review, maxLength: 6, vocabularySize: 30, shuffle: false }`,
      'model:\n  layers:\n    - embedding: { outputDim: 8 }\n    - globalAveragePooling1d\n    - dense: { units: 2, activation: softmax }',
      'train: { epochs: 2, batchSize: 2 }',
    ]);
    assert.equal(r.status, 0, r.output);
    // 16 words in the 6 reviews, plus [PAD] and [UNK]: the embedding's inputDim, 18 × 8 weights.
    const summary = r.outputs('application/vnd.bigmodel.model-summary+json', 1) as { layers: { params: number }[] };
    assert.equal(summary.layers[0].params, 18 * 8);
    const preview = r.outputs('application/vnd.bigmodel.data-preview+json', 0) as {
      inputShape: number[];
      classes: string[];
    };
    assert.deepEqual(preview.inputShape, [6]);
    assert.deepEqual(preview.classes, ['negative', 'positive']);
    assert.match(r.output, /epoch 2\/2: loss/);

    const small = run(dir(), [
      `data: { train: ${JSON.stringify(path.join(fixtures, 'reviews.csv'))}, text: review }`,
      'model:\n  layers:\n    - embedding: { inputDim: 10, outputDim: 8 }\n    - globalAveragePooling1d\n    - dense: { units: 2, activation: softmax }',
    ]);
    assert.equal(small.status, 1);
    assert.match(
      small.output,
      /cell 2, line 3, column \d+: `embedding` has inputDim 10, but the text column's vocabulary has 18 ids: set `inputDim: 18`/,
    );
  });

  it('cross-validates a model on one-hot categories, and refuses folds before there is a train cell', () => {
    const data = `data: { train: ${JSON.stringify(path.join(fixtures, 'people.json'))}, label: churned, categorical: [plan] }`;
    const model =
      'model:\n  layers:\n    - dense: { units: 4, activation: relu }\n    - dense: { units: 1, activation: sigmoid }';
    const early = run(dir(), [data, model, 'evaluate: { folds: 2 }']);
    assert.equal(early.status, 1);
    assert.match(
      early.output,
      /cell 3, line 1, column \d+: cross-validation trains each fold as your `train` section says: run a cell with a `train` section first/,
    );

    const r = run(dir(), [data, model, 'train: { epochs: 2 }\nevaluate: { folds: 3 }']);
    assert.equal(r.status, 0, r.output);
    const cv = r.outputs('application/vnd.bigmodel.evaluation+json', 2) as EvaluationPayload & {
      crossValidation: { folds: number; metrics: Record<string, { values: number[] }> };
    };
    assert.equal(cv.crossValidation.folds, 3);
    assert.equal(cv.samples, 6);
    assert.equal(cv.crossValidation.metrics.loss.values.length, 3);
    assert.match(r.output, /3-fold cross-validation on 6 samples/);

    const tooMany = run(dir(), [data, model, 'train: { epochs: 1 }\nevaluate: { folds: 7 }']);
    assert.equal(tooMany.status, 1);
    assert.match(tooMany.output, /7 folds need at least 7 training samples; there are 6/);
  });
});
