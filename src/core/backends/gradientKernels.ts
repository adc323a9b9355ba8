// Kernels TensorFlow.js's wasm backend lacks for training (tfjs issue 8474), and a fast one for cpu.
import type { Tf } from '../tf';
import type { KernelFunc, NamedAttrMap, Tensor, TensorInfo, Tensor4D } from '@tensorflow/tfjs';
import { registerMaxPoolGradient } from './maxPoolGradient';
import { untransposed, wrap } from './kernelInput';
import {
  registerWasmConvFilterGradient,
  registerWasmConvInputGradient,
  registerWasmLeadingSum,
} from './wasmHeapKernels';
import { registerWasmElementwise } from './wasmElementwise';
import { registerWasmAdam } from './fusedAdam';
import { registerWasmGather, registerWasmSlice } from './wasmSlice';
import { registerWasmGemm } from './wasmGemm';

export { registerMaxPoolGradient };

/**
 * Conv2DBackpropFilter (NHWC) written as one forward conv2d, so it runs on XNNPACK:
 *   dW[i,j,ci,co] = Σ_{n,p,q} xpad[n, p·s+i, q·s+j, ci] · dy[n,p,q,co]
 * which is conv2d(xpadᵀ[ci,h,w,n], dyᵀ[p,q,n,co], stride 1, dilation s) read as [ci,i,j,co].
 */
export function registerConvFilterGradient(tf: Tf, backendName: string): void {
  replaceKernel(tf, 'Conv2DBackpropFilter', backendName, (inputs, attrs, wrap) => {
    const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as {
      strides: number | [number, number];
      pad: 'valid' | 'same' | number;
      dataFormat: string;
      dimRoundingMode?: 'floor' | 'round' | 'ceil';
      filterShape: [number, number, number, number];
    };
    if (dataFormat && dataFormat !== 'NHWC')
      throw new Error(`Conv2DBackpropFilter: only NHWC is supported, got ${dataFormat}`);
    const x = wrap(inputs.x) as Tensor4D;
    const dy = wrap(inputs.dy) as Tensor4D;
    try {
      return tf.tidy(() => {
        const [kh, kw] = filterShape;
        const [sh, sw] = typeof strides === 'number' ? [strides, strides] : strides;
        const info = tf.backend_util.computeConv2DInfo(
          x.shape,
          filterShape,
          [sh, sw],
          1,
          pad,
          dimRoundingMode,
          false,
          'channelsLast',
        );
        const { top, bottom, left, right } = info.padInfo;
        const padded =
          top || bottom || left || right
            ? tf.pad(x, [
                [0, 0],
                [top, bottom],
                [left, right],
                [0, 0],
              ])
            : x;
        const xT = tf.transpose(padded, [3, 1, 2, 0]);
        const dyT = tf.transpose(dy, [1, 2, 0, 3]);
        let dw = tf.conv2d(xT, dyT, 1, 'valid', 'NHWC', [sh, sw]);
        if (dw.shape[1] !== kh || dw.shape[2] !== kw) dw = tf.slice(dw, [0, 0, 0, 0], [-1, kh, kw, -1]);
        return tf.transpose(dw, [1, 2, 0, 3]);
      });
    } finally {
      x.dispose();
      dy.dispose();
    }
  });
}

/**
 * Conv2DBackpropInput (NHWC) as one forward conv2d on XNNPACK instead of the wasm backend's plain loop (half of a
 * CNN step). With dy dilated by the stride (zeros between its rows and columns) and the filter flipped in space with
 * its channels swapped, the input gradient is a full correlation:
 *   dxpad[n,a,b,ci] = Σ_{i,j,co} dyd[n, a-i, b-j, co] · W[i,j,ci,co] = conv2d(dyd framed by k-1, flip(W)ᵀ)[n,a,b,ci]
 * and dx is the window of dxpad that the forward padding did not add.
 */
export function registerConvInputGradient(tf: Tf, backendName: string): void {
  replaceKernel(tf, 'Conv2DBackpropInput', backendName, (inputs, attrs, wrap) => {
    const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs as {
      strides: number | [number, number];
      pad: 'valid' | 'same' | number;
      dataFormat: string;
      dimRoundingMode?: 'floor' | 'round' | 'ceil';
      inputShape: [number, number, number, number];
    };
    if (dataFormat && dataFormat !== 'NHWC')
      throw new Error(`Conv2DBackpropInput: only NHWC is supported, got ${dataFormat}`);
    const dy = wrap(inputs.dy) as Tensor4D;
    const filter = wrap(inputs.filter) as Tensor4D;
    try {
      return tf.tidy(() => {
        const [kh, kw, , outC] = filter.shape;
        const [sh, sw] = typeof strides === 'number' ? [strides, strides] : strides;
        const info = tf.backend_util.computeConv2DInfo(
          inputShape,
          filter.shape,
          [sh, sw],
          1,
          pad,
          dimRoundingMode,
          false,
          'channelsLast',
        );
        const [n, h, w] = inputShape;
        const [, p, q] = dy.shape;
        let dyd: Tensor4D = dy;
        if (sh > 1 || sw > 1) {
          // Zeros after every row and column: [n,p,q,c] → [n,p,1,q,1,c] → [n,p,sh,q,sw,c] → [n,p·sh,q·sw,c].
          const spread = tf.pad(tf.reshape(dy, [n, p, 1, q, 1, outC]), [
            [0, 0],
            [0, 0],
            [0, sh - 1],
            [0, 0],
            [0, sw - 1],
            [0, 0],
          ]);
          dyd = tf.reshape(spread, [n, p * sh, q * sw, outC]);
        }
        // Rows top-(kh-1) … top+h-1 of dyd (zeros outside it) give exactly the h rows of dx; the same for columns.
        const framed = frame(
          tf,
          dyd,
          info.padInfo.top - (kh - 1),
          h + kh - 1,
          info.padInfo.left - (kw - 1),
          w + kw - 1,
        );
        const flipped = flipFilter(tf, filter);
        const dx = tf.conv2d(framed, flipped, 1, 'valid');
        return dx;
      });
    } finally {
      dy.dispose();
      filter.dispose();
    }
  });
}

/**
 * flipped[i, j, co, ci] = W[kh-1-i, kw-1-j, ci, co] in one pass in JavaScript: a filter is small, and tfjs-wasm's
 * Reverse then Transpose took 3-5 ms for the seed CNN's 3×3×64×64 filter.
 */
function flipFilter(tf: Tf, filter: Tensor4D): Tensor4D {
  const [kh, kw, ci, co] = filter.shape;
  const w = filter.dataSync() as Float32Array;
  const out = new Float32Array(w.length);
  let o = 0;
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      const src = ((kh - 1 - i) * kw + (kw - 1 - j)) * ci * co;
      for (let b = 0; b < co; b++) for (let a = 0; a < ci; a++) out[o++] = w[src + a * co + b];
    }
  }
  return tf.tensor4d(out, [kh, kw, co, ci]);
}

/** The window of t (NHWC) starting at row `top` and column `left` (either may be negative), zeros outside t. */
function frame(tf: Tf, t: Tensor4D, top: number, rows: number, left: number, cols: number): Tensor4D {
  const [, h, w] = t.shape;
  const before = [Math.max(0, -top), Math.max(0, -left)];
  const after = [Math.max(0, top + rows - h), Math.max(0, left + cols - w)];
  const padded =
    before[0] || before[1] || after[0] || after[1]
      ? tf.pad(t, [
          [0, 0],
          [before[0], after[0]],
          [before[1], after[1]],
          [0, 0],
        ])
      : t;
  const r0 = top + before[0];
  const c0 = left + before[1];
  return r0 === 0 && c0 === 0 && padded.shape[1] === rows && padded.shape[2] === cols
    ? padded
    : tf.slice(padded, [0, r0, c0, 0], [-1, rows, cols, -1]);
}

/**
 * BatchMatMul with a transposed operand: tfjs-wasm takes XNNPACK only when neither is transposed and falls back to a
 * plain loop otherwise, 6-8x slower on a dense layer's shapes. Every dense layer's backward pass asks for both
 * (dW = xᵀ·dy, dx = dy·Wᵀ): transpose the operand first (a cheap copy), then multiply on the fast path.
 */
export function registerMatMulTransposes(tf: Tf, backendName: string): void {
  const current = tf.getKernel('BatchMatMul', backendName);
  if (!current) return;
  const fast = (current.kernelFunc as { untransposed?: KernelFunc }).untransposed ?? current.kernelFunc;
  const kernelFunc: KernelFunc & { untransposed?: KernelFunc } = (args) => untransposed(tf, args, fast);
  kernelFunc.untransposed = fast;
  tf.unregisterKernel('BatchMatMul', backendName);
  tf.registerKernel({ ...current, kernelFunc });
}

/** UnsortedSegmentSum (the gradient of gather, used by embeddings): one pass over the rows, no one-hot matrix. */
export function registerSegmentSum(tf: Tf, backendName: string): void {
  replaceKernel(tf, 'UnsortedSegmentSum', backendName, (inputs, attrs, wrap) => {
    const { numSegments } = attrs as { numSegments: number };
    const x = wrap(inputs.x);
    const ids = wrap(inputs.segmentIds);
    try {
      const rows = ids.size;
      const width = rows === 0 ? 0 : x.size / rows;
      const values = x.dataSync() as Float32Array;
      const segment = ids.dataSync();
      const out = new Float32Array(numSegments * width);
      for (let r = 0; r < rows; r++) {
        const s = segment[r];
        if (s < 0 || s >= numSegments) continue;
        const src = r * width;
        const dst = s * width;
        for (let k = 0; k < width; k++) out[dst + k] += values[src + k];
      }
      return tf.tensor(out, [numSegments, ...x.shape.slice(ids.shape.length)], x.dtype);
    } finally {
      x.dispose();
      ids.dispose();
    }
  });
}

/** Every kernel the core replaces or adds on the wasm backend for training. */
export function registerWasmTrainingKernels(tf: Tf, backendName = 'wasm'): void {
  registerConvFilterGradient(tf, backendName);
  registerWasmConvFilterGradient(tf, backendName);
  registerSegmentSum(tf, backendName);
  registerMaxPoolGradient(tf, backendName);
  registerConvInputGradient(tf, backendName);
  registerWasmConvInputGradient(tf, backendName);
  registerMatMulTransposes(tf, backendName);
  registerWasmGemm(tf, backendName);
  registerWasmLeadingSum(tf, backendName);
  registerWasmElementwise(tf, backendName);
  registerWasmAdam(tf, backendName);
  registerWasmSlice(tf, backendName);
  registerWasmGather(tf, backendName);
}

/** Makes a kernel input usable with ops; the caller disposes it when done. */
type Wrap = (input: TensorInfo) => Tensor;
type KernelBody = (inputs: Record<string, TensorInfo>, attrs: NamedAttrMap, wrap: Wrap) => TensorInfo;

function replaceKernel(tf: Tf, kernelName: string, backendName: string, body: KernelBody): void {
  if (tf.getKernel(kernelName, backendName)) tf.unregisterKernel(kernelName, backendName);
  tf.registerKernel({
    kernelName,
    backendName,
    kernelFunc: ({ inputs, attrs, backend }) => {
      return body(inputs as Record<string, TensorInfo>, attrs ?? {}, (info) => wrap(tf, backend, info));
    },
  });
}
