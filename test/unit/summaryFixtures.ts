// Runs for the summary tests: a realistic Fashion-MNIST run, and builders for crafted histories and datasets.
import { FASHION_CLASSES } from '../../src/core/data/fashionMnist';
import { accuracy, balancedAccuracy, constantAnswerScores, perClassScores } from '../../src/core/metrics';
import type { EpochRecord, EvaluationPayload } from '../../src/shared/outputs';
import type { SummaryInput } from '../../src/shared/summary';

/** The class names as the core's Fashion-MNIST loader gives them. */
export const FASHION = FASHION_CLASSES;

/** A 10 000-image test set, 1 000 per class, as a small CNN scores it (rows = true class). */
export const FASHION_MATRIX = [
  [862, 1, 15, 20, 4, 1, 89, 0, 8, 0],
  [2, 979, 0, 13, 3, 0, 2, 0, 1, 0],
  [17, 1, 858, 9, 63, 0, 50, 0, 2, 0],
  [22, 6, 10, 904, 32, 0, 24, 0, 2, 0],
  [1, 1, 72, 26, 862, 0, 37, 0, 1, 0],
  [0, 0, 0, 1, 0, 975, 0, 17, 1, 6],
  [121, 1, 68, 27, 62, 0, 712, 0, 9, 0],
  [0, 0, 0, 0, 0, 11, 0, 961, 0, 28],
  [4, 1, 3, 4, 2, 2, 5, 4, 974, 1],
  [0, 0, 0, 0, 0, 5, 0, 33, 1, 961],
];

/** Ten epochs where validation loss bottoms out at epoch 6 and then climbs while training loss keeps falling. */
export const FASHION_EPOCHS: EpochRecord[] = [
  [0.52, 0.81, 0.36, 0.87],
  [0.34, 0.877, 0.31, 0.888],
  [0.29, 0.894, 0.28, 0.898],
  [0.26, 0.905, 0.27, 0.902],
  [0.24, 0.912, 0.255, 0.907],
  [0.22, 0.919, 0.25, 0.91],
  [0.205, 0.924, 0.252, 0.911],
  [0.19, 0.93, 0.258, 0.91],
  [0.175, 0.935, 0.265, 0.912],
  [0.163, 0.94, 0.272, 0.911],
].map(([loss, acc, valLoss, valAcc], i) => ({
  epoch: i + 1,
  loss,
  accuracy: acc,
  val_loss: valLoss,
  val_accuracy: valAcc,
}));

export function evaluationOf(
  matrix: number[][],
  labels: string[],
  task: 'classification' | 'binary' = 'classification',
  extra: Record<string, number> = {},
): EvaluationPayload {
  const samples = matrix.flat().reduce((a, b) => a + b, 0);
  return {
    schema: 1,
    on: 'test',
    task,
    samples,
    metrics: { loss: 0.2718, accuracy: accuracy(matrix), ...extra },
    confusionMatrix: { labels, values: matrix },
    perClass: perClassScores(matrix, labels),
  };
}

export function fashionRun(): SummaryInput {
  const balance = [5412, 5391, 5437, 5380, 5402, 5396, 5418, 5405, 5371, 5388];
  return {
    data: {
      schema: 1,
      source: 'fashion-mnist',
      task: 'classification',
      inputShape: [28, 28, 1],
      classes: FASHION,
      splits: { train: 54000, validation: 6000, test: 10000 },
      classBalance: FASHION.map((label, i) => ({ label, count: balance[i] })),
    },
    model: { schema: 1, layers: [], totalParams: 93322, trainableParams: 93322, sizeBytes: 373288 },
    training: {
      schema: 1,
      state: 'done',
      epochs: FASHION_EPOCHS,
      totalEpochs: 10,
      backend: 'tensorflow',
      device: 'NVIDIA H100 80GB HBM3',
      samplesPerSecond: 5412.7,
      stopped: 'completed',
    },
    evaluation: evaluationOf(FASHION_MATRIX, FASHION),
    prediction: { oneExampleMs: 0.84, calls: 50, examplesPerSecond: 48_762, batchSize: 256 },
    trainingDurationMs: 104_300,
  };
}

/** A training payload around a crafted history. */
export function withEpochs(
  base: SummaryInput,
  epochs: EpochRecord[],
  stopped: 'completed' | 'early-stopping' | 'cancelled' | 'diverged' = 'completed',
): SummaryInput {
  const training = base.training ?? {
    schema: 1,
    state: 'done',
    epochs: [],
    totalEpochs: 10,
    backend: 'cpu',
    device: 'cpu',
    samplesPerSecond: 8000,
  };
  const totalEpochs = stopped === 'completed' ? epochs.length : Math.max(epochs.length, training.totalEpochs);
  return { ...base, training: { ...training, epochs, totalEpochs, stopped } };
}

/** Records from parallel arrays; `acc` / `valAcc` optional. */
export function history(loss: number[], valLoss?: number[], acc?: number[], valAcc?: number[]): EpochRecord[] {
  return loss.map((l, i) => {
    const r: EpochRecord = { epoch: i + 1, loss: l };
    if (valLoss) r.val_loss = valLoss[i];
    if (acc) r.accuracy = acc[i];
    if (valAcc) r.val_accuracy = valAcc[i];
    return r;
  });
}

/** A churn-style binary table with a 4:1 class balance and the given column names. */
export function churnRun(featureNames: string[]): SummaryInput {
  const matrix = [
    [1480, 120],
    [150, 250],
  ];
  return {
    data: {
      schema: 1,
      source: 'churn.csv',
      task: 'binary',
      inputShape: [featureNames.length],
      classes: ['stays', 'churns'],
      splits: { train: 8000, test: 2000 },
      classBalance: [
        { label: 'stays', count: 6400 },
        { label: 'churns', count: 1600 },
      ],
    },
    featureNames,
    evaluation: { ...evaluationOf(matrix, ['stays', 'churns'], 'binary', { auc: 0.8731 }) },
  };
}

/** A regression run: MAE 3.14 on 1 200 held-out rows. */
export function regressionRun(): SummaryInput {
  return {
    data: {
      schema: 1,
      source: 'houses.csv',
      task: 'regression',
      inputShape: [6],
      splits: { train: 4800, validation: 600, test: 1200 },
    },
    training: {
      schema: 1,
      state: 'done',
      totalEpochs: 4,
      backend: 'cpu',
      device: 'cpu',
      samplesPerSecond: 20480,
      stopped: 'completed',
      epochs: history([40.2, 22.5, 18.3, 16.9], [35.1, 21.8, 18.9, 18.1]),
    },
    evaluation: {
      schema: 1,
      on: 'test',
      task: 'regression',
      samples: 1200,
      metrics: { loss: 17.62, mae: 3.1415, rmse: 4.1977, r2: 0.8127 },
    },
    trainingDurationMs: 1890,
  };
}

/**
 * The reported case: features that are pure noise, a label that is 95% "no", and a model that answers "no" every
 * time. Its evaluation is what evaluate() now writes: balanced accuracy, the positive class's scores, the baseline.
 */
export function noiseRun(): SummaryInput {
  const matrix = [
    [1900, 0],
    [100, 0],
  ];
  const labels = ['no', 'yes'];
  const [, yes] = perClassScores(matrix, labels);
  return {
    data: {
      schema: 1,
      source: 'noise.csv',
      task: 'binary',
      inputShape: [12],
      classes: labels,
      positive: 'yes',
      splits: { train: 8000, validation: 2000, test: 2000 },
      classBalance: [
        { label: 'no', count: 7600 },
        { label: 'yes', count: 400 },
      ],
    },
    featureNames: Array.from({ length: 12 }, (_, i) => `f${i + 1}`),
    training: {
      schema: 1,
      state: 'done',
      totalEpochs: 5,
      backend: 'wasm',
      device: 'CPU (WebAssembly)',
      samplesPerSecond: 61200,
      stopped: 'completed',
      learningRate: 0.001,
      epochs: history(
        [0.231, 0.199, 0.198, 0.1978, 0.1977],
        [0.2, 0.199, 0.1985, 0.1986, 0.1986],
        [0.946, 0.95, 0.95, 0.95, 0.95],
        [0.95, 0.95, 0.95, 0.95, 0.95],
      ),
    },
    evaluation: {
      schema: 1,
      on: 'test',
      task: 'binary',
      samples: 2000,
      positive: 'yes',
      metrics: {
        loss: 0.1992,
        accuracy: accuracy(matrix),
        balancedAccuracy: balancedAccuracy(matrix),
        precision: yes.precision,
        recall: yes.recall,
        f1: yes.f1,
        auc: 0.5031,
      },
      confusionMatrix: { labels, values: matrix },
      perClass: perClassScores(matrix, labels),
      baseline: { kind: 'majority', label: 'no', metrics: constantAnswerScores([1900, 100], 0, 1) },
    },
    trainingDurationMs: 812,
  };
}

/** Regression with the mean predictor's scores: `good` learned something (MAE 43.5 against 61.0), else it is worse than the mean. */
export function regressionWithBaseline(good: boolean): SummaryInput {
  const base = regressionRun();
  const metrics = good
    ? { loss: 3348.2, mae: 43.52, rmse: 57.86, r2: 0.4671 }
    : { loss: 6012.5, mae: 64.8, rmse: 77.54, r2: -0.0701 };
  return {
    ...base,
    data: { ...base.data!, source: 'diabetes.csv' },
    evaluation: {
      schema: 1,
      on: 'test',
      task: 'regression',
      samples: 89,
      metrics,
      baseline: { kind: 'mean', value: 152.13, metrics: { mae: 61.01, rmse: 75.1, r2: -0.0038 } },
    },
  };
}

/** Early stopping on `val_loss` kept epoch 4 of 7; evaluated on that same validation split. */
export function keptEpochRun(): SummaryInput {
  const run = fashionRun();
  const epochs = history(
    [0.6, 0.42, 0.36, 0.31, 0.27, 0.24, 0.21],
    [0.5, 0.4, 0.37, 0.35, 0.36, 0.38, 0.41],
    [0.79, 0.85, 0.87, 0.89, 0.905, 0.915, 0.925],
    [0.82, 0.856, 0.866, 0.875, 0.872, 0.868, 0.863],
  );
  return {
    ...run,
    training: {
      ...run.training!,
      epochs,
      totalEpochs: 20,
      stopped: 'early-stopping',
      keptEpoch: 4,
      monitor: { name: 'val_loss', mode: 'min' },
    },
    evaluation: { ...evaluationOf(FASHION_MATRIX, FASHION), on: 'validation', choseEpoch: true },
  };
}

/**
 * A run whose loss rose far above where it began (no NaN), learned from a `limit:`ed 10,000 of 120,000 rows: its
 * accuracy is the majority share, though it does not give one answer only.
 */
export function troubledRun(): SummaryInput {
  const run = churnRun(['tenure', 'plan', 'monthly_spend']);
  return {
    ...run,
    evaluation: evaluationOf(
      [
        [1450, 150],
        [250, 150],
      ],
      ['stays', 'churns'],
      'binary',
      { auc: 0.5712 },
    ),
    data: {
      ...run.data!,
      splits: { train: 10000, test: 2000 },
      partial: { reason: 'limit', usedRows: 10000, totalRows: 120000 },
    },
    training: {
      schema: 1,
      state: 'done',
      totalEpochs: 6,
      backend: 'wasm',
      device: 'CPU (WebAssembly)',
      samplesPerSecond: 25000,
      stopped: 'completed',
      learningRate: 0.5,
      trouble: { kind: 'diverging', learningRate: 0.5, suggestedLearningRate: 0.05 },
      epochs: history([0.69, 2.4, 5.1, 7.9, 9.6, 11.2], [0.7, 2.9, 5.5, 8.3, 9.9, 12.1]),
    },
    trainingDurationMs: 2600,
  };
}

/** 5-fold cross-validation of a 3-class balanced table (the shape crossValidate() writes: pooled matrix, no baseline). */
export function crossValidatedRun(): SummaryInput {
  const labels = ['setosa', 'versicolor', 'virginica'];
  const matrix = [
    [50, 0, 0],
    [0, 46, 4],
    [0, 5, 45],
  ];
  const e = evaluationOf(matrix, labels);
  return {
    data: {
      schema: 1,
      source: 'iris',
      task: 'classification',
      inputShape: [4],
      classes: labels,
      splits: { train: 150 },
      classBalance: labels.map((label) => ({ label, count: 50 })),
    },
    evaluation: Object.assign(
      { ...e, on: 'validation' as const },
      {
        crossValidation: {
          folds: 5,
          metrics: {
            accuracy: { mean: e.metrics.accuracy, std: 0.0249, values: [0.9667, 0.9333, 0.9667, 0.9, 0.9333] },
          },
        },
      },
    ),
  };
}

/** A spread of runs that together trip every diagnosis, for the tests that check every summary. */
export function variedRuns(): [string, SummaryInput, Record<string, number>][] {
  return [
    ['fashion-mnist', fashionRun(), { accuracy: 0.9, f1: 0.95 }],
    [
      'fashion-mnist on a sample, stopped early',
      {
        ...withEpochs(
          fashionRun(),
          history([0.6, 0.4, 0.3], [0.5, 0.38, 0.33], [0.78, 0.86, 0.89], [0.81, 0.86, 0.88]),
          'early-stopping',
        ),
        fullTrainSize: 60000,
      },
      { accuracy: 0.92 },
    ],
    ['churn with personal columns', churnRun(['tenure', 'email', 'plan']), { auc: 0.85, recall: 0.7 }],
    ['regression', regressionRun(), { mae: 3, r2: 0.8 }],
    [
      'underfitting',
      withEpochs(fashionRun(), history([2.1, 1.9, 1.7], [2.15, 1.95, 1.78], [0.3, 0.35, 0.41], [0.29, 0.34, 0.4])),
      {},
    ],
    [
      'overfitting by gap, cancelled',
      withEpochs(
        fashionRun(),
        history([0.6, 0.45, 0.38, 0.33], [0.62, 0.5, 0.45, 0.44], [0.8, 0.9, 0.95, 0.98], [0.79, 0.86, 0.88, 0.89]),
        'cancelled',
      ),
      { auc: 0.9 },
    ],
    [
      'diverged, small test set',
      {
        ...withEpochs(churnRun(['tenure']), history([0.7, 0.9], [0.7, 1.2]), 'diverged'),
        evaluation: evaluationOf(
          [
            [60, 20],
            [25, 15],
          ],
          ['stays', 'churns'],
          'binary',
        ),
      },
      { accuracy: 0.8 },
    ],
    ['untested', { ...fashionRun(), evaluation: undefined }, { accuracy: 0.9 }],
    ['noise, 95% no, always answers no', noiseRun(), { accuracy: 0.9 }],
    ['regression better than the mean', regressionWithBaseline(true), { mae: 50 }],
    ['regression worse than the mean', regressionWithBaseline(false), { r2: -1 }],
    ['kept epoch, validation chose it', keptEpochRun(), { accuracy: 0.85 }],
    ['diverging at a large learning rate, limited rows', troubledRun(), { recall: 0.5 }],
    ['cross-validated, three balanced classes', crossValidatedRun(), { balancedAccuracy: 0.9 }],
  ];
}
