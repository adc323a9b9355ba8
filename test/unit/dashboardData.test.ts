// The dashboard's pure parts: which hyperparameters changed, the cell text diff, merging live outputs into what it
// shows, and its string table.
import * as assert from 'node:assert/strict';
import { mergeOutputs, type DashboardSnapshot } from '../../src/shared/dashboard';
import { DASHBOARD_TEXT, dashboardText } from '../../src/shared/dashboardText';
import { MIME, type EvaluationPayload, type RunRecord, type TrainingPayload } from '../../src/shared/outputs';
import { cellChanges, changedHyperparameters, diffLines, hasChanges } from '../../src/shared/runCompare';

function run(over: Partial<RunRecord>): RunRecord {
  return {
    specHash: 'abc',
    startedAt: '2026-11-23T10:00:00.000Z',
    durationMs: 1000,
    backend: 'wasm',
    device: 'cpu',
    hyperparameters: { epochs: 30, learningRate: 0.02, optimizer: 'adam' },
    epochs: 30,
    stopped: 'completed',
    final: { loss: 0.1 },
    ...over,
  };
}

describe('dashboard: compare runs', () => {
  it('lists only the hyperparameters that differ, with each run’s value', () => {
    const a = run({});
    const b = run({ hyperparameters: { epochs: 60, learningRate: 0.02, optimizer: 'sgd', batchSize: 16 } });
    assert.deepEqual(changedHyperparameters([a, b]), [
      { name: 'batchSize', values: [undefined, '16'] },
      { name: 'epochs', values: ['30', '60'] },
      { name: 'optimizer', values: ['adam', 'sgd'] },
    ]);
    assert.deepEqual(changedHyperparameters([a, run({})]), []);
    assert.deepEqual(
      changedHyperparameters([
        run({ hyperparameters: { earlyStopping: { patience: 3 } } }),
        run({ hyperparameters: { earlyStopping: { patience: 5 } } }),
      ])[0].values,
      ['{"patience":3}', '{"patience":5}'],
    );
  });

  it('diffs cell text line by line, keeping unchanged lines', () => {
    const before = 'train:\n  optimizer: adam\n  learningRate: 0.02\n  epochs: 30';
    const after = 'train:\n  optimizer: adam\n  learningRate: 0.05\n  epochs: 30\n  batchSize: 16';
    assert.deepEqual(diffLines(before, after), [
      { kind: 'same', text: 'train:' },
      { kind: 'same', text: '  optimizer: adam' },
      { kind: 'removed', text: '  learningRate: 0.02' },
      { kind: 'added', text: '  learningRate: 0.05' },
      { kind: 'same', text: '  epochs: 30' },
      { kind: 'added', text: '  batchSize: 16' },
    ]);
    assert.deepEqual(diffLines('', 'a'), [{ kind: 'added', text: 'a' }]);
    assert.equal(hasChanges(diffLines('x\ny', 'x\ny')), false);
  });

  it('diffs huge cells quickly: shared first and last lines stay, a middle too large to compare shows as removed then added', () => {
    const lines = (n: number, p: string) => Array.from({ length: n }, (_, i) => `${p}${i}`);
    const before = ['head', ...lines(3000, 'a'), 'tail'].join('\n');
    const after = ['head', ...lines(3000, 'b'), 'tail'].join('\n');
    const started = Date.now();
    const diff = diffLines(before, after);
    assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
    assert.deepEqual(
      diff.map((l) => l.kind),
      ['same', ...Array(3000).fill('removed'), ...Array(3000).fill('added'), 'same'],
    );
    assert.deepEqual([diff[0].text, diff[1].text, diff[3001].text, diff[6001].text], ['head', 'a0', 'b0', 'tail']);
  });

  it('compares runs cell by cell, and says when a run was recorded without its cells', () => {
    const a = run({ cells: ['data: { source: xor }', 'train: { epochs: 30 }'] });
    const b = run({ cells: ['data: { source: xor }', 'train: { epochs: 60 }', 'evaluate: {}'] });
    const cells = cellChanges(a, b);
    assert.ok(cells);
    assert.deepEqual(cells.map(hasChanges), [false, true, true]);
    assert.deepEqual(cells[2], [{ kind: 'added', text: 'evaluate: {}' }]);
    assert.equal(cellChanges(run({}), b), undefined);
  });

  it('has every dashboard string in Simplified Chinese, with the same placeholders', () => {
    const en = DASHBOARD_TEXT.en;
    const zh = DASHBOARD_TEXT['zh-cn'];
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      assert.ok(zh[key] && zh[key] !== en[key], `zh-cn translates ${key}`);
      assert.deepEqual(holes(zh[key]), holes(en[key]), `${key} keeps its placeholders`);
    }
    assert.equal(
      dashboardText('zh-cn')('runs.label', { n: 2, when: 'x', epochs: 30, final: 'loss 0.1' }),
      '第 2 次运行：x，30 轮，loss 0.1',
    );
    assert.equal(dashboardText('en')('state.done', { stopped: 'completed' }), 'Finished: completed');
  });
});

describe('dashboard: following a run', () => {
  const training = (state: 'running' | 'done', epochs: number): TrainingPayload => ({
    schema: 1,
    state,
    epochs: Array.from({ length: epochs }, (_, i) => ({ epoch: i + 1, loss: 1 / (i + 1) })),
    totalEpochs: 5,
    backend: 'wasm',
    device: 'cpu',
    samplesPerSecond: 100,
  });
  const evaluation: EvaluationPayload = {
    schema: 1,
    on: 'test',
    task: 'binary',
    samples: 10,
    metrics: { accuracy: 0.9 },
  };
  const out = (...items: { mime: string; data: unknown }[]) => [{ items }];
  const start: DashboardSnapshot = {
    language: 'en',
    notebookName: 'x.bigmodel',
    notebookUri: 'file:///x.bigmodel',
    running: true,
    runs: [],
    training: training('done', 5),
    evaluation,
  };

  it('keeps the last run’s results until a new run starts, then clears them', () => {
    const dataCell = mergeOutputs(
      start,
      out({ mime: MIME.dataPreview, data: {} }, { mime: 'text/plain', data: 'xor' }),
    );
    assert.equal(dataCell.evaluation, evaluation, 'a data cell leaves the results alone');
    const live = mergeOutputs(dataCell, out({ mime: MIME.training, data: training('running', 0) }));
    assert.equal(live.evaluation, undefined, 'a new run clears the previous confusion matrix');
    assert.equal(live.training?.state, 'running');
    const later = mergeOutputs({ ...live, evaluation }, out({ mime: MIME.training, data: training('running', 2) }));
    assert.equal(later.evaluation, evaluation, 'a live update of the same run keeps what it has');
    const done = mergeOutputs(
      later,
      out(
        { mime: MIME.training, data: training('done', 5) },
        { mime: MIME.evaluation, data: { ...evaluation, samples: 20 } },
      ),
    );
    assert.equal(done.training?.state, 'done');
    assert.equal(done.evaluation?.samples, 20);
    assert.equal(start.training?.state, 'done', 'the snapshot merged into is not changed');
  });
});
