// Each gradient kernel of the seed CNN on its own shapes, wasm, 1 thread, batch 64: where a training step's time goes,
// layer by layer, in CPU milliseconds. Run another build's copy of this file beside it to compare kernels.
//   node out/test/bench/gradKernels.js        (after `node esbuild.mjs --tests`)
import * as tf from '@tensorflow/tfjs';
import * as kernels from '../../src/core/backends/gradientKernels';
import { SEED_CNN_CONVS as CONVS, useWasm } from './wasmBench';

const BATCH = 64;
const POOLS: [number, number, number][] = [
  [26, 26, 32],
  [11, 11, 64],
];

/** Median CPU milliseconds of this process (steadier than wall time on a shared machine) over 11 runs after 3 warm-ups. */
async function time(op: () => tf.Tensor): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 14; i++) {
    const t0 = process.cpuUsage();
    const y = op();
    await y.data();
    y.dispose();
    const t = process.cpuUsage(t0);
    if (i >= 3) times.push((t.user + t.system) / 1000);
  }
  return times.sort((a, b) => a - b)[5];
}

async function main(): Promise<void> {
  await useWasm(tf);
  const stockSum = tf.getKernel('Sum', 'wasm')!.kernelFunc;
  kernels.registerWasmTrainingKernels(tf, 'wasm');
  const attrs = { strides: 1, pad: 'valid', dataFormat: 'NHWC' };
  const rows: string[] = [];
  let totals = { fwd: 0, filter: 0, input: 0, bias: 0, biasStock: 0, pool: 0 };
  for (const [i, c] of CONVS.entries()) {
    const x = tf.randomNormal([BATCH, ...c.input]) as tf.Tensor4D;
    const w = tf.randomNormal(c.filter) as tf.Tensor4D;
    const y = tf.conv2d(x, w, 1, 'valid');
    const dy = tf.randomNormal(y.shape);
    const fwd = await time(() => tf.conv2d(x, w, 1, 'valid'));
    const filter = await time(
      () => tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { ...attrs, filterShape: c.filter }) as tf.Tensor,
    );
    const input =
      i === 0
        ? 0
        : await time(
            () =>
              tf
                .engine()
                .runKernel('Conv2DBackpropInput', { dy, filter: w }, { ...attrs, inputShape: x.shape }) as tf.Tensor,
          );
    const bias = await time(() => tf.sum(dy, [0, 1, 2]));
    const biasStock = await time(() =>
      tf.engine().makeTensorFromTensorInfo(
        stockSum({
          inputs: { x: dy },
          attrs: { axis: [0, 1, 2], keepDims: false },
          backend: tf.backend(),
        }) as tf.TensorInfo,
      ),
    );
    rows.push(
      `conv${i + 1} (CPU ms): forward ${fwd.toFixed(1)}  filter grad ${filter.toFixed(1)}  input grad ${input.toFixed(1)}  bias grad ${bias.toFixed(1)} (stock Sum ${biasStock.toFixed(1)}) ms`,
    );
    totals = {
      ...totals,
      fwd: totals.fwd + fwd,
      filter: totals.filter + filter,
      input: totals.input + input,
      bias: totals.bias + bias,
      biasStock: totals.biasStock + biasStock,
    };
    tf.dispose([x, w, y, dy]);
  }
  for (const [i, p] of POOLS.entries()) {
    const x = tf.randomNormal([BATCH, ...p]) as tf.Tensor4D;
    const dy = tf.randomNormal([BATCH, Math.floor(p[0] / 2), Math.floor(p[1] / 2), p[2]]);
    const ms = await time(
      () =>
        tf
          .engine()
          .runKernel(
            'MaxPoolGrad',
            { dy, input: x, output: x },
            { filterSize: 2, strides: 2, pad: 'valid' },
          ) as tf.Tensor,
    );
    rows.push(`pool${i + 1}: MaxPoolGrad ${ms.toFixed(1)} ms`);
    totals.pool += ms;
    tf.dispose([x, dy]);
  }
  for (const r of rows) console.log(r);
  console.log(
    `totals: forward ${totals.fwd.toFixed(1)}  filter grad ${totals.filter.toFixed(1)}  input grad ${totals.input.toFixed(1)}  bias grad ${totals.bias.toFixed(1)} (stock ${totals.biasStock.toFixed(1)})  MaxPoolGrad ${totals.pool.toFixed(1)} ms`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
