// Stops training after the first batch whose loss is NaN or infinite (Keras `TerminateOnNaN`): nothing learns from there.
import type { BatchLogs, TrainedModel, TrainingCallback } from './callbacks';

export class StopOnNonFinite implements TrainingCallback {
  /** The epoch (from 1) whose batch went non-finite; 0 while every loss was a number. */
  stoppedEpoch = 0;
  private epoch = 0;

  onEpochBegin(epoch: number): void {
    this.epoch = epoch;
  }

  onBatchEnd(_batch: number, logs: BatchLogs, model: TrainedModel): void {
    if (Number.isFinite(logs.loss)) return;
    this.stoppedEpoch = this.epoch;
    model.stopTraining = true;
  }
}
