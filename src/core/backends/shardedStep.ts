// One batch of tfjs's fit split between this thread and the replicas of the model (replicaPool.ts starts them): each
// replica gets the weights and its rows in shared memory, this thread trains on the first rows, then sums every
// share's gradients (weighted by its rows) and takes the model's optimizer step once.
import * as l10n from '@vscode/l10n';
import type { LayersModel, Optimizer, Tensor } from '@tensorflow/tfjs';
import type { Tf } from '../tf';
import { MAX_SAMPLE_RANK, readMessage, Slot, writeShape, type ReplicaSizes, type ReplicaViews } from './replicaLayout';
import {
  compiledOf,
  gradientCollector,
  trainWith,
  type CompiledModel,
  type NamedTensor,
  type TrainFunction,
} from './replicaStep';
import { heapOf } from './wasmHeapKernels';

/** A batch is split only where every share gets at least this many rows; a smaller one trains on this thread. */
const MIN_SHARE_ROWS = 2;
/** How long this thread waits for a replica's step before it gives up on it. */
const STEP_TIMEOUT_MS = 10 * 60_000;

/** What this thread's share of a split batch needs when its gradients come: see `apply`. */
interface SplitBatch {
  /** This thread's rows / the batch's. */
  share: number;
  /** Each replica's step, as its Go slot now reads. */
  started: number[];
  /** The model's own optimizer, which takes the step with the sums. */
  optimizer: Optimizer;
}

/** The train function that fit calls for each batch, and how many batches it split. */
export class ShardedStep {
  private readonly compiled: CompiledModel;
  /** tfjs's train function of this model, as fit would make it. */
  private readonly own: TrainFunction;
  /** Where each trainable weight's gradient starts in a replica's gradients. */
  private readonly offsets: number[];
  /** Stands in for the model's optimizer while this thread trains on its share: hands the gradients to `apply`. */
  private readonly collector: Optimizer;
  private batch?: SplitBatch;
  splitBatches = 0;

  constructor(
    private readonly tf: Tf,
    private readonly model: LayersModel,
    private readonly replicas: ReplicaViews[],
    private readonly sizes: ReplicaSizes,
    /** A replica's thread ended: the pool starts them afresh for the next fit. */
    private readonly lost: () => void,
  ) {
    this.compiled = compiledOf(model);
    this.own = this.compiled.makeTrainFunction();
    let at = 0;
    this.offsets = this.compiled.collectedTrainableWeights.map((w) => {
      const start = at;
      at += tf.util.sizeFromShape(w.shape);
      return start;
    });
    this.collector = gradientCollector(tf, (gradients) => this.apply(gradients));
  }

  readonly train: TrainFunction = (data) => {
    // Inputs, targets, then sample weights (null where fit has none).
    const [x, y, ...weighting] = data;
    const n = x.shape[0];
    const parts = this.replicas.length + 1;
    const types = [x, y].map((t) => (t.dtype === 'float32' ? 0 : t.dtype === 'int32' ? 1 : -1));
    const fits =
      weighting.every((w) => w == null) &&
      n >= MIN_SHARE_ROWS * parts &&
      Math.ceil(n / parts) <= this.sizes.rows &&
      x.size / n === this.sizes.xRow &&
      y.size / n <= this.sizes.yRow &&
      Math.max(x.rank, y.rank) - 1 <= MAX_SAMPLE_RANK &&
      types.every((t) => t >= 0);
    if (!fits) return this.own(data); // sample weights, a batch larger than planned: this thread alone
    this.throwIfGone();
    const tf = this.tf;
    const heap = heapOf(tf.backend(), 'replicas');
    // This thread takes the smallest share (it also sums), each replica the next rows.
    const base = Math.floor(n / parts);
    const extra = n % parts;
    const xRow = this.sizes.xRow;
    const yRow = y.size / n;
    const weights = this.model.weights.map((w) => heap.typedArrayFromHeap(w.read()) as Float32Array);
    const [xs, ys] = [heap.typedArrayFromHeap(x), heap.typedArrayFromHeap(y)];
    let start = base;
    const started = this.replicas.map((r, i) => {
      const rows = base + (i < extra ? 1 : 0);
      let at = 0;
      for (const w of weights) {
        r.weights.set(w, at);
        at += w.length;
      }
      (types[0] === 1 ? r.x.int32 : r.x.float32).set(xs.subarray(start * xRow, (start + rows) * xRow));
      (types[1] === 1 ? r.y.int32 : r.y.float32).set(ys.subarray(start * yRow, (start + rows) * yRow));
      start += rows;
      const c = r.control;
      c[Slot.Rows] = rows;
      c[Slot.XType] = types[0];
      c[Slot.YType] = types[1];
      writeShape(c, Slot.XShape, x.shape.slice(1));
      writeShape(c, Slot.YShape, y.shape.slice(1));
      r.figures[0] = rows / n;
      const go = Atomics.add(c, Slot.Go, 1) + 1;
      Atomics.notify(c, Slot.Go);
      return go;
    });
    const share = base / n;
    this.splitBatches++;
    this.batch = { share, started, optimizer: this.compiled.optimizer_ };
    const outs = tf.tidy(() =>
      trainWith(this.compiled, this.own, this.collector, [x.slice(0, base), y.slice(0, base)]),
    );
    const mine = outs.map((o) => o.dataSync()[0]);
    tf.dispose(outs);
    return mine.map((v, k) => {
      let total = v * share;
      for (const r of this.replicas) total += r.figures[1 + k] * r.figures[0];
      return tf.scalar(total);
    });
  };

  private throwIfGone(): void {
    const gone = this.replicas.find((r) => r.control[Slot.Gone] === 1);
    if (!gone) return;
    this.lost();
    throw new Error(l10n.t('a copy of the model on another thread failed: {0}', readMessage(gone)));
  }

  /** Waits for every replica, sums the shares' gradients and takes the optimizer's step with the sums. */
  private apply(gradients: NamedTensor[]): void {
    const { share, started, optimizer } = this.batch!;
    this.replicas.forEach((r, i) => waitFor(r, started[i]));
    this.throwIfGone();
    const failed = this.replicas.find((r) => r.control[Slot.Failed] === 1);
    if (failed) throw new Error(l10n.t('a copy of the model on another thread failed: {0}', readMessage(failed)));
    const tf = this.tf;
    const heap = heapOf(tf.backend(), 'replicas');
    const sums = gradients.map(({ name, tensor }, i) => {
      const info = heap.makeOutput(tensor.shape, 'float32');
      // Views after the allocation: a heap that grows detaches the views taken before.
      const sum = heap.typedArrayFromHeap(info) as Float32Array;
      const own = heap.typedArrayFromHeap(tensor) as Float32Array;
      const at = this.offsets[i];
      const [first, ...others] = this.replicas;
      const [g, b] = [first.gradients, first.figures[0]];
      for (let j = 0; j < sum.length; j++) sum[j] = own[j] * share + g[at + j] * b;
      for (const r of others) {
        const [g, b] = [r.gradients, r.figures[0]];
        for (let j = 0; j < sum.length; j++) sum[j] += g[at + j] * b;
      }
      return { name, tensor: tf.engine().makeTensorFromTensorInfo(info) as Tensor };
    });
    try {
      optimizer.applyGradients(sums);
    } finally {
      tf.dispose(sums.map((s) => s.tensor));
    }
  }
}

function waitFor(r: ReplicaViews, go: number): void {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const done = Atomics.load(r.control, Slot.Done);
    if (done === go || r.control[Slot.Gone] === 1) return;
    if (Date.now() > deadline) throw new Error(l10n.t('a copy of the model on another thread stopped answering'));
    Atomics.wait(r.control, Slot.Done, done, 1000);
  }
}
