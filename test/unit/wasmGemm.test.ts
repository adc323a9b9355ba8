// Our matrix products (src/core/backends/wasmGemm.c, relaxed SIMD) give what tfjs gives on the cpu backend: every transpose,
// batches broadcast either way, rows and columns that are not a multiple of the 4 × 8 tile, and convolutions read
// through their window lists (padding, strides, rectangular filters, channel counts that are not a multiple of 4).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../../src/core/backends/gradientKernels';
import { addressOf, wasmGemmOf } from '../../src/core/backends/wasmKernelModule';

/** Smooth values in [-1, 1] that differ at every index. */
const values = (n: number, seed: number) =>
  Array.from({ length: n }, (_, i) => Math.sin(i * 0.61 + seed * 1.3) * Math.cos(i * 0.17));

/** `f` on wasm (with our kernels) and on cpu: shapes equal, values within `tolerance` (sums in another order, fused). */
async function assertSameOnBoth(f: () => tf.Tensor, what: string, tolerance = 1e-4): Promise<void> {
  const run = async (backend: string) => {
    await tf.setBackend(backend);
    const y = tf.tidy(f);
    const out = { shape: y.shape, values: await y.data() };
    y.dispose();
    return out;
  };
  const ours = await run('wasm');
  const cpu = await run('cpu');
  assert.deepEqual(ours.shape, cpu.shape, `${what}: shape`);
  for (let i = 0; i < cpu.values.length; i++) {
    assert.ok(
      Math.abs(ours.values[i] - cpu.values[i]) <= tolerance,
      `${what}: element ${i} is ${ours.values[i]} on wasm, ${cpu.values[i]} on cpu`,
    );
  }
}

describe('matrix products with fused multiply-adds on wasm (wasmGemm.c)', function () {
  before(async () => {
    setWasmPaths(
      path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm')) + path.sep,
    );
    await tf.setBackend('wasm');
    registerWasmTrainingKernels(tf, 'wasm');
  });
  after(() => tf.setBackend('cpu'));

  it('loads on this runtime (relaxed SIMD, through the V8 flag on Node 20), so the kernels below are ours', async () => {
    await tf.setBackend('wasm');
    assert.ok(wasmGemmOf(tf.backend()), "wasmGemmOf gave undefined: the products below would be XNNPACK's");
  });

  it('the product kernel over every tail of the 4 × 8 tile, called directly on the heap', async () => {
    await tf.setBackend('wasm');
    const backend = tf.backend();
    const gemm = wasmGemmOf(backend)!;
    for (const m of [1, 3, 4, 5, 7, 9]) {
      // n 16, 17, 33: panels packed two at a time, then one; k 4, 8, 13: a transposed b packed 4 values of k at a time, then the rest.
      for (const n of [1, 3, 4, 7, 8, 9, 16, 17, 33]) {
        for (const k of [1, 2, 4, 8, 13]) {
          for (const transposed of [0, 1]) {
            const a = tf.tensor2d(values(m * k, m + n), [m, k]);
            const b = tf.tensor2d(values(k * n, k), transposed ? [n, k] : [k, n]);
            // The output sits between guards that the kernel must not touch.
            const out = tf.fill([m * n + 16], 777);
            // The panels too, with a guard after them that packing must not touch.
            const panels = tf.fill([Math.ceil(n / 8) * 8 * k + 8], 777);
            const rows = tf.zeros([m], 'int32');
            gemm.pack_panels(addressOf(backend, b), addressOf(backend, panels), k, n, transposed);
            gemm.matrix_rows(addressOf(backend, a), k, addressOf(backend, rows), m);
            gemm.gemm_rows(
              addressOf(backend, rows),
              1,
              k,
              addressOf(backend, panels),
              0,
              0,
              addressOf(backend, out) + 8 * 4,
              m,
              n,
            );
            const got = out.dataSync();
            const what = `m ${m}, n ${n}, k ${k}${transposed ? ', b transposed' : ''}`;
            const packed = panels.dataSync();
            for (let i = 0; i < 8; i++)
              assert.equal(packed[Math.ceil(n / 8) * 8 * k + i], 777, `${what}: guard after the panels, ${i}`);
            for (let i = 0; i < 8; i++) assert.equal(got[i], 777, `${what}: guard before, ${i}`);
            for (let i = 0; i < 8; i++) assert.equal(got[8 + m * n + i], 777, `${what}: guard after, ${i}`);
            const av = a.dataSync();
            const bv = b.dataSync();
            for (let i = 0; i < m * n; i++) {
              let exact = 0;
              const [r, c] = [Math.floor(i / n), i % n];
              for (let t = 0; t < k; t++) exact += av[r * k + t] * bv[transposed ? c * k + t : t * n + c];
              assert.ok(
                Math.abs(got[8 + i] - exact) < 1e-5,
                `${what}: element ${i} is ${got[8 + i]}, exactly ${exact}`,
              );
            }
            tf.dispose([a, b, out, panels, rows]);
          }
        }
      }
    }
  });

  it('BatchMatMul: every transpose, tails, batches equal or broadcast from one on either side', async () => {
    const shapes: Array<[number[], number[]]> = [
      [
        [5, 13],
        [13, 9],
      ],
      [
        [7, 33],
        [33, 17],
      ],
      [
        [2, 3, 6],
        [2, 6, 11],
      ],
      [
        [1, 4, 8],
        [3, 8, 5],
      ],
      [
        [3, 9, 2],
        [1, 2, 8],
      ],
      [
        [2, 2, 5, 3],
        [2, 2, 3, 6],
      ],
    ];
    for (const [sa, sb] of shapes) {
      for (const ta of [false, true]) {
        for (const tb of [false, true]) {
          const swap = (s: number[]) => [...s.slice(0, -2), s[s.length - 1], s[s.length - 2]];
          const a = ta ? swap(sa) : sa;
          const b = tb ? swap(sb) : sb;
          await assertSameOnBoth(
            () =>
              tf.matMul(
                tf.tensor(values(tf.util.sizeFromShape(a), 1), a),
                tf.tensor(values(tf.util.sizeFromShape(b), 2), b),
                ta,
                tb,
              ),
            `${JSON.stringify(a)}${ta ? 'ᵀ' : ''} · ${JSON.stringify(b)}${tb ? 'ᵀ' : ''}`,
          );
        }
      }
    }
  });

  it("shapes that do not fit get tfjs's own error, from the kernel ours replaced", async () => {
    await tf.setBackend('wasm');
    assert.throws(() => tf.matMul(tf.ones([2, 3]), tf.ones([4, 5])), /inner shapes \(3\) and \(4\)/);
  });

  it('Conv2D through window lists: valid, same, numeric padding, strides, rectangular filters, odd channel counts', async () => {
    const cases: Array<{ x: number[]; f: number[]; strides: [number, number]; pad: 'valid' | 'same' | number }> = [
      { x: [2, 7, 6, 8], f: [3, 3, 8, 5], strides: [1, 1], pad: 'valid' },
      { x: [2, 7, 6, 9], f: [3, 3, 9, 13], strides: [1, 1], pad: 'same' },
      { x: [1, 8, 9, 12], f: [2, 3, 12, 8], strides: [2, 1], pad: 'same' },
      { x: [3, 6, 6, 10], f: [3, 3, 10, 1], strides: [2, 2], pad: 1 },
      { x: [1, 5, 5, 16], f: [1, 1, 16, 17], strides: [1, 1], pad: 'valid' },
    ];
    for (const c of cases) {
      await assertSameOnBoth(
        () =>
          tf.conv2d(
            tf.tensor4d(values(tf.util.sizeFromShape(c.x), 3), c.x as [number, number, number, number]),
            tf.tensor4d(values(tf.util.sizeFromShape(c.f), 4), c.f as [number, number, number, number]),
            c.strides,
            c.pad,
          ),
        `conv2d x ${JSON.stringify(c.x)} filter ${JSON.stringify(c.f)} strides ${c.strides} pad ${c.pad}`,
      );
    }
  });

  it('Conv2D over a few channels (a first layer) by window rows: 1 and 3 channels, 3×3 to 5×5, padding, strides, blocks of images, bias and ReLU', async () => {
    const cases: Array<{ x: number[]; f: number[]; strides: [number, number]; pad: 'valid' | 'same' | number }> = [
      // 40 images of the seed CNN's conv1: 6,084 floats of im2col an image, so two blocks of 21 and 19 images.
      { x: [40, 28, 28, 1], f: [3, 3, 1, 32], strides: [1, 1], pad: 'valid' },
      { x: [3, 9, 8, 3], f: [5, 5, 3, 6], strides: [1, 1], pad: 'same' },
      { x: [2, 11, 10, 3], f: [3, 3, 3, 16], strides: [2, 2], pad: 'same' },
      { x: [1, 7, 7, 2], f: [2, 3, 2, 9], strides: [2, 1], pad: 1 },
      // 7×7×3 = 147 values a window: past FEW_TAPS, XNNPACK keeps it.
      { x: [1, 12, 12, 3], f: [7, 7, 3, 8], strides: [2, 2], pad: 'same' },
    ];
    for (const c of cases) {
      const what = `conv2d x ${JSON.stringify(c.x)} filter ${JSON.stringify(c.f)} strides ${c.strides} pad ${c.pad}`;
      const x = () => tf.tensor4d(values(tf.util.sizeFromShape(c.x), 5), c.x as [number, number, number, number]);
      const filter = () => tf.tensor4d(values(tf.util.sizeFromShape(c.f), 6), c.f as [number, number, number, number]);
      await assertSameOnBoth(() => tf.conv2d(x(), filter(), c.strides, c.pad), what);
      await assertSameOnBoth(
        () =>
          tf.fused.conv2d({
            x: x(),
            filter: filter(),
            strides: c.strides,
            pad: c.pad,
            bias: tf.tensor1d(values(c.f[3], 7)),
            activation: 'relu',
          }),
        `fused ${what}, bias and ReLU`,
      );
    }
    // Which path ran: ours asks the heap for its scratch (im2col, row list, panels) besides the output, XNNPACK only
    // for the output.
    await tf.setBackend('wasm');
    const backend = tf.backend() as unknown as { makeOutput: (...a: unknown[]) => unknown };
    const makeOutput = backend.makeOutput;
    const x = tf.ones([2, 5, 5, 1]) as tf.Tensor4D;
    const allocations = (filter: [number, number, number, number]) => {
      const f = tf.ones(filter) as tf.Tensor4D;
      let made = 0;
      backend.makeOutput = (...a: unknown[]) => {
        made++;
        return makeOutput.apply(backend, a);
      };
      try {
        const y = tf.conv2d(x, f, 1, 'same');
        const corner = Array.from(y.dataSync().slice(0, filter[3]));
        tf.dispose([y, f]);
        return { made, corner };
      } finally {
        backend.makeOutput = makeOutput;
      }
    };
    const before = tf.memory().numBytes;
    const few = allocations([3, 3, 1, 4]);
    assert.deepEqual(few.corner, [4, 4, 4, 4], 'a corner window of 3×3 same padding sums 4 ones');
    assert.ok(few.made > 1, `a 3×3 filter on 1 channel takes the im2col path (${few.made} allocations)`);
    assert.equal(allocations([9, 9, 1, 4]).made, 1, '81 values a window: XNNPACK');
    assert.equal(tf.memory().numBytes, before, 'no scratch left behind');
    x.dispose();
  });

  // Other activations go to tfjs-wasm's kernel, with the operands transposed first: its own gives wrong values for a
  // transposed operand with a bias.
  it('fused forms (as layers predict and evaluate): bias, ReLU, both, neither; other activations, every transpose', async () => {
    for (const activation of ['linear', 'relu', 'elu'] as const) {
      for (const withBias of [false, true]) {
        const what = `${activation}${withBias ? ' with bias' : ''}`;
        await assertSameOnBoth(
          () =>
            tf.fused.conv2d({
              x: tf.tensor4d(values(tf.util.sizeFromShape([2, 6, 7, 9]), 8), [2, 6, 7, 9]),
              filter: tf.tensor4d(values(tf.util.sizeFromShape([3, 3, 9, 11]), 9), [3, 3, 9, 11]),
              strides: 1,
              pad: 'same',
              activation,
              bias: withBias ? tf.tensor1d(values(11, 10)) : undefined,
            }),
          `fused conv2d, ${what}`,
        );
        for (const [transposeA, transposeB] of [
          [false, false],
          [false, true],
          [true, false],
          [true, true],
        ]) {
          await assertSameOnBoth(
            () =>
              tf.fused.matMul({
                a: tf.tensor2d(values(5 * 12, 11), transposeA ? [12, 5] : [5, 12]),
                b: tf.tensor2d(values(13 * 12, 12), transposeB ? [13, 12] : [12, 13]),
                transposeA,
                transposeB,
                activation,
                bias: withBias ? tf.tensor1d(values(13, 13)) : undefined,
              }),
            `fused matMul, ${what}${transposeA ? ', a transposed' : ''}${transposeB ? ', b transposed' : ''}`,
          );
        }
      }
    }
    // NaN through ReLU stays NaN, as on cpu.
    for (const backend of ['cpu', 'wasm']) {
      await tf.setBackend(backend);
      const y = tf.fused
        .matMul({ a: tf.tensor2d([NaN, -1, 2], [3, 1]), b: tf.tensor2d([1], [1, 1]), activation: 'relu' })
        .dataSync();
      assert.ok(Number.isNaN(y[0]) && y[1] === 0 && y[2] === 2, `relu of [NaN, -1, 2] on ${backend}: ${y}`);
    }
  });

  it('leaves no tensor or heap data behind', async () => {
    await tf.setBackend('wasm');
    const x = tf.tensor4d(values(2 * 7 * 7 * 8, 5), [2, 7, 7, 8]);
    const f = tf.tensor4d(values(3 * 3 * 8 * 4, 6), [3, 3, 8, 4]);
    const a = tf.tensor3d(values(2 * 5 * 6, 7), [2, 5, 6]);
    const bias = tf.ones([4]);
    const dataIds = () => (tf.backend() as unknown as { numDataIds(): number }).numDataIds();
    const before = { ...tf.memory(), dataIds: dataIds() };
    const outs = [
      tf.conv2d(x, f, 1, 'same'),
      tf.matMul(a, a, true, false),
      tf.matMul(a, a, false, true),
      tf.fused.conv2d({ x, filter: f, pad: 'valid', strides: 1, bias, activation: 'relu' }),
    ];
    tf.dispose(outs);
    const after = tf.memory();
    assert.equal(after.numTensors, before.numTensors);
    assert.equal(after.numBytes, before.numBytes);
    assert.equal(
      dataIds(),
      before.dataIds,
      'the scratch space (window lists, packed panels, a transposed operand) is freed',
    );
    tf.dispose([x, f, a, bias]);
  });
});
