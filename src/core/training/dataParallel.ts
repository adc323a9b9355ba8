// Training on more than one core by replicas of the model, each fitting its share of every batch: the trainer's view
// of it (the backend layer provides it where it can: src/core/backends/replicaPool.ts).
import type { LayersModel } from '@tensorflow/tfjs';

export interface DataParallel {
  /**
   * Makes the compiled model's next fits split each batch between this thread and the replicas, their gradients summed
   * before one optimizer step. Where this model cannot be split, fit runs as it would without (the device says why).
   */
  attach(model: LayersModel, setup: ShardSetup): Promise<ShardedFit>;
  dispose(): void;
}

export interface ShardSetup {
  /** The loss and metrics the model was compiled with, by name. */
  loss: string;
  metrics: string[];
  batchSize: number;
  /**
   * Seeds the replicas' dropout masks; called only where the batches are split, so that a model trained on one thread
   * draws the same shuffles from a seeded run's Math.random as it would without replicas.
   */
  seed: () => number;
}

export interface ShardedFit {
  /** What trains, for the run's record: the cores, or one and why. */
  device: string;
  /** Batches split between the replicas so far (a batch too small to split trains on this thread alone). */
  readonly splitBatches: number;
  /** Gives the model its own fit back. */
  dispose(): void;
}
