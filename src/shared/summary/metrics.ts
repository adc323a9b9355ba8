// Reads a named metric from an evaluation, including those the per-class scores and the other metrics imply.
import type { EvaluationPayload } from '../outputs';

/** Error-like metrics, where a smaller number is better. */
const LOWER_IS_BETTER = new Set(['loss', 'mae', 'mse', 'rmse', 'mape', 'msle', 'error']);

/** Scores that live between 0 and 1 and read naturally as a percentage. */
const FRACTIONS = new Set(['accuracy', 'balancedaccuracy', 'f1', 'auc', 'precision', 'recall']);

/** Names Keras and scikit-learn users also write for the same metric. */
const ALIASES: Record<string, string> = {
  acc: 'accuracy',
  f1score: 'f1',
  f1_score: 'f1',
  roc_auc: 'auc',
  mean_absolute_error: 'mae',
  mean_squared_error: 'mse',
  root_mean_squared_error: 'rmse',
  balanced_accuracy: 'balancedaccuracy',
  r2_score: 'r2',
};

/** The summary's own name for a metric: lower case, aliases resolved (`balancedAccuracy` → `balancedaccuracy`). */
export function canonical(metric: string): string {
  const m = metric.toLowerCase();
  return ALIASES[m] ?? m;
}

export function lowerIsBetter(metric: string): boolean {
  return LOWER_IS_BETTER.has(canonical(metric));
}

export function isFraction(metric: string): boolean {
  return FRACTIONS.has(canonical(metric));
}

/**
 * The value of `metric` in an evaluation, found under any spelling (`balancedAccuracy`, `balanced_accuracy`, `acc`…).
 * When not measured directly: `f1`, `precision` and `recall` come from the per-class scores (the positive class, the
 * second label, of a binary classifier; the unweighted mean over classes, macro average, otherwise); balanced accuracy
 * is the mean recall over the classes that have samples; `mse` is RMSE squared.
 */
export function metricValue(e: EvaluationPayload | undefined, metric: string): number | undefined {
  if (!e) return undefined;
  const key = canonical(metric);
  const direct = e.metrics[metric] ?? Object.entries(e.metrics).find(([name]) => canonical(name) === key)?.[1];
  if (direct !== undefined && Number.isFinite(direct)) return direct;
  const perClass = e.perClass ?? [];
  if ((key === 'f1' || key === 'precision' || key === 'recall') && perClass.length > 0) {
    if (e.task === 'binary' && perClass.length === 2) return perClass[1][key];
    return perClass.reduce((sum, c) => sum + c[key], 0) / perClass.length;
  }
  if (key === 'balancedaccuracy') {
    const present = perClass.filter((c) => c.support > 0);
    if (present.length > 0) return present.reduce((sum, c) => sum + c.recall, 0) / present.length;
  }
  if (key === 'mse') {
    const rmse = metricValue(e, 'rmse');
    if (rmse !== undefined) return rmse * rmse;
  }
  return undefined;
}
