// What the kernel benches share: the seed CNN (its convolution shapes, the model as the core trains it) and tfjs-wasm
// on one thread.
import * as path from 'node:path';
import type * as tfjs from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { fusedAdam } from '../../src/core/backends/fusedAdam';
import { seedCnnModel } from '../unit/seedCnn';

/** The seed CNN's convolutions (src/shared/seedModels.ts): input [h, w, c] per sample and filter [kh, kw, in, out]. */
export const SEED_CNN_CONVS: { input: [number, number, number]; filter: [number, number, number, number] }[] = [
  { input: [28, 28, 1], filter: [3, 3, 1, 32] },
  { input: [13, 13, 32], filter: [3, 3, 32, 64] },
  { input: [5, 5, 64], filter: [3, 3, 64, 64] },
];

/** tfjs-wasm with SIMD on one thread (the core's kernels are registered by the caller: `registerWasmTrainingKernels`). */
export async function useWasm(tf: typeof tfjs): Promise<void> {
  setWasmPaths(
    path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-simd.wasm')) + path.sep,
  );
  await tf.setBackend('wasm');
}

/** The seed CNN through tf.layers, compiled with the core's Adam (what the core trains), and one batch of random images. */
export function seedCnn(tf: typeof tfjs, batch: number): { model: tfjs.Sequential; x: tfjs.Tensor; y: tfjs.Tensor } {
  const model = seedCnnModel(tf);
  model.compile({ optimizer: fusedAdam(tf, 0.001), loss: 'categoricalCrossentropy' });
  const x = tf.randomUniform([batch, 28, 28, 1]);
  const y = tf.oneHot(tf.randomUniform([batch], 0, 10, 'int32') as tfjs.Tensor1D, 10);
  return { model, x, y };
}
