// Compare Runs' pure parts: which hyperparameters changed, the cell text diff, and the dashboard's string table.
import * as assert from 'node:assert/strict';
import { DASHBOARD_TEXT, dashboardText } from '../../src/shared/dashboardText';
import type { RunRecord } from '../../src/shared/outputs';
import { cellChanges, changedHyperparameters, diffLines, hasChanges } from '../../src/shared/runCompare';

function run(over: Partial<RunRecord>): RunRecord {
  return {
    specHash: 'abc', startedAt: '2026-11-23T10:00:00.000Z', durationMs: 1000, backend: 'wasm', device: 'cpu',
    hyperparameters: { epochs: 30, learningRate: 0.02, optimizer: 'adam' }, epochs: 30, stopped: 'completed', final: { loss: 0.1 },
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
    assert.deepEqual(changedHyperparameters([run({ hyperparameters: { earlyStopping: { patience: 3 } } }), run({ hyperparameters: { earlyStopping: { patience: 5 } } })])[0].values, ['{"patience":3}', '{"patience":5}']);
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
    assert.equal(dashboardText('zh-cn')('runs.label', { n: 2, when: 'x', epochs: 30, final: 'loss 0.1' }), '第 2 次运行：x，30 轮，loss 0.1');
    assert.equal(dashboardText('en')('state.done', { stopped: 'completed' }), 'Finished: completed');
  });
});
