// Every layer the cell language offers gets the same gradients on wasm (with our kernels) as on the reference
// cpu backend: a missing or wrong gradient kernel fails here, not in a user's training run.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { caseModel, type LayerCase } from './caseModel';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { transformerLayers } from '../../src/core/layers';
import { registerWasmTrainingKernels } from '../../src/core/backends/gradientKernels';

type Case = LayerCase;

const CASES: Case[] = [
  { name: 'dense', input: [6], layers: () => [tf.layers.dense({ units: 4, activation: 'relu' })] },
  {
    name: 'conv2d (valid)',
    input: [7, 7, 2],
    layers: () => [tf.layers.conv2d({ filters: 3, kernelSize: 3 }), tf.layers.flatten()],
  },
  {
    name: 'conv2d (same, stride 2)',
    input: [8, 8, 2],
    layers: () => [tf.layers.conv2d({ filters: 3, kernelSize: 3, strides: 2, padding: 'same' }), tf.layers.flatten()],
  },
  // A conv after another gets an input gradient (Conv2DBackpropInput); the first one's is never computed.
  {
    name: 'conv2d input gradient (stacked, valid)',
    input: [7, 7, 2],
    layers: () => [
      tf.layers.conv2d({ filters: 3, kernelSize: 3 }),
      tf.layers.conv2d({ filters: 4, kernelSize: 3 }),
      tf.layers.flatten(),
    ],
  },
  {
    name: 'conv2d input gradient (same stride 2, then valid stride 2 leaving a row unused)',
    input: [10, 10, 2],
    layers: () => [
      tf.layers.conv2d({ filters: 3, kernelSize: 1 }),
      tf.layers.conv2d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same' }),
      tf.layers.conv2d({ filters: 2, kernelSize: 2, strides: 2 }),
      tf.layers.flatten(),
    ],
  },
  {
    name: 'conv2d input gradient (rectangular kernel, strides [1, 2], same)',
    input: [6, 7, 2],
    layers: () => [
      tf.layers.conv2d({ filters: 2, kernelSize: 1 }),
      tf.layers.conv2d({ filters: 3, kernelSize: [2, 3], strides: [1, 2], padding: 'same' }),
      tf.layers.flatten(),
    ],
  },
  // Few input channels (kh·kw·ci up to 32) take dyᵀ · im2col for the filter gradient, more im2colᵀ · dy.
  {
    name: 'conv2d filter gradient, 1 channel (im2col, same, stride 2)',
    input: [9, 9, 1],
    layers: () => [tf.layers.conv2d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same' }), tf.layers.flatten()],
  },
  // Few rows summed in registers (filter_grad_few_rows): tiles of 8 and 4 filters, of 4, 4 and 1 or 4 and 2 rows of
  // the im2col, and 147 rows of dy read in two chunks.
  {
    name: 'conv2d filter gradient, 1 channel, 12 filters (few rows: 8 + 4 filters, 4 + 4 + 1 rows, two chunks)',
    input: [9, 9, 1],
    layers: () => [tf.layers.conv2d({ filters: 12, kernelSize: 3 }), tf.layers.flatten()],
  },
  {
    name: 'conv2d filter gradient, 2 channels, 1×3 kernel, 8 filters (few rows: 4 + 2 rows)',
    input: [7, 7, 2],
    layers: () => [tf.layers.conv2d({ filters: 8, kernelSize: [1, 3] }), tf.layers.flatten()],
  },
  // 8 channels and 9 columns: the transposed im2col's 4×4 blocks, its overlapping last block and the padding's zeros.
  {
    name: 'conv2d filter gradient, 8 channels, same padding (transposed im2col in SIMD blocks)',
    input: [9, 9, 2],
    layers: () => [
      tf.layers.conv2d({ filters: 8, kernelSize: 1 }),
      tf.layers.conv2d({ filters: 3, kernelSize: 3, padding: 'same' }),
      tf.layers.flatten(),
    ],
  },
  {
    name: 'conv2d filter gradient, more channels (transposed im2col)',
    input: [7, 7, 5],
    layers: () => [
      tf.layers.conv2d({ filters: 4, kernelSize: 3 }),
      tf.layers.conv2d({ filters: 3, kernelSize: 3, strides: 2, padding: 'same' }),
      tf.layers.flatten(),
    ],
  },
  // A small dy against its input (h·w ≥ 2·p·q) takes dy·Wᵀ and col2im; the cases above the composed kernel.
  {
    name: 'conv2d input gradient, small output (col2im, valid and same stride 2)',
    input: [6, 6, 2],
    layers: () => [
      tf.layers.conv2d({ filters: 3, kernelSize: 1 }),
      tf.layers.conv2d({ filters: 4, kernelSize: 3 }),
      tf.layers.conv2d({ filters: 2, kernelSize: 3, strides: 2, padding: 'same' }),
      tf.layers.flatten(),
    ],
  },
  {
    name: 'conv1d',
    input: [9, 3],
    layers: () => [tf.layers.conv1d({ filters: 4, kernelSize: 3 }), tf.layers.flatten()],
  },
  {
    name: 'maxPooling2d',
    input: [6, 6, 2],
    layers: () => [
      tf.layers.conv2d({ filters: 2, kernelSize: 1 }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
    ],
  },
  {
    name: 'maxPooling2d 2×2 (odd size, ties after relu)',
    input: [7, 7, 2],
    layers: () => [
      tf.layers.conv2d({ filters: 2, kernelSize: 1, activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
    ],
  },
  // Six channels: our SIMD kernels (bias add, ReLU gradient, 2×2 pooling gradient) take four lanes, then a tail of two.
  {
    name: 'conv2d with relu, 6 channels, then 2×2 maxPooling2d (SIMD lanes and tail)',
    input: [7, 7, 3],
    layers: () => [
      tf.layers.conv2d({ filters: 6, kernelSize: 2, activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
    ],
  },
  {
    name: 'maxPooling2d (negative maxima, same padding)',
    input: [7, 7, 2],
    layers: () => [
      tf.layers.conv2d({ filters: 2, kernelSize: 1 }),
      tf.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same' }),
      tf.layers.flatten(),
    ],
  },
  {
    name: 'averagePooling2d',
    input: [6, 6, 2],
    layers: () => [
      tf.layers.conv2d({ filters: 2, kernelSize: 1 }),
      tf.layers.averagePooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
    ],
  },
  {
    name: 'maxPooling1d',
    input: [8, 3],
    layers: () => [
      tf.layers.conv1d({ filters: 2, kernelSize: 1 }),
      tf.layers.maxPooling1d({ poolSize: 2 }),
      tf.layers.flatten(),
    ],
  },
  {
    name: 'averagePooling1d',
    input: [8, 3],
    layers: () => [
      tf.layers.conv1d({ filters: 2, kernelSize: 1 }),
      tf.layers.averagePooling1d({ poolSize: 2 }),
      tf.layers.flatten(),
    ],
  },
  {
    name: 'globalAveragePooling2d',
    input: [5, 5, 3],
    layers: () => [tf.layers.conv2d({ filters: 2, kernelSize: 2 }), tf.layers.globalAveragePooling2d({})],
  },
  {
    name: 'globalAveragePooling1d',
    input: [7, 3],
    layers: () => [tf.layers.conv1d({ filters: 2, kernelSize: 2 }), tf.layers.globalAveragePooling1d({})],
  },
  {
    name: 'reshape',
    input: [12],
    layers: () => [tf.layers.dense({ units: 12 }), tf.layers.reshape({ targetShape: [3, 4] }), tf.layers.flatten()],
  },
  {
    name: 'batchNormalization',
    input: [5],
    layers: () => [tf.layers.dense({ units: 4 }), tf.layers.batchNormalization({})],
  },
  {
    name: 'layerNormalization',
    input: [5],
    layers: () => [tf.layers.dense({ units: 4 }), tf.layers.layerNormalization({})],
  },
  {
    name: 'embedding',
    input: [5],
    ints: 10,
    layers: () => [tf.layers.embedding({ inputDim: 10, outputDim: 4 }), tf.layers.flatten()],
  },
  { name: 'simpleRNN', input: [4, 3], layers: () => [tf.layers.simpleRNN({ units: 3 })] },
  { name: 'lstm', input: [4, 3], layers: () => [tf.layers.lstm({ units: 3 })] },
  { name: 'gru', input: [4, 3], layers: () => [tf.layers.gru({ units: 3 })] },
  {
    name: 'activation (tanh, softmax)',
    input: [5],
    layers: () => [
      tf.layers.dense({ units: 4 }),
      tf.layers.activation({ activation: 'tanh' }),
      tf.layers.dense({ units: 3, activation: 'softmax' }),
    ],
  },
  // Our own attention layers (src/core/layers): batched matMul, softmax, moments and the causal mask on wasm.
  {
    name: 'positionEmbedding, transformerEncoder, multiHeadSelfAttention (causal)',
    input: [5],
    ints: 9,
    layers: () => {
      const { PositionEmbedding, TransformerEncoder, MultiHeadSelfAttention } = transformerLayers(tf);
      return [
        tf.layers.embedding({ inputDim: 9, outputDim: 8 }),
        new PositionEmbedding({}),
        new TransformerEncoder({ numHeads: 2, intermediateDim: 12, activation: 'gelu' }),
        new MultiHeadSelfAttention({ numHeads: 2, causal: true }),
        tf.layers.flatten(),
      ];
    },
  },
];

/** Gradients of a squared-error loss with respect to every weight, on the active backend, as plain arrays. */
function gradients(
  c: Case,
  weights: Float32Array[] | undefined,
  xs: number[],
  targets: number[],
  batch: number,
): { grads: Float32Array[]; weights: Float32Array[] } {
  const model = caseModel(c, weights);
  const x = tf.tensor(xs, [batch, ...c.input], c.ints ? 'int32' : 'float32');
  const outShape = model.outputs[0].shape.slice(1) as number[];
  const y = tf.tensor(targets.slice(0, batch * outShape.reduce((a, b) => a * b, 1)), [batch, ...outShape]);
  const { grads } = tf.variableGrads(
    () => tf.losses.meanSquaredError(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar,
  );
  const names = model.trainableWeights.map((w) => w.originalName);
  const result = {
    grads: names.map(
      (n) => grads[Object.keys(grads).find((k) => k === n || k.endsWith(n))!].dataSync() as Float32Array,
    ),
    weights: model.getWeights().map((w) => w.dataSync() as Float32Array),
  };
  tf.dispose([x, y, ...Object.values(grads)]);
  model.dispose();
  return result;
}

describe('gradients on wasm match the cpu backend for every layer', function () {
  before(async () => {
    setWasmPaths(
      path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm')) + path.sep,
    );
    await tf.setBackend('wasm');
    registerWasmTrainingKernels(tf, 'wasm');
  });

  // Bias gradients sum over leading axes (one matrix product); other reductions keep tfjs-wasm's own Sum.
  it('Sum over leading and other axes, with and without keepDims', async () => {
    const x = () =>
      tf.tensor4d(
        Array.from({ length: 3 * 4 * 5 * 6 }, (_, i) => Math.sin(i * 0.37)),
        [3, 4, 5, 6],
      );
    const sums = () =>
      ([[0], [0, 1, 2], [0, 1], [1, 2], [3], [0, 1, 2, 3]] as number[][]).flatMap((axes) =>
        [false, true].map((keep) => {
          const s = tf.sum(x(), axes, keep);
          return { shape: s.shape, values: Array.from(s.dataSync()) };
        }),
      );
    await tf.setBackend('cpu');
    const reference = sums();
    await tf.setBackend('wasm');
    sums().forEach((s, i) => {
      assert.deepEqual(s.shape, reference[i].shape, `case ${i}`);
      s.values.forEach((v, k) =>
        assert.ok(
          Math.abs(v - reference[i].values[k]) < 1e-4,
          `case ${i}, element ${k}: ${v} vs ${reference[i].values[k]}`,
        ),
      );
    });
  });

  // Dense layers' gradients take a transposed operand (dW = xᵀ·dy, dx = dy·Wᵀ); attention multiplies batches.
  it('BatchMatMul with every transpose, batched and broadcast', async () => {
    const values = (n: number, seed: number) => Array.from({ length: n }, (_, i) => Math.sin(i * 0.61 + seed));
    const products = () =>
      [false, true].flatMap((ta) =>
        [false, true].map((tb) => {
          const a = tf.tensor3d(values(3 * 4 * 5, 1), ta ? [3, 5, 4] : [3, 4, 5]);
          const b = tf.tensor3d(values(5 * 6, 2), tb ? [1, 6, 5] : [1, 5, 6]);
          return Array.from(tf.matMul(a, b, ta, tb).dataSync());
        }),
      );
    await tf.setBackend('cpu');
    const reference = products();
    await tf.setBackend('wasm');
    products().forEach((p, i) =>
      p.forEach((v, k) =>
        assert.ok(Math.abs(v - reference[i][k]) < 1e-4, `case ${i}, element ${k}: ${v} vs ${reference[i][k]}`),
      ),
    );
  });

  for (const c of CASES) {
    it(c.name, async () => {
      const batch = 3;
      const size = batch * c.input.reduce((a, b) => a * b, 1);
      const xs = Array.from({ length: size }, (_, i) => (c.ints ? i % c.ints : Math.sin(i * 1.7) + 0.1 * (i % 5)));
      const targets = Array.from({ length: 4096 }, (_, i) => Math.cos(i * 0.37));
      await tf.setBackend('cpu');
      const reference = gradients(c, undefined, xs, targets, batch);
      await tf.setBackend('wasm');
      const ours = gradients(c, reference.weights, xs, targets, batch);
      assert.equal(ours.grads.length, reference.grads.length);
      ours.grads.forEach((g, i) => {
        let worst = 0;
        for (let k = 0; k < g.length; k++)
          worst = Math.max(worst, Math.abs(g[k] - reference.grads[i][k]) / (1e-3 + Math.abs(reference.grads[i][k])));
        assert.ok(worst < 1e-3, `weight ${i}: relative difference ${worst.toExponential(2)}`);
      });
    });
  }
});
