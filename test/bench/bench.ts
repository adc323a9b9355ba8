// `npm run bench`: the seed MLP and CNN on Fashion-MNIST through the training core, and the same models in PyTorch
// side by side (same data slice, batch, epochs and thread count). The ratio is ours / PyTorch's samples per second.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TrainingCore } from '../../src/client/trainingCore';
import { MIME, type EvaluationPayload, type TrainingPayload } from '../../src/shared/outputs';
import { SEED_MODELS } from '../../src/shared/seedModels';
import { peerSetup, PYTHON } from './python';

const root = path.join(__dirname, '../../..');
// BENCH_CORE runs another build of the core (an older commit's, to measure a change in the same conditions).
const corePath = process.env.BENCH_CORE ?? path.join(root, 'dist/core.js');
const DATA = process.env.BIGMODEL_FASHION_MNIST_DIR ?? '/usr/share/datasets/fashion-mnist';
const BATCH = Number(process.env.BENCH_BATCH ?? 64);
const EPOCHS = Number(process.env.BENCH_EPOCHS ?? 1);
// Both sides get the same threads: the core's wasm backend takes BIGMODEL_WASM_THREADS (unset: every core but one,
// src/core/backends/index.ts), so the bench sets it for the core it starts and gives PyTorch as many.
const THREADS = Math.min(8, Number(process.env.BIGMODEL_WASM_THREADS) || Math.max(1, os.availableParallelism() - 1));
process.env.BIGMODEL_WASM_THREADS = String(THREADS);
// One epoch of the whole training set by default, as a user trains: on a slice of a few thousand images a fresh
// process's first steps (V8 compiling tfjs's JavaScript and tfjs-wasm's functions as they first run) weigh about an
// eighth of the run, and the ratio measured them rather than training (docs/performance.md, "The first steps").
const FULL = 60000;
// Each model runs in rounds, ours then the peer's, and the last line gives the median ratio of the pairs: on this machine,
// shared with other work, six pairs of the same build within an hour gave 0.88-1.16 (docs/performance.md).
const ROUNDS = Math.max(1, Math.floor(Number(process.env.BENCH_ROUNDS ?? 3)) || 1);
const LIMITS: Record<Model, number> = {
  mlp: Number(process.env.BENCH_MLP_LIMIT ?? FULL),
  cnn: Number(process.env.BENCH_CNN_LIMIT ?? FULL),
};

type Model = 'mlp' | 'cnn';
interface Result {
  samplesPerSecond: number;
  /** Samples per second of CPU time (all threads): steadier than wall time on a machine shared with other work. */
  samplesPerCpuSecond: number;
  accuracy: number;
  peakRssBytes: number;
  /** What trained, as the run's record says (at 2 threads: replicas, or one thread and why). */
  device: string;
}

/** The model cell of the seed model the templates and snippets offer (src/shared/seedModels.ts): the bench trains exactly that. */
function modelCell(model: Model): string {
  const cell = SEED_MODELS.find((m) => m.id === model)?.cells.find((c) => c.startsWith('model:'));
  if (!cell) throw new Error(`no model cell for the seed model ${model}`);
  return cell;
}

/** CPU seconds a process has used so far (user + system, all threads), from /proc. */
function cpuSeconds(pid: number | undefined): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are fields 14 and 15 of stat(5), in clock ticks; fields[0] here is field 3.
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

async function ours(model: Model): Promise<Result> {
  const core = await TrainingCore.start({ corePath, backend: (process.env.BENCH_BACKEND as 'wasm') ?? 'auto' });
  try {
    const run = (source: string) => core.runCell({ cellId: model, language: 'bigmodel', source });
    await run(`data:\n  source: fashion-mnist\n  limit: ${LIMITS[model]}\n  seed: 42\n${modelCell(model)}`);
    const cpuBefore = cpuSeconds(core.pid);
    const trained = await run(
      `train: { optimizer: adam, learningRate: 0.001, epochs: ${EPOCHS}, batchSize: ${BATCH} }`,
    );
    const cpu = cpuSeconds(core.pid) - cpuBefore;
    const evaluated = await run('evaluate: { on: test }');
    const training = trained.outputs.flatMap((o) => o.items).find((i) => i.mime === MIME.training)
      ?.data as TrainingPayload;
    const evaluation = evaluated.outputs.flatMap((o) => o.items).find((i) => i.mime === MIME.evaluation)
      ?.data as EvaluationPayload;
    const memory = await core.memory();
    return {
      samplesPerSecond: training.samplesPerSecond,
      samplesPerCpuSecond: (LIMITS[model] * EPOCHS) / cpu,
      accuracy: evaluation.metrics.accuracy,
      peakRssBytes: memory.peakRssBytes,
      device: training.device,
    };
  } finally {
    await core.dispose();
  }
}

let peerDescribed = false;

function pytorch(model: Model): Result | string {
  const probe = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.status !== 0) return `${PYTHON} has no torch (apt-get install python3-torch): peer skipped`;
  const setup = peerSetup(THREADS);
  if (typeof setup === 'string') return `peer skipped: ${setup}`;
  if (!peerDescribed) console.log(`  ${setup.describe}`);
  peerDescribed = true;
  const r = spawnSync(
    PYTHON,
    [
      path.join(root, 'test/bench/torch_peer.py'),
      model,
      String(EPOCHS),
      String(THREADS),
      String(LIMITS[model]),
      String(BATCH),
      DATA,
    ],
    { encoding: 'utf8', env: setup.env },
  );
  if (r.status !== 0) return `the PyTorch peer failed: ${r.stderr.trim().split('\n').pop()}`;
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as Result;
}

const mb = (b: number) => `${Math.round(b / 2 ** 20)} MB`;

/**
 * One round: the core, then the peer, on the same slice; prints both and returns their speeds, or the line to end the
 * bench with when the peer cannot run.
 */
async function sideBySide(model: Model): Promise<{ ours: number; pytorch: number; ratio: number } | string> {
  const a = await ours(model);
  console.log(
    `  ours    ${a.samplesPerSecond.toFixed(0)} samples/s (${a.samplesPerCpuSecond.toFixed(0)} per CPU second), test accuracy ${a.accuracy.toFixed(4)}, core peak RSS ${mb(a.peakRssBytes)}; ${a.device}`,
  );
  const b = pytorch(model);
  if (typeof b === 'string') {
    console.log(`  pytorch ${b}`);
    return `bench: ${model} ours ${a.samplesPerSecond.toFixed(0)} samples/s, pytorch skipped`;
  }
  console.log(
    `  pytorch ${b.samplesPerSecond.toFixed(0)} samples/s (${b.samplesPerCpuSecond.toFixed(0)} per CPU second), test accuracy ${b.accuracy.toFixed(4)}, peak RSS ${mb(b.peakRssBytes)}`,
  );
  const ratio = a.samplesPerSecond / b.samplesPerSecond;
  console.log(
    `  ${model} ours ${a.samplesPerSecond.toFixed(0)} samples/s, pytorch ${b.samplesPerSecond.toFixed(0)} samples/s, ratio ${ratio.toFixed(2)}; per CPU second ratio ${(a.samplesPerCpuSecond / b.samplesPerCpuSecond).toFixed(2)}`,
  );
  // Issue 18 item 5: the same run's peak resident memory side by side (the core's maxRSS, PyTorch's ru_maxrss).
  console.log(
    `  peak RSS ours ${mb(a.peakRssBytes)}, pytorch ${mb(b.peakRssBytes)}, ratio ${(a.peakRssBytes / b.peakRssBytes).toFixed(2)}`,
  );
  return { ours: a.samplesPerSecond, pytorch: b.samplesPerSecond, ratio };
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(DATA, 'train-images-idx3-ubyte.gz'))) {
    console.log(`note: ${DATA} has no Fashion-MNIST; both sides use the sample shipped with the extension`);
  }
  let last = '';
  const models = (process.env.BENCH_MODELS ?? 'mlp,cnn').split(',') as Model[];
  for (const model of models) {
    console.log(
      `${model}: ${LIMITS[model]} training images × ${EPOCHS} epoch(s), batch ${BATCH}, ${THREADS} thread${THREADS === 1 ? '' : 's'} each, ${ROUNDS} round${ROUNDS === 1 ? '' : 's'}`,
    );
    const pairs: { ours: number; pytorch: number; ratio: number }[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const pair = await sideBySide(model);
      if (typeof pair === 'string') {
        last = pair;
        break;
      }
      pairs.push(pair);
    }
    if (pairs.length === 0) continue;
    const ratios = pairs.map((p) => p.ratio);
    last = `bench: ${model} ours ${median(pairs.map((p) => p.ours)).toFixed(0)} samples/s, pytorch ${median(pairs.map((p) => p.pytorch)).toFixed(0)} samples/s, ratio ${median(ratios).toFixed(2)}`;
    if (pairs.length > 1) {
      last += ` (median of ${pairs.length} pairs: ${ratios.map((r) => r.toFixed(2)).join(', ')})`;
      console.log(`  ${last.replace('bench: ', '')}`);
    }
  }
  console.log(last);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
