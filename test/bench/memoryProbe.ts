// The core's resident memory after each cell of the bench's CNN run (issue 18 item 5): `VmRSS` (now) and `VmHWM`
// (the peak so far) read from /proc/<core>/status once the data cell, training and evaluate have each returned.
// `node out/test/bench/memoryProbe.js [limit]` (BIGMODEL_WASM_THREADS and BENCH_CORE as for bench.js).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TrainingCore } from '../../src/client/trainingCore';
import { SEED_MODELS } from '../../src/shared/seedModels';

const root = path.join(__dirname, '../../..');
const corePath = process.env.BENCH_CORE ?? path.join(root, 'dist/core.js');
const limit = Number(process.argv[2] ?? 3200);

function status(pid: number | undefined): string {
  const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const mb = (key: string) => Math.round(Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1]) / 1024);
  return `VmRSS ${mb('VmRSS')} MB, VmHWM ${mb('VmHWM')} MB`;
}

async function main(): Promise<void> {
  process.env.BIGMODEL_WASM_THREADS ??= '1';
  const model = SEED_MODELS.find((m) => m.id === 'cnn')?.cells.find((c) => c.startsWith('model:'));
  const core = await TrainingCore.start({ corePath, backend: 'auto' });
  try {
    const run = (source: string) => core.runCell({ cellId: 'probe', language: 'bigmodel', source });
    console.log(`started: ${status(core.pid)}`);
    await run(`data:\n  source: fashion-mnist\n  limit: ${limit}\n  seed: 42`);
    console.log(`after the data cell: ${status(core.pid)}`);
    await run(model ?? '');
    await run('train: { optimizer: adam, learningRate: 0.001, epochs: 1, batchSize: 64 }');
    console.log(`after training: ${status(core.pid)}`);
    await run('evaluate: { on: test }');
    console.log(`after evaluate: ${status(core.pid)}`);
  } finally {
    await core.dispose();
  }
}

void main();
