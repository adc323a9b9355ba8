// Reads over- and under-fitting from the per-epoch curves; silent when there is no validation curve. The figures it
// quotes are those of the epoch whose weights the model kept.
import type { EpochRecord } from '../outputs';
import type { EpochFigures, Fitting } from './types';

/** Validation loss this far (relative) above its best, while training loss fell, is overfitting. */
export const RISE_THRESHOLD = 0.05;
/** A train − validation accuracy gap of at least this many points, held to the last epoch, is overfitting. */
export const GAP_THRESHOLD = 0.05;
/** "Still improving": both losses fell by at least this share in every epoch of the trend window… */
export const STILL_IMPROVING = 0.01;
/** …which is the last this-many epochs (so two epochs, one step, never make a trend). */
export const TREND_EPOCHS = 3;

/**
 * @param baseline the accuracy of always guessing (the majority share); training accuracy that closes less than
 * half the distance from it to 1 counts as underfitting.
 * @param keptEpoch the epoch whose weights early stopping restored (`training.keptEpoch`); the last when absent.
 */
export function readFitting(
  epochs: EpochRecord[] | undefined,
  baseline?: number,
  keptEpoch?: number,
): Fitting | undefined {
  const recs = (epochs ?? []).filter((r) => Number.isFinite(r.loss) && Number.isFinite(r.val_loss));
  const last = recs[recs.length - 1];
  if (!last) return undefined;
  const keptRecord = keptEpoch === undefined ? undefined : recs.find((r) => r.epoch === keptEpoch);
  const end = figures(last);
  const kept = keptRecord ? figures(keptRecord) : end;
  const restored = kept.epoch < end.epoch;
  const fitting: Fitting = { end, kept, restored };
  const overfitting = rising(recs) ?? gap(recs);
  if (overfitting) fitting.overfitting = { ...overfitting, beforeKept: restored && kept.epoch < overfitting.from };
  if (!overfitting) {
    const window = recs.slice(-TREND_EPOCHS);
    // A restored earlier epoch means training went on past the best: the end of the curve is not "still improving".
    const stillImproving =
      !restored &&
      window.length === TREND_EPOCHS &&
      window.every(
        (r, i) => i === 0 || (falls(window[i - 1].loss, r.loss) && falls(window[i - 1].val_loss, r.val_loss)),
      );
    const lowTrainingAccuracy =
      kept.accuracy !== undefined && baseline !== undefined && kept.accuracy < (baseline + 1) / 2;
    if (stillImproving || lowTrainingAccuracy) {
      fitting.underfitting = {
        trendFrom: stillImproving ? figures(window[0]) : undefined,
        baseline,
        stillImproving,
        lowTrainingAccuracy,
      };
    }
  }
  return fitting;
}

function figures(r: EpochRecord): EpochFigures {
  return {
    epoch: r.epoch,
    loss: r.loss,
    valLoss: r.val_loss,
    accuracy: finite(r.accuracy),
    valAccuracy: finite(r.val_accuracy),
  };
}

type Overfitting = Omit<NonNullable<Fitting['overfitting']>, 'beforeKept'>;

function rising(recs: EpochRecord[]): Overfitting | undefined {
  const best = bestValLoss(recs);
  const last = recs[recs.length - 1];
  if (best === recs.length - 1) return undefined;
  if (last.val_loss < recs[best].val_loss * (1 + RISE_THRESHOLD) || last.loss >= recs[best].loss) return undefined;
  return { reason: 'rising', from: recs[best + 1].epoch, bestValLoss: recs[best].val_loss };
}

function gap(recs: EpochRecord[]): Overfitting | undefined {
  const open = (r: EpochRecord) =>
    Number.isFinite(r.accuracy) && Number.isFinite(r.val_accuracy) && r.accuracy - r.val_accuracy >= GAP_THRESHOLD;
  let from = recs.length;
  while (from > 0 && open(recs[from - 1])) from--;
  if (from === recs.length) return undefined;
  return { reason: 'gap', from: recs[from].epoch, bestValLoss: recs[bestValLoss(recs)].val_loss };
}

function bestValLoss(recs: EpochRecord[]): number {
  let best = 0;
  recs.forEach((r, i) => {
    if (r.val_loss < recs[best].val_loss) best = i;
  });
  return best;
}

function falls(before: number, after: number): boolean {
  return after <= before * (1 - STILL_IMPROVING);
}

function finite(v: number | undefined): number | undefined {
  return v !== undefined && Number.isFinite(v) ? v : undefined;
}
