// Per-class reading of an evaluation: the strongest and weakest class, and which classes it mixes up most.
import type { EvaluationPayload } from '../outputs';
import type { ClassScore, ConfusedPair } from './types';

/** A mix-up is worth naming when it takes at least this share of the true class's samples… */
export const CONFUSION_SHARE = 0.05;
/** …and happened at least this many times. */
export const CONFUSION_MIN_COUNT = 3;
const MAX_PAIRS = 3;

export function rankClasses(
  e: EvaluationPayload | undefined,
  by: 'f1' | 'recall',
): { strongest: ClassScore; weakest: ClassScore } | undefined {
  const scored = (e?.perClass ?? []).filter((c) => c.support > 0 && Number.isFinite(c[by]));
  if (scored.length < 2) return undefined;
  // Stable on ties: the first class listed wins both ways, so the text does not change between equal runs.
  let strongest = scored[0];
  let weakest = scored[0];
  for (const c of scored) {
    if (c[by] > strongest[by]) strongest = c;
    if (c[by] < weakest[by]) weakest = c;
  }
  if (strongest === weakest) return undefined;
  return {
    strongest: { label: strongest.label, value: strongest[by] },
    weakest: { label: weakest.label, value: weakest[by] },
  };
}

/** Directed pairs (true class taken for another), largest count first. */
export function confusedPairs(e: EvaluationPayload | undefined): ConfusedPair[] {
  const m = e?.confusionMatrix;
  if (!m) return [];
  const pairs: ConfusedPair[] = [];
  m.values.forEach((row, i) => {
    const of = row.reduce((s, v) => s + v, 0);
    row.forEach((count, j) => {
      if (i !== j && count >= CONFUSION_MIN_COUNT && count >= CONFUSION_SHARE * of) {
        pairs.push({ truth: m.labels[i] ?? String(i), predicted: m.labels[j] ?? String(j), count, of });
      }
    });
  });
  return pairs.sort((a, b) => b.count - a.count).slice(0, MAX_PAIRS);
}
