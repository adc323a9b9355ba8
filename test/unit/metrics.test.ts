import * as assert from 'node:assert/strict';
import { accuracy, confusionMatrix, perClassScores, regressionScores, roc, thin } from '../../src/core/metrics';

describe('evaluation metrics', () => {
  it('counts a confusion matrix with rows as the true class', () => {
    const m = confusionMatrix([0, 0, 1, 1, 2, 2], [0, 1, 1, 1, 0, 2], 3);
    assert.deepEqual(m, [[1, 1, 0], [0, 2, 0], [1, 0, 1]]);
    assert.equal(accuracy(m), 4 / 6);
  });

  it('derives precision, recall, F1 and support per class', () => {
    const m = [[1, 1, 0], [0, 2, 0], [1, 0, 1]];
    const [a, b, c] = perClassScores(m, ['a', 'b', 'c']);
    assert.deepEqual(a, { label: 'a', precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
    assert.equal(b.precision, 2 / 3);
    assert.equal(b.recall, 1);
    assert.equal(b.f1, 0.8);
    assert.equal(c.precision, 1);
    assert.equal(c.recall, 0.5);
  });

  it('gives 0, not NaN, for a class never predicted', () => {
    const [, never] = perClassScores([[2, 0], [1, 0]], ['x', 'y']);
    assert.deepEqual([never.precision, never.recall, never.f1], [0, 0, 0]);
  });

  it('computes ROC AUC as the chance a positive outscores a negative', () => {
    // positives 0.9, 0.4; negatives 0.6, 0.1: pairs won 3 of 4.
    const r = roc([1, 0, 1, 0], [0.9, 0.6, 0.4, 0.1]);
    assert.equal(r.auc, 0.75);
    assert.deepEqual(r.fpr, [0, 0, 0.5, 0.5, 1]);
    assert.deepEqual(r.tpr, [0, 0.5, 0.5, 1, 1]);
    assert.equal(roc([1, 0], [0.5, 0.5]).auc, 0.5, 'a tie counts half');
    assert.equal(roc([1, 1, 0, 0], [0.8, 0.7, 0.2, 0.1]).auc, 1);
  });

  it('measures regression error', () => {
    const s = regressionScores([1, 2, 3, 4], [1, 2, 3, 6]);
    assert.equal(s.mae, 0.5);
    assert.equal(s.rmse, 1);
    assert.equal(s.r2, 1 - 4 / 5);
  });

  it('thins a long curve keeping its ends', () => {
    const t = thin(Array.from({ length: 1001 }, (_, i) => i), 11);
    assert.deepEqual(t, [0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
  });
});
