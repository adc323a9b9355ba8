// What the kernel benches share: the seed CNN's convolution shapes and tfjs-wasm on one thread.
import * as path from 'node:path';
import type * as tfjs from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

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
