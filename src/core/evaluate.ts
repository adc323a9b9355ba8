// The `evaluate` section: runs the trained model over the test (or validation) split and measures it.
import * as l10n from '@vscode/l10n';
import type { LayersModel, Scalar, Tensor } from '@tensorflow/tfjs';
import type { ParsedCell } from '../shared/cellSpec';
import type { EvaluationPayload } from '../shared/outputs';
import { CellError } from './cellError';
import type { SessionData, Split } from './data';
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
} from './metrics';
import type { Tf } from './tf';

const BATCH = 512;

/** What the session knows about the evaluated split that the split itself does not say. */
export interface EvaluateOptions {
  /** Early stopping watched this split to choose the epoch (or `restoreBest` kept its best): its figures are optimistic. */
  choseEpoch?: boolean;
}

export async function evaluate(
  tf: Tf,
  cell: ParsedCell,
  model: LayersModel,
  data: SessionData,
  options: EvaluateOptions = {},
): Promise<EvaluationPayload> {
  const on = cell.spec.evaluate?.on ?? 'test';
  const split = on === 'test' ? data.test : data.validation;
  if (!split) {
    const message =
      on === 'test'
        ? l10n.t('there is no test split to evaluate on: give `data.test` a file, or evaluate `on: validation`')
        : l10n.t('there is no validation split to evaluate on: give `data.validation` a fraction such as 0.1');
    throw new CellError('invalid-cell', message, cell.locate(['evaluate']));
  }
  const { predicted, width, truth, loss } = await predictAll(tf, model, split);
  const metrics: Record<string, number> = { loss: loss ?? (await lossOf(tf, model, split)) };
  const base: EvaluationPayload = { schema: 1, on, task: data.task, samples: split.size, metrics };
  // Only the split that chose the epoch is not unseen: a test split never is.
  if (on === 'validation' && options.choseEpoch) base.choseEpoch = true;
  if (data.task === 'regression') {
    const means = await columnMeans(tf, data.train.ys);
    const baseline = constantPredictionScores(truth, means);
    return {
      ...base,
      metrics: { ...metrics, ...regressionScores(truth, predicted) },
      baseline: { kind: 'mean', ...(means.length === 1 ? { value: means[0] } : {}), metrics: baseline },
    };
  }
  const labels = data.classes ?? [];
  if (data.task === 'binary') {
    const classes = labels.length === 2 ? labels : ['0', '1'];
    // One sigmoid output is P(positive); two softmax outputs have P(positive) in the second column.
    const scores =
      width === 1 ? predicted : Float32Array.from({ length: split.size }, (_, i) => predicted[i * width + 1]);
    const guesses = Array.from(scores, (p) => (p >= 0.5 ? 1 : 0));
    const trueClasses = Array.from(truth, (y) => (y >= 0.5 ? 1 : 0));
    const matrix = confusionMatrix(trueClasses, guesses, 2);
    const perClass = perClassScores(matrix, classes);
    const curve = roc(trueClasses, scores);
    const points = thin(
      curve.fpr.map((f, i) => [f, curve.tpr[i]] as const),
      200,
    );
    const { precision, recall, f1 } = perClass[1];
    return {
      ...base,
      metrics: {
        ...metrics,
        accuracy: accuracy(matrix),
        balancedAccuracy: balancedAccuracy(matrix),
        precision,
        recall,
        f1,
        auc: curve.auc,
      },
      confusionMatrix: { labels: classes, values: matrix },
      perClass,
      roc: { fpr: points.map((p) => p[0]), tpr: points.map((p) => p[1]) },
      positive: classes[1],
      baseline: await majorityBaseline(tf, data, matrix, classes, 1),
    };
  }
  const count = labels.length;
  const guesses = argmaxRows(predicted, width);
  const trueClasses = argmaxRows(truth, count);
  const matrix = confusionMatrix(trueClasses, guesses, count);
  return {
    ...base,
    metrics: { ...metrics, accuracy: accuracy(matrix), balancedAccuracy: balancedAccuracy(matrix) },
    confusionMatrix: { labels, values: matrix },
    perClass: perClassScores(matrix, labels),
    baseline: await majorityBaseline(tf, data, matrix, labels),
  };
}

/**
 * Always answering the training split's most common class (the first of equals, as scikit-learn's `most_frequent`),
 * scored on the evaluated samples (the matrix's row sums). The class balance counts the whole training split (also
 * a table read from its file in batches); without it, the labels in memory are counted.
 */
async function majorityBaseline(
  tf: Tf,
  data: SessionData,
  matrix: number[][],
  labels: string[],
  positive?: number,
): Promise<EvaluationPayload['baseline']> {
  const balance =
    data.classBalance?.length === labels.length
      ? data.classBalance.map((c) => c.count)
      : await labelCounts(data.train.ys, labels.length);
  const answer = balance.reduce((best, n, c) => (n > balance[best] ? c : best), 0);
  const counts = matrix.map((row) => row.reduce((a, b) => a + b, 0));
  return {
    kind: 'majority',
    label: labels[answer] ?? String(answer),
    metrics: constantAnswerScores(counts, answer, positive),
  };
}

/** Samples per class of a label tensor: one-hot rows, or one 0/1 column for a binary task. */
async function labelCounts(ys: Tensor, classes: number): Promise<number[]> {
  const values = (await ys.data()) as Float32Array;
  const width = ys.shape.slice(1).reduce((a, b) => a * b, 1);
  const counts = new Array<number>(classes).fill(0);
  if (width === 1) for (const y of values) counts[y >= 0.5 ? 1 : 0]++;
  else for (const c of argmaxRows(values, width)) counts[c]++;
  return counts;
}

/** The training targets' mean per output column: what scikit-learn's `DummyRegressor` predicts. */
async function columnMeans(tf: Tf, ys: Tensor): Promise<number[]> {
  const means = tf.tidy(() => tf.mean(ys.reshape([ys.shape[0], -1]), 0));
  const values = Array.from(await means.data());
  means.dispose();
  return values;
}

async function lossOf(tf: Tf, model: LayersModel, split: Split): Promise<number> {
  const result = model.evaluate(split.xs, split.ys, { batchSize: BATCH }) as Scalar | Scalar[];
  const all = Array.isArray(result) ? result : [result];
  const loss = (await all[0].data())[0];
  tf.dispose(all);
  return loss;
}

/**
 * Predictions and targets as flat arrays, batch by batch so a large test set never sits twice on the device, and the
 * loss from the same predictions as model.evaluate computes it (the mean of the loss function over each batch, weighted
 * by its size): one forward pass over the split instead of two. A model with several loss functions gets no loss here
 * (lossOf runs model.evaluate for it). `width` is the model's outputs per sample, which may differ from the targets'
 * (a binary task's one 0/1 column against two softmax units).
 */
async function predictAll(
  tf: Tf,
  model: LayersModel,
  split: Split,
): Promise<{ predicted: Float32Array; width: number; truth: Float32Array; loss?: number }> {
  let predicted = new Float32Array(0);
  let width = 1;
  const lossFunction = model.lossFunctions?.length === 1 ? model.lossFunctions[0] : undefined;
  let lossSum = 0;
  for (let start = 0; start < split.size; start += BATCH) {
    const size = Math.min(BATCH, split.size - start);
    const [out, loss] = tf.tidy(() => {
      const y = model.predict(split.xs.slice(start, size)) as Tensor;
      return [y, lossFunction ? tf.mean(lossFunction(split.ys.slice(start, size), y)) : undefined] as const;
    });
    if (start === 0) {
      width = out.shape.slice(1).reduce((a, b) => a * b, 1);
      predicted = new Float32Array(split.size * width);
    }
    predicted.set(await out.data(), start * width);
    if (loss) lossSum += (await loss.data())[0] * size;
    tf.dispose([out, loss]);
  }
  const truth = (await split.ys.data()) as Float32Array;
  return { predicted, width, truth: Float32Array.from(truth), loss: lossFunction ? lossSum / split.size : undefined };
}

export function argmaxRows(values: Float32Array, width: number): Int32Array {
  const rows = values.length / width;
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let c = 1; c < width; c++) if (values[r * width + c] > values[r * width + best]) best = c;
    out[r] = best;
  }
  return out;
}
