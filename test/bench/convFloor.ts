// How far the seed CNN can go on WebAssembly: the time of its three forward convolutions alone on tfjs-wasm's XNNPACK
// against PyTorch's whole training step (forward, backward, Adam), both 1 thread, batch 64, side by side in one run.
//   node out/test/bench/convFloor.js        (after `node esbuild.mjs --tests`; PyTorch from Debian's python3-torch)
// 0.5× PyTorch means our whole step within twice theirs; the forward convolutions' share of that budget says how much
// is left for the backward pass and everything else (the rest needs faster convolutions than XNNPACK-in-wasm gives).
import { spawnSync } from 'node:child_process';
import * as tf from '@tensorflow/tfjs';
import { registerWasmTrainingKernels } from '../../src/core/backends/gradientKernels';
import { peerSetup, PYTHON } from './python';
import { SEED_CNN_CONVS, seedCnn, useWasm } from './wasmBench';

const BATCH = 64;
/** Median milliseconds of `op` over 15 runs after 3 warm-ups, its result read back each time. */
async function timeMedian(op: () => tf.Tensor): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 18; i++) {
    const t0 = performance.now();
    const y = op();
    await y.data();
    y.dispose();
    if (i >= 3) times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[7];
}

const TORCH_STEP = `
import sys, time, torch, torch.nn as nn
torch.set_num_threads(1)
B = int(sys.argv[1])
m = nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
                  nn.Conv2d(64, 64, 3), nn.ReLU(), nn.Flatten(), nn.Linear(576, 64), nn.ReLU(), nn.Linear(64, 10))
opt = torch.optim.Adam(m.parameters(), 1e-3)
x = torch.rand(B, 1, 28, 28); y = torch.randint(0, 10, (B,))
def step():
    opt.zero_grad(); nn.functional.cross_entropy(m(x), y).backward(); opt.step()
for _ in range(5): step()
ts = []
for _ in range(15):
    t = time.perf_counter(); step(); ts.append(time.perf_counter() - t)
print(sorted(ts)[7] * 1000)
`;

async function main(): Promise<void> {
  await useWasm(tf);
  registerWasmTrainingKernels(tf, 'wasm');

  // Our forward convolutions alone, each on its own input and filter (no bias, no activation).
  let forward = 0;
  for (const c of SEED_CNN_CONVS) {
    const x = tf.randomNormal([BATCH, ...c.input]) as tf.Tensor4D;
    const w = tf.randomNormal(c.filter) as tf.Tensor4D;
    forward += await timeMedian(() => tf.conv2d(x, w, 1, 'valid'));
    tf.dispose([x, w]);
  }

  // Our whole step, the bench's model through tf.layers (what the core trains).
  const { model: m, x, y } = seedCnn(tf, BATCH);
  for (let i = 0; i < 3; i++) await m.trainOnBatch(x, y);
  const steps: number[] = [];
  for (let i = 0; i < 9; i++) {
    const t0 = performance.now();
    await m.trainOnBatch(x, y);
    steps.push(performance.now() - t0);
  }
  const ours = steps.sort((a, b) => a - b)[4];

  // One thread on both sides, every pool of the peer pinned to it, on an optimised BLAS.
  const setup = peerSetup(1);
  if (typeof setup === 'string') {
    console.log(
      `conv floor: our forward convolutions ${forward.toFixed(1)} ms, our whole step ${ours.toFixed(1)} ms per batch of ${BATCH}; PyTorch skipped: ${setup}`,
    );
    return;
  }
  console.log(setup.describe);
  const torch = spawnSync(PYTHON, ['-c', TORCH_STEP, String(BATCH)], { encoding: 'utf8', env: setup.env });
  if (torch.status !== 0) {
    console.log(
      `conv floor: our forward convolutions ${forward.toFixed(1)} ms, our whole step ${ours.toFixed(1)} ms per batch of ${BATCH}; PyTorch skipped (${PYTHON} has no torch: apt-get install python3-torch)`,
    );
    return;
  }
  const theirs = Number(torch.stdout.trim());
  console.log(
    `per batch of ${BATCH}, 1 thread: our 3 forward convolutions alone ${forward.toFixed(1)} ms; our whole step ${ours.toFixed(1)} ms; PyTorch's whole step ${theirs.toFixed(1)} ms`,
  );
  console.log(
    `conv floor: ratio ${(theirs / ours).toFixed(2)} now; 0.5× needs our whole step ≤ ${(2 * theirs).toFixed(1)} ms, and the forward convolutions alone are ${(forward / theirs).toFixed(2)}× PyTorch's whole step`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
