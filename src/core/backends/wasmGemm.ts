// Matrix products and convolutions on the wasm backend through our fused multiply-add products (wasmGemm.c) instead of
// XNNPACK's, where the runtime has relaxed SIMD; on the threaded backend spread over its threads (wasmGemmThreads.ts).
// Every other case, and every other backend, keeps the kernel registered before ours.
import { swapLastTwo, untransposed } from './kernelInput';
import { overrideKernel } from './kernelOverride';
import { heapOf, Scratch, windows, type ConvAttrs, type Windows, type WasmHeap } from './wasmHeapKernels';
import { addressOf, wasmGemmOf, type WasmGemm } from './wasmKernelModule';
import { winogradConvolution } from './wasmWinograd';
import type { Tf } from '../tf';
import type { KernelFunc, Tensor, TensorInfo } from '@tensorflow/tfjs';

/**
 * Channels below which a convolution does not read its windows where they lie: a first layer on 1-3 channels has runs
 * too short for that. Where its windows are short too (FEW_TAPS), they are listed row by row instead
 * (convolveFewChannels); else it stays on XNNPACK.
 */
const MIN_CHANNELS = 8;
/** The most values a window of a few-channel convolution holds (kh·kw·ci) for our product: a 5×5 RGB filter's 75. */
const FEW_TAPS = 80;
/** The most window starts (output pixels × filter taps, or × filter rows) a convolution lists before it stays on XNNPACK (64 MB). */
const MAX_WINDOW_ROWS = 16 * 1024 * 1024;

type ProductAttrs = { transposeA: boolean; transposeB: boolean };
type ConvolutionAttrs = ConvAttrs & { dilations?: number | [number, number] };
/** What a fused kernel (FusedConv2D, _FusedMatMul) adds after the product; the plain kernels have neither. */
type Epilogue = { bias?: TensorInfo; relu: boolean };

/**
 * BatchMatMul, Conv2D and their fused forms (bias and ReLU, as layers predict and evaluate) through wasmGemm.c. The
 * seed CNN's products ran at 15-25 GFLOP/s on XNNPACK and 33-35 on ours (test/bench/gemm.ts); a convolution reads its
 * windows where they lie in x, through a list of where each filter tap's channels start, with no im2col copy.
 */
export function registerWasmGemm(tf: Tf, backendName = 'wasm'): void {
  overrideKernel(
    tf,
    'BatchMatMul',
    backendName,
    (replaced) => (args) => multiply(tf, args, { relu: false }) ?? replaced(args),
  );
  overrideKernel(
    tf,
    'Conv2D',
    backendName,
    (replaced) => (args) => convolve(tf, args, { relu: false }) ?? replaced(args),
  );
  overrideKernel(tf, '_FusedMatMul', backendName, (replaced) => (args) => {
    const { b } = args.inputs as { b: TensorInfo };
    const epilogue = fusedEpilogue(
      args,
      b.shape[b.shape.length - ((args.attrs as unknown as ProductAttrs).transposeB ? 2 : 1)],
    );
    // Another activation, or no relaxed SIMD: tfjs-wasm's kernel, with the operands transposed first, since its own
    // gives wrong values for a transposed operand with a bias (4.22.0: off by up to 1.3 on a 5×12 · 12×13 product).
    return (epilogue && multiply(tf, args, epilogue)) ?? untransposed(tf, args, replaced);
  });
  overrideKernel(tf, 'FusedConv2D', backendName, (replaced) => (args) => {
    const epilogue = fusedEpilogue(args, (args.inputs.filter as TensorInfo).shape[3]);
    return (epilogue && convolve(tf, args, epilogue)) ?? replaced(args);
  });
}

type KernelArgs = Parameters<KernelFunc>[0];

/** The bias and ReLU of a fused kernel, or undefined where ours cannot apply them (other activations, PReLU, a bias that is not [n]). */
function fusedEpilogue(args: KernelArgs, n: number): Epilogue | undefined {
  const { bias, preluActivationWeights } = args.inputs as { bias?: TensorInfo; preluActivationWeights?: TensorInfo };
  const activation = (args.attrs as unknown as { activation?: string }).activation ?? 'linear';
  if (preluActivationWeights || !['linear', 'relu'].includes(activation)) return undefined;
  if (bias && (bias.dtype !== 'float32' || bias.shape.length !== 1 || bias.shape[0] !== n)) return undefined;
  return { bias, relu: activation === 'relu' };
}

/** a · b (either transposed, batches equal or one of them 1) on our products, or undefined to leave it to the kernel replaced. */
function multiply(tf: Tf, args: KernelArgs, epilogue: Epilogue): TensorInfo | undefined {
  const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
  const { transposeA, transposeB } = args.attrs as unknown as ProductAttrs;
  const gemm = a.dtype === 'float32' && b.dtype === 'float32' ? wasmGemmOf(args.backend) : undefined;
  const outerA = a.shape.slice(0, -2);
  const outerB = b.shape.slice(0, -2);
  const batchA = tf.util.sizeFromShape(outerA);
  const batchB = tf.util.sizeFromShape(outerB);
  const [m, k] = transposeA ? a.shape.slice(-2).reverse() : a.shape.slice(-2);
  const [kB, n] = transposeB ? b.shape.slice(-2).reverse() : b.shape.slice(-2);
  // Batches broadcast only where one side has one. Any other broadcast, an empty product, and shapes that do not fit
  // (which the kernel replaced reports, in tfjs's words) go to the kernel replaced.
  const batches = batchA === 1 || batchB === 1 || tf.util.arraysEqual(outerA, outerB);
  if (!gemm || !batches || a.shape.length < 2 || b.shape.length < 2 || k !== kB || m * n * k === 0) return undefined;
  const outer = tf.backend_util.assertAndGetBroadcastShape(outerA, outerB);
  const heap = heapOf(args.backend, 'BatchMatMul');
  const scratch = new Scratch(heap, args.backend);
  let transposed: Tensor | undefined;
  try {
    // Rows of A must lie along k: a transposed A is transposed first (one copy, by the backend's Transpose).
    transposed = transposeA ? swapLastTwo(tf, a) : undefined;
    const at = (t: TensorInfo) => addressOf(args.backend, t);
    const rows = scratch.make([m], 'int32');
    const panels = scratch.make([Math.ceil(n / 8) * 8 * k], 'float32');
    const bias = scratch.bias(epilogue.bias, n);
    const out = heap.makeOutput([...outer, m, n], 'float32');
    const batch = Math.max(batchA, batchB);
    for (let i = 0; i < batch; i++) {
      if (i === 0 || batchB > 1)
        gemm.pack_panels(at(b) + (batchB > 1 ? i * k * n * 4 : 0), at(panels), k, n, transposeB ? 1 : 0);
      gemm.matrix_rows(at(transposed ?? a) + (batchA > 1 ? i * m * k * 4 : 0), k, at(rows), m);
      gemm.gemm_rows(
        at(rows),
        1,
        k,
        at(panels),
        bias ? at(bias) : 0,
        epilogue.relu ? 1 : 0,
        at(out) + i * m * n * 4,
        m,
        n,
      );
    }
    return out;
  } finally {
    scratch.dispose();
    transposed?.dispose();
  }
}

/** A convolution (NHWC, undilated) on our products, or undefined to leave it to the kernel replaced. */
function convolve(tf: Tf, args: KernelArgs, epilogue: Epilogue): TensorInfo | undefined {
  const winograd = winogradConvolution(tf, args, epilogue.bias, epilogue.relu);
  if (winograd) return winograd;
  const { x, filter } = args.inputs as { x: TensorInfo; filter: TensorInfo };
  const attrs = args.attrs as unknown as ConvolutionAttrs;
  const dilations = attrs.dilations ?? 1;
  const undilated = typeof dilations === 'number' ? dilations === 1 : dilations.every((d) => d === 1);
  const gemm: WasmGemm | undefined =
    x.dtype === 'float32' && filter.dtype === 'float32' && undilated && attrs.dataFormat !== 'NCHW'
      ? wasmGemmOf(args.backend)
      : undefined;
  if (!gemm) return undefined;
  const g = windows(tf, 'Conv2D', x.shape, filter.shape as [number, number, number, number], attrs);
  const m = g.n * g.p * g.q;
  const taps = g.kh * g.kw;
  if (m * g.co === 0) return undefined;
  if (g.ci < MIN_CHANNELS) {
    const few = taps * g.ci <= FEW_TAPS && m * g.kh <= MAX_WINDOW_ROWS;
    return few ? convolveFewChannels(args, gemm, g, epilogue) : undefined;
  }
  if (m * taps > MAX_WINDOW_ROWS) return undefined;
  const heap = heapOf(args.backend, 'Conv2D');
  const scratch = new Scratch(heap, args.backend);
  try {
    const at = (t: TensorInfo) => addressOf(args.backend, t);
    const zeros = scratch.make([g.ci], 'float32');
    heap.typedArrayFromHeap(zeros).fill(0);
    const rows = scratch.make([m * taps], 'int32');
    const panels = scratch.make([Math.ceil(g.co / 8) * 8 * taps * g.ci], 'float32');
    const bias = scratch.bias(epilogue.bias, g.co);
    gemm.pack_panels(at(filter), at(panels), taps * g.ci, g.co, 0);
    gemm.window_rows(at(x), at(zeros), at(rows), g.n, g.h, g.w, g.ci, g.kh, g.kw, g.p, g.q, g.sh, g.sw, g.top, g.left);
    const out = heap.makeOutput([g.n, g.p, g.q, g.co], 'float32');
    gemm.gemm_rows(at(rows), taps, g.ci, at(panels), bias ? at(bias) : 0, epilogue.relu ? 1 : 0, at(out), m, g.co);
    return out;
  } finally {
    scratch.dispose();
  }
}

/**
 * A convolution over a few channels (a first layer: 1-3 channels, a 3×3 or 5×5 filter). Where its windows start tap
 * by tap, runs of 1-3 floats cost a list entry each; but one row of a window is kw·ci floats side by side in x (in a
 * copy of x framed with the padding's zeros, where it has padding). So each window is listed as its kh rows and the
 * product sums runs of kw·ci. XNNPACK took 2.1 ms of CPU for the seed CNN's conv1 at batch 64; an im2col then a plain
 * product 2.6 (the im2col alone walks element by element).
 */
function convolveFewChannels(args: KernelArgs, gemm: WasmGemm, g: Windows, epilogue: Epilogue): TensorInfo {
  const heap = heapOf(args.backend, 'Conv2D');
  const scratch = new Scratch(heap, args.backend);
  try {
    const at = (t: TensorInfo) => addressOf(args.backend, t);
    const { x, filter } = args.inputs as { x: TensorInfo; filter: TensorInfo };
    const run = g.kw * g.ci;
    const m = g.n * g.p * g.q;
    // The rows and columns the windows reach, padding included.
    const h = (g.p - 1) * g.sh + g.kh;
    const w = (g.q - 1) * g.sw + g.kw;
    const padded = g.top > 0 || g.left > 0 || h > g.h || w > g.w;
    const framed = padded ? frame(heap, scratch, x, g, h, w) : x;
    const rows = scratch.make([m * g.kh], 'int32');
    const panels = scratch.make([Math.ceil(g.co / 8) * 8 * g.kh * run], 'float32');
    const bias = scratch.bias(epilogue.bias, g.co);
    const out = heap.makeOutput([g.n, g.p, g.q, g.co], 'float32');
    gemm.pack_panels(at(filter), at(panels), g.kh * run, g.co, 0);
    // Taps 1 wide: where each window row starts (none falls outside the framed copy, so no zeros are listed).
    const [height, width] = padded ? [h, w] : [g.h, g.w];
    gemm.window_rows(at(framed), 0, at(rows), g.n, height, width, g.ci, g.kh, 1, g.p, g.q, g.sh, g.sw, 0, 0);
    gemm.gemm_rows(at(rows), g.kh, run, at(panels), bias ? at(bias) : 0, epilogue.relu ? 1 : 0, at(out), m, g.co);
    return out;
  } finally {
    scratch.dispose();
  }
}

/** x in a frame of zeros, h × w pixels an image: its padding, written out, and no more than the windows reach. */
function frame(heap: WasmHeap, scratch: Scratch, x: TensorInfo, g: Windows, h: number, w: number): TensorInfo {
  const framed = scratch.make([g.n, h, w, g.ci], 'float32');
  // Views only after the last allocation: growing the heap detaches those taken before.
  const to = heap.typedArrayFromHeap(framed);
  const from = heap.typedArrayFromHeap(x);
  to.fill(0);
  const rowFloats = g.w * g.ci;
  const width = Math.min(g.w, w - g.left) * g.ci;
  for (let b = 0; b < g.n; b++) {
    for (let y = Math.max(0, g.top); y < Math.min(h, g.top + g.h); y++) {
      const source = (b * g.h + y - g.top) * rowFloats;
      to.set(from.subarray(source, source + width), ((b * h + y) * w + g.left) * g.ci);
    }
  }
  return framed;
}
