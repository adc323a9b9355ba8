// Precision, recall and ROC AUC of a classifier's predictions over a whole split, computed as scikit-learn computes them.
import { argmaxRows } from '../evaluate';
import { confusionMatrix, perClassScores, roc } from '../metrics';

/** The figures the trainer computes itself instead of compiling them into tfjs (its `precision` is not scikit-learn's). */
export const CLASSIFIER_SCORES = ['precision', 'recall', 'auc'] as const;
export type ClassifierScore = (typeof CLASSIFIER_SCORES)[number];

export function isClassifierScore(name: string): name is ClassifierScore {
  return (CLASSIFIER_SCORES as readonly string[]).includes(name);
}

/**
 * Binary labels (`truth` 0/1, 1 the positive class) against the model's outputs, `width` per sample: one sigmoid output
 * (P(positive)) or two softmax outputs (column 1 is P(positive)). A sample is called positive from P ≥ 0.5, as the
 * evaluation's confusion matrix calls it. scikit-learn's `precision_score` / `recall_score` with `zero_division=0`, and
 * `roc_auc_score` (NaN when the split has one class only, where scikit-learn refuses).
 */
export function binaryScores(
  truth: ArrayLike<number>,
  outputs: ArrayLike<number>,
  width: 1 | 2,
): Record<ClassifierScore, number> {
  const scores = Float64Array.from({ length: truth.length }, (_, i) => outputs[i * width + width - 1]);
  const positive = perClassScores(
    confusionMatrix(
      truth,
      Int32Array.from(scores, (p) => (p >= 0.5 ? 1 : 0)),
      2,
    ),
    ['0', '1'],
  )[1];
  return { precision: positive.precision, recall: positive.recall, auc: roc(truth, scores).auc };
}

/**
 * One-hot labels of `classes` classes against probabilities per class; a sample's class is its largest output (the first
 * on a tie, as numpy's argmax). scikit-learn's `average='macro'`: the unweighted mean over the classes that occur in the
 * labels or the predictions, `zero_division=0`. AUC is one-vs-rest, macro-averaged (`roc_auc_score(multi_class='ovr')`)
 * over the classes that have both positive and negative samples in the split: scikit-learn refuses a split that lacks a
 * class, but a small validation split often does, and the other classes' areas still say how well the model ranks.
 */
export function macroScores(
  truth: Float32Array,
  outputs: Float32Array,
  classes: number,
): Record<ClassifierScore, number> {
  const actual = argmaxRows(truth, classes);
  const matrix = confusionMatrix(actual, argmaxRows(outputs, classes), classes);
  const perClass = perClassScores(
    matrix,
    matrix.map((_, c) => String(c)),
  );
  const present = perClass.filter((s, c) => s.support > 0 || matrix.some((row) => row[c] > 0));
  const areas = perClass.flatMap((s, c) =>
    s.support > 0 && s.support < actual.length
      ? [
          roc(
            Int32Array.from(actual, (a) => (a === c ? 1 : 0)),
            Float32Array.from(actual, (_a, i) => outputs[i * classes + c]),
          ).auc,
        ]
      : [],
  );
  return {
    precision: mean(present.map((s) => s.precision)),
    recall: mean(present.map((s) => s.recall)),
    auc: mean(areas),
  };
}

function mean(values: number[]): number {
  return values.length === 0 ? NaN : values.reduce((a, b) => a + b, 0) / values.length;
}
