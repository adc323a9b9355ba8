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
