// The churn example as a user runs it (`node dist/cli.js run examples/churn.bigmodel`): a yes/no label written as words,
// a category column, a summary that compares the model with always answering "no", and raw new rows scored through
// the exported model's own pipeline, a plan the training rows never had among them.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DataPreviewPayload, EvaluationPayload, SummaryPayload } from '../../src/shared/outputs';
import { parseNotebook } from '../../src/shared/notebookFile';

const root = path.join(__dirname, '../../..');
const cli = path.join(root, 'dist/cli.js');

describe('example: churn, a yes/no label written as words', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bigmodel-churn-'));
    // A copy beside its data, so the export lands in the temporary folder and the example stays as shipped.
    fs.cpSync(path.join(root, 'examples/data/churn'), path.join(dir, 'data/churn'), { recursive: true });
    fs.copyFileSync(path.join(root, 'examples/churn.bigmodel'), path.join(dir, 'churn.bigmodel'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('trains a binary classifier on yes/no words, measures it against always answering "no", and scores raw new rows', function () {
    this.timeout(300000);
    const out = path.join(dir, 'churn-run.bigmodel');
    const r = spawnSync(process.execPath, [cli, 'run', path.join(dir, 'churn.bigmodel'), '--out', out], {
      encoding: 'utf8',
      timeout: 300000,
    });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const executed = parseNotebook(fs.readFileSync(out, 'utf8'));
    const items = executed.cells.flatMap((c) => c.outputs ?? []).flatMap((o) => o.items);
    const item = <T>(mime: string) => items.find((i) => i.mime === mime)?.data as T;

    const preview = item<DataPreviewPayload>('application/vnd.bigmodel.data-preview+json');
    assert.deepEqual([preview.task, preview.classes, preview.positive], ['binary', ['no', 'yes'], 'yes']);
    assert.deepEqual(preview.splits, { train: 1200, validation: 300, test: 400 });
    // Stratified: the validation rows keep the training file's share of "yes" (283 of 1,500).
    const yes = preview.classBalance!.find((c) => c.label === 'yes')!.count;
    assert.ok(Math.abs(yes / 1200 - 283 / 1500) < 0.01, `${yes} of 1,200 training rows are "yes"`);

    const evaluation = item<EvaluationPayload>('application/vnd.bigmodel.evaluation+json');
    assert.equal(evaluation.positive, 'yes');
    assert.equal(evaluation.baseline?.label, 'no');
    assert.ok(
      evaluation.metrics.accuracy > evaluation.baseline!.metrics.accuracy,
      'the model beats always answering "no"',
    );
    assert.ok(evaluation.metrics.auc > 0.75, `test AUC ${evaluation.metrics.auc}`);

    const summary = item<SummaryPayload>('application/vnd.bigmodel.summary+json');
    assert.match(summary.markdown, /Always answering “no”/);
    // The goal names recall: the verdict follows the measured recall of "yes", whatever the accuracy.
    const recall = evaluation.metrics.recall;
    assert.equal(summary.verdict, recall >= 0.5 && evaluation.metrics.auc >= 0.75 ? 'meets-goal' : 'below-goal');

    const predictions = items
      .filter((i) => i.mime === 'text/plain')
      .map((i) => String(i.data))
      .find((t) => t.startsWith('4 predictions'));
    assert.match(
      predictions ?? '',
      /^4 predictions \(classes: no, yes\)\n1\. new-customers\.csv line 2 → (yes|no) \(\d+\.\d%\)\n2\. new-customers\.csv line 3 → (yes|no)/,
    );
    const model = JSON.parse(fs.readFileSync(path.join(dir, 'models/churn/model.json'), 'utf8'));
    assert.deepEqual(model.userDefinedMetadata.bigmodel.pipeline.label, {
      task: 'binary',
      classes: ['no', 'yes'],
      positive: 'yes',
    });
  });
});
