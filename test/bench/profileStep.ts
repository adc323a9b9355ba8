// Where one training step of the bench CNN (or MLP) goes, per kernel, on wasm with the core's own kernels:
//   node out/test/bench/profileStep.js [cnn|mlp] [batch]
// Run it before and after a kernel change; the bench (bench.ts) is what measures the gain against PyTorch.
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { fusedAdam } from '../../src/core/backends/fusedAdam';
import * as kernels from '../../src/core/backends/gradientKernels';
import { startThreadedWasm } from '../../src/core/backends/wasmThreads';
import { seedCnnModel } from '../unit/seedCnn';

async function main(): Promise<void> {
  const which = process.argv[2] ?? 'cnn';
  const batch = Number(process.argv[3] ?? 64);
  // PROFILE_THREADS=2 runs the threaded build (src/core/backends/wasmThreads.ts) with that many threads.
  const binaries = path.dirname(
    require.resolve('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js'),
  );
  setWasmPaths(binaries + path.sep);
  const threads = Number(process.env.PROFILE_THREADS ?? 1);
  if (threads > 1) console.log(`threads: ${await startThreadedWasm(tf, binaries, threads)}`);
  else await tf.setBackend('wasm');
  // The core's kernels (registerWasmTrainingKernels); PROFILE_STOCK=Sum,MaxPoolGrad keeps tfjs's own for those, to
  // measure a change against them (a kernel tfjs-wasm lacks, such as Conv2DBackpropFilter, cannot be kept; one only we
  // have, such as BigModelAdamStep or BigModelReluGrad, is removed, and tfjs's ops run in its place).
  const stock = (process.env.PROFILE_STOCK ?? '').split(',');
  const stockKernels = new Map(stock.filter((k) => k).map((k) => [k, tf.getKernel(k, 'wasm')]));
  kernels.registerWasmTrainingKernels(tf, 'wasm');
  for (const [name, config] of stockKernels) {
    tf.unregisterKernel(name, 'wasm');
    if (config) tf.registerKernel(config);
  }
  const m =
    which === 'cnn'
      ? seedCnnModel(tf)
      : tf.sequential({
          layers: [
            tf.layers.flatten({ inputShape: [28, 28, 1] }),
            tf.layers.dense({ units: 500, activation: 'relu' }),
            tf.layers.dense({ units: 10, activation: 'softmax' }),
          ],
        });
  // Adam as the core trains with it (one kernel a weight; PROFILE_STOCK=BigModelAdamStep gives tfjs's own).
  m.compile({ optimizer: fusedAdam(tf, 0.001), loss: 'categoricalCrossentropy' });
  const x = tf.randomUniform([batch, 28, 28, 1]);
  const y = tf.oneHot(tf.zeros([batch], 'int32') as tf.Tensor1D, 10).toFloat();
  for (let i = 0; i < 3; i++) await m.trainOnBatch(x, y);
  const profile = await tf.profile(async () => {
    await m.trainOnBatch(x, y);
  });
  // PROFILE_CALLS=1 lists every kernel call over 0.8 ms with its input shapes, in order: which layer pays what.
  if (process.env.PROFILE_CALLS) {
    for (const k of profile.kernels)
      if (Number(k.kernelTimeMs) > 0.8)
        console.log(`  ${k.name} ${JSON.stringify(k.inputShapes)} ${Number(k.kernelTimeMs).toFixed(1)} ms`);
  }
  const byKernel: Record<string, number> = {};
  for (const k of profile.kernels) byKernel[k.name] = (byKernel[k.name] ?? 0) + Number(k.kernelTimeMs);
  const total = Object.values(byKernel).reduce((a, b) => a + b, 0);
  for (const [name, ms] of Object.entries(byKernel)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 14)) {
    console.log(`${name.padEnd(28)} ${ms.toFixed(1).padStart(7)} ms  ${((100 * ms) / total).toFixed(0).padStart(3)}%`);
  }
  // Wall time, and this process's CPU time: on a shared machine the second moves less with the load (1 thread).
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < 9; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    await m.trainOnBatch(x, y);
    const c = process.cpuUsage(c0);
    walls.push(performance.now() - t0);
    cpus.push((c.user + c.system) / 1000);
  }
  walls.sort((a, b) => a - b);
  cpus.sort((a, b) => a - b);
  console.log(
    `kernels ${total.toFixed(0)} ms; one step (median of 9) wall ${walls[4].toFixed(0)} ms, CPU ${cpus[4].toFixed(0)} ms, ${((batch * 1000) / walls[4]).toFixed(0)} samples/s`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
