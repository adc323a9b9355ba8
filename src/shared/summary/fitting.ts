// Reads over- and under-fitting from the per-epoch curves; silent when there is no validation curve.
import type { EpochRecord } from '../outputs';
import type { Fitting } from './types';

/** Validation loss this far (relative) above its best, while training loss fell, is overfitting. */
export const RISE_THRESHOLD = 0.05;
/** A train − validation accuracy gap of at least this many points, held to the last epoch, is overfitting. */
export const GAP_THRESHOLD = 0.05;
/** Both losses falling by at least this share over the last epoch: the model was still learning. */
export const STILL_IMPROVING = 0.01;

/**
 * @param baseline the accuracy of always guessing (the majority share); training accuracy that closes less than
 * half the distance from it to 1 counts as underfitting.
 */
export function readFitting(epochs: EpochRecord[] | undefined, baseline?: number): Fitting | undefined {
  const recs = (epochs ?? []).filter((r) => Number.isFinite(r.loss) && Number.isFinite(r.val_loss));
  const last = recs[recs.length - 1];
  if (!last) return undefined;
  const fitting: Fitting = {
    lastEpoch: last.epoch,
    loss: last.loss,
    valLoss: last.val_loss,
    accuracy: finite(last.accuracy),
    valAccuracy: finite(last.val_accuracy),
  };
  fitting.overfitting = rising(recs) ?? gap(recs);
  if (!fitting.overfitting) {
    const prev = recs[recs.length - 2];
    const stillImproving = !!prev && falls(prev.loss, last.loss) && falls(prev.val_loss, last.val_loss);
    const lowTrainingAccuracy = fitting.accuracy !== undefined && baseline !== undefined && fitting.accuracy < (baseline + 1) / 2;
    if (stillImproving || lowTrainingAccuracy) fitting.underfitting = { prevLoss: prev?.loss, prevValLoss: prev?.val_loss, baseline, stillImproving, lowTrainingAccuracy };
  }
  return fitting;
}

function rising(recs: EpochRecord[]): Fitting['overfitting'] {
  let best = 0;
  recs.forEach((r, i) => {
    if (r.val_loss < recs[best].val_loss) best = i;
  });
  const last = recs[recs.length - 1];
  if (best === recs.length - 1) return undefined;
  if (last.val_loss < recs[best].val_loss * (1 + RISE_THRESHOLD) || last.loss >= recs[best].loss) return undefined;
  return { reason: 'rising', from: recs[best + 1].epoch, bestValLoss: recs[best].val_loss };
}

function gap(recs: EpochRecord[]): Fitting['overfitting'] {
  const open = (r: EpochRecord) => Number.isFinite(r.accuracy) && Number.isFinite(r.val_accuracy) && r.accuracy - r.val_accuracy >= GAP_THRESHOLD;
  let from = recs.length;
  while (from > 0 && open(recs[from - 1])) from--;
  if (from === recs.length) return undefined;
  let best = 0;
  recs.forEach((r, i) => {
    if (r.val_loss < recs[best].val_loss) best = i;
  });
  return { reason: 'gap', from: recs[from].epoch, bestValLoss: recs[best].val_loss };
}

function falls(before: number, after: number): boolean {
  return after <= before * (1 - STILL_IMPROVING);
}

function finite(v: number | undefined): number | undefined {
  return v !== undefined && Number.isFinite(v) ? v : undefined;
}
