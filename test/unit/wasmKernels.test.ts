// Our SIMD kernels (src/core/backends/wasmKernels.c) give what tfjs's own ops give on the cpu backend, bit for bit where the
// operation is exact, with the values that trip vector code: NaN, ±Infinity, -0, ties, channel counts that are not a
// multiple of four (the scalar tail), odd image sizes.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../../src/core/backends/gradientKernels';
import * as v8 from 'node:v8';
import { prepareWasmKernels, wasmGemmOf, wasmKernelsOf } from '../../src/core/backends/wasmKernelModule';
import { fusedAdam } from '../../src/core/backends/fusedAdam';

const SPECIAL = [NaN, Infinity, -Infinity, 0, -0, 1e-30, -1e-30, 3.5, -2];

/** Values with every special one in several lanes and positions, then a smooth ramp. */
function values(n: number, seed: number): number[] {
  return Array.from({ length: n }, (_, i) =>
    i % 7 === 0 ? SPECIAL[(i / 7 + seed) % SPECIAL.length] : Math.sin(i * 0.61 + seed) * 3,
  );
}

/** `f` on wasm (with our kernels) and on cpu, each result as float32 bits. */
async function onBoth(f: () => tf.Tensor): Promise<{ wasm: Uint32Array; cpu: Uint32Array }> {
  const run = async (backend: string) => {
    await tf.setBackend(backend);
    const y = tf.tidy(f);
    const bits = new Uint32Array(new Float32Array(await y.data()).buffer);
    y.dispose();
    return bits;
  };
  return { wasm: await run('wasm'), cpu: await run('cpu') };
}

/** The same float32 bits, but any NaN for NaN, and with `signedZero` false, -0 for 0 (a sum on cpu turns -0 into 0). */
function assertSameBits(
  a: Uint32Array,
  b: Uint32Array,
  what: string,
  signedZero = true,
  sides = ['on wasm', 'on cpu'],
): void {
  assert.equal(a.length, b.length, `${what}: sizes`);
  for (let i = 0; i < a.length; i++) {
    const fa = new Float32Array(a.buffer)[i];
    const fb = new Float32Array(b.buffer)[i];
    if ((Number.isNaN(fa) && Number.isNaN(fb)) || (!signedZero && fa === 0 && fb === 0)) continue;
    assert.equal(a[i], b[i], `${what}: element ${i} is ${fa} ${sides[0]}, ${fb} ${sides[1]}`);
  }
}

/** Counts the wasm backend's `readSync` calls (a kernel reading its input out of the heap) until `stop()`. */
function countReads(): { count: number; stop: () => void } {
  const backend = tf.backend() as unknown as { readSync: (...a: unknown[]) => unknown };
  const readSync = backend.readSync;
  const counter = {
    count: 0,
    stop: () => {
      backend.readSync = readSync;
    },
  };
  backend.readSync = (...a: unknown[]) => {
    counter.count++;
    return readSync.apply(backend, a);
  };
  return counter;
}

describe('SIMD training kernels on wasm', function () {
  before(async () => {
    setWasmPaths(
      path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm')) + path.sep,
    );
    await tf.setBackend('wasm');
    registerWasmTrainingKernels(tf, 'wasm');
  });
  after(async () => {
    await tf.setBackend('wasm');
  });

  it('the ReLU gradient is dy · step(x), NaN, ±Infinity and -0 included, over a tail that is not a multiple of 4', async () => {
    for (const n of [1, 4, 7, 103]) {
      const { wasm, cpu } = await onBoth(() => {
        const x = tf.tensor1d(values(n, 0));
        const dy = tf.tensor1d(values(n, 3));
        return tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.relu(t), dy)))(x);
      });
      assertSameBits(wasm, cpu, `relu gradient, ${n} values`);
    }
  });

  it('adds a bias over the last axis ([C] and [1, 1, C]) and leaves every other broadcast to tfjs', async () => {
    const cases: [number[], number[]][] = [
      [[5, 6], [6]],
      [
        [2, 3, 3, 7],
        [1, 1, 7],
      ],
      [[4, 8], [8]],
      [
        [3, 1],
        [1, 4],
      ],
      [
        [3, 4],
        [3, 4],
      ],
      [[6], [6]],
    ];
    for (const [xs, bs] of cases) {
      const { wasm, cpu } = await onBoth(() =>
        tf.add(
          tf.tensor(values(tf.util.sizeFromShape(xs), 1), xs),
          tf.tensor(values(tf.util.sizeFromShape(bs), 2), bs),
        ),
      );
      assertSameBits(wasm, cpu, `[${xs}] + [${bs}]`);
    }
  });

  it('the 2×2 max pooling gradient goes to the first maximum, never to NaN, none for a window of -Infinity, odd sizes zeroed', async () => {
    for (const shape of [
      [2, 6, 6, 8],
      [1, 7, 5, 6],
      [3, 4, 4, 3],
    ] as [number, number, number, number][]) {
      const size = tf.util.sizeFromShape(shape);
      // Ties on purpose: values rounded to few levels, and whole windows of -Infinity or NaN.
      const xs = values(size, 4).map((v, i) => (i % 11 === 0 ? -Infinity : i % 13 === 0 ? NaN : Math.round(v)));
      const { wasm, cpu } = await onBoth(() => {
        const x = tf.tensor4d(xs, shape);
        const dy = tf.tensor4d(
          values(shape[0] * Math.floor(shape[1] / 2) * Math.floor(shape[2] / 2) * shape[3], 5).map((v) =>
            Number.isFinite(v) ? v : 1,
          ),
          [shape[0], Math.floor(shape[1] / 2), Math.floor(shape[2] / 2), shape[3]],
        );
        return tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(t as tf.Tensor4D, 2, 2, 'valid'), dy)))(x);
      });
      // The cpu backend sums dy · 1 into 0, so a -0 in dy comes out 0 there; ours passes dy on as it is.
      assertSameBits(wasm, cpu, `max pooling gradient of [${shape}]`, false);
    }
  });

  it("Adam in one kernel a weight gives tfjs's Adam to the bit: weights, both moments, over 4 steps, 7 and 8 values", async () => {
    // A tiny model through the same path the trainer uses (model.fit calls applyGradients with a NamedTensorMap).
    const train = async (backend: string, optimizer: () => tf.Optimizer) => {
      await tf.setBackend(backend);
      tf.util.assert(tf.getBackend() === backend, () => backend);
      const model = tf.sequential({
        layers: [
          tf.layers.dense({
            inputShape: [7],
            units: 8,
            activation: 'relu',
            kernelInitializer: 'ones',
            biasInitializer: 'zeros',
          }),
          tf.layers.dense({ units: 1, kernelInitializer: 'ones' }),
        ],
      });
      const opt = optimizer();
      model.compile({ optimizer: opt, loss: 'meanSquaredError' });
      const x = tf.tensor2d(
        values(5 * 7, 8).map((v) => (Number.isFinite(v) ? v : 0.5)),
        [5, 7],
      );
      const y = tf.tensor2d([1, -2, 0.5, 3, 0], [5, 1]);
      for (let step = 0; step < 4; step++) await model.trainOnBatch(x, y);
      const state = (await opt.getWeights()).map((w) => Array.from(w.tensor.dataSync()));
      const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
      tf.dispose([x, y]);
      model.dispose();
      opt.dispose();
      return { weights, state };
    };
    const ours = await train('wasm', () => fusedAdam(tf as never, 0.01, 0.9, 0.999, 1e-7));
    // Both on wasm: the gradients are the same there (the cpu backend sums a product in another order), so any
    // difference is the optimizer's.
    const stock = await train('wasm', () => tf.train.adam(0.01, 0.9, 0.999, 1e-7));
    const onCpu = await train('cpu', () => fusedAdam(tf as never, 0.01, 0.9, 0.999, 1e-7));
    ours.weights
      .flat()
      .forEach((w, i) =>
        assert.ok(
          Math.abs(w - onCpu.weights.flat()[i]) < 1e-5,
          `weight ${i}: ${w} on wasm, ${onCpu.weights.flat()[i]} on cpu (tfjs's own Adam there)`,
        ),
      );
    const bits = (rows: number[][]) => new Uint32Array(new Float32Array(rows.flat()).buffer);
    const sides = ['with our kernel', "with tfjs's Adam"];
    assertSameBits(bits(ours.weights), bits(stock.weights), 'weights after 4 Adam steps', true, sides);
    assertSameBits(bits(ours.state), bits(stock.state), 'Adam moments and step count', true, sides);
    assert.equal(ours.state.length, stock.state.length);
    await tf.setBackend('wasm');
    assert.ok(tf.getKernel('BigModelAdamStep', 'wasm'), 'the fused kernel is registered, so the wasm run took it');
  });

  it('a slice along the first axis is one copy in the heap, not a read of the whole tensor; other slices as before', async () => {
    await tf.setBackend('wasm');
    const reads = countReads();
    try {
      const x = tf.tensor3d(
        values(6 * 5 * 4, 9).map((v) => (Number.isFinite(v) ? v : 7)),
        [6, 5, 4],
      );
      const labels = tf.tensor1d([3, 1, 4, 1, 5, 9], 'int32');
      const cuts: [tf.Tensor, number[], number[]][] = [
        [x, [2, 0, 0], [3, 5, 4]],
        [x, [5, 0, 0], [1, -1, -1]],
        [labels, [1], [4]],
        [x, [0, 1, 0], [2, 2, 4]],
      ];
      const ours = cuts.map(([t, b, s]) => tf.slice(t, b, s));
      assert.equal(
        reads.count,
        1,
        "only the last slice, not in one run, reads its input out of the heap (tfjs-wasm's own kernel)",
      );
      const got = ours.map((t) => Array.from(t.dataSync()));
      await tf.setBackend('cpu');
      const expected = cuts.map(([t, b, s]) =>
        Array.from(tf.slice(tf.tensor(t.arraySync() as number[], t.shape, t.dtype), b, s).dataSync()),
      );
      assert.deepEqual(got, expected);
      assert.deepEqual(
        ours.map((t) => t.dtype),
        ['float32', 'float32', 'int32', 'float32'],
      );
    } finally {
      reads.stop();
      await tf.setBackend('wasm');
    }
  });

  it('a gather of rows (a shuffled batch) is a copy a row in the heap; other gathers and bad indices as before', async () => {
    await tf.setBackend('wasm');
    const reads = countReads();
    try {
      const x = tf.tensor3d(values(7 * 3 * 5, 4), [7, 3, 5]);
      const labels = tf.tensor2d([1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 0, 1], [7, 2], 'int32');
      const flags = tf.tensor1d([true, false, true, true, false, false, true], 'bool');
      const order = [6, 0, 3, 3, 5, 1];
      const cases: [tf.Tensor, number[] | number[][], number][] = [
        [x, order, 0],
        [labels, order, 0],
        [flags, order, 0],
        [
          x,
          [
            [2, 4],
            [0, 6],
          ],
          0,
        ],
        [x, [], 0],
        [x, [4, 0, 2], 2],
        [x, [1, 2], -2],
      ];
      const gathered = cases.map(([t, at, axis]) => tf.gather(t, tf.tensor(at, undefined, 'int32'), axis));
      // tfjs-wasm's kernel reads the indices out of the heap to check them: ours reads nothing.
      assert.equal(reads.count, 2, 'only the two gathers along another axis take the stock kernel');
      const got = gathered.map((t) => ({ shape: t.shape, dtype: t.dtype, values: Array.from(t.dataSync()) }));
      assert.throws(() => tf.gather(x, tf.tensor1d([0, 7], 'int32')), /the index value 7 is not in \[0, 6\]/);
      assert.throws(() => tf.gather(x, tf.tensor1d([-1], 'int32')), /the index value -1 is not in/);
      await tf.setBackend('cpu');
      const expected = cases.map(([t, at, axis]) => {
        const copy = tf.tensor(t.arraySync() as number[], t.shape, t.dtype);
        const e = tf.gather(copy, tf.tensor(at, undefined, 'int32'), axis);
        return { shape: e.shape, dtype: e.dtype, values: Array.from(e.dataSync()) };
      });
      // deepEqual tells NaN from a number and -0 from 0, which values() puts in several rows.
      assert.deepEqual(got, expected);
    } finally {
      reads.stop();
      await tf.setBackend('wasm');
    }
  });

  it('Identity shares the data: a clone costs no memory and outlives the tensor it was cloned from', async () => {
    await tf.setBackend('wasm');
    const x = tf.tensor2d(
      values(64, 6).map((v) => (Number.isFinite(v) ? v : 0)),
      [8, 8],
    );
    const expected = Array.from(x.dataSync());
    const before = tf.backend().numDataIds();
    const y = tf.clone(x);
    assert.equal(tf.backend().numDataIds(), before, 'a clone added data');
    x.dispose();
    assert.deepEqual(Array.from(y.dataSync()), expected);
    y.dispose();
    assert.equal(tf.backend().numDataIds(), before - 1, 'the data outlived both tensors');
  });

  it('says which backend they are for when given another', async () => {
    await tf.setBackend('cpu');
    assert.throws(() => wasmKernelsOf(tf.backend()), /wasm backend/);
    await tf.setBackend('wasm');
  });

  it("compiles our kernels optimised before their first call, and leaves V8's lazy baseline compiling as it was for other modules", () => {
    v8.setFlagsFromString('--allow-natives-syntax');
    // V8's test intrinsics say which compiler a wasm function's code came from (none yet, Liftoff or TurboFan).
    const optimised = new Function('f', 'return %IsTurboFanFunction(f)') as (f: unknown) => boolean;
    const baseline = new Function('f', 'return %IsLiftoffFunction(f)') as (f: unknown) => boolean;
    v8.setFlagsFromString('--no-allow-natives-syntax');
    prepareWasmKernels(tf.backend());
    const kernels = wasmKernelsOf(tf.backend()) as unknown as Record<string, unknown>;
    const gemm = wasmGemmOf(tf.backend()) as unknown as Record<string, unknown> | undefined;
    const functions = { relu_grad: kernels.relu_grad, max_pool_2x2_grad: kernels.max_pool_2x2_grad, ...gemm };
    for (const name of ['relu_grad', 'max_pool_2x2_grad', 'gemm_rows'].filter((n) => n in functions))
      assert.equal(optimised(functions[name as keyof typeof functions]), true, `${name} is optimised before it ran`);
    // A module compiled afterwards (one function returning 1), as tfjs's own is: each function compiled by Liftoff
    // when first called.
    const bytes = [
      [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
      [0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f],
      [0x03, 0x02, 0x01, 0x00],
      [0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00],
      [0x0a, 0x06, 0x01, 0x04, 0x00, 0x41, 0x01, 0x0b],
    ].flat();
    const f = new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array(bytes))).exports.f as () => number;
    assert.equal(optimised(f) || baseline(f), false, 'not compiled before its first call');
    assert.equal(f(), 1);
    assert.equal(baseline(f), true, 'compiled by Liftoff on its first call');
  });
});
