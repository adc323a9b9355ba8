// Checks each goal metric against the evaluation and gives the verdict.
import type { EvaluationPayload } from '../outputs';
import { isFraction, lowerIsBetter, metricValue } from './metrics';
import type { GoalCheck, Verdict } from './types';

export function checkGoal(goal: Record<string, number> | undefined, evaluation: EvaluationPayload | undefined): GoalCheck[] {
  return Object.entries(goal ?? {})
    .filter(([, target]) => Number.isFinite(target))
    .map(([metric, given]) => {
      // `accuracy: 90` means 90%: a 0–1 score's goal above 1 is read as a percentage.
      const target = isFraction(metric) && given > 1 && given <= 100 ? given / 100 : given;
      const lower = lowerIsBetter(metric);
      const value = metricValue(evaluation, metric);
      const met = value !== undefined && (lower ? value <= target : value >= target);
      return { metric, target, lowerIsBetter: lower, value, met };
    });
}

/**
 * `meets-goal` only when every goal metric was measured and met; a goal that could not be checked (the run
 * did not measure it) is not met, so the verdict is then `below-goal` and the text says why.
 */
export function verdictOf(checks: GoalCheck[]): Verdict {
  if (checks.length === 0) return 'no-goal';
  return checks.every((c) => c.met) ? 'meets-goal' : 'below-goal';
}
