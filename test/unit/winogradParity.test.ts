// Winograd F(2×2, 3×3) and F(4×4, 3×3) convolutions on wasm (src/core/backends/wasmWinograd.ts) against the cpu
// backend's direct convolutions: the forward pass (plain, and fused with bias and ReLU) and the input gradient, on sizes
// that are not multiples of the tile, 8 to 33 channels summed over (the SIMD groups of 4 and a tail), 1 to 64 filters,
// batch 1 and 7, same and valid padding, each case with each tile (BIGMODEL_WINOGRAD=2 and 4). Each case first asserts
// that the Winograd path took it (the input gradient where it sums over 8 filters or more), so a gate that silently
// turned it off would fail here rather than pass on the old path. The filter gradient by F(3×3, 2×2) has its own cases
// (FILTER_CASES), held against exact sums (see there).
//
// Tolerance: float32 rounds each operation to ε = 2⁻²⁴ ≈ 6e-8 of its result. A direct convolution's error is bounded
// by about K·ε·Σ|x·w| over its K = 9·ci terms; Winograd adds the transforms' roundings on values the transforms grow:
// F(2×2)'s rows of Bᵀ, Aᵀ and G sum to at most 2, 3 and 1.5 in absolute value, so each output is held to
// 4e-6 · Σ|x|·|w| over its window (the cpu backend's convolution of |x| with |w|), about 67 ε, plus 1e-7 where that
// sum is 0. F(4×4)'s rows sum to up to 10 (Bᵀ's [4 0 -5 0 1 0]) and 19 (Aᵀ's [0 1 -1 8 -8 1]), and its error is known
// to run about an order of magnitude above F(2×2)'s in float32 (Barabasz et al., "Error analysis and improving the
// accuracy of Winograd convolution for deep neural networks", ACM TOMS 2020): it is held to 4× that, 1.6e-5, about
// 270 ε. Measured: F(2×2) stays under 0.14 of its bound, F(4×4) under 0.2 of its own (0.73 of F(2×2)'s), both far
// below what a wrong tap, tile edge or channel would give (a whole term: ~1/K of the sum, 3e-3 at K = 297).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../../src/core/backends/gradientKernels';
import {
  winogradConvolution,
  winogradFilterGradient,
  winogradInputGradient,
} from '../../src/core/backends/wasmWinograd';

type Pad = 'same' | 'valid';
interface Case {
  batch: number;
  h: number;
  w: number;
  ci: number;
  co: number;
  pad: Pad;
}

const CASES: Case[] = [
  { batch: 1, h: 13, w: 13, ci: 32, co: 64, pad: 'valid' }, // the seed CNN's conv2 at batch 1: 11×11 outputs
  { batch: 7, h: 9, w: 12, ci: 8, co: 1, pad: 'same' }, // one filter: output channels all in the tail
  { batch: 7, h: 7, w: 10, ci: 9, co: 5, pad: 'valid' }, // 5×8 outputs; 9 channels: two groups of 4 and a tail of 1
  { batch: 1, h: 6, w: 5, ci: 33, co: 13, pad: 'same' }, // 6×5: the last column of tiles has one output
  { batch: 7, h: 11, w: 8, ci: 16, co: 8, pad: 'same' },
];

/** Filter gradients: sizes odd and even (tiles past dy's edge), channels not multiples of 4 or 8, batch 1 to 64. */
const FILTER_CASES: Case[] = [
  { batch: 64, h: 13, w: 13, ci: 32, co: 64, pad: 'valid' }, // the seed CNN's conv2: 2,304 tiles, 27 blocks
  { batch: 1, h: 13, w: 13, ci: 32, co: 64, pad: 'valid' },
  { batch: 7, h: 9, w: 12, ci: 8, co: 8, pad: 'same' },
  { batch: 3, h: 7, w: 10, ci: 9, co: 13, pad: 'valid' }, // 5×8 dy; tails of 1 on both sides
  { batch: 2, h: 6, w: 5, ci: 33, co: 10, pad: 'same' },
  { batch: 5, h: 11, w: 8, ci: 16, co: 20, pad: 'same' },
  { batch: 16, h: 24, w: 24, ci: 32, co: 32, pad: 'same' }, // several blocks and threads' runs of them
];
/** The filter gradient's bound on |ours - reference| relative to Σ|x|·|dy| (see its tests). */
const FILTER_RELATIVE = 4e-6;

/** The exact filter gradient (float64 sums) of x and dy for case c, and Σ|x|·|dy| over each of its sums. */
function filterGradient(c: Case, xs: number[], dys: number[]): { reference: Float64Array; bound: Float64Array } {
  const [p, q] = c.pad === 'same' ? [c.h, c.w] : [c.h - 2, c.w - 2];
  const pad = c.pad === 'same' ? 1 : 0;
  const reference = new Float64Array(9 * c.ci * c.co);
  const bound = new Float64Array(9 * c.ci * c.co);
  // float32 inputs, as the kernels see them.
  const [x, dy] = [Float32Array.from(xs), Float32Array.from(dys)];
  for (let n = 0; n < c.batch; n++)
    for (let y = 0; y < p; y++)
      for (let xx = 0; xx < q; xx++) {
        const g = ((n * p + y) * q + xx) * c.co;
        for (let r = 0; r < 3; r++)
          for (let s = 0; s < 3; s++) {
            const [iy, ix] = [y + r - pad, xx + s - pad];
            if (iy < 0 || iy >= c.h || ix < 0 || ix >= c.w) continue;
            const d = ((n * c.h + iy) * c.w + ix) * c.ci;
            for (let i = 0; i < c.ci; i++) {
              const o = ((r * 3 + s) * c.ci + i) * c.co;
              const v = x[d + i];
              for (let k = 0; k < c.co; k++) {
                reference[o + k] += v * dy[g + k];
                bound[o + k] += Math.abs(v * dy[g + k]);
              }
            }
          }
      }
  return { reference, bound };
}

const values = (n: number, seed: number) =>
  Array.from({ length: n }, (_, i) => Math.sin(i * 0.731 + seed) + 0.25 * Math.cos(i * 2.3 + seed));

/** Each tile's bound on |ours - reference| relative to Σ|x|·|w| (see the tolerance above). */
const RELATIVE: Record<'2' | '4', number> = { '2': 4e-6, '4': 1.6e-5 };
let tile: '2' | '4' = '2';

/** The largest |ours - reference| over RELATIVE · bound + 1e-7: at most 1 passes. */
function worst(ours: Float32Array, reference: Float32Array, bound: Float32Array): number {
  assert.equal(ours.length, reference.length);
  let w = 0;
  for (let i = 0; i < ours.length; i++)
    w = Math.max(w, Math.abs(ours[i] - reference[i]) / (RELATIVE[tile] * bound[i] + 1e-7));
  return w;
}

describe('Winograd F(2×2, 3×3), F(4×4, 3×3) and F(3×3, 2×2) on wasm match the cpu backend and exact sums', function () {
  this.timeout(60000);
  const setting = process.env.BIGMODEL_WINOGRAD;
  before(async () => {
    setWasmPaths(
      path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm')) + path.sep,
    );
    await tf.setBackend('wasm');
    registerWasmTrainingKernels(tf, 'wasm');
  });
  afterEach(() => {
    if (setting === undefined) delete process.env.BIGMODEL_WINOGRAD;
    else process.env.BIGMODEL_WINOGRAD = setting;
  });

  for (const c of CASES.flatMap((k) => (['2', '4'] as const).map((t) => ({ ...k, tile: t })))) {
    const name = `F(${c.tile}×${c.tile}, 3×3), batch ${c.batch}, ${c.h}×${c.w}×${c.ci} → ${c.co} filters, ${c.pad}`;
    const xShape: [number, number, number, number] = [c.batch, c.h, c.w, c.ci];
    const fShape: [number, number, number, number] = [3, 3, c.ci, c.co];
    const xs = values(c.batch * c.h * c.w * c.ci, 1);
    const fs = values(9 * c.ci * c.co, 2).map((v) => v / Math.sqrt(9 * c.ci));
    const bias = values(c.co, 3);

    /** Forward (plain, fused bias + ReLU) and input gradient for an upstream gradient dy, on the current backend. */
    const run = (dyValues?: number[]) =>
      tf.tidy(() => {
        const x = tf.tensor4d(xs, xShape);
        const f = tf.tensor4d(fs, fShape);
        const plain = tf.conv2d(x, f, 1, c.pad);
        const fused = tf.fused.conv2d({
          x,
          filter: f,
          strides: 1,
          pad: c.pad,
          bias: tf.tensor1d(bias),
          activation: 'relu',
        });
        const dy = tf.tensor4d(dyValues ?? values(plain.size, 4), plain.shape);
        const dx = tf.grad((input: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(input as tf.Tensor4D, f, 1, c.pad), dy)))(x);
        // Σ|x|·|w| over each output's window and Σ|dy|·|w| over each input's: the scale of each result's rounding.
        const fAbs = tf.abs(f);
        const bound = tf.conv2d(tf.abs(x), fAbs, 1, c.pad);
        const dxBound = tf.grad((input: tf.Tensor) =>
          tf.sum(tf.mul(tf.conv2d(input as tf.Tensor4D, fAbs, 1, c.pad), tf.abs(dy))),
        )(x);
        return [plain, fused, dx, bound, tf.add(tf.abs(bound), tf.abs(tf.tensor1d(bias))), dxBound].map(
          (t) => t.dataSync() as Float32Array,
        );
      });

    it(`forward and input gradient: ${name}`, async () => {
      tile = c.tile;
      process.env.BIGMODEL_WINOGRAD = c.tile;
      await tf.setBackend('cpu');
      const [plainRef, fusedRef, dxRef, bound, fusedBound, dxBound] = run();
      await tf.setBackend('wasm');
      // The path itself takes this case (called as the kernels call it), for the forward pass and the input gradient.
      const taken = tf.tidy(() => {
        const x = tf.tensor4d(xs, xShape);
        const f = tf.tensor4d(fs, fShape);
        const dy = tf.tensor4d(values(plainRef.length, 4), [
          c.batch,
          ...(c.pad === 'same' ? [c.h, c.w] : [c.h - 2, c.w - 2]),
          c.co,
        ] as [number, number, number, number]);
        const attrs = { strides: 1, pad: c.pad, dataFormat: 'NHWC', dilations: 1 };
        const forward = winogradConvolution(
          tf,
          { inputs: { x, filter: f }, attrs, backend: tf.backend() },
          undefined,
          false,
        );
        const gradient = winogradInputGradient(tf, {
          inputs: { dy, filter: f },
          attrs: { ...attrs, inputShape: xShape },
          backend: tf.backend(),
        });
        const results = [forward, gradient].map(
          (info) => info && (tf.engine().makeTensorFromTensorInfo(info).dataSync() as Float32Array),
        );
        return results;
      });
      // The input gradient sums over the co filters: under 8 it is left to the path before (see the last test).
      assert.ok(taken[0], 'the Winograd path takes this convolution');
      assert.ok(worst(taken[0], plainRef, bound) <= 1, 'forward, called directly');
      if (c.co < 8) assert.equal(taken[1], undefined, 'fewer than 8 filters: the input gradient takes the path before');
      else assert.ok(taken[1] && worst(taken[1], dxRef, dxBound) <= 1, 'input gradient, called directly');
      // The same through the registered kernels, as training runs them.
      const [plain, fused, dx] = run();
      const results = {
        forward: worst(plain, plainRef, bound),
        'fused bias + relu': worst(fused, fusedRef, fusedBound),
        'input gradient': worst(dx, dxRef, dxBound),
      };
      for (const [what, w] of Object.entries(results)) assert.ok(w <= 1, `${what}: ${w.toFixed(3)} of the tolerance`);
    });
  }

  // The filter gradient by F(3×3, 2×2): dW = Σ over the n·p·q pixels of dy of x · dy, sums of 30 to 9,216 terms rather
  // than a window's 9·ci. Against the exact sums (float64, filterGradient below) rather than the cpu backend's: its
  // Conv2DBackpropFilter sums 9,216 float32 terms one after the other, which on the 24×24 case puts the path before
  // (im2col and a product) 1.3 tolerances away from it, and it takes 30 s on that case and over 60 on the seed CNN's
  // conv2 at batch 64. Each tap is held to FILTER_RELATIVE · Σ|x|·|dy| over its sum, plus 1e-7 where that is 0:
  // F(2×2, 3×3)'s tolerance, the same Bᵀ on x and an Aᵀ whose rows sum to at most 2 in absolute value. Each case logs
  // how much of it ours and the path before use.
  for (const c of FILTER_CASES) {
    const name = `batch ${c.batch}, ${c.h}×${c.w}×${c.ci} → ${c.co} filters, ${c.pad}`;
    it(`filter gradient by F(3×3, 2×2): ${name}`, async function () {
      this.timeout(120000);
      delete process.env.BIGMODEL_WINOGRAD;
      const xShape: [number, number, number, number] = [c.batch, c.h, c.w, c.ci];
      const filterShape: [number, number, number, number] = [3, 3, c.ci, c.co];
      const [p, q] = c.pad === 'same' ? [c.h, c.w] : [c.h - 2, c.w - 2];
      const dyShape: [number, number, number, number] = [c.batch, p, q, c.co];
      const xs = values(c.batch * c.h * c.w * c.ci, 6);
      const dys = values(c.batch * p * q * c.co, 7);
      const attrs = { strides: 1, pad: c.pad, dataFormat: 'NHWC', filterShape };
      const kernel = () =>
        tf.tidy(() => {
          const inputs = { x: tf.tensor4d(xs, xShape), dy: tf.tensor4d(dys, dyShape) };
          return (tf.engine().runKernel('Conv2DBackpropFilter', inputs, attrs) as tf.Tensor).dataSync() as Float32Array;
        });
      const { reference, bound } = filterGradient(c, xs, dys);
      await tf.setBackend('wasm');
      const direct = tf.tidy(() => {
        const info = winogradFilterGradient(tf, {
          inputs: { x: tf.tensor4d(xs, xShape), dy: tf.tensor4d(dys, dyShape) },
          attrs,
          backend: tf.backend(),
        });
        return info && (tf.engine().makeTensorFromTensorInfo(info).dataSync() as Float32Array);
      });
      assert.ok(direct, 'the Winograd path takes this filter gradient');
      const ours = kernel();
      const [w1, w2] = [direct, ours].map((v) => {
        let w = 0;
        for (let i = 0; i < v.length; i++)
          w = Math.max(w, Math.abs(v[i] - reference[i]) / (FILTER_RELATIVE * bound[i] + 1e-7));
        return w;
      });
      assert.ok(w1 <= 1, `called directly: ${w1.toFixed(3)} of the tolerance`);
      assert.ok(w2 <= 1, `through the registered kernel: ${w2.toFixed(3)} of the tolerance`);
    });
  }

  it('leaves other convolutions to the path before: stride 2, dilation 2, 5×5, 1 input channel, small outputs', async () => {
    delete process.env.BIGMODEL_WINOGRAD;
    await tf.setBackend('wasm');
    const attrs = { strides: 1, pad: 'valid', dataFormat: 'NHWC', dilations: 1 };
    const call = (x: number[], f: number[], extra: object = {}) =>
      tf.tidy(() => {
        const info = winogradConvolution(
          tf,
          { inputs: { x: tf.zeros(x), filter: tf.zeros(f) }, attrs: { ...attrs, ...extra }, backend: tf.backend() },
          undefined,
          false,
        );
        return info && tf.engine().makeTensorFromTensorInfo(info).shape;
      });
    assert.deepEqual(call([1, 13, 13, 16], [3, 3, 16, 8]), [1, 11, 11, 8], 'a case it takes, for contrast');
    assert.equal(call([1, 13, 13, 16], [3, 3, 16, 8], { strides: 2 }), undefined, 'stride 2');
    assert.equal(call([1, 13, 13, 16], [3, 3, 16, 8], { dilations: 2 }), undefined, 'dilation 2');
    assert.equal(call([1, 13, 13, 16], [5, 5, 16, 8]), undefined, '5×5 filter');
    assert.equal(call([1, 28, 28, 1], [3, 3, 1, 32]), undefined, 'one input channel (the first layer)');
    assert.deepEqual(
      call([1, 5, 5, 64], [3, 3, 64, 64]),
      [1, 3, 3, 64],
      '3×3 outputs (conv3): one F(4×4) tile, 36 products against 81',
    );
    assert.equal(call([1, 3, 3, 64], [3, 3, 64, 64]), undefined, 'one output: 16 or 36 products against 9');
    // Input gradients: the seed CNN's conv2 (11×11 dy to 13×13) is taken; conv3's (3×3 to 5×5) runs as dy·Wᵀ and
    // col2im, 9·3·3 products a channel pair, where Winograd would need 16·3·3.
    const gradient = (dy: number[], inputShape: number[]) =>
      tf.tidy(() => {
        const info = winogradInputGradient(tf, {
          inputs: { dy: tf.zeros(dy), filter: tf.zeros([3, 3, inputShape[3], dy[3]]) },
          attrs: { ...attrs, inputShape },
          backend: tf.backend(),
        });
        return info && tf.engine().makeTensorFromTensorInfo(info).shape;
      });
    assert.deepEqual(gradient([2, 11, 11, 64], [2, 13, 13, 32]), [2, 13, 13, 32], 'conv2 input gradient');
    assert.equal(gradient([2, 3, 3, 64], [2, 5, 5, 64]), undefined, 'conv3 input gradient');
    // Filter gradients: conv2's (dy 11×11: 36 tiles, 576 products against 1,089) is taken; conv1's (1 input channel)
    // and conv3's (dy 3×3: 4 tiles, 64 against 81) keep their path.
    const filterGradient = (x: number[], dy: number[]) =>
      tf.tidy(() => {
        const info = winogradFilterGradient(tf, {
          inputs: { x: tf.zeros(x), dy: tf.zeros(dy) },
          attrs: { ...attrs, filterShape: [3, 3, x[3], dy[3]] },
          backend: tf.backend(),
        });
        return info && tf.engine().makeTensorFromTensorInfo(info).shape;
      });
    assert.deepEqual(filterGradient([2, 13, 13, 32], [2, 11, 11, 64]), [3, 3, 32, 64], 'conv2 filter gradient');
    assert.equal(filterGradient([2, 28, 28, 1], [2, 26, 26, 32]), undefined, 'conv1 filter gradient');
    assert.equal(filterGradient([2, 5, 5, 64], [2, 3, 3, 64]), undefined, 'conv3 filter gradient');
    process.env.BIGMODEL_WINOGRAD = '0';
    assert.equal(filterGradient([2, 13, 13, 32], [2, 11, 11, 64]), undefined, 'BIGMODEL_WINOGRAD=0');
  });

  // The seed CNN (examples/fashion-mnist-cnn.bigmodel: conv2 goes through Winograd forward, input and filter gradient,
  // conv3 forward)
  // trained from the same weights on one batch, 6 Adam steps, with Winograd on and off: the losses agree to 1e-4 and
  // the weights to 0.1% of how far they moved (measured: under 0.005%). examplesFashionMnist.test.ts runs the notebook itself, Winograd on.
  it('the seed CNN trains the same with Winograd as without', async () => {
    await tf.setBackend('wasm');
    const train = async (setting: string, weights?: tf.Tensor[]) => {
      process.env.BIGMODEL_WINOGRAD = setting;
      // Seeded weights: the same model whatever ran before in this process (the full suite draws from one generator).
      const init = (seed: number) => ({ kernelInitializer: tf.initializers.glorotUniform({ seed }) });
      const model = tf.sequential({
        layers: [
          tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu', ...init(1) }),
          tf.layers.maxPooling2d({ poolSize: 2 }),
          tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu', ...init(2) }),
          tf.layers.maxPooling2d({ poolSize: 2 }),
          tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu', ...init(3) }),
          tf.layers.flatten(),
          tf.layers.dense({ units: 64, activation: 'relu', ...init(4) }),
          tf.layers.dense({ units: 10, activation: 'softmax', ...init(5) }),
        ],
      });
      if (weights) model.setWeights(weights);
      const initial = model.getWeights().map((w) => w.clone());
      const start = initial.map((w) => w.dataSync() as Float32Array);
      model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
      const losses: number[] = [];
      for (let step = 0; step < 6; step++) {
        const [x, y] = tf.tidy(() => [
          tf.tensor4d(
            values(16 * 28 * 28, 5).map((v) => Math.abs(v)),
            [16, 28, 28, 1],
          ),
          tf.oneHot(
            tf.tensor1d(
              Array.from({ length: 16 }, (_, i) => (i * 7) % 10),
              'int32',
            ),
            10,
          ),
        ]);
        losses.push((await model.trainOnBatch(x, y)) as number);
        tf.dispose([x, y]);
      }
      const trained = model.getWeights().map((w) => w.dataSync() as Float32Array);
      model.dispose();
      return { initial, start, losses, trained };
    };
    const off = await train('0');
    const on = await train('1', off.initial);
    tf.dispose(off.initial);
    tf.dispose(on.initial);
    on.losses.forEach((l, i) =>
      assert.ok(
        Math.abs(l - off.losses[i]) <= 1e-4 * Math.abs(off.losses[i]),
        `step ${i}: loss ${l} with Winograd, ${off.losses[i]} without`,
      ),
    );
    assert.ok(off.losses[5] < off.losses[0], `the model learns: ${off.losses.join(', ')}`);
    // Winograd rounds differently, so bit-equal weights would mean it never ran. (Not the six losses: those can round
    // to the same float32 by chance, which the full suite's random initial weights once did.)
    assert.ok(
      on.trained.some((w, i) => w.some((v, k) => v !== off.trained[i][k])),
      'Winograd took part in training',
    );
    // Adam scales each step to about the learning rate whatever the gradient's size, so where a gradient is near 0
    // a rounding can move a weight by a good part of a step: the weights are compared as a whole, the distance between
    // the two runs against the distance they travelled.
    on.trained.forEach((w, i) => {
      const start = off.start[i];
      let apart = 0;
      let travelled = 0;
      for (let k = 0; k < w.length; k++) {
        apart += (w[k] - off.trained[i][k]) ** 2;
        travelled += (off.trained[i][k] - start[k]) ** 2;
      }
      assert.ok(
        Math.sqrt(apart) <= 1e-3 * Math.sqrt(travelled),
        `weight ${i}: ${Math.sqrt(apart)} apart after travelling ${Math.sqrt(travelled)}`,
      );
    });
  });
});
