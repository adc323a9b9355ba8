// A kernel's input as a tensor, for kernels written with ops (any backend).
import type { KernelBackend, KernelFunc, Tensor, TensorInfo } from '@tensorflow/tfjs';
import type { Tf } from '../tf';

/**
 * A tensor over a kernel input's data, for ops inside a kernel. Disposing a tensor made from an input drops a
 * reference the engine never took, and an input still needed later (the bias gradient reads dy after the filter
 * gradient) would be freed: the reference is taken first, so disposing it gives back only ours.
 */
export function wrap(tf: Tf, backend: unknown, info: TensorInfo): Tensor {
  (backend as KernelBackend).incRef(info.dataId);
  return tf.engine().makeTensorFromTensorInfo(info);
}

/** A kernel input with its last two axes swapped (the backend's Transpose: one copy); the caller disposes it. */
export function swapLastTwo(tf: Tf, info: TensorInfo): Tensor {
  const perm = info.shape.map((_, i) => i);
  [perm[perm.length - 2], perm[perm.length - 1]] = [perm[perm.length - 1], perm[perm.length - 2]];
  return tf.engine().runKernel('Transpose', { x: info as Tensor }, { perm }) as Tensor;
}

/**
 * A product kernel (BatchMatMul, _FusedMatMul) given untransposed operands: each operand marked transposed is
 * transposed first, then `kernel` runs with both flags false, every other input (a bias) as it was.
 */
export function untransposed(tf: Tf, args: Parameters<KernelFunc>[0], kernel: KernelFunc): ReturnType<KernelFunc> {
  const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
  const { transposeA, transposeB } = args.attrs as { transposeA?: boolean; transposeB?: boolean };
  if (!transposeA && !transposeB) return kernel(args);
  const at = transposeA ? swapLastTwo(tf, a) : undefined;
  const bt = transposeB ? swapLastTwo(tf, b) : undefined;
  try {
    return kernel({
      ...args,
      inputs: { ...args.inputs, a: at ?? a, b: bt ?? b },
      attrs: { ...args.attrs, transposeA: false, transposeB: false },
    });
  } finally {
    at?.dispose();
    bt?.dispose();
  }
}
