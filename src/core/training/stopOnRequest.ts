// Stops training after the batch in flight when the user asks (an interrupt); the model keeps the weights it has.
import type { TrainedModel, TrainingCallback } from './callbacks';

export interface TrainingControl {
  /** Set by an interrupt: the run stops after the batch in flight and the model keeps its weights. */
  stopRequested: boolean;
}

export class StopOnRequest implements TrainingCallback {
  stopped = false;

  constructor(private readonly control: TrainingControl) {}

  onBatchEnd(_batch: number, _logs: unknown, model: TrainedModel): void {
    if (!this.control.stopRequested) return;
    this.stopped = true;
    model.stopTraining = true;
  }
}
