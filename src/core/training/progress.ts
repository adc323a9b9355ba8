// Keeps the training payload current (epoch records, speed, the batch in flight) and sends it, throttled, to the UI.
import type { EpochRecord, TrainingPayload } from '../../shared/outputs';
import type { BatchLogs, TrainingCallback } from './callbacks';

/** Progress crosses to the UI at most this often (tfjs-layers moved its UI yield to 125 ms for the same reason). */
export const PROGRESS_INTERVAL_MS = 125;

export interface ProgressOptions {
  epochs: number;
  batchSize: number;
  batchesPerEpoch: number;
  report: (p: TrainingPayload) => void;
  /** The clock (ms); tests pass their own. */
  now?: () => number;
}

export class Progress implements TrainingCallback {
  private readonly now: () => number;
  private readonly started: number;
  private samplesSeen = 0;
  private lastSent = -Infinity;
  private epoch = 0;

  constructor(
    private readonly payload: TrainingPayload,
    private readonly options: ProgressOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.started = this.now();
  }

  onEpochBegin(epoch: number): void {
    this.epoch = epoch;
  }

  onBatchEnd(batch: number, logs: BatchLogs): void {
    const { epochs, batchSize, batchesPerEpoch } = this.options;
    this.samplesSeen += logs.size ?? batchSize;
    const elapsed = (this.now() - this.started) / 1000;
    const samplesPerSecond = this.samplesSeen / Math.max(elapsed, 1e-3);
    const done = (this.epoch - 1) * batchesPerEpoch + batch + 1;
    const etaSeconds = ((epochs * batchesPerEpoch - done) * elapsed) / Math.max(done, 1);
    this.payload.samplesPerSecond = samplesPerSecond;
    this.payload.progress = {
      epoch: this.epoch,
      batch: batch + 1,
      batchesPerEpoch,
      loss: logs.loss,
      samplesPerSecond,
      etaSeconds,
    };
    this.send();
  }

  onEpochEnd(_epoch: number, logs: EpochRecord): void {
    // An epoch whose loss is not a number (the run diverged) has no figures worth drawing.
    if (Number.isFinite(logs.loss)) this.payload.epochs.push(logs);
    // Throttled like the batches: fast epochs would otherwise flood the window with updates it cannot draw in time;
    // the epoch is in the next update, and the trainer's report after fit always goes out.
    this.send();
  }

  private send(): void {
    const now = this.now();
    if (now - this.lastSent < PROGRESS_INTERVAL_MS) return;
    this.lastSent = now;
    this.options.report({ ...this.payload, epochs: [...this.payload.epochs] });
  }
}
