// Precision, recall and AUC while training agree with scikit-learn on fixed predictions.
import * as assert from 'node:assert/strict';
import { binaryScores, macroScores } from '../../src/core/training/classifierScores';

/*
 * The expected numbers, computed once with scikit-learn 1.2.1 (CI has no scikit-learn):
 *
 *   import numpy as np
 *   from sklearn.metrics import precision_score, recall_score, roc_auc_score
 *   y = np.array([1,0,1,1,0,0,1,0,1,0,0,1])
 *   p = np.array([0.9,0.4,0.35,0.8,0.5,0.2,0.7,0.6,0.5,0.1,0.3,0.65])
 *   pred = (p >= 0.5).astype(int)
 *   precision_score(y, pred, zero_division=0), recall_score(y, pred, zero_division=0), roc_auc_score(y, p)
 *   #  0.7142857142857143, 0.8333333333333334, 0.875
 *   low = p * 0.4   # nothing reaches 0.5
 *   precision_score(y, (low >= 0.5).astype(int), zero_division=0), recall_score(...), roc_auc_score(y, low)   # 0.0, 0.0, 0.875
 *   y3 = np.array([0,1,2,2,1,0,0,2,1,1])
 *   P3 = np.array([[0.7,0.2,0.1],[0.3,0.4,0.3],[0.2,0.3,0.5],[0.1,0.6,0.3],[0.4,0.4,0.2],[0.5,0.3,0.2],[0.2,0.5,0.3],
 *                  [0.3,0.3,0.4],[0.6,0.3,0.1],[0.1,0.8,0.1]])
 *   g = P3.argmax(1)   # [0, 1, 2, 1, 0, 0, 1, 2, 0, 1]: a tie goes to the first class
 *   precision_score(y3, g, average='macro', zero_division=0), recall_score(y3, g, average='macro', zero_division=0),
 *   roc_auc_score(y3, P3, multi_class='ovr', average='macro')   # 0.6666666666666666, 0.611111111111111, 0.7926587301587302
 *   y3b = np.array([0,1,0,1,1,0,0,1,1,1])   # class 2 is predicted but never true
 *   precision_score(y3b, g, average='macro', zero_division=0), recall_score(y3b, g, average='macro', zero_division=0)
 *   # 0.4166666666666667, 0.3333333333333333
 *   np.mean([roc_auc_score((y3b == c).astype(int), P3[:, c]) for c in [0, 1]])   # 0.6875 (scikit-learn's ovr refuses y3b)
 */
const Y = [1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1];
const P = [0.9, 0.4, 0.35, 0.8, 0.5, 0.2, 0.7, 0.6, 0.5, 0.1, 0.3, 0.65];
const Y3 = [0, 1, 2, 2, 1, 0, 0, 2, 1, 1];
const Y3_WITHOUT_CLASS_2 = [0, 1, 0, 1, 1, 0, 0, 1, 1, 1];
const P3 = [
  [0.7, 0.2, 0.1],
  [0.3, 0.4, 0.3],
  [0.2, 0.3, 0.5],
  [0.1, 0.6, 0.3],
  [0.4, 0.4, 0.2],
  [0.5, 0.3, 0.2],
  [0.2, 0.5, 0.3],
  [0.3, 0.3, 0.4],
  [0.6, 0.3, 0.1],
  [0.1, 0.8, 0.1],
];
const oneHot = (labels: number[], k: number) =>
  Float32Array.from(labels.flatMap((l) => Array.from({ length: k }, (_, c) => (c === l ? 1 : 0))));
const close = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) < 1e-6, `${what}: ${actual}, scikit-learn ${expected}`);

describe('classifier scores while training', () => {
  it("are scikit-learn's precision, recall and ROC AUC for one sigmoid output, thresholded at 0.5 (ties at 0.5 count positive)", () => {
    const s = binaryScores(Float32Array.from(Y), Float32Array.from(P), 1);
    close(s.precision, 0.7142857142857143, 'precision');
    close(s.recall, 0.8333333333333334, 'recall');
    close(s.auc, 0.875, 'auc');
  });

  it('read column 1 of a two-unit softmax as P(positive)', () => {
    const s = binaryScores(Float32Array.from(Y), Float32Array.from(P.flatMap((p) => [1 - p, p])), 2);
    close(s.precision, 0.7142857142857143, 'precision');
    close(s.recall, 0.8333333333333334, 'recall');
    close(s.auc, 0.875, 'auc');
  });

  it('give precision 0 when nothing is called positive (zero_division=0), and AUC NaN with one class in the split', () => {
    const s = binaryScores(
      Float32Array.from(Y),
      Float32Array.from(P, (p) => p * 0.4),
      1,
    );
    assert.deepEqual([s.precision, s.recall], [0, 0]);
    close(s.auc, 0.875, 'auc of the same ranking');
    assert.ok(Number.isNaN(binaryScores(Float32Array.from([1, 1]), Float32Array.from([0.2, 0.9]), 1).auc));
  });

  it('macro-average over classes, argmax ties to the first class, AUC one-vs-rest', () => {
    const s = macroScores(oneHot(Y3, 3), Float32Array.from(P3.flat()), 3);
    close(s.precision, 0.6666666666666666, 'precision');
    close(s.recall, 0.611111111111111, 'recall');
    close(s.auc, 0.7926587301587302, 'auc');
  });

  it('average over the classes in the labels or the predictions, and AUC over the classes the split has', () => {
    const s = macroScores(oneHot(Y3_WITHOUT_CLASS_2, 3), Float32Array.from(P3.flat()), 3);
    close(s.precision, 0.4166666666666667, 'precision');
    close(s.recall, 0.3333333333333333, 'recall');
    close(s.auc, 0.6875, 'auc');
  });
});
