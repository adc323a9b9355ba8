// The training loop's callbacks, Keras-style: each sees the model and the logs, and a list becomes tfjs's callbacks.
import type { Logs, Tensor } from '@tensorflow/tfjs';
import type { EpochRecord } from '../../shared/outputs';

/**
 * What a callback may do to the model in training: stop it after the current batch, save or restore its weights,
 * predict with it. A tfjs LayersModel is one; a unit test passes a small fake.
 */
export interface TrainedModel {
  stopTraining: boolean;
  getWeights(): Tensor[];
  setWeights(weights: Tensor[]): void;
  predict(x: Tensor): Tensor | Tensor[];
}

/** One batch's figures: its loss and how many samples it had. */
export interface BatchLogs {
  loss: number;
  size?: number;
}

/**
 * One step of the loop. Epochs are numbered from 1, as the payload numbers them. An epoch's logs are its record in the
 * payload's names (`accuracy`, not tfjs's `acc`), shared along the list: a callback may add figures for the later ones.
 */
export interface TrainingCallback {
  onTrainBegin?(model: TrainedModel): void | Promise<void>;
  onEpochBegin?(epoch: number, model: TrainedModel): void | Promise<void>;
  onBatchEnd?(batch: number, logs: BatchLogs, model: TrainedModel): void | Promise<void>;
  onEpochEnd?(epoch: number, logs: EpochRecord, model: TrainedModel): void | Promise<void>;
  onTrainEnd?(model: TrainedModel): void | Promise<void>;
  /** Frees what the callback holds (tensors); called however training ended, also when fit threw. */
  dispose?(): void;
}

/** The list as the `callbacks` of tfjs's fit, in list order: a callback sees what the ones before it did. */
export function composeCallbacks(list: TrainingCallback[], model: TrainedModel) {
  return {
    onTrainBegin: async () => {
      for (const c of list) await c.onTrainBegin?.(model);
    },
    onEpochBegin: async (epoch: number) => {
      for (const c of list) await c.onEpochBegin?.(epoch + 1, model);
    },
    onBatchEnd: async (batch: number, logs?: Logs) => {
      const batchLogs: BatchLogs = { loss: logs?.loss ?? NaN, size: logs?.size as number | undefined };
      for (const c of list) await c.onBatchEnd?.(batch, batchLogs, model);
    },
    onEpochEnd: async (epoch: number, logs?: Logs) => {
      const record = epochRecord(epoch + 1, logs ?? {});
      for (const c of list) await c.onEpochEnd?.(epoch + 1, record, model);
    },
    onTrainEnd: async () => {
      for (const c of list) await c.onTrainEnd?.(model);
    },
  };
}

export function disposeCallbacks(list: TrainingCallback[]): void {
  for (const c of list) c.dispose?.();
}

/** tfjs logs `acc` / `val_acc`; the spec and Keras users say `accuracy`. */
export function payloadName(logged: string): string {
  return logged.replace(/^acc$/, 'accuracy').replace(/^val_acc$/, 'val_accuracy');
}

function epochRecord(epoch: number, logs: Logs): EpochRecord {
  const record: EpochRecord = { epoch, loss: logs.loss ?? NaN };
  for (const [k, v] of Object.entries(logs)) {
    if (k !== 'loss' && typeof v === 'number') record[payloadName(k)] = v;
  }
  return record;
}
