// The bars a model must clear: always answering the most common class, picking at random, always predicting the
// average; where the evaluation's figures come from; and whether the model does no better than any of those bars.
import type { DataPreviewPayload, EvaluationPayload, TrainingPayload } from '../outputs';
import { metricValue } from './metrics';
import type { Baselines, ClassRecall, Evaluated, NoBetter, RegressionBaseline } from './types';

/** Accuracy within this many points above the majority baseline counts as "barely better than guessing". */
export const NEAR_BASELINE_POINTS = 0.02;
/** Regression error at or above this share of the mean predictor's counts as "barely better". */
export const NEAR_BASELINE_ERROR = 0.9;
/**
 * Evaluated samples whose largest class has at least this many times the samples of the smallest are imbalanced
 * enough that accuracy hides the rare class: the summary then also gives balanced accuracy and the rarest class's recall.
 */
export const IMBALANCED_SCORES = 2;
/** Two figures this close are equal (a model that always answers the majority class scores exactly its share). */
const EPSILON = 1e-9;
const LUCK_Z = 1.645;

/**
 * Validation that chose the epoch is the evaluation's own word (`choseEpoch`), or inferred from the training: early
 * stopping watched a `val_` metric (or stopped early without saying what it watched; its default is `val_loss`).
 */
export function evaluatedSplit(e: EvaluationPayload, training: TrainingPayload | undefined): Evaluated {
  const folds = (e as { crossValidation?: { folds?: number } }).crossValidation?.folds;
  if (folds !== undefined) return { kind: 'folds', folds };
  if (e.on === 'test') return { kind: 'test' };
  const watched = training?.monitor ? training.monitor.name.startsWith('val_') : training?.stopped === 'early-stopping';
  return { kind: e.choseEpoch || watched ? 'chose-epoch' : 'validation' };
}

/**
 * The evaluation's own baseline (the training split's most common class, scored on the evaluated samples) when it has
 * one; else, from older payloads, the evaluated samples' most common class (confusion-matrix row sums); else the
 * training split's class shares.
 */
export function baselinesOf(
  data: DataPreviewPayload | undefined,
  e: EvaluationPayload | undefined,
): Baselines | undefined {
  if (!e || e.task === 'regression') return undefined;
  const accuracy = e.metrics.accuracy;
  if (accuracy === undefined || !Number.isFinite(accuracy)) return undefined;
  const counts = fromMatrix(e) ?? fromBalance(data);
  if (!counts || counts.length < 2) return undefined;
  const total = counts.reduce((s, c) => s + c.count, 0);
  if (total === 0) return undefined;
  const present = counts.filter((c) => c.count > 0);
  const majority = counts.reduce((best, c) => (c.count > best.count ? c : best));
  const given = e.baseline?.kind === 'majority' && e.baseline.label !== undefined ? e.baseline : undefined;
  const b: Baselines = {
    from: given ? 'train' : e.confusionMatrix ? 'evaluated' : 'balance',
    majorityLabel: given?.label ?? majority.label,
    majorityShare: given?.metrics.accuracy ?? majority.count / total,
    even: false,
    chance: 1 / present.length,
    classCount: counts.length,
    accuracy,
    balancedAccuracy: metricValue(e, 'balancedAccuracy'),
  };
  // Every class equally common: "the most common class" is an arbitrary pick that scores exactly chance.
  b.even = present.every((c) => c.count === majority.count) && Math.abs(b.majorityShare - b.chance) < EPSILON;
  const m = e.confusionMatrix;
  if (m) {
    const answered = m.labels.filter((_, c) => m.values.some((row) => (row[c] ?? 0) > 0));
    if (answered.length === 1) b.constantAnswer = answered[0];
  }
  const recallOf = (label: string): ClassRecall | undefined => {
    const c = e.perClass?.find((p) => p.label === label);
    return c && { label, recall: c.recall, support: c.support };
  };
  if (e.task === 'binary' && e.perClass?.length === 2) b.positive = recallOf(e.positive ?? e.perClass[1].label);
  const smallest = present.reduce((low, c) => (c.count < low.count ? c : low));
  if (
    e.confusionMatrix &&
    majority.count >= IMBALANCED_SCORES * smallest.count &&
    smallest.label !== b.positive?.label
  ) {
    b.minority = recallOf(smallest.label);
  }
  return b;
}

export function regressionBaselineOf(e: EvaluationPayload | undefined): RegressionBaseline | undefined {
  if (!e || e.task !== 'regression') return undefined;
  const given = e.baseline?.kind === 'mean' ? e.baseline : undefined;
  const r: RegressionBaseline = { mae: metricValue(e, 'mae'), rmse: metricValue(e, 'rmse'), r2: metricValue(e, 'r2') };
  if (given) {
    r.mean = given.value;
    r.baseline = { mae: finite(given.metrics.mae), rmse: finite(given.metrics.rmse), r2: finite(given.metrics.r2) };
  }
  return r.mae === undefined && r.r2 === undefined ? undefined : r;
}

/**
 * Classifiers: accuracy at or below always answering the most common class, or balanced accuracy at or below chance.
 * Regression: mean absolute error at or above always predicting the training mean (RMSE likewise when there is no
 * MAE), or R² ≤ 0.
 */
export function noBetterOf(
  b: Baselines | undefined,
  r: RegressionBaseline | undefined,
  samples?: number,
): NoBetter | undefined {
  if (b) {
    if (b.accuracy <= b.majorityShare + EPSILON) return 'majority';
    if (b.balancedAccuracy !== undefined && b.balancedAccuracy <= b.chance + EPSILON) return 'chance';
    if (samples !== undefined && b.accuracy - b.majorityShare < luckMargin(b.majorityShare, samples)) return 'luck';
  }
  if (r) {
    const base = r.baseline;
    if (r.mae !== undefined && base?.mae !== undefined && r.mae >= base.mae - EPSILON) return 'mean';
    if (r.mae === undefined && r.rmse !== undefined && base?.rmse !== undefined && r.rmse >= base.rmse - EPSILON)
      return 'mean';
    if (r.r2 !== undefined && r.r2 <= EPSILON) return 'r2';
  }
  return undefined;
}

/**
 * How far above the majority share an accuracy on `samples` examples must be before it is more than luck: one-sided
 * 95% (z = 1.645) on the binomial standard error of the share. 120 examples at a 52.5% share: 7.5 points; 400 at 79%: 3.4.
 */
export function luckMargin(share: number, samples: number): number {
  return samples > 0 ? LUCK_Z * Math.sqrt((share * (1 - share)) / samples) : 0;
}

/** Barely better: accuracy within NEAR_BASELINE_POINTS of the stronger bar; error at least NEAR_BASELINE_ERROR of the mean predictor's. */
export function nearBaseline(b: Baselines | undefined, r: RegressionBaseline | undefined): boolean {
  if (b) return b.accuracy < Math.max(b.majorityShare, b.chance) + NEAR_BASELINE_POINTS;
  const base = r?.baseline?.mae;
  return r?.mae !== undefined && base !== undefined && base > 0 && r.mae >= NEAR_BASELINE_ERROR * base;
}

type Count = { label: string; count: number };

function fromMatrix(e: EvaluationPayload): Count[] | undefined {
  const m = e.confusionMatrix;
  if (!m || m.values.length === 0) return undefined;
  return m.values.map((row, i) => ({ label: m.labels[i] ?? String(i), count: row.reduce((s, v) => s + v, 0) }));
}

function fromBalance(data: DataPreviewPayload | undefined): Count[] | undefined {
  return data?.classBalance;
}

function finite(v: number | undefined): number | undefined {
  return v !== undefined && Number.isFinite(v) ? v : undefined;
}
