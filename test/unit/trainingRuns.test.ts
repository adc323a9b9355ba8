// Training features of the real core process: evaluation, early stopping, seeds, divergence, no tensor leak.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { TrainingCore } from '../../src/client/trainingCore';
import { BigModelError } from '../../src/shared/bigModelError';
import { MIME, type EvaluationPayload, type SummaryPayload, type TrainingPayload } from '../../src/shared/outputs';
import type { CellOutput } from '../../src/shared/protocol';

const corePath = path.join(__dirname, '../../../dist/core.js');
const item = <T>(outputs: CellOutput[], mime: string): T => {
  const found = outputs.flatMap((o) => o.items).find((i) => i.mime === mime);
  assert.ok(found, `an output of ${mime}`);
  return found.data as T;
};
const BLOBS =
  'data: { source: blobs, validation: 0.2, seed: 3 }\nmodel:\n  layers:\n    - dense: { units: 8, activation: relu }\n    - dense: { units: 3, activation: softmax }';

describe('training runs in the core', function () {
  let core: TrainingCore;
  beforeEach(async () => {
    core = await TrainingCore.start({ corePath, backend: 'auto' });
  });
  afterEach(() => core.dispose());
  const run = (source: string) => core.runCell({ cellId: 'c', language: 'bigmodel', source });

  it('evaluates a classifier on the test split: confusion matrix with class names, per-class scores', async () => {
    await run(BLOBS);
    const result = await run('train: { epochs: 15, learningRate: 0.05 }\nevaluate: { on: test }');
    const e = item<EvaluationPayload>(result.outputs, MIME.evaluation);
    assert.equal(e.on, 'test');
    assert.equal(e.samples, 300);
    assert.deepEqual(e.confusionMatrix?.labels, ['blob 1', 'blob 2', 'blob 3']);
    const total = e.confusionMatrix!.values.flat().reduce((a, b) => a + b, 0);
    assert.equal(total, 300);
    const diagonal = e.confusionMatrix!.values.reduce((a, row, i) => a + row[i], 0);
    assert.equal(e.metrics.accuracy, diagonal / 300);
    assert.ok(e.metrics.accuracy > 0.8, `accuracy ${e.metrics.accuracy}`);
    assert.equal(e.perClass?.length, 3);
    assert.equal(
      e.perClass!.reduce((a, c) => a + c.support, 0),
      300,
    );
    assert.ok(Number.isFinite(e.metrics.loss));
  });

  it('reports ROC AUC for a binary classifier', async () => {
    await run(
      'data: { source: xor, seed: 1 }\nmodel:\n  layers:\n    - dense: { units: 16, activation: relu }\n    - dense: { units: 1, activation: sigmoid }',
    );
    const e = item<EvaluationPayload>(
      (await run('train: { epochs: 20, learningRate: 0.03 }\nevaluate: {}')).outputs,
      MIME.evaluation,
    );
    assert.ok(e.metrics.auc > 0.9 && e.metrics.auc <= 1, `auc ${e.metrics.auc}`);
    assert.ok(e.roc && e.roc.fpr.length === e.roc.tpr.length && e.roc.fpr[0] === 0);
  });

  it('returns a run record for metadata.runs', async () => {
    await run(BLOBS);
    const result = await run('train: { epochs: 2, batchSize: 16 }');
    assert.ok(result.run);
    assert.equal(result.run.epochs, 2);
    assert.equal(result.run.backend, 'wasm');
    assert.equal(result.run.hyperparameters.batchSize, 16);
    assert.match(result.run.specHash, /^[0-9a-f]{12}$/);
    assert.ok(Number.isFinite(result.run.final.loss));
  });

  it('stops early when validation loss stops improving, and restores the best weights', async () => {
    await run(BLOBS);
    // A learning rate this high makes validation loss bounce: early stopping must catch it.
    const result = await run(
      'train:\n  epochs: 200\n  learningRate: 0.05\n  earlyStopping: { monitor: val_loss, patience: 2, restoreBest: true }',
    );
    const p = item<TrainingPayload>(result.outputs, MIME.training);
    assert.equal(p.stopped, 'early-stopping');
    assert.ok(p.epochs.length < 200);
    const best = Math.min(...p.epochs.map((e) => e.val_loss));
    const bestEpoch = p.epochs.find((e) => e.val_loss === best)!.epoch;
    assert.equal(p.epochs.length, bestEpoch + 2, 'stopped exactly `patience` epochs after the best');
    assert.match(p.message ?? '', new RegExp(`weights of epoch ${bestEpoch}`));
    const e = item<EvaluationPayload>((await run('evaluate: { on: validation }')).outputs, MIME.evaluation);
    assert.ok(
      Math.abs(e.metrics.loss - best) < 1e-4,
      `restored weights give val loss ${e.metrics.loss}, best was ${best}`,
    );
  });

  it('makes the same run twice with the same seed', async () => {
    const train = 'train: { epochs: 3, seed: 11 }';
    await run(BLOBS);
    const first = item<TrainingPayload>((await run(train)).outputs, MIME.training).epochs.map((e) => e.loss);
    const other = await TrainingCore.start({ corePath, backend: 'auto' });
    try {
      await other.runCell({ cellId: 'c', language: 'bigmodel', source: BLOBS });
      const second = item<TrainingPayload>(
        (await other.runCell({ cellId: 'c', language: 'bigmodel', source: train })).outputs,
        MIME.training,
      ).epochs.map((e) => e.loss);
      assert.deepEqual(second, first);
    } finally {
      await other.dispose();
    }
  });

  it('stops a diverging run and says why', async () => {
    // Cross-entropy is clipped in tfjs, so it stays finite; a squared error with a learning rate this high does not.
    await run(
      'data: { source: xor, seed: 3 }\nmodel:\n  layers:\n    - dense: { units: 8 }\n    - dense: { units: 1 }',
    );
    await assert.rejects(
      run('train: { epochs: 20, optimizer: sgd, learningRate: 10, loss: meanSquaredError }'),
      (e: unknown) => {
        assert.ok(e instanceof BigModelError);
        assert.equal(e.category, 'training');
        assert.match(e.message, /loss became NaN or infinite: the learning rate is probably too high/);
        const p = item<TrainingPayload>(e.outputs ?? [], MIME.training);
        assert.equal(p.stopped, 'diverged');
        return true;
      },
    );
  });

  it('writes the summary from the run, judges the goal, and follows the display language', async () => {
    await run(BLOBS);
    const result = await run(
      'train: { epochs: 15, learningRate: 0.05 }\nevaluate: { on: test }\nsummary: { goal: { accuracy: 0.8 }, audience: product }',
    );
    const s = item<SummaryPayload>(result.outputs, MIME.summary);
    const e = item<EvaluationPayload>(result.outputs, MIME.evaluation);
    assert.equal(s.language, 'en');
    assert.equal(s.verdict, e.metrics.accuracy >= 0.8 ? 'meets-goal' : 'below-goal');
    assert.ok(
      s.markdown.includes(`${(e.metrics.accuracy * 100).toFixed(1)}%`),
      'the headline quotes the measured accuracy',
    );
    const zh = await TrainingCore.start({ corePath, backend: 'auto', displayLanguage: 'zh-cn' });
    try {
      await zh.runCell({ cellId: 'c', language: 'bigmodel', source: BLOBS });
      const out = await zh.runCell({
        cellId: 'c',
        language: 'bigmodel',
        source: 'train: { epochs: 2 }\nevaluate: {}\nsummary: { language: auto }',
      });
      const zs = item<SummaryPayload>(out.outputs, MIME.summary);
      assert.equal(zs.language, 'zh-cn');
      assert.match(zs.markdown, /[\u4e00-\u9fff]/);
      assert.equal(zs.verdict, 'no-goal');
    } finally {
      await zh.dispose();
    }
  });

  it('refuses a summary before anything was trained, at the summary line', async () => {
    await assert.rejects(run('data: { source: xor }\nsummary: { audience: product }'), (e: unknown) => {
      assert.ok(e instanceof BigModelError);
      assert.equal(e.position?.line, 2);
      assert.match(e.message, /nothing to summarise yet/);
      return true;
    });
  });

  it('leaks no tensors across epochs or runs', async () => {
    await run(BLOBS);
    await run('train: { epochs: 1 }');
    const after1 = (await core.memory()).numTensors;
    await run('train: { epochs: 6 }');
    const after6 = (await core.memory()).numTensors;
    await run('train: { epochs: 3 }\nevaluate: {}');
    const afterEval = (await core.memory()).numTensors;
    assert.equal(after6, after1, `tensors after 1 epoch: ${after1}, after 6 more: ${after6}`);
    assert.equal(afterEval, after1, 'evaluation leaves no tensors');
  });
});
