// Evaluation metrics as plain functions over arrays: confusion matrix, per-class scores, ROC AUC, regression errors.
import type { PerClassScore } from '../shared/outputs';

export function confusionMatrix(truth: ArrayLike<number>, predicted: ArrayLike<number>, classes: number): number[][] {
  const m = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < truth.length; i++) m[truth[i]][predicted[i]]++;
  return m;
}

/** Precision, recall and F1 per class from a confusion matrix (rows = true class); 0 where undefined. */
export function perClassScores(matrix: number[][], labels: string[]): PerClassScore[] {
  return labels.map((label, c) => {
    const tp = matrix[c][c];
    const support = matrix[c].reduce((a, b) => a + b, 0);
    const predicted = matrix.reduce((a, row) => a + row[c], 0);
    const precision = predicted === 0 ? 0 : tp / predicted;
    const recall = support === 0 ? 0 : tp / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label, precision, recall, f1, support };
  });
}

export function accuracy(matrix: number[][]): number {
  const total = matrix.reduce((a, row) => a + row.reduce((x, y) => x + y, 0), 0);
  const right = matrix.reduce((a, row, i) => a + row[i], 0);
  return total === 0 ? 0 : right / total;
}

/**
 * The mean recall over the classes that occur among the true labels (rows with samples), as scikit-learn's
 * `balanced_accuracy_score`: 1/k for a model that always gives one answer, whatever the class balance.
 */
export function balancedAccuracy(matrix: number[][]): number {
  const recalls = matrix.flatMap((row, c) => {
    const support = row.reduce((a, b) => a + b, 0);
    return support === 0 ? [] : [row[c] / support];
  });
  return recalls.length === 0 ? 0 : recalls.reduce((a, b) => a + b, 0) / recalls.length;
}

/**
 * What always answering class `answer` scores on samples with `counts[c]` samples of each true class (scikit-learn's
 * `DummyClassifier(strategy="most_frequent")` when `answer` is the training split's most common class): accuracy and
 * balanced accuracy, and for a binary task (`positive` given) the positive class's precision, recall and F1 (0 where
 * undefined, as `zero_division=0`) and the AUC of a constant score, 0.5.
 */
export function constantAnswerScores(counts: number[], answer: number, positive?: number): Record<string, number> {
  const matrix = counts.map((n) => counts.map((_, c) => (c === answer ? n : 0)));
  const scores: Record<string, number> = { accuracy: accuracy(matrix), balancedAccuracy: balancedAccuracy(matrix) };
  if (positive !== undefined) {
    const { precision, recall, f1 } = perClassScores(matrix, counts.map(String))[positive];
    Object.assign(scores, { precision, recall, f1, auc: 0.5 });
  }
  return scores;
}

/**
 * The ROC curve and its area for scores of the positive class. Ties are one step (so AUC equals the
 * Mann–Whitney probability that a random positive scores above a random negative, ties counting half).
 */
export function roc(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
): { fpr: number[]; tpr: number[]; auc: number } {
  const order = Array.from({ length: labels.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === 1) positives++;
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return { fpr: [0, 1], tpr: [0, 1], auc: NaN };
  const fpr = [0];
  const tpr = [0];
  let tp = 0;
  let fp = 0;
  let auc = 0;
  for (let k = 0; k < order.length;) {
    const score = scores[order[k]];
    let dtp = 0;
    let dfp = 0;
    for (; k < order.length && scores[order[k]] === score; k++) {
      if (labels[order[k]] === 1) dtp++;
      else dfp++;
    }
    auc += (dfp / negatives) * ((tp + dtp / 2) / positives);
    tp += dtp;
    fp += dfp;
    fpr.push(fp / negatives);
    tpr.push(tp / positives);
  }
  return { fpr, tpr, auc };
}

export function regressionScores(
  truth: ArrayLike<number>,
  predicted: ArrayLike<number>,
): { mae: number; rmse: number; r2: number } {
  const n = truth.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += truth[i] / n;
  let abs = 0;
  let sq = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const e = truth[i] - predicted[i];
    abs += Math.abs(e);
    sq += e * e;
    total += (truth[i] - mean) ** 2;
  }
  return { mae: abs / n, rmse: Math.sqrt(sq / n), r2: total === 0 ? NaN : 1 - sq / total };
}

/**
 * What always predicting `means` (per output column; scikit-learn's `DummyRegressor(strategy="mean")` when they are the
 * training targets' means) scores on `truth`, a row-major array of `means.length` columns.
 */
export function constantPredictionScores(
  truth: ArrayLike<number>,
  means: number[],
): { mae: number; rmse: number; r2: number } {
  const predicted = Float64Array.from({ length: truth.length }, (_, i) => means[i % means.length]);
  return regressionScores(truth, predicted);
}

/** Keeps at most `max` points of a curve (evenly spaced, first and last kept) so payloads stay small. */
export function thin<T>(points: T[], max: number): T[] {
  if (points.length <= max) return points;
  const step = (points.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => points[Math.round(i * step)]);
}
