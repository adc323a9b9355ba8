// Our kernel in place of a backend's: for some inputs ours runs, the others go to the kernel it replaced.
import type { KernelFunc } from '@tensorflow/tfjs';
import type { Tf } from '../tf';

type Replacement = KernelFunc & { replaced?: KernelFunc };

/**
 * Registers `make(replaced)` as `kernelName` on `backendName`. `replaced` is the kernel registered before ours
 * (tfjs's own, or a composed one of gradientKernels.ts), never ours: registering twice must not wrap ours in ours.
 * Returns false, registering nothing, where the backend has no such kernel.
 */
export function overrideKernel(
  tf: Tf,
  kernelName: string,
  backendName: string,
  make: (replaced: KernelFunc) => KernelFunc,
): boolean {
  const current = tf.getKernel(kernelName, backendName);
  if (!current) return false;
  const replaced = (current.kernelFunc as Replacement).replaced ?? current.kernelFunc;
  const kernelFunc: Replacement = make(replaced);
  kernelFunc.replaced = replaced;
  tf.unregisterKernel(kernelName, backendName);
  tf.registerKernel({ ...current, kernelFunc });
  return true;
}
