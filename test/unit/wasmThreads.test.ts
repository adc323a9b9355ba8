// The wasm backend with XNNPACK threads in Node (src/core/backends/wasmThreads.ts): it really runs the threads asked for,
// gives the cpu backend's results, and a process that used it still exits by itself.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { wasmThreadsWanted } from '../../src/core/backends';

const root = path.join(__dirname, '../../..');

// A fresh process: the backend is process-wide, and another test file may already have started wasm with 1 thread.
const SCRIPT = `
const path = require('node:path');
const tf = require('@tensorflow/tfjs');
const { setWasmPaths } = require('@tensorflow/tfjs-backend-wasm');
const { startThreadedWasm } = require(${JSON.stringify(path.join(__dirname, '../../src/core/backends/wasmThreads.js'))});
const { registerWasmTrainingKernels } = require(${JSON.stringify(path.join(__dirname, '../../src/core/backends/gradientKernels.js'))});
const folder = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js'));
const values = (n, seed) => Array.from({ length: n }, (_, i) => Math.sin(i * 0.37 + seed));
function work() {
  const conv = tf.conv2d(tf.tensor4d(values(4 * 12 * 12 * 8, 1), [4, 12, 12, 8]), tf.tensor4d(values(3 * 3 * 8 * 16, 2), [3, 3, 8, 16]), 1, 'same');
  const product = tf.matMul(tf.tensor2d(values(64 * 96, 3), [64, 96]), tf.tensor2d(values(96 * 80, 4), [96, 80]));
  // Gradients through our SIMD kernels, which then run on the threaded build's shared memory: the filter gradient's
  // im2col, bias add, ReLU gradient and 2×2 pooling gradient.
  const bias = tf.tensor1d(values(16, 5));
  const grads = tf.grads((x, w) => tf.sum(tf.maxPool(tf.relu(tf.add(tf.conv2d(x, w, 1, 'same'), bias)), 2, 2, 'valid')))(
    [tf.tensor4d(values(4 * 12 * 12 * 8, 6), [4, 12, 12, 8]), tf.tensor4d(values(3 * 3 * 8 * 16, 7), [3, 3, 8, 16])]);
  return [...conv.dataSync(), ...product.dataSync(), ...grads[0].dataSync(), ...grads[1].dataSync()];
}
(async () => {
  setWasmPaths(folder + path.sep);
  const threads = await startThreadedWasm(tf, folder, 2);
  registerWasmTrainingKernels(tf, 'wasm');
  const ours = work();
  await tf.setBackend('cpu');
  const reference = work();
  let worst = 0;
  for (let i = 0; i < ours.length; i++) worst = Math.max(worst, Math.abs(ours[i] - reference[i]) / (1e-3 + Math.abs(reference[i])));
  console.log(JSON.stringify({ threads, worst, n: ours.length }));
})();
`;

describe('wasm backend with threads in Node', function () {
  it('runs 2 XNNPACK threads, matches the cpu backend on a conv, a matMul and gradients through our SIMD kernels, and the process exits by itself', () => {
    // Winograd off: its error is bounded against Σ|x|·|w| (winogradParity.test.ts), not by this relative bound, and
    // the threaded Winograd is checked to the bit against one thread's in wasmGemmThreads.test.ts.
    const env = { ...process.env, BIGMODEL_WINOGRAD: '0' };
    const run = spawnSync(process.execPath, ['-e', SCRIPT], { cwd: root, encoding: 'utf8', timeout: 90_000, env });
    assert.equal(run.signal, null, `the process did not exit by itself within 90 s: ${run.stderr}`);
    assert.equal(run.status, 0, run.stderr);
    const result = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as {
      threads: number;
      worst: number;
      n: number;
    };
    assert.equal(result.threads, 2);
    assert.equal(result.n, 4 * 12 * 12 * 16 + 64 * 80 + 4 * 12 * 12 * 8 + 3 * 3 * 8 * 16);
    // The tolerance of the gradient parity test: XNNPACK sums in another order than the cpu backend.
    assert.ok(result.worst < 1e-3, `relative difference ${result.worst}`);
  });

  it('takes every core but one (the editor keeps one), BIGMODEL_WASM_THREADS when set, at most 8', () => {
    assert.equal(wasmThreadsWanted({}, 2), 1);
    assert.equal(wasmThreadsWanted({}, 1), 1);
    assert.equal(wasmThreadsWanted({}, 8), 7);
    assert.equal(wasmThreadsWanted({}, 32), 8);
    assert.equal(wasmThreadsWanted({ BIGMODEL_WASM_THREADS: '2' }, 2), 2);
    assert.equal(wasmThreadsWanted({ BIGMODEL_WASM_THREADS: 'lots' }, 4), 3);
  });
});
