// Notes on the data: its size, how much of it the run learned from, how unevenly its classes are spread, and columns
// that look personal.
import { fullTrainSize } from './cost';
import type { SummaryInput } from './types';
import type { DataNotes } from './types';
import { personalColumns } from './personalData';

/** The largest class having at least this many times the samples of the smallest is worth a warning. */
export const IMBALANCE_RATIO = 3;

export function readData(input: SummaryInput): DataNotes | undefined {
  const d = input.data;
  if (!d) return undefined;
  const notes: DataNotes = {
    source: d.source,
    task: d.task,
    images: isImages(d.inputShape),
    splits: d.splits,
    classCount: d.classes?.length,
    personalColumns: personalColumns(input.featureNames),
  };
  const full = fullTrainSize(input);
  const used = d.partial?.usedRows ?? d.splits.train;
  if (full && full > used) {
    notes.fullTrainSize = full;
    notes.partial = d.partial?.reason ?? 'sample';
    notes.usedRows = used;
  }
  const balance = d.classBalance ?? [];
  if (balance.length >= 2) {
    const largest = balance.reduce((a, c) => (c.count > a.count ? c : a));
    const smallest = balance.reduce((a, c) => (c.count < a.count ? c : a));
    const ratio = smallest.count === 0 ? Infinity : largest.count / smallest.count;
    if (largest.count > 0 && ratio >= IMBALANCE_RATIO) {
      notes.imbalance = {
        largest: { label: largest.label, value: largest.count },
        smallest: { label: smallest.label, value: smallest.count },
        ratio,
      };
    }
  }
  return notes;
}

/** Two or more dimensions per sample (height × width, with or without channels) are pictures. */
export function isImages(inputShape: number[] | undefined): boolean {
  return (inputShape?.length ?? 0) >= 2;
}
