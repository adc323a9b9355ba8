// Training kernels for the wasm backend that read and write its heap directly: the convolution gradients as one
// XNNPACK matrix product beside an im2col/col2im pass of our own (wasmKernels.c), and the bias gradient's sum over
// leading axes.
import { wrap } from './kernelInput';
import { overrideKernel } from './kernelOverride';
import { addressOf, wasmKernelsOf, type WindowArgs } from './wasmKernelModule';
import { winogradFilterGradient, winogradInputGradient } from './wasmWinograd';
import type { Tf } from '../tf';
import type { KernelBackend, Tensor, Tensor4D, TensorInfo } from '@tensorflow/tfjs';

/** The wasm backend's view of its heap (public methods of BackendWasm that its own kernels use). */
export interface WasmHeap {
  makeOutput(shape: number[], dtype: 'float32' | 'int32'): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): Float32Array | Int32Array | Uint8Array;
}

export type ConvAttrs = {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number;
  dataFormat: string;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
};

/** Where a convolution's windows lie: sizes, strides and the padding before the first row and column. */
export interface Windows {
  n: number;
  h: number;
  w: number;
  ci: number;
  kh: number;
  kw: number;
  co: number;
  p: number;
  q: number;
  sh: number;
  sw: number;
  top: number;
  left: number;
}

export function windows(
  tf: Tf,
  kernel: string,
  inputShape: number[],
  filterShape: [number, number, number, number],
  attrs: ConvAttrs,
): Windows {
  if (attrs.dataFormat && attrs.dataFormat !== 'NHWC')
    throw new Error(`${kernel}: only NHWC is supported, got ${attrs.dataFormat}`);
  const strides: [number, number] = typeof attrs.strides === 'number' ? [attrs.strides, attrs.strides] : attrs.strides;
  const info = tf.backend_util.computeConv2DInfo(
    inputShape as [number, number, number, number],
    filterShape,
    strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
  const [n, h, w, ci] = inputShape;
  const [kh, kw, , co] = filterShape;
  return {
    n,
    h,
    w,
    ci,
    kh,
    kw,
    co,
    p: info.outHeight,
    q: info.outWidth,
    sh: strides[0],
    sw: strides[1],
    top: info.padInfo.top,
    left: info.padInfo.left,
  };
}

/** The windows as wasmKernels.c takes them. */
function windowArgs(g: Windows): WindowArgs {
  return [g.n, g.h, g.w, g.ci, g.kh, g.kw, g.p, g.q, g.sh, g.sw, g.top, g.left];
}

/** The wasm backend's heap, or an error naming the kernel on any other backend. */
export function heapOf(backend: unknown, kernel: string): WasmHeap {
  const heap = backend as Partial<WasmHeap>;
  if (!heap.makeOutput || !heap.typedArrayFromHeap)
    throw new Error(`${kernel}: this kernel reads the wasm heap; it is not for this backend`);
  return heap as WasmHeap;
}

/** Heap space a kernel needs while it runs, freed when it returns. */
export class Scratch {
  private readonly made: TensorInfo[] = [];
  constructor(
    private readonly heap: WasmHeap,
    private readonly backend: unknown,
  ) {}

  make(shape: number[], dtype: 'float32' | 'int32'): TensorInfo {
    const info = this.heap.makeOutput(shape, dtype);
    this.made.push(info);
    return info;
  }

  /** A copy of `bias` padded with zeros to whole panels of 8, as gemm_rows reads it; undefined for no bias. */
  bias(bias: TensorInfo | undefined, n: number): TensorInfo | undefined {
    if (!bias) return undefined;
    const padded = this.make([Math.ceil(n / 8) * 8], 'float32');
    const values = this.heap.typedArrayFromHeap(padded);
    values.fill(0);
    values.set(this.heap.typedArrayFromHeap(bias));
    return padded;
  }

  dispose(): void {
    for (const info of this.made) (this.backend as KernelBackend).disposeData(info.dataId);
  }
}

/**
 * Conv2DBackpropFilter by Winograd F(3×3, 2×2) where it takes the convolution (3×3, stride 1, 8 channels or more on
 * both sides, 1.5× fewer multiplications: the seed CNN's conv2, wasmWinograd.ts); otherwise from an im2col of x (wasmKernels.c, one SIMD pass, zeros where a window overlaps the padding)
 * and one XNNPACK matrix product, with K = kh·kw·ci and M = n·p·q. XNNPACK packs its right operand on every call:
 * - K ≤ 32 (a first layer on 1-3 channels): dW[K, co] = colᵀ · dy summed in registers by wasmKernels.c's
 *   filter_grad_few_rows where co is a multiple of 4; else dWᵀ[co, K] = dyᵀ[co, M] · col[M, K] on XNNPACK, packing
 *   the small col, not dy (colᵀ · dy packed all of dy: 14 ms for the seed CNN's conv1, this 17-18 → 9-10 ms in a
 *   step, 7-10 with the im2col in wasm, of which 2 the transpose of dy and 6 the product with its 9 columns).
 * - more channels: dW[K, co] = colᵀ[K, M] · dy[M, co], with the transposed im2col written directly; dW comes out in
 *   the filter's own layout. conv2 of the seed CNN (K = 288): 31.6 → 19.8 ms in a step, against the composed conv2d
 *   with dy as its filter (the im2col in JavaScript had cost more than it saved: 35-44 ms).
 * Where the im2col would pass IM2COL_MAX_FLOATS (a large image), the composed kernel runs instead: it needs no copy.
 */
export function registerWasmConvFilterGradient(tf: Tf, backendName = 'wasm'): void {
  const replaced = overrideKernel(tf, 'Conv2DBackpropFilter', backendName, (composed) => (args) => {
    const winograd = winogradFilterGradient(tf, args);
    if (winograd) return winograd;
    const { inputs, attrs, backend } = args;
    const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
    const { filterShape } = attrs as unknown as { filterShape: [number, number, number, number] };
    const g = windows(tf, 'Conv2DBackpropFilter', x.shape, filterShape, attrs as unknown as ConvAttrs);
    const K = g.kh * g.kw * g.ci;
    const M = g.n * g.p * g.q;
    if (K * M > IM2COL_MAX_FLOATS) return composed(args);
    const heap = heapOf(backend, 'Conv2DBackpropFilter');
    const col = tf
      .engine()
      .makeTensorFromTensorInfo(heap.makeOutput(K <= IM2COL_MAX_ROWS ? [M, K] : [K, M], 'float32'));
    const kernels = wasmKernelsOf(backend);
    if (K <= IM2COL_MAX_ROWS) kernels.im2col(addressOf(backend, x), addressOf(backend, col), ...windowArgs(g));
    else kernels.im2col_transposed(addressOf(backend, x), addressOf(backend, col), ...windowArgs(g));
    if (K <= IM2COL_MAX_ROWS && g.co % 4 === 0) {
      const dw = heap.makeOutput(filterShape, 'float32');
      kernels.filter_grad_few_rows(addressOf(backend, col), addressOf(backend, dy), addressOf(backend, dw), M, K, g.co);
      col.dispose();
      return dw;
    }
    const dyT = wrap(tf, backend, dy);
    try {
      return tf.tidy(() =>
        K <= IM2COL_MAX_ROWS
          ? tf.reshape(tf.transpose(tf.matMul(tf.transpose(tf.reshape(dyT, [M, g.co])), col)), filterShape)
          : tf.reshape(tf.matMul(col, tf.reshape(dyT, [M, g.co])), filterShape),
      );
    } finally {
      col.dispose();
      dyT.dispose();
    }
  });
  if (!replaced)
    throw new Error('Conv2DBackpropFilter: register the composed kernel first (registerConvFilterGradient)');
}

/** Im2col rows (kh·kw·ci) up to which the filter gradient packs col rather than dy; see registerWasmConvFilterGradient. */
const IM2COL_MAX_ROWS = 32;
/** The largest im2col the filter gradient writes (64 MB); beyond it the composed kernel runs. */
const IM2COL_MAX_FLOATS = 16 * 1024 * 1024;

/**
 * Conv2DBackpropInput where dy is small against the input (a late layer: conv3 of the seed CNN, 3×3 from 5×5) as
 * col[M, K] = dy[M, co] · Wᵀ[co, K] on XNNPACK, then col2im in one SIMD pass (wasmKernels.c) that adds each window's
 * column into the pixels it came from. The composed full correlation already registered does h·w/(p·q) times the forward
 * multiplications (25/9 for conv3); where that is under 2 (conv2: 169/121) it is faster and stays (conv2 by this path,
 * col2im in SIMD: its product alone took 18.5-25 ms in a step, the composed kernel 18.6-23).
 */
export function registerWasmConvInputGradient(tf: Tf, backendName = 'wasm'): void {
  const replaced = overrideKernel(tf, 'Conv2DBackpropInput', backendName, (composed) => (args) => {
    const winograd = winogradInputGradient(tf, args);
    if (winograd) return winograd;
    const { inputs, attrs, backend } = args;
    const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
    const { inputShape } = attrs as unknown as { inputShape: [number, number, number, number] };
    const g = windows(
      tf,
      'Conv2DBackpropInput',
      inputShape,
      filter.shape as [number, number, number, number],
      attrs as unknown as ConvAttrs,
    );
    if (g.h * g.w < 2 * g.p * g.q) return composed(args);
    const heap = heapOf(backend, 'Conv2DBackpropInput');
    const K = g.kh * g.kw * g.ci;
    const M = g.n * g.p * g.q;
    const dyT = wrap(tf, backend, dy);
    const filterT = wrap(tf, backend, filter);
    let col: Tensor | undefined;
    try {
      col = tf.tidy(() => tf.matMul(tf.reshape(dyT, [M, g.co]), tf.transpose(tf.reshape(filterT, [K, g.co]))));
      const out = heap.makeOutput(inputShape, 'float32');
      wasmKernelsOf(backend).col2im(addressOf(backend, col), addressOf(backend, out), ...windowArgs(g));
      return out;
    } finally {
      col?.dispose();
      dyT.dispose();
      filterT.dispose();
    }
  });
  if (!replaced) throw new Error('Conv2DBackpropInput: register the composed kernel first (registerConvInputGradient)');
}

/**
 * Sum over leading axes (a bias gradient: dy summed over batch, rows and columns for each channel) as XNNPACK's
 * average pooling of x[1, rows, 1, rest] over one window of all rows, times rows: one pass along memory, SIMD across
 * channels. tfjs-wasm's own Sum first transposes the reduced axes innermost, a copy of all of dy, then adds with
 * scalar code (10 ms for the first conv's 64×26×26×32). A product ones[1, rows] · x[rows, rest] was as slow: XNNPACK
 * packs x as its weights on every call. Other reductions keep tfjs-wasm's kernel.
 */
export function registerWasmLeadingSum(tf: Tf, backendName = 'wasm'): void {
  overrideKernel(tf, 'Sum', backendName, (stock) => (args) => {
    const x = args.inputs.x as TensorInfo;
    const { axis, keepDims } = args.attrs as unknown as { axis: number | number[]; keepDims: boolean };
    const axes = tf.util.parseAxisParam(axis, x.shape).sort((a, b) => a - b);
    const leading = axes.every((a, i) => a === i) && axes.length > 0 && axes.length < x.shape.length;
    if (!leading || x.dtype !== 'float32' || tf.util.sizeFromShape(x.shape) === 0) return stock(args);
    const kept = x.shape.slice(axes.length);
    const rows = tf.util.sizeFromShape(x.shape.slice(0, axes.length));
    const xT = wrap(tf, args.backend, x);
    try {
      return tf.tidy(() => {
        const mean = tf.avgPool(tf.reshape(xT, [1, rows, 1, -1]) as Tensor4D, [rows, 1], 1, 'valid');
        return tf.reshape(tf.mul(mean, rows), keepDims ? [...axes.map(() => 1), ...kept] : kept);
      });
    } finally {
      xT.dispose();
    }
  });
}
