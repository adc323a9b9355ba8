// Winograd F(2×2, 3×3) and F(4×4, 3×3) against the path they replace (direct convolution on our products, the composed full correlation
// for the input gradient), and F(3×3, 2×2) for the filter gradient against im2col and one product, on the seed CNN's conv2 and conv3 at batch 64 and on a same-padded 3×3 layer of a wider network, in one
// process, all interleaved round by round so that the load of a shared machine falls on both alike.
//   node out/test/bench/winograd.js        (after `node esbuild.mjs --tests`; WINOGRAD_ROUNDS=5 by default)
import * as tf from '@tensorflow/tfjs';
import { registerWasmTrainingKernels } from '../../src/core/backends/gradientKernels';
import { seedCnn, useWasm } from './wasmBench';

const BATCH = 64;
const ROUNDS = Number(process.env.WINOGRAD_ROUNDS ?? 5);
const SHAPES: { name: string; input: [number, number, number]; filters: number; pad: 'valid' | 'same' }[] = [
  { name: 'seed CNN conv2, 13×13×32 → 11×11×64 valid', input: [13, 13, 32], filters: 64, pad: 'valid' },
  { name: 'seed CNN conv3, 5×5×64 → 3×3×64 valid', input: [5, 5, 64], filters: 64, pad: 'valid' },
  { name: '16×16×64 → 16×16×64 same', input: [16, 16, 64], filters: 64, pad: 'same' },
];

/** CPU milliseconds of one call, the fastest of 7 after 2 warm-ups: on a shared machine the load only adds time. */
async function time(op: () => tf.Tensor): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 9; i++) {
    const t0 = process.cpuUsage();
    const y = op();
    await y.data();
    y.dispose();
    const t = process.cpuUsage(t0);
    if (i >= 2) times.push((t.user + t.system) / 1000);
  }
  return Math.min(...times);
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const low = (v: number[]) => Math.min(...v);

async function main(): Promise<void> {
  await useWasm(tf);
  registerWasmTrainingKernels(tf, 'wasm');
  for (const s of SHAPES) {
    const x = tf.randomNormal([BATCH, ...s.input]) as tf.Tensor4D;
    const w = tf.randomNormal([3, 3, s.input[2], s.filters]) as tf.Tensor4D;
    const y = tf.conv2d(x, w, 1, s.pad);
    const dy = tf.randomNormal(y.shape);
    const attrs = { strides: 1, pad: s.pad, dataFormat: 'NHWC', dilations: 1 };
    const ops = {
      forward: () => tf.conv2d(x, w, 1, s.pad),
      'input gradient': () =>
        tf.engine().runKernel('Conv2DBackpropInput', { dy, filter: w }, { ...attrs, inputShape: x.shape }) as tf.Tensor,
      'filter gradient': () =>
        tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { ...attrs, filterShape: w.shape }) as tf.Tensor,
    };
    for (const [what, op] of Object.entries(ops)) {
      // 0: the path before; 2 and 4: F(2×2, 3×3) and F(4×4, 3×3); 1: the default choice between them. The filter
      // gradient has one tile, F(3×3, 2×2): the path before and Winograd (1) only.
      const filterGradient = what === 'filter gradient';
      const settings = filterGradient ? ['0', '1'] : ['0', '2', '4', '1'];
      const times = settings.map((): number[] => []);
      for (let r = 0; r < ROUNDS; r++) {
        for (const [i, setting] of settings.entries()) {
          process.env.BIGMODEL_WINOGRAD = setting;
          times[i].push(await time(op));
        }
      }
      // Per setting: the fastest round and the median round, each with its gain on the path before.
      const fmt = (v: number[]) =>
        `${low(v).toFixed(2)} ms ${(low(times[0]) / low(v)).toFixed(2)}× / ${median(v).toFixed(2)} ms ${(median(times[0]) / median(v)).toFixed(2)}×`;
      const before = `${s.name}, ${what} (fastest / median round): before ${low(times[0]).toFixed(2)} / ${median(times[0]).toFixed(2)} ms`;
      console.log(
        filterGradient
          ? `${before}; F(3×3, 2×2) where taken ${fmt(times[1])}`
          : `${before}; F(2×2) ${fmt(times[1])}; F(4×4) ${fmt(times[2])}; default ${fmt(times[3])}`,
      );
    }
    tf.dispose([x, w, y, dy]);
  }
}

/**
 * The seed CNN's training step at batch 64 (as profileStep.ts builds it, Adam as the core trains), its filter gradients
 * by the path before or by Winograd, all else as by default (Winograd forward and input gradient): steps of the two
 * alternating in this process, each setting's fastest and median step in CPU ms. The path before is had by running the
 * registered Conv2DBackpropFilter with BIGMODEL_WINOGRAD=0 for that kernel only.
 */
async function step(): Promise<void> {
  const config = tf.getKernel('Conv2DBackpropFilter', 'wasm');
  if (!config) throw new Error('no Conv2DBackpropFilter on wasm');
  let before = false;
  tf.unregisterKernel('Conv2DBackpropFilter', 'wasm');
  tf.registerKernel({
    ...config,
    kernelFunc: (args) => {
      if (!before) return config.kernelFunc(args);
      process.env.BIGMODEL_WINOGRAD = '0';
      try {
        return config.kernelFunc(args);
      } finally {
        delete process.env.BIGMODEL_WINOGRAD;
      }
    },
  });
  delete process.env.BIGMODEL_WINOGRAD;
  const { model: m, x, y } = seedCnn(tf, BATCH);
  for (let i = 0; i < 3; i++) await m.trainOnBatch(x, y);
  const times: [number[], number[]] = [[], []];
  for (let r = 0; r < ROUNDS * 4; r++) {
    for (const [i, setting] of [true, false].entries()) {
      before = setting;
      const t0 = process.cpuUsage();
      await m.trainOnBatch(x, y);
      const t = process.cpuUsage(t0);
      times[i].push((t.user + t.system) / 1000);
    }
  }
  const [old, ours] = times;
  console.log(
    `seed CNN training step, batch ${BATCH}, filter gradients by the path before / by Winograd (fastest / median of ${old.length} steps, CPU ms): ${low(old).toFixed(1)} / ${median(old).toFixed(1)} ms; ${low(ours).toFixed(1)} / ${median(ours).toFixed(1)} ms (${(median(old) - median(ours)).toFixed(1)} ms a step at the median)`,
  );
  tf.dispose([x, y]);
  m.dispose();
}

main()
  .then(step)
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
