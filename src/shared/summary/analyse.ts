// Turns a run's payloads into the language-free facts of a summary and the list of diagnoses that fired.
import { baselinesOf, evaluatedSplit, nearBaseline, noBetterOf, regressionBaselineOf } from './baselines';
import { confusedPairs, rankClasses } from './classes';
import { readCost } from './cost';
import { isImages, readData } from './dataNotes';
import { readFitting } from './fitting';
import { checkGoal, verdictOf } from './goal';
import type { Analysis, FindingId, PredictionSpeed, SummaryInput } from './types';

/** Fewer test samples than this make every score shaky (a 95% interval of several points). */
export const SMALL_TEST_SET = 500;

export function analyse(input: SummaryInput, goal: Record<string, number> | undefined): Analysis {
  const e = input.evaluation;
  const t = input.training;
  const baselines = baselinesOf(input.data, e);
  const regression = regressionBaselineOf(e);
  const noBetter = noBetterOf(baselines, regression, e?.samples);
  const checks = checkGoal(goal, e, noBetter);
  const f1 = rankClasses(e, 'f1');
  const recall = rankClasses(e, 'recall');
  // A run whose loss blew up (NaN, or far above where it started) has curves that say nothing about fit.
  const broken = t?.stopped === 'diverged' || t?.trouble?.kind === 'diverging';
  const a: Analysis = {
    task: input.data?.task ?? e?.task,
    images: isImages(input.data?.inputShape),
    evaluation: e,
    evaluated: e && evaluatedSplit(e, t),
    goal: checks,
    verdict: verdictOf(checks),
    noBetter,
    baselines,
    regression,
    classRank: f1 && recall ? { f1, recall } : undefined,
    confused: confusedPairs(e),
    fitting: broken ? undefined : readFitting(t?.epochs, trainingBaseline(input), t?.keptEpoch),
    monitor: t?.monitor?.name,
    cost: readCost(input),
    model: input.model && {
      params: input.model.totalParams,
      trainable: input.model.trainableParams,
      sizeBytes: input.model.sizeBytes,
    },
    prediction: measured(input.prediction),
    data: readData(input),
    findings: [],
  };
  a.findings = findingsOf(a);
  return a;
}

function findingsOf(a: Analysis): FindingId[] {
  const overfitting = a.fitting?.overfitting;
  const fired: Record<FindingId, boolean> = {
    'below-goal': a.goal.some((c) => c.value !== undefined && !c.met),
    'unmeasured-goal': a.goal.some((c) => c.value === undefined),
    'near-baseline': !!a.noBetter || nearBaseline(a.baselines, a.regression),
    // Kept weights from before the overfitting began do not carry it.
    overfitting: !!overfitting && !overfitting.beforeKept,
    // A learning rate that left training stuck at chance is under-fitting too, with its own fix.
    underfitting: !!a.fitting?.underfitting || a.cost?.trouble?.kind === 'stuck',
    'confused-pairs': a.confused.length > 0,
    'class-imbalance': !!a.data?.imbalance,
    'personal-data': (a.data?.personalColumns.length ?? 0) > 0,
    'small-test-set': !!a.evaluation && a.evaluation.samples < SMALL_TEST_SET,
    'sample-of-data': a.data?.fullTrainSize !== undefined,
    'training-cut-short': a.cost?.stopped === 'cancelled',
    diverged: a.cost?.stopped === 'diverged' || a.cost?.trouble?.kind === 'diverging',
  };
  return (Object.keys(fired) as FindingId[]).filter((id) => fired[id]);
}

function measured(p: PredictionSpeed | undefined): PredictionSpeed | undefined {
  return p &&
    p.oneExampleMs > 0 &&
    p.examplesPerSecond > 0 &&
    Number.isFinite(p.oneExampleMs) &&
    Number.isFinite(p.examplesPerSecond)
    ? p
    : undefined;
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
