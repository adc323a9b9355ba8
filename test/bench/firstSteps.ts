// How a fresh core's first training steps go: the core's start, the time to the first batch, then ms a batch between
// progress reports (about every 125 ms), for the seed CNN through the real core, as a user's first `train:` cell runs.
//   BIGMODEL_WASM_THREADS=1 [BENCH_CORE=<build>/dist/core.js] [BENCH_CNN_LIMIT=3200] node out/test/bench/firstSteps.js
// Run it several times, alternating builds: one run moves with the machine's load (docs/performance.md, "The first steps").
import * as path from 'node:path';
import { TrainingCore } from '../../src/client/trainingCore';
import { MIME, type TrainingPayload } from '../../src/shared/outputs';
import { SEED_MODELS } from '../../src/shared/seedModels';

async function main(): Promise<void> {
  const corePath = process.env.BENCH_CORE ?? path.join(__dirname, '../../../dist/core.js');
  const limit = Number(process.env.BENCH_CNN_LIMIT ?? 3200);
  const cell = SEED_MODELS.find((m) => m.id === 'cnn')?.cells.find((c) => c.startsWith('model:'));
  if (!cell) throw new Error('no model cell for the seed CNN');
  const startedAt = performance.now();
  const core = await TrainingCore.start({ corePath, backend: 'auto' });
  const startMs = performance.now() - startedAt;
  try {
    const run = (source: string) => core.runCell({ cellId: 'cnn', language: 'bigmodel', source });
    await run(`data:\n  source: fashion-mnist\n  limit: ${limit}\n  seed: 42\n${cell}`);
    const t0 = performance.now();
    const spans: string[] = [];
    let last = { batch: 0, at: 0 };
    core.onCellOutputs((p) => {
      const training = p.outputs.flatMap((o) => o.items).find((i) => i.mime === MIME.training)?.data as
        TrainingPayload | undefined;
      const batch = training?.progress?.batch;
      if (batch === undefined || batch <= last.batch) return;
      const at = performance.now() - t0;
      spans.push(`${batch}:${((at - last.at) / (batch - last.batch)).toFixed(1)}`);
      last = { batch, at };
    });
    await run('train: { optimizer: adam, learningRate: 0.001, epochs: 1, batchSize: 64 }');
    const [first, ...rest] = spans;
    console.log(
      `core start ${startMs.toFixed(0)} ms; the first batch done ${first?.split(':')[1]} ms after the train cell began; the train cell ${(performance.now() - t0).toFixed(0)} ms`,
    );
    console.log(`ms a batch, by batch reached: ${rest.join(' ')}`);
  } finally {
    await core.dispose();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
