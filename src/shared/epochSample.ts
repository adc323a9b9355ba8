// Which epochs a table shows for a run: all of a short one, evenly spaced ones of a long one (always the last), so
// that a screen-reader table or a summary stays cheap to build while the run grows.
import type { EpochRecord } from './outputs';

export const TABLE_ROWS = 100;

/** Every epoch of a short run; for a long one, `rows` evenly spaced epochs ending with the last. */
export function tableEpochs(epochs: EpochRecord[], rows = TABLE_ROWS): EpochRecord[] {
  if (epochs.length <= rows) return epochs;
  const step = epochs.length / rows;
  const picked: EpochRecord[] = [];
  for (let i = 1; i <= rows; i++) picked.push(epochs[Math.round(i * step) - 1]);
  return picked;
}
