// Which epochs a table shows for a run: all of a short one, evenly spaced ones of a long one (always the last), so
// that a screen-reader table or a summary stays cheap to build while the run grows.
import type { EpochRecord } from './outputs';

export const TABLE_ROWS = 100;

/**
 * Every epoch of a short run; for a long one, every `step`-th epoch with `step = ceil(length / rows)`, and the last:
 * at most `rows`. The step changes only when the run outgrows `rows * step`, so between two live updates the rows
 * stay the same but the last (a screen reader is not read a reshuffled table, and the renderer rebuilds one row).
 */
export function tableEpochs(epochs: EpochRecord[], rows = TABLE_ROWS): EpochRecord[] {
  if (epochs.length <= rows) return epochs;
  const step = Math.ceil(epochs.length / rows);
  const picked: EpochRecord[] = [];
  for (let i = step; i <= epochs.length; i += step) picked.push(epochs[i - 1]);
  if (epochs.length % step !== 0) picked.push(epochs[epochs.length - 1]);
  return picked;
}

/** Epochs a run's stored history keeps (the notebook's `metadata.runs`): enough for a comparison chart. */
export const HISTORY_POINTS = 200;

/**
 * The epochs a run's stored history keeps: every epoch of a short run; of a long one, evenly spaced epochs from the
 * first to the last and the best (by the figure early stopping watched, else `val_loss`, else `loss`), at most
 * `points`, in epoch order. A 10,000-epoch run otherwise wrote 10,000 records into the notebook file.
 */
export function historySample(
  epochs: EpochRecord[],
  monitor?: { name: string; mode: 'min' | 'max' },
  points = HISTORY_POINTS,
): EpochRecord[] {
  if (epochs.length <= points) return epochs.slice();
  const name =
    monitor && epochs.some((e) => Number.isFinite(e[monitor.name]))
      ? monitor.name
      : epochs.some((e) => Number.isFinite(e.val_loss))
        ? 'val_loss'
        : 'loss';
  const better = (a: number, b: number) => (monitor?.name === name && monitor.mode === 'max' ? a > b : a < b);
  let best = -1;
  epochs.forEach((e, i) => {
    if (Number.isFinite(e[name]) && (best < 0 || better(e[name], epochs[best][name]))) best = i;
  });
  // points - 1 evenly spaced indices, the first and the last among them, and the best: at most `points`.
  const kept = new Set<number>();
  const spaced = points - 1;
  for (let k = 0; k < spaced; k++) kept.add(Math.round((k * (epochs.length - 1)) / (spaced - 1)));
  if (best >= 0) kept.add(best);
  return [...kept].sort((a, b) => a - b).map((i) => epochs[i]);
}
