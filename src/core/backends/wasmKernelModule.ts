// Our SIMD kernels (src/core/backends/wasmKernels.c, built by esbuild.mjs next to this bundle), instantiated on tfjs-wasm's own
// memory so they read and write its tensors where they lie.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import type { TensorInfo } from '@tensorflow/tfjs';
import { GemmThreadPool, gemmThreadsEnabled } from './wasmGemmThreads';

/** A convolution's windows in the order the kernels take them: n, h, w, ci, kh, kw, p, q, sh, sw, top, left. */
export type WindowArgs = [
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
];

/** The exports of wasmKernels.c; every pointer is a byte offset into tfjs-wasm's memory. */
export interface WasmKernels {
  relu_grad(dy: number, x: number, dx: number, n: number): void;
  bias_add(x: number, bias: number, out: number, rows: number, channels: number): void;
  max_pool_2x2_grad(
    x: number,
    dy: number,
    dx: number,
    batch: number,
    inH: number,
    inW: number,
    channels: number,
    outH: number,
    outW: number,
  ): void;
  im2col(x: number, col: number, ...windows: WindowArgs): void;
  im2col_transposed(x: number, colT: number, ...windows: WindowArgs): void;
  col2im(col: number, dx: number, ...windows: WindowArgs): void;
  filter_grad_few_rows(col: number, dy: number, dw: number, m: number, k: number, co: number): void;
  adam_step(
    value: number,
    grad: number,
    m: number,
    v: number,
    accBeta1: number,
    accBeta2: number,
    valueOut: number,
    mOut: number,
    vOut: number,
    n: number,
    beta1: number,
    oneMinusBeta1: number,
    beta2: number,
    oneMinusBeta2: number,
    epsilon: number,
    negLearningRate: number,
  ): void;
}

/** The exports of wasmGemm.c (matrix products with fused multiply-adds); pointers as in WasmKernels. */
export interface WasmGemm {
  pack_panels(b: number, panels: number, k: number, n: number, transposed: number): void;
  matrix_rows(a: number, stride: number, rows: number, m: number): void;
  window_rows(
    x: number,
    zeros: number,
    rows: number,
    n: number,
    h: number,
    w: number,
    ci: number,
    kh: number,
    kw: number,
    p: number,
    q: number,
    sh: number,
    sw: number,
    top: number,
    left: number,
  ): void;
  gemm_rows(
    rows: number,
    segments: number,
    run: number,
    panels: number,
    bias: number,
    relu: number,
    c: number,
    m: number,
    n: number,
  ): void;
  /** c[m, n] = aᵀ · b (+ c where `accumulate` is 1), a[k, m] with rows `stride` floats apart, b packed by pack_panels. */
  gemm_transposed(
    a: number,
    stride: number,
    panels: number,
    c: number,
    m: number,
    n: number,
    k: number,
    accumulate: number,
  ): void;
}

/** wasmWinograd.c's filter transform: the `count` (ci·co) 3×3 filters of w to their planes (`flip`: turned by 180°, for dx). */
type WinogradFilter = (w: number, u: number, count: number, flip: number) => void;
/** wasmWinograd.c's input transform: tiles `first` to `first + count` of x into their planes. */
type WinogradInput = (
  x: number,
  zeros: number,
  v: number,
  h: number,
  w: number,
  c: number,
  tilesY: number,
  tilesX: number,
  top: number,
  left: number,
  first: number,
  count: number,
) => void;
/** wasmWinograd.c's output transform: the products of tiles `first` to `first + count` back to outputs, bias and ReLU. */
type WinogradOutput = (
  m: number,
  out: number,
  bias: number,
  relu: number,
  p: number,
  q: number,
  co: number,
  tilesY: number,
  tilesX: number,
  first: number,
  count: number,
) => void;

/** The exports of wasmWinograd.c (F(2×2, 3×3) and F(4×4, 3×3) transforms around our products); pointers as in WasmKernels. */
export interface WasmWinograd {
  winograd_filter: WinogradFilter;
  winograd_input: WinogradInput;
  winograd_output: WinogradOutput;
  /** The same three for F(4×4, 3×3): 36 planes, 6×6 blocks of input, 4×4 tiles of output. */
  winograd4_filter: WinogradFilter;
  winograd4_input: WinogradInput;
  winograd4_output: WinogradOutput;
  /** The filter gradient's F(3×3, 2×2): dy's 2×2 tiles `first` to `first + count` to 16 planes of panels. */
  winograd_dy(
    dy: number,
    zeros: number,
    u: number,
    p: number,
    q: number,
    co: number,
    tilesY: number,
    tilesX: number,
    first: number,
    count: number,
  ): void;
  /** dw[3, 3, count] from the 16 planes of sums [16, count], `chunks` partial sums `chunk` floats apart added first. */
  winograd_dw(m: number, chunks: number, chunk: number, dw: number, count: number): void;
}

/** The parts of tfjs-wasm's backend the kernels need: its module's memory and where each tensor lies in it. */
interface WasmBackend {
  wasm: { asm: { memory: WebAssembly.Memory } };
  dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
}

const modules = new Map<string, WebAssembly.Module>();
/** The memory of backends that do not export theirs (the threaded build), as wasmThreads.ts saw it made. */
const memories = new WeakMap<object, WebAssembly.Memory>();

/** Threads of the threaded backend on each shared memory (wasmThreads.ts), for our products' pool. */
const memoryThreads = new WeakMap<WebAssembly.Memory, number>();
const pools = new WeakMap<WebAssembly.Memory, GemmThreadPool>();

/** Records the memory of a wasm backend whose module does not export it, and how many threads that backend runs. */
export function rememberWasmMemory(backend: object, memory: WebAssembly.Memory, threads = 1): void {
  memories.set(backend, memory);
  memoryThreads.set(memory, threads);
}

/** Our kernels on the memory of the wasm backend `backend` (compiled once, instantiated once per memory). */
export function wasmKernelsOf(backend: unknown): WasmKernels {
  const memory = memoryOf(backend);
  const file =
    typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer
      ? 'bigmodel-kernels-threaded.wasm'
      : 'bigmodel-kernels.wasm';
  return instanceOf(moduleOf(file), memory, kernelInstances) as unknown as WasmKernels;
}

/**
 * Our matrix products on the memory of the wasm backend `backend`, or undefined where they would not help: where this
 * runtime has no relaxed SIMD (Node 20 has it behind a V8 flag, which this sets, the core being our own process;
 * Electron's and Node's newer V8 have it on), or on the threaded build with BIGMODEL_GEMM_THREADS=0 (XNNPACK's
 * products then spread over the threads). On the threaded build they are split over its threads (wasmGemmThreads.ts).
 */
export function wasmGemmOf(backend: unknown): WasmGemm | undefined {
  const memory = memoryOf(backend);
  if (!relaxedSimdHere()) return undefined;
  if (!isShared(memory))
    return instanceOf(moduleOf('bigmodel-gemm.wasm'), memory, gemmInstances) as unknown as WasmGemm;
  return poolOf(memory)?.products;
}

/** The pool that spreads our products over the threaded backend's threads, or undefined (one thread, or turned off). */
export function wasmGemmPoolOf(backend: unknown): GemmThreadPool | undefined {
  const memory = memoryOf(backend);
  return isShared(memory) && relaxedSimdHere() ? poolOf(memory) : undefined;
}

function poolOf(memory: WebAssembly.Memory): GemmThreadPool | undefined {
  if (!gemmThreadsEnabled()) return undefined;
  let pool = pools.get(memory);
  if (!pool) {
    const [gemm, winograd] = [moduleOf('bigmodel-gemm-threaded.wasm'), moduleOf('bigmodel-winograd-threaded.wasm')];
    const exports = (module: WebAssembly.Module, instances: WeakMap<WebAssembly.Memory, WebAssembly.Exports>) =>
      instanceOf(module, memory, instances);
    pool = new GemmThreadPool(
      exports(gemm, gemmInstances) as unknown as WasmGemm,
      exports(winograd, winogradInstances) as unknown as WasmWinograd,
      { memory, gemm, winograd },
      memoryThreads.get(memory) ?? 1,
    );
    pools.set(memory, pool);
  }
  return pool;
}

function isShared(memory: WebAssembly.Memory): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
}

function relaxedSimdHere(): boolean {
  if (relaxedSimd === undefined) {
    const bytes = fs.readFileSync(wasmFile('bigmodel-gemm.wasm'));
    if (!WebAssembly.validate(bytes)) v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
    relaxedSimd = WebAssembly.validate(bytes);
    // Compiled from the bytes just read, so moduleOf below finds it and does not read the file again.
    if (relaxedSimd) modules.set('bigmodel-gemm.wasm', optimised(bytes));
  }
  return relaxedSimd;
}

/** The Winograd transforms on the memory of `backend`, where our products run there (see wasmGemmOf), else undefined. */
export function wasmWinogradOf(backend: unknown): WasmWinograd | undefined {
  const memory = memoryOf(backend);
  const file = isShared(memory) ? 'bigmodel-winograd-threaded.wasm' : 'bigmodel-winograd.wasm';
  return wasmGemmOf(backend) && (instanceOf(moduleOf(file), memory, winogradInstances) as unknown as WasmWinograd);
}

/** Whether this runtime compiles relaxed SIMD (found by wasmGemmOf, once). */
let relaxedSimd: boolean | undefined;
const kernelInstances = new WeakMap<WebAssembly.Memory, WebAssembly.Exports>();
const gemmInstances = new WeakMap<WebAssembly.Memory, WebAssembly.Exports>();
const winogradInstances = new WeakMap<WebAssembly.Memory, WebAssembly.Exports>();

function memoryOf(backend: unknown): WebAssembly.Memory {
  const memory = (backend as Partial<WasmBackend>).wasm?.asm?.memory ?? memories.get(backend as object);
  if (!(memory instanceof WebAssembly.Memory))
    throw new Error('wasmKernels: this backend has no WebAssembly memory; these kernels are for the wasm backend');
  return memory;
}

function wasmFile(file: string): string {
  const at = path.join(__dirname, file);
  if (!fs.existsSync(at))
    throw new Error(`wasmKernels: ${at} is missing; build it with \`node esbuild.mjs\` (needs clang 19 and lld 19)`);
  return at;
}

function moduleOf(file: string): WebAssembly.Module {
  let module = modules.get(file);
  if (!module) {
    module = optimised(fs.readFileSync(wasmFile(file)));
    modules.set(file, module);
  }
  return module;
}

/**
 * Compiles the kernels the wasm backend `backend` will call (ours; our products and Winograd where wasmGemmOf gives
 * them), so that a fresh core's first training step runs them optimised rather than waiting for them.
 */
export function prepareWasmKernels(backend: unknown): void {
  const shared = isShared(memoryOf(backend));
  const threaded = shared ? '-threaded' : '';
  moduleOf(`bigmodel-kernels${threaded}.wasm`);
  if (relaxedSimdHere() && (!shared || gemmThreadsEnabled()))
    for (const name of ['gemm', 'winograd']) moduleOf(`bigmodel-${name}${threaded}.wasm`);
}

/**
 * One of our modules compiled by V8's optimising compiler (TurboFan) at once. By default V8 compiles each wasm
 * function on its first call with its baseline compiler (Liftoff) and optimises it only once it has run a while: our
 * kernels are few, small and all hot, and their baseline code ran a fresh core's first steps several times slower
 * (docs/performance.md, "The first steps"). V8 has no per-module switch, so its two flags are set around this compile
 * and put back to their defaults (on in every V8 the core runs in: Node 20's and VS Code's Electron's), unless the
 * core was started with either flag, which is then left as given.
 */
function optimised(bytes: BufferSource): WebAssembly.Module {
  if (process.execArgv.some((a) => /^--(no-)?(liftoff|wasm-lazy-compilation)$/.test(a)))
    return new WebAssembly.Module(bytes);
  v8.setFlagsFromString('--no-liftoff');
  v8.setFlagsFromString('--no-wasm-lazy-compilation');
  try {
    return new WebAssembly.Module(bytes);
  } finally {
    v8.setFlagsFromString('--liftoff');
    v8.setFlagsFromString('--wasm-lazy-compilation');
  }
}

function instanceOf(
  module: WebAssembly.Module,
  memory: WebAssembly.Memory,
  instances: WeakMap<WebAssembly.Memory, WebAssembly.Exports>,
): WebAssembly.Exports {
  let exports = instances.get(memory);
  if (!exports) {
    exports = new WebAssembly.Instance(module, { env: { memory } }).exports;
    instances.set(memory, exports);
  }
  return exports;
}

/** Where a tensor's data starts in tfjs-wasm's memory (a byte offset, as the kernels take pointers). */
export function addressOf(backend: unknown, info: TensorInfo): number {
  const data = (backend as WasmBackend).dataIdMap.get(info.dataId);
  if (!data) throw new Error('wasmKernels: a tensor that is not in the wasm backend');
  return data.memoryOffset;
}
