// Our SIMD kernels (src/core/wasmKernels.c, built by esbuild.mjs next to this bundle), instantiated on tfjs-wasm's own
// memory so they read and write its tensors where they lie.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TensorInfo } from '@tensorflow/tfjs';

/** A convolution's windows in the order the kernels take them: n, h, w, ci, kh, kw, p, q, sh, sw, top, left. */
export type WindowArgs = [number, number, number, number, number, number, number, number, number, number, number, number];

/** The exports of wasmKernels.c; every pointer is a byte offset into tfjs-wasm's memory. */
export interface WasmKernels {
  relu_grad(dy: number, x: number, dx: number, n: number): void;
  bias_add(x: number, bias: number, out: number, rows: number, channels: number): void;
  max_pool_2x2_grad(x: number, dy: number, dx: number, batch: number, inH: number, inW: number, channels: number, outH: number, outW: number): void;
  im2col(x: number, col: number, ...windows: WindowArgs): void;
  im2col_transposed(x: number, colT: number, ...windows: WindowArgs): void;
  col2im(col: number, dx: number, ...windows: WindowArgs): void;
  filter_grad_few_rows(col: number, dy: number, dw: number, m: number, k: number, co: number): void;
  adam_step(value: number, grad: number, m: number, v: number, accBeta1: number, accBeta2: number, valueOut: number, mOut: number, vOut: number, n: number,
    beta1: number, oneMinusBeta1: number, beta2: number, oneMinusBeta2: number, epsilon: number, negLearningRate: number): void;
}

/** The parts of tfjs-wasm's backend the kernels need: its module's memory and where each tensor lies in it. */
interface WasmBackend {
  wasm: { asm: { memory: WebAssembly.Memory } };
  dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
}

const modules = new Map<string, WebAssembly.Module>();
const instances = new WeakMap<WebAssembly.Memory, WasmKernels>();
/** The memory of backends that do not export theirs (the threaded build), as wasmThreads.ts saw it made. */
const memories = new WeakMap<object, WebAssembly.Memory>();

/** Records the memory of a wasm backend whose module does not export it. */
export function rememberWasmMemory(backend: object, memory: WebAssembly.Memory): void {
  memories.set(backend, memory);
}

/** Our kernels on the memory of the wasm backend `backend` (compiled once, instantiated once per memory). */
export function wasmKernelsOf(backend: unknown): WasmKernels {
  const memory = (backend as Partial<WasmBackend>).wasm?.asm?.memory ?? memories.get(backend as object);
  if (!(memory instanceof WebAssembly.Memory)) throw new Error('wasmKernels: this backend has no WebAssembly memory; these kernels are for the wasm backend');
  let kernels = instances.get(memory);
  if (!kernels) {
    const file = path.join(__dirname, typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer ? 'bigmodel-kernels-threaded.wasm' : 'bigmodel-kernels.wasm');
    let module = modules.get(file);
    if (!module) {
      if (!fs.existsSync(file)) throw new Error(`wasmKernels: ${file} is missing; build it with \`node esbuild.mjs\` (needs clang and lld)`);
      module = new WebAssembly.Module(fs.readFileSync(file));
      modules.set(file, module);
    }
    kernels = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as WasmKernels;
    instances.set(memory, kernels);
  }
  return kernels;
}

/** Where a tensor's data starts in tfjs-wasm's memory (a byte offset, as the kernels take pointers). */
export function addressOf(backend: unknown, info: TensorInfo): number {
  const data = (backend as WasmBackend).dataIdMap.get(info.dataId);
  if (!data) throw new Error('wasmKernels: a tensor that is not in the wasm backend');
  return data.memoryOffset;
}
