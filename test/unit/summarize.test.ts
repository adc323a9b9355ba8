// The `summary` section on a real TensorFlow.js model: one-example latency (batch of 1) and batch throughput are
// measured apart, within their time budget, and reach the summary as what they are.
import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import type { SessionData } from '../../src/core/data';
import {
  LATENCY_BUDGET_MS,
  LATENCY_CALLS,
  measurePredictionSpeed,
  summarize,
  THROUGHPUT_BATCH,
} from '../../src/core/summarize';
import { parseCell } from '../../src/shared/cellSpec';
import { noiseRun } from './summaryFixtures';

function model(): tf.LayersModel {
  const m = tf.sequential({
    layers: [
      tf.layers.dense({ units: 32, inputShape: [12], activation: 'relu' }),
      tf.layers.dense({ units: 1, activation: 'sigmoid' }),
    ],
  });
  m.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy' });
  return m;
}

function data(rows: number): SessionData {
  const split = (n: number) => ({ xs: tf.randomNormal([n, 12]), ys: tf.zeros([n, 1]), size: n });
  return {
    source: 'noise.csv',
    task: 'binary',
    inputShape: [12],
    classes: ['no', 'yes'],
    train: split(64),
    test: split(rows),
  };
}

describe('summarize: prediction speed', () => {
  it('times single examples apart from a batch, within the budget, and leaves no tensors', async () => {
    const m = model();
    const d = data(1000);
    const before = tf.memory().numTensors;
    const started = performance.now();
    const speed = await measurePredictionSpeed(tf, m, d);
    const took = performance.now() - started;
    assert.ok(speed);
    assert.equal(speed.batchSize, THROUGHPUT_BATCH);
    assert.ok(speed.calls >= 1 && speed.calls <= LATENCY_CALLS, `${speed.calls} calls`);
    assert.ok(speed.oneExampleMs > 0 && speed.examplesPerSecond > 0);
    // A batch shares each call's fixed cost across its examples: dividing its time by its size (what the summary
    // used to call "time to answer one example") is far below the time one example on its own takes.
    const perExampleInBatchMs = 1000 / speed.examplesPerSecond;
    assert.ok(
      perExampleInBatchMs < speed.oneExampleMs,
      `batch ${perExampleInBatchMs} ms/example vs one example ${speed.oneExampleMs} ms`,
    );
    assert.ok(took < 3 * LATENCY_BUDGET_MS + 2000, `measured in ${took} ms`);
    assert.equal(tf.memory().numTensors, before, 'no tensor left behind');
  });

  it('uses the whole split when it is smaller than a batch', async () => {
    const speed = await measurePredictionSpeed(tf, model(), data(10));
    assert.equal(speed?.batchSize, 10);
    assert.ok(speed && speed.calls >= 1);
  });

  it('reaches the summary as one-example latency and throughput', async () => {
    const run = noiseRun();
    const cell = parseCell('summary: { audience: engineering, language: en, goal: { accuracy: 0.9 } }');
    const p = await summarize(
      tf,
      cell,
      { data: run.data, training: run.training, evaluation: run.evaluation },
      model(),
      data(300),
      'en',
    );
    const latency = p.figures.find((f) => f.name === 'latency.latency');
    const perSecond = p.figures.find((f) => f.name === 'latency.perSecond');
    assert.ok(latency && perSecond, p.markdown);
    assert.match(
      p.markdown,
      new RegExp(
        `Single-sample latency ${latency.text.replace('.', '\\.')} \\(median of \\d+ calls\\); throughput in batches of 256: ${perSecond.text} samples/s`,
      ),
    );
    assert.ok(perSecond.value > 1000 / latency.value);
    assert.equal(p.verdict, 'below-goal', 'the reported case, through the core’s summary section');
  });
});
