// Our matrix products (wasmGemm.c) and Winograd convolutions (wasmWinograd.c) on every thread of the threaded wasm
// backend: a small pool of worker_threads that instantiate the same modules on its shared memory, each computing a
// share of the output rows (or of Winograd's tile blocks), woken and awaited through Atomics on a control block.
// There is no message per call: a product costs two Atomics operations and a wake-up a thread.
import { Worker } from 'node:worker_threads';
import type { WasmGemm, WasmWinograd } from './wasmKernelModule';

/**
 * Multiply-adds below which a product stays on the calling thread: waking a worker and waiting for it costs some tens
 * of µs, and 2 M multiply-adds take about 100 µs on one core at 33-35 GFLOP/s.
 */
const MIN_SPLIT_WORK = 2 * 1024 * 1024;

/**
 * Whether our products use the threads: BIGMODEL_GEMM_THREADS=0 keeps them on one thread of the threaded backend
 * (XNNPACK's products then, as before), anything else splits them (docs/performance.md, "Every core").
 */
export function gemmThreadsEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.BIGMODEL_GEMM_THREADS !== '0';
}

// The control block, 32-bit words: the job's generation (workers wait on it), how many workers are done (the caller
// waits on it), the job's kind, a failure flag, then the job's arguments.
const GENERATION = 0;
const DONE = 1;
const KIND = 2;
const FAILED = 3;
const ARGS = 4;
const WORDS = 48;
const GEMM_JOB = 1;
const WINOGRAD_JOB = 2;
const FILTER_GRADIENT_JOB = 3;

/** The arguments of one thread's share of Winograd's tile blocks (see wasmWinograd.ts for what each is). */
export interface WinogradBlocks {
  tile: 2 | 4;
  x: number;
  zeros: number;
  h: number;
  w: number;
  k: number;
  tilesY: number;
  tilesX: number;
  top: number;
  left: number;
  panels: number;
  panelFloats: number;
  co: number;
  tiles: number;
  block: number;
  out: number;
  bias: number;
  relu: number;
  p: number;
  q: number;
  /** Scratch for each thread, `vBytes`, `mBytes`, `rowsBytes` apart: the transformed input, the products, their rows. */
  v: number;
  m: number;
  rows: number;
  vBytes: number;
  mBytes: number;
  rowsBytes: number;
}
const WINOGRAD_FIELDS: (keyof WinogradBlocks)[] = [
  'tile',
  'x',
  'zeros',
  'h',
  'w',
  'k',
  'tilesY',
  'tilesX',
  'top',
  'left',
  'panels',
  'panelFloats',
  'co',
  'tiles',
  'block',
  'out',
  'bias',
  'relu',
  'p',
  'q',
  'v',
  'm',
  'rows',
  'vBytes',
  'mBytes',
  'rowsBytes',
];

/**
 * The arguments of Winograd's filter gradient (F(3×3, 2×2), see wasmWinograd.ts): `tiles` of dy's 2×2 tiles in blocks
 * of `block`, the blocks in `chunks` runs of consecutive blocks, each run summed into its own planes of sums at
 * m + chunk · `chunkBytes` by whichever thread takes it; the runs depend on the shape only, not on the threads, so the
 * sums are the same on any number of threads.
 */
export interface FilterGradientBlocks {
  x: number;
  dy: number;
  zeros: number;
  h: number;
  w: number;
  ci: number;
  p: number;
  q: number;
  co: number;
  tilesY: number;
  tilesX: number;
  top: number;
  left: number;
  tiles: number;
  block: number;
  chunks: number;
  m: number;
  chunkBytes: number;
  /** Scratch for each thread, `vBytes` and `uBytes` apart: the transformed x and dy of one block. */
  v: number;
  u: number;
  vBytes: number;
  uBytes: number;
}
const FILTER_GRADIENT_FIELDS: (keyof FilterGradientBlocks)[] = [
  'x',
  'dy',
  'zeros',
  'h',
  'w',
  'ci',
  'p',
  'q',
  'co',
  'tilesY',
  'tilesX',
  'top',
  'left',
  'tiles',
  'block',
  'chunks',
  'm',
  'chunkBytes',
  'v',
  'u',
  'vBytes',
  'uBytes',
];

/**
 * One thread's share of the job in `args` (ARGS onwards), `part` of `parts`: the same function runs on the caller and
 * in each worker (the worker gets its source), so each output element is computed by the same code as on one thread.
 * Self-contained on purpose: no names from outside it, so the control block's words are literals here (KIND is 2,
 * ARGS 4; the job kinds GEMM_JOB 1, WINOGRAD_JOB 2 and FILTER_GRADIENT_JOB 3).
 */
function runShare(g: WasmGemm, w: WasmWinograd | undefined, args: Uint32Array, part: number, parts: number): void {
  const kind = args[2];
  const a = (i: number) => args[4 + i];
  /** The job's first n arguments, in order. */
  const leading = (n: number) => Array.from({ length: n }, (_, i) => a(i));
  if (kind === 1) {
    // gemm_rows(rows, segments, run, panels, bias, relu, c, m, n) over rows [lo, hi), boundaries on multiples of 4
    // rows: gemm_rows takes 4 rows at a time, so every row is summed as it would be on one thread.
    const [rows, segments, run, panels, bias, relu, c, m, n] = leading(9);
    const groups = Math.ceil(m / 4);
    const lo = Math.min(m, Math.floor((groups * part) / parts) * 4);
    const hi = Math.min(m, Math.floor((groups * (part + 1)) / parts) * 4);
    if (hi > lo) g.gemm_rows(rows + lo * segments * 4, segments, run, panels, bias, relu, c + lo * n * 4, hi - lo, n);
    return;
  }
  if (kind === 2 && w) {
    const [
      tile,
      x,
      zeros,
      h,
      width,
      k,
      tilesY,
      tilesX,
      top,
      left,
      panels,
      panelFloats,
      co,
      tiles,
      block,
      out,
      bias,
      relu,
      p,
      q,
    ] = leading(20);
    const v = a(20) + part * a(23);
    const m = a(21) + part * a(24);
    const rows = a(22) + part * a(25);
    const planes = (tile + 2) * (tile + 2);
    const input = tile === 2 ? w.winograd_input : w.winograd4_input;
    const output = tile === 2 ? w.winograd_output : w.winograd4_output;
    // Blocks part, part + parts, …: every block is the same size as on one thread, so the same sums.
    for (let first = part * block; first < tiles; first += parts * block) {
      const count = Math.min(block, tiles - first);
      input(x, zeros, v, h, width, k, tilesY, tilesX, top, left, first, count);
      for (let e = 0; e < planes; e++) {
        g.matrix_rows(v + e * count * k * 4, k, rows + e * count * 4, count);
        g.gemm_rows(rows + e * count * 4, 1, k, panels + e * panelFloats * 4, 0, 0, m + e * count * co * 4, count, co);
      }
      output(m, out, bias, relu, p, q, co, tilesY, tilesX, first, count);
    }
  }
  if (kind === 3 && w) {
    const [x, dy, zeros, h, width, ci, p, q, co, tilesY, tilesX, top, left, tiles, block, chunks, m, chunkBytes] =
      leading(18);
    const v = a(18) + part * a(20);
    const u = a(19) + part * a(21);
    const blocks = Math.ceil(tiles / block);
    const padded = Math.ceil(co / 8) * 8;
    // Runs part, part + parts, …: each run's blocks summed in order, the first one written, the others added.
    for (let chunk = part; chunk < chunks; chunk += parts) {
      const sums = m + chunk * chunkBytes;
      const [lo, hi] = [Math.floor((blocks * chunk) / chunks), Math.floor((blocks * (chunk + 1)) / chunks)];
      for (let b = lo; b < hi; b++) {
        const first = b * block;
        const count = Math.min(block, tiles - first);
        w.winograd_input(x, zeros, v, h, width, ci, tilesY, tilesX, top, left, first, count);
        w.winograd_dy(dy, zeros, u, p, q, co, tilesY, tilesX, first, count);
        for (let e = 0; e < 16; e++)
          g.gemm_transposed(
            v + e * count * ci * 4,
            ci,
            u + e * padded * count * 4,
            sums + e * ci * co * 4,
            ci,
            co,
            count,
            b > lo ? 1 : 0,
          );
      }
    }
  }
}

/** A worker's whole program: instantiate the modules on the shared memory, then run its share of each job it is woken for. */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const runShare = ${runShare.toString()};
const { memory, gemm, winograd, control, part, parts } = workerData;
const g = new WebAssembly.Instance(gemm, { env: { memory } }).exports;
const w = winograd ? new WebAssembly.Instance(winograd, { env: { memory } }).exports : undefined;
const ctl = new Int32Array(control);
const args = new Uint32Array(control);
let seen = 0;
for (;;) {
  Atomics.wait(ctl, ${GENERATION}, seen);
  seen = Atomics.load(ctl, ${GENERATION});
  try {
    runShare(g, w, args, part, parts);
  } catch (e) {
    Atomics.store(ctl, ${FAILED}, 1);
  }
  Atomics.add(ctl, ${DONE}, 1);
  Atomics.notify(ctl, ${DONE});
}`;

/** Our products with their work spread over `threads` threads (the caller's and threads - 1 workers). */
export class GemmThreadPool {
  private readonly control = new SharedArrayBuffer(WORDS * 4);
  private readonly ctl = new Int32Array(this.control);
  private readonly args = new Uint32Array(this.control);
  private readonly workers: Worker[] = [];

  constructor(
    private readonly gemm: WasmGemm,
    private readonly winograd: WasmWinograd | undefined,
    modules: { memory: WebAssembly.Memory; gemm: WebAssembly.Module; winograd?: WebAssembly.Module },
    readonly threads: number,
  ) {
    this.products = this.split(gemm);
    for (let part = 1; part < threads; part++) {
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { ...modules, control: this.control, part, parts: threads },
      });
      // A worker waits for work for as long as the process lives; it must not keep the process alive.
      worker.unref();
      this.workers.push(worker);
    }
  }

  /** WasmGemm's exports, with gemm_rows split over the threads above MIN_SPLIT_WORK. */
  readonly products: WasmGemm;

  private split(gemm: WasmGemm): WasmGemm {
    return {
      pack_panels: gemm.pack_panels,
      matrix_rows: gemm.matrix_rows,
      window_rows: gemm.window_rows,
      gemm_transposed: gemm.gemm_transposed,
      gemm_rows: (rows, segments, run, panels, bias, relu, c, m, n) => {
        if (m * n * segments * run < MIN_SPLIT_WORK || m < 8)
          return gemm.gemm_rows(rows, segments, run, panels, bias, relu, c, m, n);
        this.run(GEMM_JOB, [rows, segments, run, panels, bias, relu, c, m, n]);
      },
    };
  }

  /** Winograd's tile blocks spread over the threads, each with its own scratch (`threads` of each, see WinogradBlocks). */
  winogradBlocks(job: WinogradBlocks): void {
    this.run(
      WINOGRAD_JOB,
      WINOGRAD_FIELDS.map((f) => job[f]),
    );
  }

  /** Winograd's filter gradient: its runs of tile blocks spread over the threads (see FilterGradientBlocks). */
  filterGradientBlocks(job: FilterGradientBlocks): void {
    this.run(
      FILTER_GRADIENT_JOB,
      FILTER_GRADIENT_FIELDS.map((f) => job[f]),
    );
  }

  private run(kind: number, values: number[]): void {
    this.args[KIND] = kind;
    this.args.set(values, ARGS);
    Atomics.store(this.ctl, DONE, 0);
    Atomics.store(this.ctl, FAILED, 0);
    Atomics.add(this.ctl, GENERATION, 1);
    Atomics.notify(this.ctl, GENERATION);
    let failure: unknown;
    try {
      runShare(this.gemm, this.winograd, this.args, 0, this.threads);
    } catch (e) {
      failure = e;
    }
    // Every worker must be done before the caller's tensors can be freed, also when the caller's share failed.
    for (let done = Atomics.load(this.ctl, DONE); done < this.workers.length; done = Atomics.load(this.ctl, DONE)) {
      Atomics.wait(this.ctl, DONE, done);
    }
    if (failure) throw failure;
    if (Atomics.load(this.ctl, FAILED))
      throw new Error('wasmGemmThreads: a worker failed in its share of a matrix product');
  }
}

/** Winograd's blocks on one thread: the same share function, one part. */
export function winogradBlocksHere(gemm: WasmGemm, winograd: WasmWinograd, job: WinogradBlocks): void {
  runHere(
    gemm,
    winograd,
    WINOGRAD_JOB,
    WINOGRAD_FIELDS.map((f) => job[f]),
  );
}

/** Winograd's filter gradient blocks on one thread: the same share function, one part. */
export function filterGradientBlocksHere(gemm: WasmGemm, winograd: WasmWinograd, job: FilterGradientBlocks): void {
  runHere(
    gemm,
    winograd,
    FILTER_GRADIENT_JOB,
    FILTER_GRADIENT_FIELDS.map((f) => job[f]),
  );
}

/** A job as the pool's `run` writes it, done whole on this thread. */
function runHere(gemm: WasmGemm, winograd: WasmWinograd, kind: number, values: number[]): void {
  const args = new Uint32Array(WORDS);
  args[KIND] = kind;
  args.set(values, ARGS);
  runShare(gemm, winograd, args, 0, 1);
}
