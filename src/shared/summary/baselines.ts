// The two bars a classifier must clear: always guessing the most frequent class, and guessing at random.
import type { DataPreviewPayload, EvaluationPayload } from '../outputs';
import type { Baselines } from './types';

/** Accuracy within this many points of the majority baseline counts as "barely better than guessing". */
export const NEAR_BASELINE_POINTS = 0.02;

/**
 * Prefers the test split's class counts (the confusion matrix's row sums: what always guessing one class would
 * score on the same samples); falls back to the training split's class balance.
 */
export function baselinesOf(data: DataPreviewPayload | undefined, e: EvaluationPayload | undefined): Baselines | undefined {
  if (!e || e.task === 'regression') return undefined;
  const accuracy = e.metrics.accuracy;
  if (accuracy === undefined || !Number.isFinite(accuracy)) return undefined;
  const counts = fromMatrix(e) ?? fromBalance(data);
  if (!counts || counts.counts.length < 2) return undefined;
  const total = counts.counts.reduce((s, c) => s + c.count, 0);
  if (total === 0) return undefined;
  const majority = counts.counts.reduce((best, c) => (c.count > best.count ? c : best));
  const even = counts.counts.every((c) => c.count === majority.count);
  return { from: counts.from, majorityLabel: majority.label, majorityShare: majority.count / total, even, chance: 1 / counts.counts.length, classCount: counts.counts.length, accuracy };
}

export function nearBaseline(b: Baselines): boolean {
  return b.accuracy < Math.max(b.majorityShare, b.chance) + NEAR_BASELINE_POINTS;
}

type Counts = { from: Baselines['from']; counts: { label: string; count: number }[] };

function fromMatrix(e: EvaluationPayload): Counts | undefined {
  const m = e.confusionMatrix;
  if (!m || m.values.length === 0) return undefined;
  return { from: 'test', counts: m.values.map((row, i) => ({ label: m.labels[i] ?? String(i), count: row.reduce((s, v) => s + v, 0) })) };
}

function fromBalance(data: DataPreviewPayload | undefined): Counts | undefined {
  return data?.classBalance ? { from: 'train', counts: data.classBalance } : undefined;
}
