// Our products and Winograd blocks spread over worker threads (src/core/backends/wasmGemmThreads.ts) give, to the
// bit, what one thread gives: each output element is computed by the same code, only on another thread.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import {
  filterGradientBlocksHere,
  GemmThreadPool,
  winogradBlocksHere,
  type FilterGradientBlocks,
  type WinogradBlocks,
} from '../../src/core/backends/wasmGemmThreads';
import type { WasmGemm, WasmWinograd } from '../../src/core/backends/wasmKernelModule';

const folder = path.join(__dirname, '../../src/core/backends');

/** A shared memory with our threaded modules on it, a bump allocator, and float views. */
function sharedHeap() {
  const gemmBytes = fs.readFileSync(path.join(folder, 'bigmodel-gemm-threaded.wasm'));
  // Node 20 compiles relaxed SIMD behind a flag, as the core sets it (wasmKernelModule.ts).
  if (!WebAssembly.validate(gemmBytes)) v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
  const memory = new WebAssembly.Memory({ initial: 4096, maximum: 65536, shared: true });
  const gemmModule = new WebAssembly.Module(gemmBytes);
  const winogradModule = new WebAssembly.Module(fs.readFileSync(path.join(folder, 'bigmodel-winograd-threaded.wasm')));
  const gemm = new WebAssembly.Instance(gemmModule, { env: { memory } }).exports as unknown as WasmGemm;
  const winograd = new WebAssembly.Instance(winogradModule, { env: { memory } }).exports as unknown as WasmWinograd;
  // Address 0 is the kernels' (empty) stack: start further on.
  let next = 4096;
  const alloc = (floats: number) => {
    const at = next;
    next += Math.ceil(floats / 16) * 64 + 64;
    return at;
  };
  const floats = (at: number, n: number) => new Float32Array(memory.buffer, at, n);
  return { memory, gemmModule, winogradModule, gemm, winograd, alloc, floats };
}

/** Values in [-1, 1] that differ at every index. */
const fill = (target: Float32Array, seed: number) =>
  target.forEach((_, i) => (target[i] = Math.sin(i * 0.61 + seed * 1.3) * Math.cos(i * 0.17)));

describe('our products on every thread (wasmGemmThreads.ts)', function () {
  const heap = sharedHeap();
  const pools: GemmThreadPool[] = [];
  const poolOf = (threads: number) => {
    const pool = new GemmThreadPool(
      heap.gemm,
      heap.winograd,
      { memory: heap.memory, gemm: heap.gemmModule, winograd: heap.winogradModule },
      threads,
    );
    pools.push(pool);
    return pool;
  };

  for (const threads of [2, 3]) {
    it(`a matrix product and a convolution's window rows split over ${threads} threads equal one thread's to the bit`, () => {
      const pool = poolOf(threads);
      // Rows that are not a multiple of 4 or of the threads, columns not a multiple of 8, a bias and ReLU.
      for (const [m, segments, run, n] of [
        [1001, 1, 300, 70],
        [4099, 9, 32, 64],
        [8, 1, 8, 8],
      ]) {
        const k = segments * run;
        const a = heap.alloc(m * k);
        fill(heap.floats(a, m * k), m);
        const b = heap.alloc(k * n);
        fill(heap.floats(b, k * n), n);
        const panels = heap.alloc(Math.ceil(n / 8) * 8 * k);
        heap.gemm.pack_panels(b, panels, k, n, 0);
        const bias = heap.alloc(Math.ceil(n / 8) * 8);
        fill(heap.floats(bias, Math.ceil(n / 8) * 8), 3);
        // Row i's s-th run starts in a, each segment somewhere else (as a convolution's taps do).
        const rows = heap.alloc(m * segments);
        const starts = new Uint32Array(heap.memory.buffer, rows, m * segments);
        starts.forEach((_, i) => (starts[i] = a + ((i * 7919) % (m * segments)) * run * 4));
        const one = heap.alloc(m * n);
        const split = heap.alloc(m * n);
        heap.gemm.gemm_rows(rows, segments, run, panels, bias, 1, one, m, n);
        pool.products.gemm_rows(rows, segments, run, panels, bias, 1, split, m, n);
        const [x, y] = [heap.floats(one, m * n), heap.floats(split, m * n)];
        assert.ok(
          x.some((v) => v !== 0),
          'the product is not all zeros',
        );
        assert.deepEqual(
          new Uint32Array(y.buffer, split, m * n),
          new Uint32Array(x.buffer, one, m * n),
          `${m}×${k}·${k}×${n}`,
        );
      }
    });

    it(`Winograd's tile blocks over ${threads} threads equal one thread's to the bit, both tiles`, () => {
      const pool = poolOf(threads);
      for (const tile of [2, 4] as const) {
        // 5 images of 13×13×16 → 11×11×24, valid padding: 5 · 9 (or 36) tiles in blocks of 4, the last one short.
        const [n, h, w, k, co, p, q, block] = [5, 13, 13, 16, 24, 11, 11, 4];
        const planes = (tile + 2) ** 2;
        const [tilesY, tilesX] = [Math.ceil(p / tile), Math.ceil(q / tile)];
        const tiles = n * tilesY * tilesX;
        const x = heap.alloc(n * h * w * k);
        fill(heap.floats(x, n * h * w * k), 7);
        const filter = heap.alloc(9 * k * co);
        fill(heap.floats(filter, 9 * k * co), 11);
        const u = heap.alloc(planes * k * co);
        (tile === 2 ? heap.winograd.winograd_filter : heap.winograd.winograd4_filter)(filter, u, k * co, 0);
        const panelFloats = Math.ceil(co / 8) * 8 * k;
        const panels = heap.alloc(planes * panelFloats);
        for (let e = 0; e < planes; e++)
          heap.gemm.pack_panels(u + e * k * co * 4, panels + e * panelFloats * 4, k, co, 0);
        const zeros = heap.alloc(k);
        const scratch = (parts: number) => ({
          v: heap.alloc(parts * planes * block * k),
          m: heap.alloc(parts * planes * block * co),
          rows: heap.alloc(parts * planes * block),
        });
        const job = (out: number, s: { v: number; m: number; rows: number }): WinogradBlocks => ({
          tile,
          x,
          zeros,
          h,
          w,
          k,
          tilesY,
          tilesX,
          top: 0,
          left: 0,
          panels,
          panelFloats,
          co,
          tiles,
          block,
          out,
          bias: 0,
          relu: 0,
          p,
          q,
          ...s,
          vBytes: planes * block * k * 4,
          mBytes: planes * block * co * 4,
          rowsBytes: planes * block * 4,
        });
        const [one, split] = [heap.alloc(n * p * q * co), heap.alloc(n * p * q * co)];
        winogradBlocksHere(heap.gemm, heap.winograd, job(one, scratch(1)));
        pool.winogradBlocks(job(split, scratch(threads)));
        const values = heap.floats(one, n * p * q * co);
        // The direct 3×3 sum at the first output of the last image, channel 0: the blocks computed a convolution.
        let direct = 0;
        const xs = heap.floats(x, n * h * w * k);
        const ws = heap.floats(filter, 9 * k * co);
        for (let i = 0; i < 3; i++)
          for (let j = 0; j < 3; j++)
            for (let c = 0; c < k; c++)
              direct += xs[(((n - 1) * h + i) * w + j) * k + c] * ws[((i * 3 + j) * k + c) * co];
        assert.ok(
          Math.abs(values[(n - 1) * p * q * co] - direct) < 1e-4,
          `F(${tile}×${tile}) output ${values[(n - 1) * p * q * co]} against ${direct}`,
        );
        assert.deepEqual(
          new Uint32Array(heap.memory.buffer, split, n * p * q * co),
          new Uint32Array(heap.memory.buffer, one, n * p * q * co),
          `F(${tile}×${tile})`,
        );
      }
    });
  }

  for (const threads of [2, 3]) {
    it(`Winograd's filter gradient over ${threads} threads equals one thread's to the bit`, () => {
      const pool = poolOf(threads);
      // 5 images of 13×13×12 against dy 11×11×20 (valid): 180 tiles in blocks of 8, 23 blocks in 6 runs.
      const [n, h, w, ci, co, p, q, block, chunks] = [5, 13, 13, 12, 20, 11, 11, 8, 6];
      const [tilesY, tilesX] = [Math.ceil(p / 2), Math.ceil(q / 2)];
      const padded = Math.ceil(co / 8) * 8;
      const x = heap.alloc(n * h * w * ci);
      fill(heap.floats(x, n * h * w * ci), 5);
      const dy = heap.alloc(n * p * q * co);
      fill(heap.floats(dy, n * p * q * co), 9);
      const zeros = heap.alloc(co);
      const job = (parts: number): FilterGradientBlocks => ({
        x,
        dy,
        zeros,
        h,
        w,
        ci,
        p,
        q,
        co,
        tilesY,
        tilesX,
        top: 0,
        left: 0,
        tiles: n * tilesY * tilesX,
        block,
        chunks,
        m: heap.alloc(chunks * 16 * ci * co),
        chunkBytes: 16 * ci * co * 4,
        v: heap.alloc(parts * 16 * block * ci),
        u: heap.alloc(parts * 16 * block * padded),
        vBytes: 16 * block * ci * 4,
        uBytes: 16 * block * padded * 4,
      });
      const dw = (j: FilterGradientBlocks) => {
        const out = heap.alloc(9 * ci * co);
        heap.winograd.winograd_dw(j.m, chunks, 16 * ci * co, out, ci * co);
        return out;
      };
      const one = job(1);
      filterGradientBlocksHere(heap.gemm, heap.winograd, one);
      const split = job(threads);
      pool.filterGradientBlocks(split);
      const [a, b] = [dw(one), dw(split)];
      // Tap (1, 2), channels (0, 0), summed directly: the blocks computed a filter gradient.
      let direct = 0;
      const [xs, dys] = [heap.floats(x, n * h * w * ci), heap.floats(dy, n * p * q * co)];
      for (let i = 0; i < n; i++)
        for (let y = 0; y < p; y++)
          for (let k = 0; k < q; k++)
            direct += xs[((i * h + y + 1) * w + k + 2) * ci] * dys[((i * p + y) * q + k) * co];
      const tap = heap.floats(a, 9 * ci * co)[5 * ci * co];
      assert.ok(Math.abs(tap - direct) < 1e-3, `tap (1, 2): ${tap} against ${direct}`);
      assert.deepEqual(
        new Uint32Array(heap.memory.buffer, b, 9 * ci * co),
        new Uint32Array(heap.memory.buffer, a, 9 * ci * co),
      );
    });
  }

  it('a worker that fails its share is reported, and the pool still works after', () => {
    const pool = poolOf(2);
    const n = 64;
    const m = 4096;
    const panels = heap.alloc(n * 64);
    const rows = heap.alloc(m);
    // Rows that point past the end of memory: the worker's half traps (out of bounds), the caller's half reads row 0.
    const starts = new Uint32Array(heap.memory.buffer, rows, m);
    starts.fill(0xfffff000, m / 2);
    const out = heap.alloc(m * n);
    assert.throws(() => pool.products.gemm_rows(rows, 1, 64, panels, 0, 0, out, m, n), /a worker failed/);
    starts.fill(4096, m / 2);
    pool.products.gemm_rows(rows, 1, 64, panels, 0, 0, out, m, n);
  });
});

// Fresh processes, the backend being process-wide: the plain wasm backend (1 thread) and the threaded one (2 threads,
// the pool on) train-step the same convolution, product and gradients; shapes large enough that the pool splits them.
const SCRIPT = `
const path = require('node:path');
const tf = require('@tensorflow/tfjs');
const { setWasmPaths } = require('@tensorflow/tfjs-backend-wasm');
const { startThreadedWasm } = require(${JSON.stringify(path.join(__dirname, '../../src/core/backends/wasmThreads.js'))});
const { registerWasmTrainingKernels } = require(${JSON.stringify(path.join(__dirname, '../../src/core/backends/gradientKernels.js'))});
const { wasmGemmPoolOf } = require(${JSON.stringify(path.join(__dirname, '../../src/core/backends/wasmKernelModule.js'))});
const folder = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js'));
const values = (n, seed) => Array.from({ length: n }, (_, i) => Math.sin(i * 0.37 + seed));
(async () => {
  setWasmPaths(folder + path.sep);
  const threads = Number(process.argv[1]);
  if (threads > 1) await startThreadedWasm(tf, folder, threads);
  else await tf.setBackend('wasm');
  registerWasmTrainingKernels(tf, 'wasm');
  const x = tf.tensor4d(values(16 * 24 * 24 * 32, 1), [16, 24, 24, 32]);
  const w = tf.tensor4d(values(3 * 3 * 32 * 32, 2), [3, 3, 32, 32]);
  const bias = tf.tensor1d(values(32, 5));
  const product = tf.matMul(tf.tensor2d(values(512 * 256, 3), [512, 256]), tf.tensor2d(values(256 * 128, 4), [256, 128]));
  const grads = tf.grads((x, w) => tf.sum(tf.relu(tf.add(tf.conv2d(x, w, 1, 'same'), bias))))([x, w]);
  // A first layer (1 channel: its windows listed row by row) with padding.
  const first = tf.conv2d(tf.tensor4d(values(16 * 28 * 28, 6), [16, 28, 28, 1]), tf.tensor4d(values(9 * 32, 7), [3, 3, 1, 32]), 1, 'same');
  const out = [...tf.conv2d(x, w, 1, 'valid').dataSync(), ...product.dataSync(), ...grads[0].dataSync(), ...grads[1].dataSync(), ...first.dataSync()];
  console.log(JSON.stringify({ pool: wasmGemmPoolOf(tf.backend())?.threads ?? 0, out }));
})();
`;

describe("the core's wasm backend at 2 threads with our products on both", function () {
  it("gives the 1-thread backend's convolutions, product and gradients to the bit, and the process exits by itself", () => {
    const run = (threads: number) => {
      const r = spawnSync(process.execPath, ['-e', SCRIPT, String(threads)], {
        cwd: path.join(__dirname, '../../..'),
        encoding: 'utf8',
        timeout: 90_000,
        maxBuffer: 256 * 2 ** 20,
      });
      assert.equal(r.signal, null, `the process did not exit by itself within 90 s: ${r.stderr}`);
      assert.equal(r.status, 0, r.stderr);
      return JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { pool: number; out: number[] };
    };
    const [one, two] = [run(1), run(2)];
    assert.equal(one.pool, 0);
    assert.equal(two.pool, 2, 'the threaded backend did not spread our products over its 2 threads');
    assert.equal(two.out.length, one.out.length);
    const differing = one.out.findIndex((v, i) => !Object.is(v, two.out[i]));
    assert.equal(differing, -1, `element ${differing}: ${one.out[differing]} on 1 thread, ${two.out[differing]} on 2`);
  });
});
