// Kernels TensorFlow.js's wasm backend lacks for training (tfjs issue 8474), and a fast one for cpu.
import type { Tf } from './tf';
import type { NamedAttrMap, TensorInfo, Tensor4D } from '@tensorflow/tfjs';

/**
 * Conv2DBackpropFilter (NHWC) written as one forward conv2d, so it runs on XNNPACK:
 *   dW[i,j,ci,co] = Σ_{n,p,q} xpad[n, p·s+i, q·s+j, ci] · dy[n,p,q,co]
 * which is conv2d(xpadᵀ[ci,h,w,n], dyᵀ[p,q,n,co], stride 1, dilation s) read as [ci,i,j,co].
 */
export function registerConvFilterGradient(tf: Tf, backendName: string): void {
  replaceKernel(tf, 'Conv2DBackpropFilter', backendName, (inputs, attrs) => {
    const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as {
      strides: number | [number, number]; pad: 'valid' | 'same' | number; dataFormat: string;
      dimRoundingMode?: 'floor' | 'round' | 'ceil'; filterShape: [number, number, number, number];
    };
    if (dataFormat && dataFormat !== 'NHWC') throw new Error(`Conv2DBackpropFilter: only NHWC is supported, got ${dataFormat}`);
    const engine = tf.engine();
    const x = engine.makeTensorFromTensorInfo(inputs.x) as Tensor4D;
    const dy = engine.makeTensorFromTensorInfo(inputs.dy) as Tensor4D;
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

/** UnsortedSegmentSum (the gradient of gather, used by embeddings): one pass over the rows, no one-hot matrix. */
export function registerSegmentSum(tf: Tf, backendName: string): void {
  replaceKernel(tf, 'UnsortedSegmentSum', backendName, (inputs, attrs) => {
    const { numSegments } = attrs as { numSegments: number };
    const engine = tf.engine();
    const x = engine.makeTensorFromTensorInfo(inputs.x);
    const ids = engine.makeTensorFromTensorInfo(inputs.segmentIds);
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

type KernelBody = (inputs: Record<string, TensorInfo>, attrs: NamedAttrMap) => TensorInfo;

function replaceKernel(tf: Tf, kernelName: string, backendName: string, body: KernelBody): void {
  if (tf.getKernel(kernelName, backendName)) tf.unregisterKernel(kernelName, backendName);
  tf.registerKernel({
    kernelName,
    backendName,
    kernelFunc: ({ inputs, attrs }) => body(inputs as Record<string, TensorInfo>, attrs ?? {}),
  });
}
