// Starts TensorFlow.js's wasm backend with XNNPACK threads in Node, where tfjs turns them off (tfjs issue 3830).
// The module object itself (not a namespace copy): the Emscripten factory calls require('os').cpus().
import nodeOs from 'node:os';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { getThreadsCount, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
// The pthread worker's script, as tfjs hands it to the browser in a blob.
import { wasmWorkerContents } from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js';
import type { Tf } from '../tf';
import { rememberWasmMemory } from './wasmKernelModule';

/** The Emscripten factory of the threaded build; the build copies it beside the core bundle. */
export const THREADED_FACTORY = 'tfjs-backend-wasm-threaded-simd.js';

/**
 * Why tfjs cannot do this itself in Node, and what each step below works around:
 * 1. `WASM_HAS_MULTITHREAD_SUPPORT` is hard-coded false when `IS_NODE`: we set the flag ourselves.
 * 2. tfjs gives Emscripten the worker script as a `blob:` URL, which Node's `Worker` refuses (ERR_WORKER_PATH):
 *    while the backend starts, `URL.createObjectURL` answers that blob with a `data:` URL module that sets up
 *    `require` and makes the worker's `importScripts` load the factory from a file (Node cannot read a blob
 *    synchronously, which `importScripts` needs).
 * 3. The C side caps the pool at logical cores / 2 (it assumes two hyper-threads per core), so on a 2-core machine
 *    it asks for 1 thread whatever we set: `os.cpus()` reports 2 × `threads` entries while the module starts.
 * 4. The threaded build creates its shared memory itself and does not export it; our SIMD kernels need it to import
 *    (wasmKernelModule.ts): the shared memory made while the backend starts is kept for them.
 * Returns the number of threads XNNPACK really runs, or throws if the threaded backend did not start.
 */
export async function startThreadedWasm(tf: Tf, folder: string, threads: number): Promise<number> {
  const factory = path.join(folder, THREADED_FACTORY);
  if (!fs.existsSync(factory)) throw new Error(`${factory} is missing`);
  const worker = [
    `import { createRequire } from 'node:module';`,
    `globalThis.require = createRequire(${JSON.stringify(factory)});`,
    `globalThis.__filename = ${JSON.stringify(factory)};`,
    `URL.createObjectURL = () => ${JSON.stringify(factory)};`,
    `URL.revokeObjectURL = () => {};`,
    // tfjs escapes the newlines of the script the same way before putting it in its blob.
    `(0, eval)(${JSON.stringify(wasmWorkerContents.replace(/\n/g, '\\n'))});`,
  ].join('\n');
  const workerUrl = new URL(`data:text/javascript,${encodeURIComponent(worker)}`);
  const createObjectURL = URL.createObjectURL;
  const cpus = nodeOs.cpus;
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
  setThreadsCount(threads);
  URL.createObjectURL = (blob: Blob) =>
    blob.type === 'application/javascript' ? (workerUrl as unknown as string) : createObjectURL(blob);
  const all = cpus();
  nodeOs.cpus = () => Array.from({ length: 2 * threads }, (_, i) => all[i % all.length]);
  const Memory = WebAssembly.Memory;
  const shared: WebAssembly.Memory[] = [];
  const keepShared = function (descriptor: WebAssembly.MemoryDescriptor) {
    const memory = new Memory(descriptor);
    if (descriptor.shared) shared.push(memory);
    return memory;
  } as unknown as typeof WebAssembly.Memory;
  keepShared.prototype = Memory.prototype;
  WebAssembly.Memory = keepShared;
  try {
    if (!(await tf.setBackend('wasm'))) throw new Error('the threaded wasm backend did not initialise');
  } finally {
    URL.createObjectURL = createObjectURL;
    nodeOs.cpus = cpus;
    WebAssembly.Memory = Memory;
  }
  if (shared.length !== 1)
    throw new Error(`the threaded wasm backend made ${shared.length} shared memories; expected 1`);
  rememberWasmMemory(tf.backend(), shared[0], getThreadsCount());
  // Emscripten refs a worker while it runs a pthread, and XNNPACK's pool threads never end: unref them all, so a
  // process that used the backend still exits by itself (a unit test checks it).
  const pthreads = (
    tf.backend() as unknown as { wasm?: { PThread?: { runningWorkers: Worker[]; unusedWorkers: Worker[] } } }
  ).wasm?.PThread;
  for (const worker of [...(pthreads?.runningWorkers ?? []), ...(pthreads?.unusedWorkers ?? [])]) worker.unref();
  // Emscripten starts a pool of 8 workers, each a V8 isolate with the factory loaded; XNNPACK took its threads - 1
  // while the backend started and tfjs starts no other thread. The rest cost 48 MB of resident memory at 2 threads
  // (issue 18 item 5, docs/performance.md): they go.
  for (const worker of pthreads?.unusedWorkers.splice(0) ?? []) void worker.terminate();
  return getThreadsCount();
}
