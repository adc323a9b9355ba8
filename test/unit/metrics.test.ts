import * as assert from 'node:assert/strict';
import {
  accuracy,
  balancedAccuracy,
  confusionMatrix,
  constantAnswerScores,
  constantPredictionScores,
  perClassScores,
  regressionScores,
  roc,
  thin,
} from '../../src/core/metrics';

describe('evaluation metrics', () => {
  it('counts a confusion matrix with rows as the true class', () => {
    const m = confusionMatrix([0, 0, 1, 1, 2, 2], [0, 1, 1, 1, 0, 2], 3);
    assert.deepEqual(m, [
      [1, 1, 0],
      [0, 2, 0],
      [1, 0, 1],
    ]);
    assert.equal(accuracy(m), 4 / 6);
  });

  it('derives precision, recall, F1 and support per class', () => {
    const m = [
      [1, 1, 0],
      [0, 2, 0],
      [1, 0, 1],
    ];
    const [a, b, c] = perClassScores(m, ['a', 'b', 'c']);
    assert.deepEqual(a, { label: 'a', precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
    assert.equal(b.precision, 2 / 3);
    assert.equal(b.recall, 1);
    assert.equal(b.f1, 0.8);
    assert.equal(c.precision, 1);
    assert.equal(c.recall, 0.5);
  });

  it('gives 0, not NaN, for a class never predicted', () => {
    const [, never] = perClassScores(
      [
        [2, 0],
        [1, 0],
      ],
      ['x', 'y'],
    );
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

  // Reference values from scikit-learn 1.2 (python3-sklearn), computed once:
  //   from sklearn.metrics import *; from sklearn.dummy import DummyClassifier, DummyRegressor
  //   yt = [0,0,0,0,0,0,1,1,1,1]; yp = [0,0,0,0,1,1,1,1,1,0]
  //   balanced_accuracy_score(yt, yp), precision_score(yt, yp), recall_score(yt, yp), f1_score(yt, yp)
  //     -> 0.7083333333333333 0.6 0.75 0.6666666666666665
  //   yt3 = [0,0,0,0,0,0,0,1,1,1,2,2]; yp3 = [0,0,0,0,0,1,3,1,1,0,2,0]   # class 3 is predicted but never true
  //   balanced_accuracy_score(yt3, yp3) -> 0.626984126984127
  //   d = DummyClassifier(strategy='most_frequent').fit(X, [0]*7 + [1]*3); p = d.predict(X)   # always 0
  //   accuracy_score(yt, p), balanced_accuracy_score(yt, p), precision/recall/f1(yt, p, zero_division=0),
  //   roc_auc_score(yt, d.predict_proba(X)[:, 1]) -> 0.6 0.5 0.0 0.0 0.0 0.5
  //   r = DummyRegressor(strategy='mean').fit(X, [5,1,9,2,3]); q = r.predict(X)   # always 4.0
  //   ye = [2,4,6,8,11]; mean_absolute_error(ye, q), sqrt(mean_squared_error(ye, q)), r2_score(ye, q)
  //     -> 3.0 3.82099463490856 -0.49590163934426235
  it('averages recall over the classes that occur (scikit-learn balanced_accuracy_score)', () => {
    const binary = confusionMatrix([0, 0, 0, 0, 0, 0, 1, 1, 1, 1], [0, 0, 0, 0, 1, 1, 1, 1, 1, 0], 2);
    assert.ok(Math.abs(balancedAccuracy(binary) - 0.7083333333333333) < 1e-12);
    const [, positive] = perClassScores(binary, ['no', 'yes']);
    assert.ok(
      Math.abs(positive.precision - 0.6) < 1e-12 &&
        positive.recall === 0.75 &&
        Math.abs(positive.f1 - 0.6666666666666665) < 1e-12,
    );
    const four = confusionMatrix([0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2], [0, 0, 0, 0, 0, 1, 3, 1, 1, 0, 2, 0], 4);
    assert.ok(
      Math.abs(balancedAccuracy(four) - 0.626984126984127) < 1e-12,
      'a class that is never true does not count',
    );
    assert.equal(
      balancedAccuracy([
        [5, 0],
        [5, 0],
      ]),
      0.5,
      'always one answer: chance, whatever the balance',
    );
  });

  it('scores always answering one class as scikit-learn’s DummyClassifier(most_frequent)', () => {
    const s = constantAnswerScores([6, 4], 0, 1);
    assert.deepEqual(s, { accuracy: 0.6, balancedAccuracy: 0.5, precision: 0, recall: 0, f1: 0, auc: 0.5 });
    const yes = constantAnswerScores([6, 4], 1, 1);
    assert.equal(yes.recall, 1);
    assert.equal(yes.precision, 0.4);
    assert.deepEqual(constantAnswerScores([3, 5, 2], 1), { accuracy: 0.5, balancedAccuracy: 1 / 3 });
  });

  it('scores always predicting the training mean as scikit-learn’s DummyRegressor(mean)', () => {
    const s = constantPredictionScores([2, 4, 6, 8, 11], [4]);
    assert.equal(s.mae, 3);
    assert.ok(Math.abs(s.rmse - 3.82099463490856) < 1e-12);
    assert.ok(Math.abs(s.r2 - -0.49590163934426235) < 1e-12);
  });

  it('thins a long curve keeping its ends', () => {
    const t = thin(
      Array.from({ length: 1001 }, (_, i) => i),
      11,
    );
    assert.deepEqual(t, [0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
  });
});
