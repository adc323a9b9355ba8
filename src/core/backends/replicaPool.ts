// Data-parallel training on every core: worker threads (replica.ts) each hold a replica of the model, every batch of
// tfjs's fit is split between this thread and them, and their gradients are summed here before one optimizer step.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import * as l10n from '@vscode/l10n';
import type { LayersModel } from '@tensorflow/tfjs';
import type { DataParallel, ShardedFit, ShardSetup } from '../training/dataParallel';
import type { Tf } from '../tf';
import { bytesFor, MAX_LOGS, viewsOf, type ReplicaSizes } from './replicaLayout';
import type { FromReplica, ReplicaBoot, ToReplica } from './replicaMessages';
import { compiledOf, weightCounts } from './replicaStep';
import { tooLittleWork } from './replicaWork';
import { ShardedStep } from './shardedStep';

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
    if (1 + compiled.metricsTensors.length > MAX_LOGS)
      return alone(l10n.t('more than {0} metrics train on one thread', MAX_LOGS - 1));
    let workers: Worker[];
    try {
      workers = await this.start();
    } catch (e) {
      return alone(l10n.t('the replicas did not start: {0}', (e as Error).message));
    }
    const sizes: ReplicaSizes = {
      ...weightCounts(this.tf, model),
      rows: Math.ceil(setup.batchSize / (workers.length + 1)),
      xRow: this.tf.util.sizeFromShape(xSample as number[]),
      yRow: this.tf.util.sizeFromShape(ySample as number[]),
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
