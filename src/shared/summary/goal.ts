// Checks each goal metric against the evaluation and gives the verdict.
import type { EvaluationPayload } from '../outputs';
import { isFraction, lowerIsBetter, metricValue } from './metrics';
import type { GoalCheck, NoBetter, Verdict } from './types';

/**
 * Each goal metric (any metric the run measured or its scores imply; several keys must all hold). A model no better
 * than one that learned nothing (`noBetter`) meets no goal: a value that clears its target is then `hollow`, not met.
 */
export function checkGoal(
  goal: Record<string, number> | undefined,
  evaluation: EvaluationPayload | undefined,
  noBetter?: NoBetter,
): GoalCheck[] {
  return Object.entries(goal ?? {})
    .filter(([, target]) => Number.isFinite(target))
    .map(([metric, given]) => {
      // `accuracy: 90` means 90%: a 0–1 score's goal above 1 is read as a percentage.
      const target = isFraction(metric) && given > 1 && given <= 100 ? given / 100 : given;
      const lower = lowerIsBetter(metric);
      const value = metricValue(evaluation, metric);
      const clears = value !== undefined && (lower ? value <= target : value >= target);
      const check: GoalCheck = { metric, target, lowerIsBetter: lower, value, met: clears && !noBetter };
      if (clears && noBetter) check.hollow = true;
      return check;
    });
}

/**
 * `meets-goal` only when every goal metric was measured and met; a goal that could not be checked (the run did not
 * measure it) or that a model no better than a baseline clears is not met, so the verdict is then `below-goal` and the
 * text says why.
 */
export function verdictOf(checks: GoalCheck[]): Verdict {
  if (checks.length === 0) return 'no-goal';
  return checks.every((c) => c.met) ? 'meets-goal' : 'below-goal';
}
