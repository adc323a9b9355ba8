// Turns a run's payloads into the language-free facts of a summary and the list of diagnoses that fired.
import { baselinesOf, nearBaseline } from './baselines';
import { confusedPairs, rankClasses } from './classes';
import { readCost } from './cost';
import { isImages, readData } from './dataNotes';
import { readFitting } from './fitting';
import { checkGoal, verdictOf } from './goal';
import type { Analysis, FindingId, SummaryInput } from './types';

/** Fewer test samples than this make every score shaky (a 95% interval of several points). */
export const SMALL_TEST_SET = 500;

export function analyse(input: SummaryInput, goal: Record<string, number> | undefined): Analysis {
  const e = input.evaluation;
  const checks = checkGoal(goal, e);
  const baselines = baselinesOf(input.data, e);
  const f1 = rankClasses(e, 'f1');
  const recall = rankClasses(e, 'recall');
  const a: Analysis = {
    task: input.data?.task ?? e?.task,
    images: isImages(input.data?.inputShape),
    evaluation: e,
    goal: checks,
    verdict: verdictOf(checks),
    baselines,
    classRank: f1 && recall ? { f1, recall } : undefined,
    confused: confusedPairs(e),
    // A diverged run's curves say nothing about fit.
    fitting: input.training?.stopped === 'diverged' ? undefined : readFitting(input.training?.epochs, trainingBaseline(input)),
    cost: readCost(input),
    model: input.model && { params: input.model.totalParams, trainable: input.model.trainableParams, sizeBytes: input.model.sizeBytes },
    latencyMs: input.latencyMsPerSample !== undefined && input.latencyMsPerSample > 0 ? input.latencyMsPerSample : undefined,
    data: readData(input),
    findings: [],
  };
  a.findings = findingsOf(a);
  return a;
}

function findingsOf(a: Analysis): FindingId[] {
  const fired: Record<FindingId, boolean> = {
    'below-goal': a.goal.some((c) => c.value !== undefined && !c.met),
    'unmeasured-goal': a.goal.some((c) => c.value === undefined),
    'near-baseline': !!a.baselines && nearBaseline(a.baselines),
    'overfitting': !!a.fitting?.overfitting,
    'underfitting': !!a.fitting?.underfitting,
    'confused-pairs': a.confused.length > 0,
    'class-imbalance': !!a.data?.imbalance,
    'personal-data': (a.data?.personalColumns.length ?? 0) > 0,
    'small-test-set': !!a.evaluation && a.evaluation.samples < SMALL_TEST_SET,
    'sample-of-data': a.data?.fullTrainSize !== undefined,
    'training-cut-short': a.cost?.stopped === 'cancelled',
    'diverged': a.cost?.stopped === 'diverged',
  };
  return (Object.keys(fired) as FindingId[]).filter((id) => fired[id]);
}

/** What always guessing scores on the training split: for the "has not learned its training data" check. */
function trainingBaseline(input: SummaryInput): number | undefined {
  const balance = input.data?.classBalance;
  if (balance && balance.length > 0) {
    const total = balance.reduce((s, c) => s + c.count, 0);
    if (total > 0) return Math.max(...balance.map((c) => c.count)) / total;
  }
  const k = input.data?.classes?.length;
  return k ? 1 / k : undefined;
}
