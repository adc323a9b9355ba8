// Stops training when the watched figure stops improving, and ends with the best epoch's weights (Keras `EarlyStopping`).
import type { Tensor } from '@tensorflow/tfjs';
import type { EpochRecord } from '../../shared/outputs';
import type { TrainedModel, TrainingCallback } from './callbacks';
import type { EarlyStoppingSettings } from './monitor';

export class EarlyStopping implements TrainingCallback {
  /** The epoch with the best value so far (0 before any), and that value. */
  bestEpoch = 0;
  best: number;
  /** The epoch after which patience ran out; 0 when it did not. */
  stoppedEpoch = 0;
  /** The epoch whose weights `onTrainEnd` put back; undefined when the model kept its last weights. */
  keptEpoch: number | undefined;
  private lastEpoch = 0;
  private wait = 0;
  private bestWeights: Tensor[] = [];

  constructor(readonly settings: EarlyStoppingSettings) {
    this.best = settings.mode === 'min' ? Infinity : -Infinity;
  }

  onEpochEnd(epoch: number, logs: EpochRecord, model: TrainedModel): void {
    this.lastEpoch = epoch;
    const value = logs[this.settings.monitor];
    // An epoch cut short by a stop has no validation figures: as in Keras, it neither improves nor uses up patience.
    if (value === undefined) return;
    if (this.improves(value)) {
      this.best = value;
      this.bestEpoch = epoch;
      this.wait = 0;
      if (this.settings.restoreBest) {
        this.dispose();
        this.bestWeights = model.getWeights().map((w) => w.clone());
      }
      return;
    }
    // NaN never improves, so a run that went non-finite uses up patience too.
    if (++this.wait >= this.settings.patience) {
      this.stoppedEpoch = epoch;
      model.stopTraining = true;
    }
  }

  /** As Keras does, however the run ended (patience, the last epoch, a stop): the best weights unless they are the last. */
  onTrainEnd(model: TrainedModel): void {
    if (this.bestWeights.length > 0 && this.bestEpoch !== this.lastEpoch) {
      model.setWeights(this.bestWeights);
      this.keptEpoch = this.bestEpoch;
    }
    this.dispose();
  }

  dispose(): void {
    for (const w of this.bestWeights) w.dispose();
    this.bestWeights = [];
  }

  private improves(value: number): boolean {
    const { mode, minDelta } = this.settings;
    return mode === 'min' ? value < this.best - minDelta : value > this.best + minDelta;
  }
}
