// evaluate() on real TensorFlow.js models with fixed weights: the metrics, the positive class, a sigmoid or a softmax
// output for a binary task, the baseline of a model that learned nothing, and validation that chose the epoch.
import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { evaluate } from '../../src/core/evaluate';
import type { SessionData, Split } from '../../src/core/data';
import { parseCell } from '../../src/shared/cellSpec';

// Reference values from scikit-learn 1.2 (python3-sklearn), computed once:
//   yt = [0,0,0,0,0,0,1,1,1,1]; x = [-2,-1.5,-1,-0.5,0.5,1,2,1.5,0.8,-0.3]; yp = x >= 0
//   balanced_accuracy_score(yt, yp) 0.7083333333333333, precision 0.6, recall 0.75, f1 0.6666666666666665,
//   roc_auc_score(yt, sigmoid(x)) 0.875
//   DummyClassifier(most_frequent) fitted on [0]*7 + [1]*3: accuracy 0.6, balanced 0.5, precision/recall/f1 0, AUC 0.5
//   yt3 = [0,0,0,0,0,0,0,1,1,1,2,2]; yp3 = [0,0,0,0,0,1,3,1,1,0,2,0]: balanced_accuracy_score 0.626984126984127
//   ye = [2,4,6,8,11]; yp = [2.5,3,6,9,10]: MAE 0.7, RMSE 0.806225774829855, R² 0.9334016393442623
//   DummyRegressor(mean) fitted on [5,1,9,2,3] (predicts 4.0): MAE 3.0, RMSE 3.82099463490856, R² -0.49590163934426235
const close = (a: number | undefined, b: number, what: string) =>
  assert.ok(a !== undefined && Math.abs(a - b) < 1e-6, `${what}: ${a} ≠ ${b}`);

const BINARY_X = [-2, -1.5, -1, -0.5, 0.5, 1, 2, 1.5, 0.8, -0.3];
const BINARY_Y = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1];

function split(xs: number[][], ys: number[][]): Split {
  return { xs: tf.tensor2d(xs), ys: tf.tensor2d(ys), size: xs.length };
}

function dense(
  units: number,
  inputs: number,
  activation: 'sigmoid' | 'softmax' | 'linear',
  kernel: number[][],
  loss: string,
): tf.LayersModel {
  const model = tf.sequential({ layers: [tf.layers.dense({ units, inputShape: [inputs], activation })] });
  model.setWeights([tf.tensor2d(kernel), tf.zeros([units])]);
  model.compile({ optimizer: 'sgd', loss });
  return model;
}

function binaryData(): SessionData {
  const train = split(
    [[0], [0], [0], [0], [0], [0], [0], [0], [0], [0]],
    [[0], [0], [0], [0], [0], [0], [0], [1], [1], [1]],
  );
  return {
    source: 'crafted',
    task: 'binary',
    inputShape: [1],
    classes: ['no', 'yes'],
    train,
    test: split(
      BINARY_X.map((x) => [x]),
      BINARY_Y.map((y) => [y]),
    ),
    validation: split(
      BINARY_X.map((x) => [x]),
      BINARY_Y.map((y) => [y]),
    ),
  };
}

const ON_TEST = parseCell('evaluate: { on: test }');
const ON_VALIDATION = parseCell('evaluate: { on: validation }');

describe('evaluate', () => {
  it('measures a sigmoid binary classifier: positive-class precision, recall, F1, balanced accuracy, AUC and the majority baseline', async () => {
    const data = binaryData();
    const e = await evaluate(tf, ON_TEST, dense(1, 1, 'sigmoid', [[1]], 'binaryCrossentropy'), data);
    assert.equal(e.positive, 'yes');
    assert.deepEqual(e.confusionMatrix, {
      labels: ['no', 'yes'],
      values: [
        [4, 2],
        [1, 3],
      ],
    });
    close(e.metrics.accuracy, 0.7, 'accuracy');
    close(e.metrics.balancedAccuracy, 0.7083333333333333, 'balanced accuracy');
    close(e.metrics.precision, 0.6, 'precision');
    close(e.metrics.recall, 0.75, 'recall');
    close(e.metrics.f1, 0.6666666666666665, 'F1');
    close(e.metrics.auc, 0.875, 'AUC');
    assert.ok(Number.isFinite(e.metrics.loss));
    assert.deepEqual(e.baseline, {
      kind: 'majority',
      label: 'no',
      metrics: { accuracy: 0.6, balancedAccuracy: 0.5, precision: 0, recall: 0, f1: 0, auc: 0.5 },
    });
    assert.equal(e.choseEpoch, undefined);
  });

  it('reads P(positive) from the second column of a two-unit softmax, with the same scores', async () => {
    const data = binaryData();
    // softmax([-x, x])[1] = sigmoid(2x): the same decisions and the same ranking as the sigmoid model.
    const e = await evaluate(tf, ON_TEST, dense(2, 1, 'softmax', [[-1, 1]], 'sparseCategoricalCrossentropy'), data);
    assert.deepEqual(e.confusionMatrix?.values, [
      [4, 2],
      [1, 3],
    ]);
    close(e.metrics.recall, 0.75, 'recall');
    close(e.metrics.auc, 0.875, 'AUC');
    assert.equal(e.roc?.fpr.length, e.roc?.tpr.length);
  });

  it('takes the majority from the training class balance when the data has one', async () => {
    const data = {
      ...binaryData(),
      classBalance: [
        { label: 'no', count: 3 },
        { label: 'yes', count: 7 },
      ],
    };
    const e = await evaluate(tf, ON_TEST, dense(1, 1, 'sigmoid', [[1]], 'binaryCrossentropy'), data);
    assert.equal(e.baseline?.label, 'yes');
    assert.deepEqual(e.baseline?.metrics, {
      accuracy: 0.4,
      balancedAccuracy: 0.5,
      precision: 0.4,
      recall: 1,
      f1: (2 * 0.4) / 1.4,
      auc: 0.5,
    });
  });

  it('marks validation that chose the epoch, and never a test split', async () => {
    const model = dense(1, 1, 'sigmoid', [[1]], 'binaryCrossentropy');
    assert.equal((await evaluate(tf, ON_VALIDATION, model, binaryData(), { choseEpoch: true })).choseEpoch, true);
    assert.equal((await evaluate(tf, ON_VALIDATION, model, binaryData())).choseEpoch, undefined);
    assert.equal((await evaluate(tf, ON_TEST, model, binaryData(), { choseEpoch: true })).choseEpoch, undefined);
  });

  it('gives a multi-class classifier balanced accuracy over the classes that occur, and the majority baseline', async () => {
    const truth = [0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2];
    const guess = [0, 0, 0, 0, 0, 1, 3, 1, 1, 0, 2, 0];
    const oneHot = (c: number) => [0, 1, 2, 3].map((i) => (i === c ? 1 : 0));
    const identity = [0, 1, 2, 3].map((i) => oneHot(i).map((v) => v * 5));
    const data: SessionData = {
      source: 'crafted',
      task: 'classification',
      inputShape: [4],
      classes: ['a', 'b', 'c', 'd'],
      train: split([oneHot(0)], [oneHot(0)]),
      classBalance: [
        { label: 'a', count: 2 },
        { label: 'b', count: 9 },
        { label: 'c', count: 9 },
        { label: 'd', count: 1 },
      ],
      test: split(guess.map(oneHot), truth.map(oneHot)),
    };
    const e = await evaluate(tf, ON_TEST, dense(4, 4, 'softmax', identity, 'categoricalCrossentropy'), data);
    close(e.metrics.accuracy, 8 / 12, 'accuracy');
    close(e.metrics.balancedAccuracy, 0.626984126984127, 'balanced accuracy');
    assert.equal(e.positive, undefined);
    // Ties go to the first class, as numpy's argmax in scikit-learn's most_frequent: `b`, 3 of the 12 test samples.
    assert.deepEqual(e.baseline, {
      kind: 'majority',
      label: 'b',
      metrics: { accuracy: 3 / 12, balancedAccuracy: 1 / 3 },
    });
  });

  it('gives regression the training mean as its baseline (DummyRegressor)', async () => {
    const data: SessionData = {
      source: 'crafted',
      task: 'regression',
      inputShape: [1],
      train: split([[0], [0], [0], [0], [0]], [[5], [1], [9], [2], [3]]),
      test: split([[2.5], [3], [6], [9], [10]], [[2], [4], [6], [8], [11]]),
    };
    const e = await evaluate(tf, ON_TEST, dense(1, 1, 'linear', [[1]], 'meanSquaredError'), data);
    close(e.metrics.mae, 0.7, 'MAE');
    close(e.metrics.rmse, 0.806225774829855, 'RMSE');
    close(e.metrics.r2, 0.9334016393442623, 'R²');
    assert.equal(e.baseline?.kind, 'mean');
    close(e.baseline?.value, 4, 'the training mean');
    close(e.baseline?.metrics.mae, 3, 'baseline MAE');
    close(e.baseline?.metrics.rmse, 3.82099463490856, 'baseline RMSE');
    close(e.baseline?.metrics.r2, -0.49590163934426235, 'baseline R²');
  });
});
