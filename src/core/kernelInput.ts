// A kernel's input as a tensor, for kernels written with ops (any backend).
import type { KernelBackend, Tensor, TensorInfo } from '@tensorflow/tfjs';
import type { Tf } from './tf';

/**
 * A tensor over a kernel input's data, for ops inside a kernel. Disposing a tensor made from an input drops a
 * reference the engine never took, and an input still needed later (the bias gradient reads dy after the filter
 * gradient) would be freed: the reference is taken first, so disposing it gives back only ours.
 */
export function wrap(tf: Tf, backend: unknown, info: TensorInfo): Tensor {
  (backend as KernelBackend).incRef(info.dataId);
  return tf.engine().makeTensorFromTensorInfo(info);
}
