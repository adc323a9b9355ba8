// Every seed model's layers and losses get the same gradients, and one Adam step the same weights, on WebGPU (Dawn on
// the software OpenGL ES driver, llvmpipe) as on the reference cpu backend: a wrong or missing WebGPU gradient kernel
// fails here, on shapes small enough for a 2-core CI machine, not in a user's training run on a real GPU.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { caseModel, type LayerCase } from './caseModel';
import { resolveIn } from '../../src/core/backends';
import { tryWebGpu } from '../../src/core/backends/webgpu';
import { transformerLayers } from '../../src/core/layers';

type Loss = 'binaryCrossentropy' | 'categoricalCrossentropy' | 'meanSquaredError';
type Case = LayerCase & { loss: Loss };

type ConvArgs = Parameters<typeof tf.layers.conv2d>[0];
const conv = (filters: number, extra: Partial<ConvArgs> = {}) =>
  tf.layers.conv2d({ filters, kernelSize: 3, activation: 'relu', ...extra });
const dense = (units: number, activation?: 'relu' | 'sigmoid' | 'softmax') => tf.layers.dense({ units, activation });

/** The seed models (examples/*.bigmodel) at toy sizes, then the layers they are made of, one by one. */
const CASES: Case[] = [
  {
    name: 'binary classifier (XOR, breast cancer, churn): dense relu → dense sigmoid',
    input: [6],
    loss: 'binaryCrossentropy',
    layers: () => [dense(5, 'relu'), dense(1, 'sigmoid')],
  },
  {
    name: 'MLP (Fashion-MNIST): flatten → dense relu → dense softmax',
    input: [5, 5],
    loss: 'categoricalCrossentropy',
    layers: () => [tf.layers.flatten(), dense(7, 'relu'), dense(4, 'softmax')],
  },
  {
    name: 'CNN (Fashion-MNIST): conv, pool, conv, pool, conv, flatten, dense, softmax',
    input: [14, 14, 1],
    loss: 'categoricalCrossentropy',
    layers: () => [
      conv(3),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      conv(4),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      conv(4, { kernelSize: 1 }),
      tf.layers.flatten(),
      dense(5, 'relu'),
      dense(3, 'softmax'),
    ],
  },
  {
    name: 'embedding recommender: embedding → flatten → dense relu → dense',
    input: [2],
    ints: 12,
    loss: 'meanSquaredError',
    layers: () => [
      tf.layers.embedding({ inputDim: 12, outputDim: 4 }),
      tf.layers.flatten(),
      dense(6, 'relu'),
      dense(1),
    ],
  },
  {
    name: 'small transformer: embedding → position → encoder → global average → softmax',
    input: [6],
    ints: 9,
    loss: 'categoricalCrossentropy',
    layers: () => {
      const { PositionEmbedding, TransformerEncoder } = transformerLayers(tf);
      return [
        tf.layers.embedding({ inputDim: 9, outputDim: 8 }),
        new PositionEmbedding({}),
        new TransformerEncoder({ numHeads: 2, intermediateDim: 12 }),
        tf.layers.globalAveragePooling1d({}),
        dense(2, 'softmax'),
      ];
    },
  },
  // The layers alone, where a kernel's edge cases live: padding, strides, negative maxima, ties, repeated ids.
  {
    name: 'conv2d same padding, stride 2, input gradient through a second conv',
    input: [9, 9, 2],
    loss: 'meanSquaredError',
    layers: () => [
      conv(3, { kernelSize: 1, activation: 'linear' }),
      conv(4, { strides: 2, padding: 'same' }),
      tf.layers.flatten(),
    ],
  },
  {
    name: 'conv2d rectangular kernel, strides [1, 2]',
    input: [6, 7, 2],
    loss: 'meanSquaredError',
    layers: () => [
      conv(2, { kernelSize: 1 }),
      conv(3, { kernelSize: [2, 3], strides: [1, 2], padding: 'same' }),
      tf.layers.flatten(),
    ],
  },
  {
    name: 'maxPooling2d 2×2 after a linear conv (negative maxima, odd size)',
    input: [7, 7, 2],
    loss: 'meanSquaredError',
    layers: () => [
      conv(2, { kernelSize: 1, activation: 'linear' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
    ],
  },
  {
    name: 'maxPooling2d 2×2 after relu (ties at zero)',
    input: [6, 6, 2],
    loss: 'meanSquaredError',
    layers: () => [conv(2, { kernelSize: 1 }), tf.layers.maxPooling2d({ poolSize: 2 }), tf.layers.flatten()],
  },
  {
    name: 'maxPooling2d 3×3 stride 2 same padding',
    input: [7, 7, 2],
    loss: 'meanSquaredError',
    layers: () => [
      conv(2, { kernelSize: 1, activation: 'linear' }),
      tf.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same' }),
      tf.layers.flatten(),
    ],
  },
  {
    name: 'embedding with repeated ids (gather gradient: UnsortedSegmentSum)',
    input: [7],
    ints: 3,
    loss: 'meanSquaredError',
    layers: () => [tf.layers.embedding({ inputDim: 5, outputDim: 3 }), tf.layers.flatten()],
  },
  {
    name: 'layerNormalization',
    input: [5],
    loss: 'meanSquaredError',
    layers: () => [dense(4), tf.layers.layerNormalization({})],
  },
  {
    name: 'batchNormalization',
    input: [5],
    loss: 'meanSquaredError',
    layers: () => [dense(4), tf.layers.batchNormalization({})],
  },
  {
    name: 'conv1d → globalAveragePooling1d',
    input: [7, 3],
    loss: 'meanSquaredError',
    layers: () => [tf.layers.conv1d({ filters: 2, kernelSize: 2 }), tf.layers.globalAveragePooling1d({})],
  },
  {
    name: 'averagePooling2d',
    input: [6, 6, 2],
    loss: 'meanSquaredError',
    layers: () => [conv(2, { kernelSize: 1 }), tf.layers.averagePooling2d({ poolSize: 2 }), tf.layers.flatten()],
  },
  {
    name: 'multiHeadSelfAttention (causal mask)',
    input: [5],
    ints: 9,
    loss: 'meanSquaredError',
    layers: () => [
      tf.layers.embedding({ inputDim: 9, outputDim: 8 }),
      new (transformerLayers(tf).MultiHeadSelfAttention)({ numHeads: 2, causal: true }),
      tf.layers.flatten(),
    ],
  },
];

const BATCH = 4;

/** Targets the loss accepts: one-hot rows for softmax, 0/1 for sigmoid, anything for squared error. */
function targetsFor(c: Case, outShape: number[]): tf.Tensor {
  const width = outShape.reduce((a, b) => a * b, 1);
  if (c.loss === 'categoricalCrossentropy')
    return tf.oneHot(
      tf.tensor1d(
        Array.from({ length: BATCH }, (_, i) => i % width),
        'int32',
      ),
      width,
    );
  if (c.loss === 'binaryCrossentropy')
    return tf.tensor(
      Array.from({ length: BATCH * width }, (_, i) => i % 2),
      [BATCH, ...outShape],
    );
  return tf.tensor(
    Array.from({ length: BATCH * width }, (_, i) => Math.cos(i * 0.37)),
    [BATCH, ...outShape],
  );
}

/** `before`: every weight (trainable or not) as built; `grads` and `after` (one Adam step): the trainable ones, in `names` order. */
interface Step {
  grads: Float32Array[];
  before: Float32Array[];
  after: Float32Array[];
  names: string[];
}

/**
 * On the active backend: the gradient of the case's loss for every trainable weight, then one Adam step (as the
 * trainer takes it), read back asynchronously (WebGPU in Node cannot read synchronously).
 */
async function step(c: Case, weights: Float32Array[] | undefined): Promise<Step> {
  const model = caseModel(c, weights);
  const size = BATCH * c.input.reduce((a, b) => a * b, 1);
  const xs = Array.from({ length: size }, (_, i) => (c.ints ? (i * 7) % c.ints : Math.sin(i * 1.7) + 0.1 * (i % 5)));
  const x = tf.tensor(xs, [BATCH, ...c.input], c.ints ? 'int32' : 'float32');
  const y = targetsFor(c, model.outputs[0].shape.slice(1) as number[]);
  const lossOf = () => tf.mean(tf.metrics[c.loss](y, model.apply(x, { training: true }) as tf.Tensor)) as tf.Scalar;
  const read = (ts: tf.Tensor[]) => Promise.all(ts.map(async (t) => (await t.data()) as Float32Array));
  const before = await read(model.getWeights());
  const variables = model.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val);
  const { grads } = tf.variableGrads(lossOf, variables);
  const names = variables.map((v) => v.name);
  const gradValues = await read(names.map((n) => grads[n]));
  const adam = tf.train.adam(0.01);
  adam.applyGradients(grads as tf.NamedTensorMap as Record<string, tf.Variable>);
  const after = await read(variables);
  tf.dispose([x, y, ...Object.values(grads)]);
  adam.dispose();
  model.dispose();
  return { grads: gradValues, before, after, names };
}

/**
 * The largest relative difference of a from the reference b, over the elements `counts` keeps. Adam divides a
 * gradient by its own size, so where the true gradient is zero (a bias before batch normalisation), or all but zero next to the model's largest, float rounding
 * on either backend steps a weight by up to the learning rate: those elements say nothing about a kernel.
 */
function worstRelative(
  a: Float32Array,
  b: Float32Array,
  counts: (k: number) => boolean = () => true,
): { worst: number; at: number } {
  let worst = 0;
  let at = -1;
  for (let k = 0; k < a.length; k++) {
    if (!counts(k)) continue;
    const d = Math.abs(a[k] - b[k]) / (1e-3 + Math.abs(b[k]));
    if (d > worst || Number.isNaN(d)) [worst, at] = [Number.isNaN(d) ? Infinity : d, k];
  }
  return { worst, at };
}

describe('gradients and an Adam step on WebGPU (Dawn on llvmpipe) match the cpu backend for every seed model', function () {
  this.timeout(60000);
  let reason = '';

  before(async () => {
    process.env.EGL_PLATFORM = 'surfaceless'; // Dawn's OpenGL ES backend without a display
    const { check, device } = await tryWebGpu({
      packagePath: resolveIn('webgpu', path.join(__dirname, '../../..')),
      allowSoftware: true,
      dawnFlags: ['backend=opengl'],
      compatibility: true,
    });
    reason = check.reason;
    assert.ok(device, `WebGPU did not start on llvmpipe: ${check.reason}`);
  });

  after(async () => {
    await tf.setBackend('cpu');
  });

  it('runs on the software adapter it was given', () => {
    assert.match(reason, /llvmpipe/);
  });

  for (const c of CASES) {
    it(c.name, async () => {
      await tf.setBackend('cpu');
      const reference = await step(c, undefined);
      await tf.setBackend('webgpu');
      const ours = await step(c, reference.before);
      assert.equal(tf.getBackend(), 'webgpu');
      assert.equal(ours.grads.length, reference.grads.length);
      ours.grads.forEach((g, i) => {
        const { worst, at } = worstRelative(g, reference.grads[i]);
        assert.ok(
          worst < 1e-3,
          `gradient of weight ${i} (${reference.names[i]}): relative difference ${worst.toExponential(2)} at ${at}: ${g[at]} vs ${reference.grads[i][at]}`,
        );
      });
      const largest = reference.grads.reduce((m, g) => g.reduce((n, v) => Math.max(n, Math.abs(v)), m), 0);
      ours.after.forEach((w, i) => {
        const g = reference.grads[i];
        const { worst, at } = worstRelative(w, reference.after[i], (k) => Math.abs(g[k]) > 1e-4 * largest);
        assert.ok(
          worst < 1e-3,
          `weight ${i} after one Adam step: relative difference ${worst.toExponential(2)} at ${at}: ${w[at]} vs ${reference.after[i][at]}`,
        );
      });
    });
  }
});
