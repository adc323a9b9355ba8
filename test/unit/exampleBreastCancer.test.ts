// The binary-classifier example on a real table, run as a user runs it: `node dist/cli.js run examples/breast-cancer.bigmodel`,
// through the real training core, with its test file, its evaluation and its 5-fold cross-validation.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EvaluationPayload } from '../../src/shared/outputs';
import { parseNotebook } from '../../src/shared/notebookFile';
import { scratchFolder } from './scratchFolder';

const root = path.join(__dirname, '../../..');
const cli = path.join(root, 'dist/cli.js');
const example = path.join(root, 'examples/breast-cancer.bigmodel');

type CrossValidated = EvaluationPayload & {
  crossValidation: { folds: number; metrics: Record<string, { mean: number; std: number; values: number[] }> };
};

describe('example: breast cancer binary classifier', () => {
  const dir = scratchFolder('bigmodel-example-');

  it('trains dense 10 relu → dense 1 sigmoid on the real table, beats chance on the test file, and cross-validates in 5 folds', function () {
    this.timeout(300000); // six trainings (one, then five folds) on a shared machine
    const before = fs.readFileSync(example, 'utf8');
    const out = path.join(dir(), 'breast-cancer-run.bigmodel');
    const r = spawnSync(process.execPath, [cli, 'run', example, '--out', out], { encoding: 'utf8', timeout: 300000 });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal(fs.readFileSync(example, 'utf8'), before, 'the example is not modified');
    const executed = parseNotebook(fs.readFileSync(out, 'utf8'));
    const item = (cell: number, mime: string) =>
      executed.cells[cell].outputs?.flatMap((o) => o.items).find((i) => i.mime === mime)?.data;

    const preview = item(1, 'application/vnd.bigmodel.data-preview+json') as {
      task: string;
      inputShape: number[];
      splits: Record<string, number>;
    };
    assert.equal(preview.task, 'binary');
    assert.deepEqual(preview.inputShape, [30]);
    assert.deepEqual(preview.splits, { train: 365, validation: 91, test: 113 });

    const evaluation = item(3, 'application/vnd.bigmodel.evaluation+json') as EvaluationPayload;
    assert.equal(evaluation.on, 'test');
    assert.equal(evaluation.samples, 113);
    // 42 of the 113 test masses are malignant: always answering "benign" scores 0.63.
    assert.ok(evaluation.metrics.accuracy > 0.9, `test accuracy ${evaluation.metrics.accuracy}`);

    const cv = item(5, 'application/vnd.bigmodel.evaluation+json') as CrossValidated;
    assert.equal(cv.crossValidation.folds, 5);
    assert.equal(cv.samples, 456, 'every training row is measured once');
    const accuracy = cv.crossValidation.metrics.accuracy;
    assert.equal(accuracy.values.length, 5);
    assert.ok(accuracy.mean > 0.9 && accuracy.std >= 0 && accuracy.std < 0.1, JSON.stringify(accuracy));
    assert.equal(
      cv.confusionMatrix?.values.flat().reduce((a, b) => a + b, 0),
      456,
    );
    assert.match(String(item(5, 'text/plain')), /5-fold cross-validation on 456 samples .*accuracy 0\.9\d+ ± 0\.0\d+/);
  });
});
