// Reads a named metric from an evaluation, including the F1 / precision / recall the per-class scores imply.
import type { EvaluationPayload } from '../outputs';

/** Error-like metrics, where a smaller number is better. */
const LOWER_IS_BETTER = new Set(['loss', 'mae', 'mse', 'rmse', 'mape', 'msle', 'error']);

/** Scores that live between 0 and 1 and read naturally as a percentage. */
const FRACTIONS = new Set(['accuracy', 'f1', 'auc', 'precision', 'recall']);

/** Names Keras users also write for the same metric. */
const ALIASES: Record<string, string> = { acc: 'accuracy', f1score: 'f1', roc_auc: 'auc', mean_absolute_error: 'mae' };

/** The summary's own name for a metric: lower case, aliases resolved. */
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
 * The value of `metric` in an evaluation. `f1`, `precision` and `recall`, when not measured directly, come from
 * the per-class scores: the positive class (the second label) of a binary classifier, the unweighted mean over
 * classes (macro average) otherwise.
 */
export function metricValue(e: EvaluationPayload | undefined, metric: string): number | undefined {
  if (!e) return undefined;
  const key = canonical(metric);
  const direct = e.metrics[key] ?? e.metrics[metric];
  if (direct !== undefined && Number.isFinite(direct)) return direct;
  if ((key === 'f1' || key === 'precision' || key === 'recall') && e.perClass && e.perClass.length > 0) {
    if (e.task === 'binary' && e.perClass.length === 2) return e.perClass[1][key];
    return e.perClass.reduce((sum, c) => sum + c[key], 0) / e.perClass.length;
  }
  return undefined;
}
