// Adds precision, recall and AUC to each epoch's record, from the model's predictions over whole splits at the epoch's end.
import type { Tensor } from '@tensorflow/tfjs';
import type { EpochRecord } from '../../shared/outputs';
import type { Split } from '../data';
import type { Tf } from '../tf';
import type { TrainedModel, TrainingCallback } from './callbacks';
import { binaryScores, macroScores, type ClassifierScore } from './classifierScores';

/**
 * The training figures come from at most this many training rows, evenly spaced (all of them when there are fewer; a
 * table streamed from its file has only its in-memory sample, `data.train`, to offer). They score the weights at the
 * epoch's end with dropout off, where tfjs's loss and accuracy average the batches while the weights still moved; the
 * validation figures score the whole validation split, as `val_loss` does.
 */
export const TRAINING_SAMPLE_ROWS = 10_000;
const BATCH = 512;

interface Scored {
  xs: Tensor;
  truth: Float32Array;
  /** Label columns: 1 for binary (0/1), the class count for one-hot labels. */
  width: number;
}

export class EpochMetrics implements TrainingCallback {
  private train: Scored | undefined;
  private validation: Scored | undefined;
  private sampled: Tensor | undefined;

  constructor(
    private readonly tf: Tf,
    private readonly names: ClassifierScore[],
    private readonly splits: { train: Split; validation?: Split },
  ) {}

  onTrainBegin(): void {
    const { train, validation } = this.splits;
    this.train = train.size > TRAINING_SAMPLE_ROWS ? this.sample(train) : scored(train);
    this.validation = validation && scored(validation);
  }

  async onEpochEnd(_epoch: number, logs: EpochRecord, model: TrainedModel): Promise<void> {
    // A batch stopped the run (the user, a NaN): the epoch was cut short, and a stop should not wait for predictions.
    if (model.stopTraining || !Number.isFinite(logs.loss)) return;
    for (const [prefix, split] of [
      ['', this.train],
      ['val_', this.validation],
    ] as const) {
      if (!split) continue;
      const scores = await this.scores(model, split);
      for (const name of this.names) {
        // NaN (an AUC of a split with one class) is left out: JSON would carry it as null.
        if (Number.isFinite(scores[name])) logs[prefix + name] = scores[name];
      }
    }
  }

  dispose(): void {
    this.tf.dispose(this.sampled);
    this.sampled = undefined;
  }

  private sample(train: Split): Scored {
    const step = train.size / TRAINING_SAMPLE_ROWS;
    const rows = Int32Array.from({ length: TRAINING_SAMPLE_ROWS }, (_, i) => Math.floor(i * step));
    const [xs, ys] = this.tf.tidy(() => {
      const at = this.tf.tensor1d(rows, 'int32');
      return [this.tf.gather(train.xs, at), this.tf.gather(train.ys, at)];
    });
    const truth = ys.dataSync() as Float32Array;
    ys.dispose();
    this.sampled = xs;
    return { xs, truth, width: width(train) };
  }

  private async scores(model: TrainedModel, split: Scored): Promise<Record<ClassifierScore, number>> {
    const outputs = await this.predict(model, split.xs);
    if (split.width > 1) return macroScores(split.truth, outputs, split.width);
    // Binary labels: one sigmoid output per sample, or a softmax over two.
    return binaryScores(split.truth, outputs, outputs.length === 2 * split.truth.length ? 2 : 1);
  }

  /** The model's outputs over `xs`, batch by batch so a large split never sits twice on the device. */
  private async predict(model: TrainedModel, xs: Tensor): Promise<Float32Array> {
    const rows = xs.shape[0];
    const parts: Float32Array[] = [];
    for (let start = 0; start < rows; start += BATCH) {
      const out = this.tf.tidy(() => model.predict(xs.slice(start, Math.min(BATCH, rows - start))) as Tensor);
      parts.push((await out.data()) as Float32Array);
      out.dispose();
    }
    const all = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      all.set(p, at);
      at += p.length;
    }
    return all;
  }
}

function scored(split: Split): Scored {
  return { xs: split.xs, truth: split.ys.dataSync() as Float32Array, width: width(split) };
}

function width(split: Split): number {
  return split.ys.shape.slice(1).reduce((a, b) => a * b, 1);
}
