// One replica of the model, in a worker thread beside the core: it waits for its share of each batch in shared memory,
// runs tfjs's own train function on it and writes back its gradients, loss and metrics (replicaPool.ts sums them).
import { parentPort, workerData } from 'node:worker_threads';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { LayersModel } from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { seededRandom } from '../data/random';
import { transformerLayers } from '../layers';
import { registerWasmTrainingKernels } from './gradientKernels';
import { readShape, Slot, viewsOf, writeMessage, type ReplicaViews } from './replicaLayout';
import type { FromReplica, ReplicaBoot, ToReplica } from './replicaMessages';
import { compiledOf, gradientCollector, weightCounts, type NamedTensor, type TrainFunction } from './replicaStep';
import { heapOf } from './wasmHeapKernels';
import { prepareWasmKernels } from './wasmKernelModule';

interface Replica {
  model: LayersModel;
  train: TrainFunction;
  views: ReplicaViews;
  /** The Go value of the last step served. */
  served: number;
}

const port = parentPort;
if (!port) throw new Error('replica.js runs in a worker thread');
const post = (m: FromReplica) => port.postMessage(m);
let replica: Replica | undefined;
/** Tests only: after this many steps the thread fails outside a step, as a bug in it would. */
const failAfter = Number(process.env.BIGMODEL_TEST_REPLICA_FAIL_AFTER) || Infinity;
let steps = 0;

void boot(workerData as ReplicaBoot);

// A failure outside a step would leave the core waiting for this step: say so in the step's memory, then end.
process.on('uncaughtException', (e) => {
  const r = replica;
  if (r) {
    r.views.control[Slot.Gone] = 1;
    r.views.control[Slot.Failed] = 1;
    writeMessage(r.views, e.message);
    Atomics.store(r.views.control, Slot.Done, Atomics.load(r.views.control, Slot.Go));
    Atomics.notify(r.views.control, Slot.Done);
  }
  throw e;
});

async function boot(options: ReplicaBoot): Promise<void> {
  setWasmPaths(options.wasmFolder + path.sep);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend did not initialise in a replica');
  registerWasmTrainingKernels(tf, 'wasm');
  prepareWasmKernels(tf.backend());
  transformerLayers(tf); // registers the cell language's own layers, so their models deserialise here
  port!.on('message', (m: ToReplica) => void receive(m));
  post({ kind: 'started' });
}

async function receive(m: ToReplica): Promise<void> {
  drop();
  if (m.kind === 'drop') return;
  try {
    replica = await build(m);
    post({ kind: 'ready' });
    setImmediate(serve);
  } catch (e) {
    drop();
    post({ kind: 'failed', message: (e as Error).message });
  }
}

async function build(m: Extract<ToReplica, { kind: 'model' }>): Promise<Replica> {
  const model = await tf.models.modelFromJSON(m.topology as never);
  const views = viewsOf(m.buffer, m.sizes);
  const collector = gradientCollector(tf, (gradients) => writeGradients(gradients, views));
  model.compile({ optimizer: collector, loss: m.loss, metrics: m.metrics });
  const { weights, trainable } = weightCounts(tf, model);
  if (weights !== m.sizes.weights || trainable !== m.sizes.trainable)
    throw new Error(`the replica's model has ${weights} weights (${trainable} trainable), not ${m.sizes.weights}`);
  Math.random = seededRandom(m.seed); // dropout masks, reproducible with the run's seed
  const train = compiledOf(model).makeTrainFunction();
  return {
    model,
    views,
    served: Atomics.load(views.control, Slot.Go),
    train,
  };
}

function drop(): void {
  replica?.model.dispose();
  replica = undefined;
}

/** Serves steps until the model is dropped, yielding between them so that messages come in. */
function serve(): void {
  const r = replica;
  if (!r) return;
  const control = r.views.control;
  // Sleeps until the core starts a step, at most 20 ms: then looks at its messages (a new model, a drop).
  if (Atomics.load(control, Slot.Go) === r.served) Atomics.wait(control, Slot.Go, r.served, 20);
  const go = Atomics.load(control, Slot.Go);
  if (go !== r.served) {
    r.served = go;
    step(r);
    if (++steps === failAfter)
      setImmediate(() => {
        throw new Error(`failed after ${steps} steps (BIGMODEL_TEST_REPLICA_FAIL_AFTER)`);
      });
    Atomics.store(control, Slot.Done, go);
    Atomics.notify(control, Slot.Done);
  }
  setImmediate(serve);
}

function step(r: Replica): void {
  const views = r.views;
  const { control, figures } = views;
  try {
    const heap = heapOf(tf.backend(), 'replica');
    let at = 0;
    for (const w of r.model.weights) {
      const view = heap.typedArrayFromHeap(w.read()) as Float32Array;
      view.set(views.weights.subarray(at, at + view.length));
      at += view.length;
    }
    const rows = control[Slot.Rows];
    const logs = tf.tidy(() => {
      const x = sharedRows(views.x, control[Slot.XType], rows, readShape(control, Slot.XShape));
      const y = sharedRows(views.y, control[Slot.YType], rows, readShape(control, Slot.YShape));
      const outs = r.train([x, y]);
      const values = outs.map((o) => o.dataSync()[0]);
      tf.dispose(outs); // the metrics are kept by tfjs's train function
      return values;
    });
    logs.forEach((v, i) => (figures[1 + i] = v));
    control[Slot.Failed] = 0;
  } catch (e) {
    control[Slot.Failed] = 1;
    writeMessage(views, (e as Error).message);
  }
}

function sharedRows(rows: ReplicaViews['x'], type: number, n: number, sample: number[]) {
  const size = n * tf.util.sizeFromShape(sample);
  return type === 1
    ? tf.tensor(rows.int32.subarray(0, size), [n, ...sample], 'int32')
    : tf.tensor(rows.float32.subarray(0, size), [n, ...sample], 'float32');
}

/** The replica's gradients, one after another in the variables' order (the core weighs them by their rows). */
function writeGradients(gradients: NamedTensor[], views: ReplicaViews): void {
  const heap = heapOf(tf.backend(), 'replica');
  let at = 0;
  for (const { tensor } of gradients) {
    const g = heap.typedArrayFromHeap(tensor) as Float32Array;
    views.gradients.set(g, at);
    at += g.length;
  }
}
