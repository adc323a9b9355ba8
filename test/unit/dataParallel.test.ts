// Data-parallel training (src/core/backends/replicaPool.ts) with real worker threads: tfjs's own fit, its batches split
// between this thread and replicas of the model, must learn what fit on one thread learns, to float rounding.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../../src/core/backends/gradientKernels';
import { ReplicaPool } from '../../src/core/backends/replicaPool';
import { multiplyAddsPerSample } from '../../src/core/backends/replicaWork';
import type { ShardSetup } from '../../src/core/training/dataParallel';
import { parseNotebook } from '../../src/shared/notebookFile';
import { MIME, type TrainingPayload } from '../../src/shared/outputs';
import { scratchFolder } from './scratchFolder';
import { seedCnnModel } from './seedCnn';

const wasmFolder = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm'));
const describeDevice = (threads: number, whyOne?: string) => (whyOne ? `1 thread: ${whyOne}` : `${threads} threads`);

/** Deterministic values in [-1, 1), different for each salt. */
const wave = (n: number, salt: number) => Array.from({ length: n }, (_, i) => Math.sin(i * 0.731 + salt * 1.37));

/** A table whose class is the largest of three sums of its columns: learnable, not trivially. */
function table(rows: number, columns: number) {
  const x = wave(rows * columns, 1);
  const labels = Array.from({ length: rows }, (_, r) => {
    const row = x.slice(r * columns, (r + 1) * columns);
    const sums = [0, 1, 2].map((k) => row.reduce((s, v, j) => s + (j % 3 === k ? v : -v * 0.2), 0));
    return sums.indexOf(Math.max(...sums));
  });
  return {
    x: tf.tensor2d(x, [rows, columns]),
    y: tf.oneHot(tf.tensor1d(labels, 'int32'), 3).toFloat(),
  };
}

/** Gives every weight fixed values, so two models start alike. */
function fixWeights(model: tf.LayersModel): void {
  model.setWeights(
    model.getWeights().map((w, i) =>
      tf.tensor(
        wave(w.size, 10 + i).map((v) => v * 0.4),
        w.shape,
      ),
    ),
  );
}

function dense(): tf.LayersModel {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ units: 12, activation: 'relu', inputShape: [7] }),
      tf.layers.dense({ units: 3, activation: 'softmax' }),
    ],
  });
  fixWeights(model);
  return model;
}

const setup = (batchSize: number): ShardSetup => ({
  loss: 'categoricalCrossentropy',
  metrics: ['accuracy'],
  batchSize,
  seed: () => 7,
});

function compile(model: tf.LayersModel, s: ShardSetup): void {
  model.compile({ optimizer: tf.train.adam(0.02), loss: s.loss, metrics: s.metrics });
}

function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string, tolerance = 1e-4): void {
  assert.equal(actual.length, expected.length, what);
  for (let i = 0; i < actual.length; i++) {
    const [a, e] = [actual[i], expected[i]];
    assert.ok(Math.abs(a - e) <= tolerance * (1 + Math.abs(e)), `${what}[${i}]: ${a}, expected ${e}`);
  }
}

describe('data-parallel training: replicas of the model in worker threads', function () {
  this.timeout(120000);
  let pool: ReplicaPool;
  let before: string | undefined;

  beforeEach(async () => {
    before = tf.getBackend();
    setWasmPaths(wasmFolder + path.sep);
    await tf.setBackend('wasm');
    registerWasmTrainingKernels(tf, 'wasm');
  });
  afterEach(async () => {
    pool?.dispose();
    if (before) await tf.setBackend(before);
  });

  it('learns what fit on one thread learns: weights, loss and accuracy, also with uneven shares and a batch too small to split', async () => {
    pool = new ReplicaPool(tf, 2, wasmFolder, describeDevice, { everyModel: true }); // 3 shares of 16 rows: 5, 5, 6
    const { x, y } = table(100, 7); // the last batch has 4 rows, fewer than 2 a share: this thread alone
    const s = setup(16);
    const fit = (m: tf.LayersModel) => m.fit(x, y, { epochs: 2, batchSize: 16, shuffle: false, verbose: 0 });

    const alone = dense();
    compile(alone, s);
    const expected = await fit(alone);

    const split = dense();
    compile(split, s);
    const sharded = await pool.attach(split, s);
    assert.equal(sharded.device, '3 threads');
    const actual = await fit(split);
    assert.equal(sharded.splitBatches, 12, 'six batches an epoch of 16 rows are split, the last of 4 is not');
    sharded.dispose();

    for (const key of ['loss', 'acc'])
      assertClose(actual.history[key] as number[], expected.history[key] as number[], key);
    split.getWeights().forEach((w, i) => assertClose(w.dataSync(), alone.getWeights()[i].dataSync(), `weight ${i}`));
    assert.ok((expected.history.loss[1] as number) < (expected.history.loss[0] as number), 'it learns');

    // Detached, the model fits on this thread again.
    await split.fit(x, y, { epochs: 1, batchSize: 16, verbose: 0 });
    assert.equal(sharded.splitBatches, 12);
    tf.dispose([x, y]);
    alone.dispose();
    split.dispose();
  });

  for (const c of [
    { task: 'a yes/no label', units: 1, activation: 'sigmoid', loss: 'binaryCrossentropy', metric: 'acc' },
    { task: 'numbers to predict', units: 1, activation: 'linear', loss: 'meanSquaredError', metric: 'mae' },
  ] as const) {
    it(`learns what fit on one thread learns for ${c.task}, with an L2 penalty on the weights (${c.loss}, ${c.metric})`, async () => {
      pool = new ReplicaPool(tf, 1, wasmFolder, describeDevice, { everyModel: true });
      const { x, y: classes } = table(96, 7);
      const y = c.activation === 'sigmoid' ? classes.slice([0, 0], [96, 1]) : x.sum(1, true).mul(3).add(1);
      const s: ShardSetup = {
        loss: c.loss,
        metrics: [c.metric === 'acc' ? 'accuracy' : 'mae'],
        batchSize: 32,
        seed: () => 1,
      };
      const make = () => {
        const model = tf.sequential({
          layers: [
            tf.layers.dense({ units: 10, activation: 'tanh', inputShape: [7], kernelRegularizer: 'l1l2' }),
            tf.layers.dense({ units: c.units, activation: c.activation }),
          ],
        });
        fixWeights(model);
        compile(model, s);
        return model;
      };
      const fit = (m: tf.LayersModel) => m.fit(x, y, { epochs: 3, batchSize: 32, shuffle: false, verbose: 0 });
      const alone = make();
      const expected = await fit(alone);
      const split = make();
      const sharded = await pool.attach(split, s);
      const actual = await fit(split);
      assert.equal(sharded.splitBatches, 9);
      sharded.dispose();
      for (const key of ['loss', c.metric])
        assertClose(actual.history[key] as number[], expected.history[key] as number[], key);
      split.getWeights().forEach((w, i) => assertClose(w.dataSync(), alone.getWeights()[i].dataSync(), `weight ${i}`));
      tf.dispose([x, y, classes]);
      alone.dispose();
      split.dispose();
    });
  }

  it('trains a convolution with batch normalisation and dropout, validates, and keeps no tensors between fits', async () => {
    pool = new ReplicaPool(tf, 1, wasmFolder, describeDevice, { everyModel: true });
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ filters: 4, kernelSize: 3, activation: 'relu', inputShape: [8, 8, 1] }),
        tf.layers.batchNormalization(),
        tf.layers.flatten(),
        tf.layers.dropout({ rate: 0.2 }),
        tf.layers.dense({ units: 3, activation: 'softmax' }),
      ],
    });
    fixWeights(model);
    const s = setup(32);
    compile(model, s);
    const { x: flat, y } = table(192, 64);
    const x = flat.reshape([192, 8, 8, 1]);
    const sharded = await pool.attach(model, s);
    const fit = () => model.fit(x, y, { epochs: 3, batchSize: 32, shuffle: true, validationSplit: 0.25, verbose: 0 });
    const first = await fit();
    const tensors = tf.memory().numTensors;
    const second = await fit();
    assert.equal(tf.memory().numTensors, tensors, 'a sharded fit leaves no tensors behind');
    assert.equal(sharded.splitBatches, 2 * 3 * 5, 'every batch of 32 rows (144 training rows: 4 of 32, 1 of 16) split');
    const losses = [...first.history.loss, ...second.history.loss] as number[];
    assert.ok(losses.every(Number.isFinite) && losses[5] < losses[0], `losses ${losses}`);
    assert.ok(Number.isFinite(second.history.val_loss[2] as number));
    sharded.dispose();
    tf.dispose([flat, x, y]);
    model.dispose();
  });

  it('splits integer inputs (token ids into an embedding) and batches of a dataset, as fitDataset gives them', async () => {
    pool = new ReplicaPool(tf, 1, wasmFolder, describeDevice, { everyModel: true });
    const tokens = () => {
      const model = tf.sequential({
        layers: [
          tf.layers.embedding({ inputDim: 20, outputDim: 6, inputLength: 5 }),
          tf.layers.globalAveragePooling1d(),
          tf.layers.dense({ units: 3, activation: 'softmax' }),
        ],
      });
      fixWeights(model);
      return model;
    };
    const ids = wave(80 * 5, 3).map((v) => Math.floor((v + 1) * 10));
    const labels = ids.filter((_, i) => i % 5 === 0).map((v) => v % 3);
    const dataset = () =>
      tf.data
        .zip({
          xs: tf.data
            .array(Array.from({ length: 80 }, (_, r) => ids.slice(r * 5, r * 5 + 5)))
            .map((r) => tf.tensor1d(r as number[], 'int32')),
          ys: tf.data.array(labels).map((l) => tf.oneHot(tf.scalar(l as number, 'int32'), 3).toFloat()),
        })
        .batch(16);
    const s = setup(16);
    const alone = tokens();
    compile(alone, s);
    const expected = await alone.fitDataset(dataset(), { epochs: 2, verbose: 0 });
    const split = tokens();
    compile(split, s);
    const sharded = await pool.attach(split, s);
    const actual = await split.fitDataset(dataset(), { epochs: 2, verbose: 0 });
    assert.equal(sharded.splitBatches, 10);
    sharded.dispose();
    assertClose(actual.history.loss as number[], expected.history.loss as number[], 'loss');
    split.getWeights().forEach((w, i) => assertClose(w.dataSync(), alone.getWeights()[i].dataSync(), `weight ${i}`));
    alone.dispose();
    split.dispose();
  });

  it('ends the fit with the reason when a replica fails, and starts the replicas afresh for the next one', async () => {
    process.env.BIGMODEL_TEST_REPLICA_FAIL_AFTER = '3';
    try {
      pool = new ReplicaPool(tf, 1, wasmFolder, describeDevice, { everyModel: true });
      const { x, y } = table(128, 7);
      const s = setup(16);
      const model = dense();
      compile(model, s);
      const sharded = await pool.attach(model, s);
      await assert.rejects(
        model.fit(x, y, { epochs: 1, batchSize: 16, verbose: 0 }),
        /a copy of the model on another thread failed: failed after 3 steps/,
      );
      sharded.dispose();
      delete process.env.BIGMODEL_TEST_REPLICA_FAIL_AFTER;
      const again = await pool.attach(model, s);
      const h = await model.fit(x, y, { epochs: 1, batchSize: 16, verbose: 0 });
      assert.equal(again.splitBatches, 8);
      assert.ok(Number.isFinite(h.history.loss[0] as number));
      again.dispose();
      tf.dispose([x, y]);
      model.dispose();
    } finally {
      delete process.env.BIGMODEL_TEST_REPLICA_FAIL_AFTER;
    }
  });

  it('trains on this thread alone, and says why, when a replica cannot build the model (a layer defined only here)', async () => {
    pool = new ReplicaPool(tf, 1, wasmFolder, describeDevice, { everyModel: true });
    class OnlyHere extends tf.layers.Layer {
      static className = 'OnlyHereForThisTest';
      override call(inputs: tf.Tensor | tf.Tensor[]) {
        return Array.isArray(inputs) ? inputs[0] : inputs;
      }
    }
    tf.serialization.registerClass(OnlyHere);
    const model = tf.sequential({
      layers: [new OnlyHere({ inputShape: [7] }), tf.layers.dense({ units: 3, activation: 'softmax' })],
    });
    const s = setup(16);
    compile(model, s);
    const sharded = await pool.attach(model, s);
    assert.match(sharded.device, /^1 thread: the model could not be copied to another thread: .*OnlyHereForThisTest/);
    const { x, y } = table(64, 7);
    const h = await model.fit(x, y, { epochs: 1, batchSize: 16, verbose: 0 });
    assert.ok(Number.isFinite(h.history.loss[0] as number));
    assert.equal(sharded.splitBatches, 0);
    sharded.dispose();

    // The same replicas take the next model that they can build.
    const next = dense();
    compile(next, s);
    const again = await pool.attach(next, s);
    assert.equal(again.device, '2 threads');
    await next.fit(x, y, { epochs: 1, batchSize: 16, verbose: 0 });
    assert.equal(again.splitBatches, 4);
    again.dispose();
    tf.dispose([x, y]);
    model.dispose();
    next.dispose();
  });
});

describe('data-parallel training: which models are worth splitting', function () {
  this.timeout(120000);
  let pool: ReplicaPool | undefined;
  afterEach(() => pool?.dispose());

  const seedCnn = () => seedCnnModel(tf);
  const seedMlp = () =>
    tf.sequential({
      layers: [
        tf.layers.flatten({ inputShape: [28, 28, 1] }),
        tf.layers.dense({ units: 500, activation: 'relu' }),
        tf.layers.dense({ units: 10, activation: 'softmax' }),
      ],
    });

  it('counts a forward pass: each dense or convolution layer once per output position, an embedding not at all', () => {
    const cnn = seedCnn();
    // 26·26·320 + 11·11·18,496 + 3·3·36,928 + 36,928 + 650
    assert.equal(multiplyAddsPerSample(cnn), 216_320 + 2_238_016 + 332_352 + 36_928 + 650);
    const mlp = seedMlp();
    assert.equal(multiplyAddsPerSample(mlp), 784 * 500 + 500 + 5010);
    const tokens = tf.sequential({
      layers: [tf.layers.embedding({ inputDim: 1000, outputDim: 16, inputLength: 12 }), tf.layers.dense({ units: 4 })],
    });
    assert.equal(multiplyAddsPerSample(tokens), 12 * (16 * 4 + 4));
    [cnn, mlp, tokens].forEach((m) => m.dispose());
  });

  it('splits the seed CNN at batch 64 on 2 threads, and trains the seed MLP and a tiny table model on one, saying why', async () => {
    const previous = tf.getBackend();
    setWasmPaths(wasmFolder + path.sep);
    await tf.setBackend('wasm');
    registerWasmTrainingKernels(tf, 'wasm');
    pool = new ReplicaPool(tf, 1, wasmFolder, describeDevice);
    const devices: string[] = [];
    for (const model of [seedCnn(), seedMlp(), dense()]) {
      compile(model, setup(64));
      const sharded = await pool.attach(model, setup(64));
      devices.push(sharded.device);
      sharded.dispose();
      model.dispose();
    }
    assert.equal(devices[0], '2 threads');
    for (const d of devices.slice(1)) assert.match(d, /^1 thread: this model is too small/);
    if (previous) await tf.setBackend(previous);
  });
});

describe('data-parallel training through the core (bigmodel run)', function () {
  this.timeout(120000);
  const root = path.join(__dirname, '../../..');

  /** The training record of examples/xor.bigmodel (seed 42) run at a number of threads. */
  function trainXor(threads: string): TrainingPayload {
    const out = path.join(dir(), `xor-${threads}.bigmodel`);
    const r = spawnSync(
      process.execPath,
      [path.join(root, 'dist/cli.js'), 'run', 'examples/xor.bigmodel', '--out', out],
      {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, BIGMODEL_WASM_THREADS: threads },
        timeout: 120000,
      },
    );
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const items = parseNotebook(fs.readFileSync(out, 'utf8'))
      .cells.flatMap((c) => c.outputs ?? [])
      .flatMap((o) => o.items);
    return items.find((i) => i.mime === MIME.training)!.data as TrainingPayload;
  }
  const dir = scratchFolder('bigmodel-replicas-');

  it('trains a model too small to split on one thread, says why, and learns exactly what a 1-thread run learns', () => {
    const [one, two] = [trainXor('1'), trainXor('2')];
    assert.match(two.device, /1 thread: this model is too small to gain from more/);
    assert.deepEqual(two.epochs, one.epochs, 'the same seeded shuffles and weights, epoch by epoch');
  });
});
