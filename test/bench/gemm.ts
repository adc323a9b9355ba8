// Our matrix products (src/core/backends/wasmGemm.c) against XNNPACK's in tfjs-wasm on the seed CNN's shapes, side by side in
// one process, 1 thread: node out/test/bench/gemm.js
// Each shape runs both kernels in turn, 9 rounds; the best time of each, and GFLOP/s.
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../../src/core/backends/gradientKernels';
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs';

/** [m, k, n]: where the seed CNN multiplies in a step, batch 64. */
const SHAPES: Array<[number, number, number, string]> = [
  [7744, 288, 64, 'conv2 forward (im2col rows × filter)'],
  [10816, 576, 32, 'conv2 input gradient (padded dy × flipped filter)'],
  [288, 7744, 64, 'conv2 filter gradient (colᵀ × dy)'],
  [576, 576, 64, 'conv3 filter gradient'],
  [576, 64, 576, 'conv3 input gradient (dy × Wᵀ)'],
  [64, 784, 512, 'MLP dense 784 → 512'],
];

async function main(): Promise<void> {
  setWasmPaths(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-simd.wasm')) + path.sep);
  await tf.setBackend('wasm');
  registerWasmTrainingKernels(tf, 'wasm');
  const ours = tf.getKernel('BatchMatMul', 'wasm')!.kernelFunc as KernelFunc & { replaced: KernelFunc };
  const backend = tf.backend();
  const time = (kernel: KernelFunc, a: tf.Tensor, b: tf.Tensor) => {
    const t0 = performance.now();
    const out = kernel({ inputs: { a, b }, attrs: { transposeA: false, transposeB: false }, backend }) as TensorInfo;
    const ms = performance.now() - t0;
    backend.disposeData(out.dataId);
    return ms;
  };
  for (const [m, k, n, what] of SHAPES) {
    const a = tf.randomNormal([1, m, k]);
    const b = tf.randomNormal([1, k, n]);
    let best = { ours: Infinity, xnnpack: Infinity };
    for (let round = 0; round < 9; round++) {
      best = { ours: Math.min(best.ours, time(ours, a, b)), xnnpack: Math.min(best.xnnpack, time(ours.replaced, a, b)) };
    }
    const gflops = (ms: number) => ((2 * m * k * n) / ms / 1e6).toFixed(1);
    console.log(`${`${m}×${k}×${n}`.padEnd(14)} ours ${best.ours.toFixed(2)} ms (${gflops(best.ours)} GFLOP/s), XNNPACK ${best.xnnpack.toFixed(2)} ms (${gflops(best.xnnpack)}), ratio ${(best.xnnpack / best.ours).toFixed(2)}  ${what}`);
    tf.dispose([a, b]);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
