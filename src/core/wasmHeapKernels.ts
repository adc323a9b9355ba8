// Training kernels for the wasm backend that read and write its heap directly: the convolution gradients as one
// XNNPACK matrix product between an im2col/col2im pass in JavaScript, and the bias gradient's sum over leading axes.
import { wrap } from './kernelInput';
import type { Tf } from './tf';
import type { KernelFunc, Tensor, Tensor4D, TensorInfo } from '@tensorflow/tfjs';

/** The wasm backend's view of its heap (public methods of BackendWasm that its own kernels use). */
interface WasmHeap {
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): Float32Array | Int32Array | Uint8Array;
}

type ConvAttrs = { strides: number | [number, number]; pad: 'valid' | 'same' | number; dataFormat: string; dimRoundingMode?: 'floor' | 'round' | 'ceil' };

/** Where a convolution's windows lie: sizes, strides and the padding before the first row and column. */
interface Windows {
  n: number; h: number; w: number; ci: number; kh: number; kw: number; co: number;
  p: number; q: number; sh: number; sw: number; top: number; left: number;
}

function windows(tf: Tf, kernel: string, inputShape: number[], filterShape: [number, number, number, number], attrs: ConvAttrs): Windows {
  if (attrs.dataFormat && attrs.dataFormat !== 'NHWC') throw new Error(`${kernel}: only NHWC is supported, got ${attrs.dataFormat}`);
  const strides: [number, number] = typeof attrs.strides === 'number' ? [attrs.strides, attrs.strides] : attrs.strides;
  const info = tf.backend_util.computeConv2DInfo(inputShape as [number, number, number, number], filterShape, strides, 1, attrs.pad, attrs.dimRoundingMode, false, 'channelsLast');
  const [n, h, w, ci] = inputShape;
  const [kh, kw, , co] = filterShape;
  return { n, h, w, ci, kh, kw, co, p: info.outHeight, q: info.outWidth, sh: strides[0], sw: strides[1], top: info.padInfo.top, left: info.padInfo.left };
}

/** The wasm backend's heap, or an error naming the kernel on any other backend. */
export function heapOf(backend: unknown, kernel: string): WasmHeap {
  const heap = backend as Partial<WasmHeap>;
  if (!heap.makeOutput || !heap.typedArrayFromHeap) throw new Error(`${kernel}: this kernel reads the wasm heap; it is not for this backend`);
  return heap as WasmHeap;
}

/**
 * Conv2DBackpropFilter as dWᵀ[co, K] = dyᵀ[co, M] · col[M, K], with K = kh·kw·ci and M = n·p·q: im2col written in one
 * pass (zeros where a window overlaps the padding), then one XNNPACK matrix product. XNNPACK packs its right operand
 * on every call, so that is the im2col (K columns), not dy: dW = colᵀ · dy packed all of dy and took 14 ms for the
 * seed CNN's conv1. Only where K is small (a first layer on 1-3 channels): the composed conv2d already registered then
 * has K output pixels, too few for XNNPACK's indirect convolution (conv1, K = 9: 17-18 → 9-10 ms in a step). With more
 * channels the im2col pass in JavaScript costs more than it saves (conv2, K = 288: 25 → 35-44 ms), so those keep it.
 */
export function registerWasmConvFilterGradient(tf: Tf, backendName = 'wasm'): void {
  const current = tf.getKernel('Conv2DBackpropFilter', backendName);
  if (!current) throw new Error('Conv2DBackpropFilter: register the composed kernel first (registerConvFilterGradient)');
  const composed = (current.kernelFunc as { composed?: KernelFunc }).composed ?? current.kernelFunc;
  const kernelFunc: KernelFunc & { composed?: KernelFunc } = (args) => {
    const { inputs, attrs, backend } = args;
    const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
    const { filterShape } = attrs as unknown as { filterShape: [number, number, number, number] };
    const g = windows(tf, 'Conv2DBackpropFilter', x.shape, filterShape, attrs as unknown as ConvAttrs);
    const K = g.kh * g.kw * g.ci;
    if (K > IM2COL_MAX_ROWS) return composed(args);
    const heap = heapOf(backend, 'Conv2DBackpropFilter');
    const M = g.n * g.p * g.q;
    const colInfo = heap.makeOutput([M, K], 'float32');
    // Views only after the last allocation: growing the heap detaches those taken before.
    im2col(heap.typedArrayFromHeap(x) as Float32Array, heap.typedArrayFromHeap(colInfo) as Float32Array, g);
    const col = tf.engine().makeTensorFromTensorInfo(colInfo);
    const dyT = wrap(tf, backend, dy);
    try {
      return tf.tidy(() => tf.reshape(tf.transpose(tf.matMul(tf.transpose(tf.reshape(dyT, [M, g.co])), col)), filterShape));
    } finally {
      col.dispose();
      dyT.dispose();
    }
  };
  kernelFunc.composed = composed;
  tf.unregisterKernel('Conv2DBackpropFilter', backendName);
  tf.registerKernel({ ...current, kernelFunc });
}

/** Im2col rows (kh·kw·ci) up to which the filter gradient takes the im2col path; see registerWasmConvFilterGradient. */
const IM2COL_MAX_ROWS = 32;

/** col[(b,r,s), (i,j,c)] = xpad[b, r·sh+i, s·sw+j, c]: one window after another, reads along the channels. */
function im2col(x: Float32Array, col: Float32Array, g: Windows): void {
  const { n, h, w, ci, kh, kw, p, q, sh, sw, top, left } = g;
  let o = 0;
  for (let b = 0; b < n; b++) {
    for (let r = 0; r < p; r++) {
      for (let s = 0; s < q; s++) {
        for (let i = 0; i < kh; i++) {
          const hh = r * sh + i - top;
          if (hh < 0 || hh >= h) {
            for (let c = 0; c < kw * ci; c++) col[o++] = 0;
            continue;
          }
          for (let j = 0; j < kw; j++) {
            const ww = s * sw + j - left;
            if (ww < 0 || ww >= w) {
              for (let c = 0; c < ci; c++) col[o++] = 0;
            } else {
              const src = ((b * h + hh) * w + ww) * ci;
              for (let c = 0; c < ci; c++) col[o++] = x[src + c];
            }
          }
        }
      }
    }
  }
}

/**
 * Conv2DBackpropInput where dy is small against the input (a late layer: conv3 of the seed CNN, 3×3 from 5×5) as
 * col[M, K] = dy[M, co] · Wᵀ[co, K] on XNNPACK, then col2im in one JavaScript pass that adds each window's column
 * into the pixels it came from. The composed full correlation already registered does h·w/(p·q) times the forward
 * multiplications (25/9 for conv3); where that is under 2 (conv2: 169/121) it is faster and stays.
 */
export function registerWasmConvInputGradient(tf: Tf, backendName = 'wasm'): void {
  const current = tf.getKernel('Conv2DBackpropInput', backendName);
  if (!current) throw new Error('Conv2DBackpropInput: register the composed kernel first (registerConvInputGradient)');
  const composed = (current.kernelFunc as { composed?: KernelFunc }).composed ?? current.kernelFunc;
  const kernelFunc: KernelFunc & { composed?: KernelFunc } = (args) => {
    const { inputs, attrs, backend } = args;
    const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
    const { inputShape } = attrs as unknown as { inputShape: [number, number, number, number] };
    const g = windows(tf, 'Conv2DBackpropInput', inputShape, filter.shape as [number, number, number, number], attrs as unknown as ConvAttrs);
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
      // Views only after the last allocation: growing the heap detaches those taken before.
      const dx = heap.typedArrayFromHeap(out) as Float32Array;
      dx.fill(0);
      col2im(heap.typedArrayFromHeap(col) as Float32Array, dx, g);
      return out;
    } finally {
      col?.dispose();
      dyT.dispose();
      filterT.dispose();
    }
  };
  kernelFunc.composed = composed;
  tf.unregisterKernel('Conv2DBackpropInput', backendName);
  tf.registerKernel({ ...current, kernelFunc });
}

/** dx[b, r·sh+i-top, s·sw+j-left, c] += col[(b,r,s), (i,j,c)], skipping what falls in the padding. */
function col2im(col: Float32Array, dx: Float32Array, g: Windows): void {
  const { n, h, w, ci, kh, kw, p, q, sh, sw, top, left } = g;
  let src = 0;
  for (let b = 0; b < n; b++) {
    for (let r = 0; r < p; r++) {
      for (let s = 0; s < q; s++) {
        for (let i = 0; i < kh; i++) {
          const hh = r * sh + i - top;
          if (hh < 0 || hh >= h) {
            src += kw * ci;
            continue;
          }
          for (let j = 0; j < kw; j++) {
            const ww = s * sw + j - left;
            if (ww >= 0 && ww < w) {
              const dst = ((b * h + hh) * w + ww) * ci;
              for (let c = 0; c < ci; c++) dx[dst + c] += col[src + c];
            }
            src += ci;
          }
        }
      }
    }
  }
}

/**
 * Sum over leading axes (a bias gradient: dy summed over batch, rows and columns for each channel) as XNNPACK's
 * average pooling of x[1, rows, 1, rest] over one window of all rows, times rows: one pass along memory, SIMD across
 * channels. tfjs-wasm's own Sum first transposes the reduced axes innermost, a copy of all of dy, then adds with
 * scalar code (10 ms for the first conv's 64×26×26×32). A product ones[1, rows] · x[rows, rest] was as slow: XNNPACK
 * packs x as its weights on every call. Other reductions keep tfjs-wasm's kernel.
 */
export function registerWasmLeadingSum(tf: Tf, backendName = 'wasm'): void {
  const current = tf.getKernel('Sum', backendName);
  if (!current) return;
  const stock = (current.kernelFunc as { stock?: KernelFunc }).stock ?? current.kernelFunc;
  const kernelFunc: KernelFunc & { stock?: KernelFunc } = (args) => {
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
  };
  kernelFunc.stock = stock;
  tf.unregisterKernel('Sum', backendName);
  tf.registerKernel({ ...current, kernelFunc });
}
