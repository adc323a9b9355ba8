// Data-parallel training on every core: worker threads (replica.ts) each hold a replica of the model, every batch of
// tfjs's fit is split between this thread and them, and their gradients are summed here before one optimizer step.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import * as l10n from '@vscode/l10n';
import type { LayersModel, Optimizer, Tensor } from '@tensorflow/tfjs';
import type { DataParallel, ShardedFit, ShardSetup } from '../training/dataParallel';
import type { Tf } from '../tf';
import {
  bytesFor,
  MAX_LOGS,
  MAX_SAMPLE_RANK,
  readMessage,
  Slot,
  viewsOf,
  writeShape,
  type ReplicaSizes,
  type ReplicaViews,
} from './replicaLayout';
import type { FromReplica, ReplicaBoot, ToReplica } from './replicaMessages';
import { compiledOf, gradientCollector, sizeOf, type NamedTensor, trainWith, type TrainFunction } from './replicaStep';
import { tooLittleWork } from './replicaWork';
import { heapOf } from './wasmHeapKernels';

/** A batch is split only where every share gets at least this many rows; a smaller one trains on this thread. */
const MIN_SHARE_ROWS = 2;
/** How long this thread waits for a replica's step before it gives up on it. */
const STEP_TIMEOUT_MS = 10 * 60_000;

export class ReplicaPool implements DataParallel {
  private generation?: Generation;

  constructor(
    private readonly tf: Tf,
    /** Replicas beside this thread. */
    readonly replicas: number,
    private readonly wasmFolder: string,
    /** The device in words when `threads` train, with why only one where it is so. */
    private readonly describe: (threads: number, whyOne?: string) => string,
    /** Split every model's batches, also those too small to gain from it (tests). */
    private readonly options: { everyModel?: boolean } = {},
  ) {}

  async attach(model: LayersModel, setup: ShardSetup): Promise<ShardedFit> {
    const alone = (why: string): ShardedFit => ({
      device: this.describe(1, why),
      splitBatches: 0,
      dispose: () => undefined,
    });
    const compiled = compiledOf(model);
    if (this.tf.getBackend() !== 'wasm') return alone(l10n.t('the replicas train on the wasm backend only'));
    if (compiled.inputs.length !== 1 || compiled.outputs.length !== 1)
      return alone(l10n.t('a model with several inputs or outputs trains on one thread'));
    const [xSample, ySample] = [compiled.inputs[0].shape.slice(1), compiled.outputs[0].shape.slice(1)];
    if (xSample.some((d) => d === null) || ySample.some((d) => d === null))
      return alone(l10n.t('inputs or outputs of varying shape train on one thread'));
    if (!this.options.everyModel && tooLittleWork(model, setup.batchSize, this.replicas + 1))
      return alone(l10n.t('this model is too small to gain from more: each share of a batch would be little work'));
    const logs = 1 + compiled.metricsTensors.length;
    if (logs > MAX_LOGS) return alone(l10n.t('more than {0} metrics train on one thread', MAX_LOGS - 1));
    let workers: Worker[];
    try {
      workers = await this.start();
    } catch (e) {
      return alone(l10n.t('the replicas did not start: {0}', (e as Error).message));
    }
    const sizes: ReplicaSizes = {
      weights: model.weights.reduce((n, w) => n + sizeOf(w.shape as number[]), 0),
      trainable: compiled.collectedTrainableWeights.reduce((n, w) => n + sizeOf(w.shape as number[]), 0),
      rows: Math.ceil(setup.batchSize / (workers.length + 1)),
      xRow: sizeOf(xSample as number[]),
      yRow: sizeOf(ySample as number[]),
      logs,
    };
    const topology = model.toJSON(null, false) as object;
    const { loss, metrics } = setup;
    const seed = setup.seed();
    const shares = workers.map((worker, i) => {
      const buffer = new SharedArrayBuffer(bytesFor(sizes));
      const message: ToReplica = { kind: 'model', topology, loss, metrics, seed: seed + i + 1, buffer, sizes };
      return { worker, views: viewsOf(buffer, sizes), ready: ask(worker, message) };
    });
    const drop = () => shares.forEach((s) => s.worker.postMessage({ kind: 'drop' } satisfies ToReplica));
    const failed = (await Promise.all(shares.map((s) => s.ready))).find((a) => a.kind === 'failed');
    if (failed) {
      drop();
      return alone(l10n.t('the model could not be copied to another thread: {0}', failed.message));
    }
    const step = new ShardedStep(
      this.tf,
      model,
      shares.map((s) => s.views),
      sizes,
      this.lost(this.generation),
    );
    Object.defineProperty(compiled, 'makeTrainFunction', { value: () => step.train, configurable: true });
    return {
      device: this.describe(workers.length + 1),
      get splitBatches() {
        return step.splitBatches;
      },
      dispose: () => {
        delete (compiled as { makeTrainFunction?: unknown }).makeTrainFunction;
        drop();
      },
    };
  }

  dispose(): void {
    const threads = this.generation?.threads ?? [];
    this.generation = undefined;
    for (const t of threads) void t.terminate();
  }

  private start(): Promise<Worker[]> {
    if (!this.generation) {
      const boot: ReplicaBoot = { wasmFolder: this.wasmFolder };
      const threads: Worker[] = [];
      const file = path.join(__dirname, 'replica.js');
      const ready = Promise.all(Array.from({ length: this.replicas }, () => spawn(file, boot, threads, () => lost())));
      const generation: Generation = { threads, ready };
      const lost = this.lost(generation);
      ready.catch(lost);
      this.generation = generation;
    }
    return this.generation.ready;
  }

  /** Ends these threads if they are still the pool's, so that the next attach starts them all again. */
  private lost(generation: Generation | undefined): () => void {
    return () => {
      if (generation && this.generation === generation) this.dispose();
    };
  }
}

/** The replicas' threads started together: one ending ends them all. */
interface Generation {
  threads: Worker[];
  ready: Promise<Worker[]>;
}

function spawn(file: string, boot: ReplicaBoot, threads: Worker[], lost: () => void): Promise<Worker> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(file, { workerData: boot });
    threads.push(worker);
    worker.unref(); // replicas wait for steps as long as the core lives; they must not keep it alive
    worker.once('message', (m: FromReplica) =>
      m.kind === 'started' ? resolve(worker) : reject(new Error(`unexpected ${m.kind}`)),
    );
    worker.once('error', (e) => {
      reject(e);
      lost();
    });
    worker.once('exit', (code) => {
      reject(new Error(`the replica's thread exited with code ${code}`));
      lost();
    });
  });
}

/** The replica's answer to a model: ready, or why it failed; a thread that ends meanwhile fails too. */
function ask(worker: Worker, message: ToReplica): Promise<FromReplica> {
  return new Promise((resolve) => {
    const settle = (m: FromReplica) => {
      worker.off('message', answer);
      worker.off('exit', exited);
      resolve(m);
    };
    const answer = (m: FromReplica) => m.kind !== 'started' && settle(m);
    const exited = (code: number) => settle({ kind: 'failed', message: `exited with code ${code}` });
    worker.on('message', answer);
    worker.on('exit', exited);
    worker.postMessage(message);
  });
}

/**
 * One batch of fit on this thread and the replicas: each replica gets the weights and its rows, this thread trains on
 * the first rows, then sums every share's gradients (weighted by its rows) and takes the model's optimizer step.
 */
class ShardedStep {
  /** tfjs's train function of this model, as fit would make it. */
  private readonly own: TrainFunction;
  /** Where each trainable weight's gradient starts in a replica's gradients. */
  private readonly offsets: number[];
  splitBatches = 0;

  constructor(
    private readonly tf: Tf,
    private readonly model: LayersModel,
    private readonly replicas: ReplicaViews[],
    private readonly sizes: ReplicaSizes,
    /** A replica's thread ended: the pool starts them afresh for the next fit. */
    private readonly lost: () => void,
  ) {
    this.own = compiledOf(model).makeTrainFunction();
    let at = 0;
    this.offsets = compiledOf(model).collectedTrainableWeights.map((w) => {
      const start = at;
      at += sizeOf(w.shape as number[]);
      return start;
    });
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
    const optimizer = compiledOf(this.model).optimizer_;
    const collector = gradientCollector(tf, (g) => this.apply(g, share, started, optimizer));
    const outs = tf.tidy(() =>
      trainWith(compiledOf(this.model), this.own, collector, [x.slice(0, base), y.slice(0, base)]),
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
  private apply(gradients: NamedTensor[], share: number, started: number[], optimizer: Optimizer): void {
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
