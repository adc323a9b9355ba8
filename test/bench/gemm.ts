// Our matrix products (src/core/backends/wasmGemm.c) against XNNPACK's in tfjs-wasm on the seed CNN's shapes, side by side in
// one process, 1 thread: node out/test/bench/gemm.js (GEMM_ROUNDS=15 by default).
// Each shape runs both kernels in turn round by round; a round is enough calls for ~20 ms, timed in CPU time
// (process.cpuUsage), since the machine is shared and wall time counts other processes' turns. Fastest and median
// round per call, and GFLOP/s of each.
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../../src/core/backends/gradientKernels';
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs';

/** [m, k, n, what, which operand comes transposed]: where the seed CNN and the MLP multiply in a step, batch 64. */
const SHAPES: Array<[number, number, number, string, ('a' | 'b')?]> = [
  [7744, 288, 64, 'conv2 forward (im2col rows × filter)'],
  [10816, 576, 32, 'conv2 input gradient (padded dy × flipped filter)'],
  [288, 7744, 64, 'conv2 filter gradient (colᵀ × dy)'],
  [576, 576, 64, 'conv3 filter gradient'],
  [576, 64, 576, 'conv3 input gradient (dy × Wᵀ)'],
  [64, 784, 512, 'MLP dense 784 → 512'],
  [784, 64, 512, 'MLP weight gradient xᵀ · dy (x transposed first)', 'a'],
  [64, 512, 784, 'MLP input gradient dy · Wᵀ (W packed transposed)', 'b'],
  [576, 32, 64, "Winograd's product of one plane (conv2 forward, k = ci)"],
  [576, 64, 32, "Winograd's product of one plane (conv2 input gradient)"],
];

const ROUNDS = Number(process.env.GEMM_ROUNDS ?? 15);

/** CPU milliseconds (user + system) of this process so far. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Fastest and median of `times`. */
function summary(times: number[]): { fastest: number; median: number } {
  const sorted = [...times].sort((x, y) => x - y);
  return { fastest: sorted[0], median: sorted[Math.floor(sorted.length / 2)] };
}

async function main(): Promise<void> {
  setWasmPaths(
    path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-simd.wasm')) + path.sep,
  );
  await tf.setBackend('wasm');
  registerWasmTrainingKernels(tf, 'wasm');
  const ours = tf.getKernel('BatchMatMul', 'wasm')!.kernelFunc as KernelFunc & { replaced: KernelFunc };
  const backend = tf.backend();
  /** CPU ms per call over `calls` calls. */
  const time = (kernel: KernelFunc, a: tf.Tensor, b: tf.Tensor, calls: number, transpose?: 'a' | 'b') => {
    const t0 = cpuMs();
    for (let c = 0; c < calls; c++) {
      const out = kernel({
        inputs: { a, b },
        attrs: { transposeA: transpose === 'a', transposeB: transpose === 'b' },
        backend,
      }) as TensorInfo;
      backend.disposeData(out.dataId);
    }
    return (cpuMs() - t0) / calls;
  };
  for (const [m, k, n, what, transpose] of SHAPES) {
    const a = tf.randomNormal(transpose === 'a' ? [1, k, m] : [1, m, k]);
    const b = tf.randomNormal(transpose === 'b' ? [1, n, k] : [1, k, n]);
    // Warm-up, and how many calls make ~20 ms.
    const once = Math.max(time(ours, a, b, 1, transpose), time(ours, a, b, 1, transpose), 0.01);
    const calls = Math.max(1, Math.round(20 / once));
    const rounds = { ours: [] as number[], xnnpack: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      rounds.ours.push(time(ours, a, b, calls, transpose));
      rounds.xnnpack.push(time(ours.replaced, a, b, calls, transpose));
    }
    const flops = 2 * m * k * n;
    const show = (times: number[]) => {
      const { fastest, median } = summary(times);
      return `${fastest.toFixed(3)} / ${median.toFixed(3)} ms (${(flops / fastest / 1e6).toFixed(1)} / ${(flops / median / 1e6).toFixed(1)} GFLOP/s)`;
    };
    const ratio = summary(rounds.xnnpack).median / summary(rounds.ours).median;
    console.log(
      `${`${m}×${k}×${n}`.padEnd(14)} ours ${show(rounds.ours)}, XNNPACK ${show(rounds.xnnpack)}, median ratio ${ratio.toFixed(2)}  ${what}`,
    );
    tf.dispose([a, b]);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
