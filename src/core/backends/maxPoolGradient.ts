// The max pooling gradient for the wasm backend over its heap (no copies in or out): the usual 2×2 window in SIMD
// (wasmKernels.c, 7.6 → 1.2 ms for the seed CNN's first pooling in a step), any other in JavaScript.
import type { Tf } from '../tf';
import type { backend_util, TensorInfo } from '@tensorflow/tfjs';
import { heapOf } from './wasmHeapKernels';
import { addressOf, wasmKernelsOf } from './wasmKernelModule';

/**
 * MaxPoolGrad: the gradient goes to the first maximum of each window, as on the cpu backend. The wasm backend's
 * own kernel loses the gradient of some windows (seen with a 2×2 window whose maximum was its first, negative
 * element: a linear conv before the pooling), which the gradient parity test catches. On wasm it reads its inputs
 * and writes its output in the module's heap, with no copy in or out (two copies of the activations per pooling).
 */
export function registerMaxPoolGradient(tf: Tf, backendName: string): void {
  if (tf.getKernel('MaxPoolGrad', backendName)) tf.unregisterKernel('MaxPoolGrad', backendName);
  tf.registerKernel({
    kernelName: 'MaxPoolGrad',
    backendName,
    kernelFunc: ({ inputs, attrs, backend }) => {
      const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as {
        filterSize: number | [number, number];
        strides: number | [number, number];
        pad: 'valid' | 'same' | number;
        dimRoundingMode?: 'floor' | 'round' | 'ceil';
      };
      const { input, dy } = inputs as { input: TensorInfo; dy: TensorInfo };
      const info = tf.backend_util.computePool2DInfo(
        input.shape as [number, number, number, number],
        filterSize,
        strides,
        1,
        pad,
        dimRoundingMode,
      );
      const heap = heapOf(backend, 'MaxPoolGrad');
      const out = heap.makeOutput(input.shape, 'float32');
      if (
        info.filterHeight === 2 &&
        info.filterWidth === 2 &&
        info.strideHeight === 2 &&
        info.strideWidth === 2 &&
        info.padInfo.top === 0 &&
        info.padInfo.left === 0
      ) {
        wasmKernelsOf(backend).max_pool_2x2_grad(
          addressOf(backend, input),
          addressOf(backend, dy),
          addressOf(backend, out),
          info.batchSize,
          info.inHeight,
          info.inWidth,
          info.inChannels,
          info.outHeight,
          info.outWidth,
        );
        return out;
      }
      // Views only after the last allocation: growing the heap detaches those taken before.
      const dx = heap.typedArrayFromHeap(out) as Float32Array;
      dx.fill(0);
      maxPoolGradInto(
        heap.typedArrayFromHeap(input) as Float32Array,
        heap.typedArrayFromHeap(dy) as Float32Array,
        dx,
        info,
      );
      return out;
    },
  });
}

/** Channels innermost (NHWC order), so every read runs along memory; the first maximum wins, as on the cpu backend. */
function maxPoolGradInto(xs: Float32Array, dys: Float32Array, dx: Float32Array, info: backend_util.Conv2DInfo): void {
  const {
    batchSize,
    inHeight,
    inWidth,
    inChannels: channels,
    outHeight,
    outWidth,
    strideHeight,
    strideWidth,
    filterHeight,
    filterWidth,
  } = info;
  const { top, left } = info.padInfo;
  const best = new Float32Array(channels);
  const at = new Int32Array(channels);
  for (let b = 0; b < batchSize; b++) {
    const inBase = b * inHeight * inWidth * channels;
    for (let oh = 0; oh < outHeight; oh++) {
      const h0 = oh * strideHeight - top;
      for (let ow = 0; ow < outWidth; ow++) {
        const w0 = ow * strideWidth - left;
        best.fill(-Infinity);
        at.fill(-1);
        for (let fh = 0; fh < filterHeight; fh++) {
          const h = h0 + fh;
          if (h < 0 || h >= inHeight) continue;
          for (let fw = 0; fw < filterWidth; fw++) {
            const w = w0 + fw;
            if (w < 0 || w >= inWidth) continue;
            const pixel = inBase + (h * inWidth + w) * channels;
            for (let c = 0; c < channels; c++) {
              const v = xs[pixel + c];
              if (v > best[c]) {
                best[c] = v;
                at[c] = pixel + c;
              }
            }
          }
        }
        const outBase = ((b * outHeight + oh) * outWidth + ow) * channels;
        for (let c = 0; c < channels; c++) if (at[c] >= 0) dx[at[c]] += dys[outBase + c];
      }
    }
  }
}
