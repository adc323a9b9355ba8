// The max pooling gradient for the wasm backend, in JavaScript over its heap (no copies in or out).
import type { Tf } from './tf';
import type { backend_util, TensorInfo } from '@tensorflow/tfjs';
import { heapOf } from './wasmHeapKernels';

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
        filterSize: number | [number, number]; strides: number | [number, number]; pad: 'valid' | 'same' | number; dimRoundingMode?: 'floor' | 'round' | 'ceil';
      };
      const { input, dy } = inputs as { input: TensorInfo; dy: TensorInfo };
      const info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode);
      const heap = heapOf(backend, 'MaxPoolGrad');
      // Allocate first: growing the heap would detach views taken before.
      const out = heap.makeOutput(input.shape, 'float32');
      const dx = heap.typedArrayFromHeap(out) as Float32Array;
      const xs = heap.typedArrayFromHeap(input) as Float32Array;
      const dys = heap.typedArrayFromHeap(dy) as Float32Array;
      if (info.filterHeight === 2 && info.filterWidth === 2 && info.strideHeight === 2 && info.strideWidth === 2 && info.padInfo.top === 0 && info.padInfo.left === 0) {
        maxPool2x2GradInto(xs, dys, dx, info);
      } else {
        dx.fill(0);
        maxPoolGradInto(xs, dys, dx, info);
      }
      return out;
    },
  });
}

/**
 * The usual 2×2 pooling with stride 2 and no padding: the windows do not overlap, so each pixel of dx is written once,
 * the four of a window read and written together (7.5 against 12 ms for the general loop on 64×26×26×32, plain Node).
 * Rows and columns no window reaches (an odd size) are zeroed. The first maximum wins; NaN never does, as on cpu.
 */
function maxPool2x2GradInto(xs: Float32Array, dys: Float32Array, dx: Float32Array, info: backend_util.Conv2DInfo): void {
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth } = info;
  if (outHeight * 2 !== inHeight || outWidth * 2 !== inWidth) dx.fill(0);
  const row = inWidth * channels;
  let o = 0;
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      let p = (b * inHeight + oh * 2) * row;
      for (let ow = 0; ow < outWidth; ow++) {
        for (let c = 0; c < channels; c++) {
          const i0 = p + c;
          const i1 = i0 + channels;
          const i2 = i0 + row;
          const i3 = i2 + channels;
          let best = -Infinity;
          let k = -1;
          if (xs[i0] > best) { best = xs[i0]; k = 0; }
          if (xs[i1] > best) { best = xs[i1]; k = 1; }
          if (xs[i2] > best) { best = xs[i2]; k = 2; }
          if (xs[i3] > best) k = 3;
          const g = dys[o + c];
          dx[i0] = k === 0 ? g : 0;
          dx[i1] = k === 1 ? g : 0;
          dx[i2] = k === 2 ? g : 0;
          dx[i3] = k === 3 ? g : 0;
        }
        p += 2 * channels;
        o += channels;
      }
    }
  }
}

/** Channels innermost (NHWC order), so every read runs along memory; the first maximum wins, as on the cpu backend. */
function maxPoolGradInto(xs: Float32Array, dys: Float32Array, dx: Float32Array, info: backend_util.Conv2DInfo): void {
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth, strideHeight, strideWidth, filterHeight, filterWidth } = info;
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
