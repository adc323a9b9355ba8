// Kernels TensorFlow.js's wasm backend lacks for training (tfjs issue 8474), and a fast one for cpu.
import type { Tf } from './tf';
import type { KernelBackend, NamedAttrMap, Tensor, TensorInfo, Tensor4D } from '@tensorflow/tfjs';

/**
 * Conv2DBackpropFilter (NHWC) written as one forward conv2d, so it runs on XNNPACK:
 *   dW[i,j,ci,co] = Σ_{n,p,q} xpad[n, p·s+i, q·s+j, ci] · dy[n,p,q,co]
 * which is conv2d(xpadᵀ[ci,h,w,n], dyᵀ[p,q,n,co], stride 1, dilation s) read as [ci,i,j,co].
 */
export function registerConvFilterGradient(tf: Tf, backendName: string): void {
  replaceKernel(tf, 'Conv2DBackpropFilter', backendName, (inputs, attrs, wrap) => {
    const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as {
      strides: number | [number, number]; pad: 'valid' | 'same' | number; dataFormat: string;
      dimRoundingMode?: 'floor' | 'round' | 'ceil'; filterShape: [number, number, number, number];
    };
    if (dataFormat && dataFormat !== 'NHWC') throw new Error(`Conv2DBackpropFilter: only NHWC is supported, got ${dataFormat}`);
    const x = wrap(inputs.x) as Tensor4D;
    const dy = wrap(inputs.dy) as Tensor4D;
    try {
      return tf.tidy(() => {
        const [kh, kw] = filterShape;
        const [sh, sw] = typeof strides === 'number' ? [strides, strides] : strides;
        const info = tf.backend_util.computeConv2DInfo(x.shape, filterShape, [sh, sw], 1, pad, dimRoundingMode, false, 'channelsLast');
        const { top, bottom, left, right } = info.padInfo;
        const padded = top || bottom || left || right ? tf.pad(x, [[0, 0], [top, bottom], [left, right], [0, 0]]) : x;
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
 * MaxPoolGrad: the gradient goes to the first maximum of each window, as on the cpu backend. The wasm backend's
 * own kernel loses the gradient of some windows (seen with a 2×2 window whose maximum was its first, negative
 * element: a linear conv before the pooling), which the gradient parity test catches.
 */
export function registerMaxPoolGradient(tf: Tf, backendName: string): void {
  replaceKernel(tf, 'MaxPoolGrad', backendName, (inputs, attrs, wrap) => {
    const { filterSize, strides, pad, dimRoundingMode } = attrs as {
      filterSize: number | [number, number]; strides: number | [number, number]; pad: 'valid' | 'same' | number; dimRoundingMode?: 'floor' | 'round' | 'ceil';
    };
    const x = wrap(inputs.input) as Tensor4D;
    const dy = wrap(inputs.dy) as Tensor4D;
    try {
      const info = tf.backend_util.computePool2DInfo(x.shape, filterSize, strides, 1, pad, dimRoundingMode);
      const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, strideHeight, strideWidth, filterHeight, filterWidth } = info;
      const { top, left } = info.padInfo;
      const xs = x.dataSync() as Float32Array;
      const dys = dy.dataSync() as Float32Array;
      const dx = new Float32Array(x.size);
      for (let b = 0; b < batchSize; b++) {
        const inBase = b * inHeight * inWidth * inChannels;
        for (let oh = 0; oh < outHeight; oh++) {
          const h0 = oh * strideHeight - top;
          for (let ow = 0; ow < outWidth; ow++) {
            const w0 = ow * strideWidth - left;
            const outBase = ((b * outHeight + oh) * outWidth + ow) * inChannels;
            for (let c = 0; c < inChannels; c++) {
              let best = -Infinity;
              let at = -1;
              for (let fh = 0; fh < filterHeight; fh++) {
                const h = h0 + fh;
                if (h < 0 || h >= inHeight) continue;
                for (let fw = 0; fw < filterWidth; fw++) {
                  const w = w0 + fw;
                  if (w < 0 || w >= inWidth) continue;
                  const i = inBase + (h * inWidth + w) * inChannels + c;
                  if (xs[i] > best) {
                    best = xs[i];
                    at = i;
                  }
                }
              }
              if (at >= 0) dx[at] += dys[outBase + c];
            }
          }
        }
      }
      return tf.tensor(dx, x.shape, 'float32');
    } finally {
      x.dispose();
      dy.dispose();
    }
  });
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

/** Makes a kernel input usable with ops; the caller disposes it when done. */
type Wrap = (input: TensorInfo) => Tensor;
type KernelBody = (inputs: Record<string, TensorInfo>, attrs: NamedAttrMap, wrap: Wrap) => TensorInfo;

function replaceKernel(tf: Tf, kernelName: string, backendName: string, body: KernelBody): void {
  if (tf.getKernel(kernelName, backendName)) tf.unregisterKernel(kernelName, backendName);
  tf.registerKernel({
    kernelName,
    backendName,
    kernelFunc: ({ inputs, attrs, backend }) => {
      // A tensor made from a kernel's input shares its data; disposing it drops a reference the engine never
      // took, and an input still needed later (the bias gradient reads dy after this kernel) would be freed.
      // Take that reference first, so the wrapper's dispose gives back only its own.
      const wrap: Wrap = (info) => {
        (backend as KernelBackend).incRef(info.dataId);
        return tf.engine().makeTensorFromTensorInfo(info);
      };
      return body(inputs as Record<string, TensorInfo>, attrs ?? {}, wrap);
    },
  });
}
