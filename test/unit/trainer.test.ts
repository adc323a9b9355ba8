// The trainer with real TensorFlow.js: early stopping as Keras does it, metrics that are right while training, and a
// learning rate far too high named in the output.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { LayersModel } from '@tensorflow/tfjs';
import { parseCell } from '../../src/shared/cellSpec';
import { METRICS } from '../../src/shared/cellSchema';
import { trainingText } from '../../src/shared/outputs';
import { CellError } from '../../src/core/cellError';
import { disposeData, loadData, type SessionData, type Split } from '../../src/core/data';
import { evaluate } from '../../src/core/evaluate';
import { buildModel } from '../../src/core/modelBuilder';
import { withSeed } from '../../src/core/seed';
import { train, type TrainingResult } from '../../src/core/trainer';
import { directionOf, earlyStoppingSettings, loggedMetricName, loggedNames } from '../../src/core/training/monitor';

const examples = path.join(__dirname, '../../../examples/data');
const BREAST_CANCER = `data:\n  train: ${examples}/breast-cancer/train.csv\n  label: malignant\n  validation: 0.2\n  seed: 42`;
const SIGMOID =
  'model:\n  layers:\n    - dense: { units: 10, activation: relu }\n    - dense: { units: 1, activation: sigmoid }';

describe('the trainer', function () {
  this.timeout(120000);
  const opened: SessionData[] = [];
  const models: LayersModel[] = [];
  before(() => tf.setBackend('cpu'));
  afterEach(() => {
    opened.splice(0).forEach(disposeData);
    models.splice(0).forEach((m) => m.dispose());
  });
  const load = (yaml: string) => {
    const d = loadData(tf, parseCell(yaml), examples);
    opened.push(d);
    return d;
  };
  /** Builds the model with a fixed seed and trains it, as the session would. */
  const run = (
    data: SessionData,
    modelYaml: string,
    trainYaml: string,
  ): Promise<TrainingResult & { model: LayersModel }> =>
    withSeed(5, async () => {
      const model = buildModel(tf, parseCell(modelYaml), data);
      models.push(model);
      const result = await train(
        tf,
        parseCell(trainYaml),
        model,
        data,
        { backend: 'cpu', device: 'cpu' },
        { stopRequested: false },
        () => undefined,
      );
      return { ...result, model };
    });

  it('says so when a learning rate of 1000000 leaves a classifier at chance (the reported run)', async () => {
    const data = load(BREAST_CANCER);
    const { payload } = await run(data, SIGMOID, 'train: { optimizer: adam, learningRate: 1000000, epochs: 15 }');
    assert.equal(payload.stopped, 'completed');
    assert.equal(payload.learningRate, 1000000);
    assert.deepEqual(payload.trouble, { kind: 'stuck', learningRate: 1000000, suggestedLearningRate: 0.001 });
    const benign = data.classBalance![0].count / (data.classBalance![0].count + data.classBalance![1].count);
    assert.ok(
      payload.epochs.slice(-3).every((e) => e.accuracy <= benign + 0.02),
      JSON.stringify(payload.epochs.map((e) => e.accuracy)),
    );
    assert.match(
      payload.message ?? '',
      /no better than always answering the most common class \(62\.7%\): the learning rate 1000000 is probably too high — try 0\.001/,
    );
    assert.match(trainingText(payload), /— completed\nthe training accuracy stayed at .* try 0\.001$/);

    const sane = await run(data, SIGMOID, 'train: { optimizer: adam, learningRate: 0.01, epochs: 15 }');
    assert.equal(sane.payload.trouble, undefined);
    assert.equal(sane.payload.message, undefined);
    assert.ok(sane.payload.epochs[14].accuracy > 0.9);
  });

  it("calls a loss that climbs past 10× its first epoch's diverging, before any NaN", async () => {
    // One full-batch SGD step per epoch on a linear regression, at a rate past stability: the loss grows ~4× an epoch.
    const data = load(`data:\n  train: ${examples}/ratings/ratings.csv\n  label: rating\n  limit: 64\n  seed: 1`);
    const { payload } = await run(
      data,
      'model:\n  layers:\n    - dense: { units: 1 }',
      'train: { optimizer: sgd, learningRate: 1.5, epochs: 12, batchSize: 64 }',
    );
    assert.equal(payload.stopped, 'completed');
    const losses = payload.epochs.map((e) => e.loss);
    assert.ok(losses.every(Number.isFinite) && losses[11] > 1000 * losses[0], losses.join(' '));
    assert.deepEqual(payload.trouble, { kind: 'diverging', learningRate: 1.5, suggestedLearningRate: 0.01 });
    const crossed = losses.findIndex((l) => l > 10 * losses[0]) + 1;
    assert.match(
      payload.message ?? '',
      new RegExp(
        `the loss rose to .* in epoch ${crossed}, more than 10 times the first epoch's .*: the learning rate 1.5 is probably too high — try 0.01`,
      ),
    );
  });

  it("ends with the best epoch's weights when the epochs run out before patience does", async () => {
    const data = load('data: { source: blobs, validation: 0.2, seed: 3 }');
    const model =
      'model:\n  layers:\n    - dense: { units: 8, activation: relu }\n    - dense: { units: 3, activation: softmax }';
    const result = await run(
      data,
      model,
      'train:\n  epochs: 25\n  learningRate: 0.05\n  earlyStopping: { monitor: val_loss, patience: 50 }',
    );
    const { payload } = result;
    assert.equal(payload.stopped, 'completed');
    assert.equal(payload.epochs.length, 25);
    const best = payload.epochs.reduce((a, e) => (e.val_loss < a.val_loss ? e : a));
    assert.notEqual(best.epoch, 25, "this seed's validation loss bounces, so the best epoch is not the last");
    assert.equal(payload.keptEpoch, best.epoch);
    assert.deepEqual(payload.monitor, { name: 'val_loss', mode: 'min' });
    assert.match(payload.message ?? '', new RegExp(`kept the weights of epoch ${best.epoch}, where val_loss was best`));
    assert.deepEqual(result.finalEpoch, best, "the run record's figures are the kept epoch's");
    const e = await evaluate(tf, parseCell('evaluate: { on: validation }'), result.model, data);
    assert.ok(
      Math.abs(e.metrics.loss - best.val_loss) < 1e-5,
      `restored weights give ${e.metrics.loss}, the best epoch had ${best.val_loss}`,
    );
  });

  it("logs precision, recall and AUC over whole splits, equal to the evaluation's on the same weights", async () => {
    const data = load(BREAST_CANCER);
    const named = ['accuracy', 'precision', 'recall', 'auc', 'binaryAccuracy', 'ce'];
    const result = await run(
      data,
      SIGMOID,
      `train:\n  epochs: 4\n  learningRate: 0.01\n  metrics: [${named.join(', ')}]`,
    );
    const last = result.payload.epochs[3];
    assert.deepEqual(
      Object.keys(last)
        .filter((k) => k !== 'epoch')
        .sort(),
      loggedNames(named, true).sort(),
      'the names a monitor is checked against are the names the run logs',
    );
    // tfjs-layers' own precision compared raw outputs with 1 and showed 0 for a working model.
    assert.ok(last.precision > 0.8 && last.val_precision > 0.8, JSON.stringify(last));
    const e = await evaluate(tf, parseCell('evaluate: { on: validation }'), result.model, data);
    const malignant = e.perClass![1];
    assert.ok(
      Math.abs(last.val_precision - malignant.precision) < 1e-9,
      `${last.val_precision} vs ${malignant.precision}`,
    );
    assert.ok(Math.abs(last.val_recall - malignant.recall) < 1e-9, `${last.val_recall} vs ${malignant.recall}`);
    assert.ok(Math.abs(last.val_auc - e.metrics.auc) < 1e-9, `${last.val_auc} vs ${e.metrics.auc}`);
  });

  it("macro-averages precision for a two-class softmax and lets the user's `mode: max` win even on val_loss", async () => {
    const data = load(BREAST_CANCER);
    // Labels of two named classes arrive one-hot, as a table with text labels gives them.
    const oneHot = (split: Split): Split => ({
      ...split,
      ys: tf.tidy(() => tf.oneHot(split.ys.flatten().toInt(), 2).toFloat()),
    });
    const twoClass: SessionData = {
      ...data,
      task: 'classification',
      train: oneHot(data.train),
      validation: oneHot(data.validation!),
    };
    try {
      const softmax =
        'model:\n  layers:\n    - dense: { units: 10, activation: relu }\n    - dense: { units: 2, activation: softmax }';
      const result = await run(
        twoClass,
        softmax,
        'train:\n  epochs: 6\n  learningRate: 0.01\n  metrics: [accuracy, precision]\n  earlyStopping: { monitor: val_loss, mode: max, patience: 2 }',
      );
      const { payload } = result;
      assert.deepEqual(payload.monitor, { name: 'val_loss', mode: 'max' });
      assert.ok(
        payload.epochs.every((e, i) => i === 0 || e.val_loss < payload.epochs[i - 1].val_loss),
        'val_loss falls every epoch',
      );
      assert.equal(payload.stopped, 'early-stopping');
      assert.equal(payload.epochs.length, 3, 'a falling val_loss is no improvement when the user says `max`');
      assert.equal(payload.keptEpoch, 1);
      // The model holds epoch 1's weights again: the evaluation's per-class precisions average to that epoch's figure.
      const e = await evaluate(tf, parseCell('evaluate: { on: validation }'), result.model, twoClass);
      const macro = (e.perClass![0].precision + e.perClass![1].precision) / 2;
      assert.ok(
        Math.abs(payload.epochs[0].val_precision - macro) < 1e-9,
        `${payload.epochs[0].val_precision} vs ${macro}`,
      );
    } finally {
      tf.dispose([twoClass.train.ys, twoClass.validation!.ys]);
    }
  });

  it('refuses a misspelt monitor at its line, with the closest name and the names the run logs', async () => {
    const data = load(BREAST_CANCER);
    const model = buildModel(tf, parseCell(SIGMOID), data);
    models.push(model);
    const cell = parseCell('train:\n  epochs: 2\n  earlyStopping:\n    monitor: val_los');
    await assert.rejects(
      train(tf, cell, model, data, { backend: 'cpu', device: 'cpu' }, { stopRequested: false }, () => undefined),
      (e: unknown) => {
        assert.ok(e instanceof CellError);
        assert.equal(e.category, 'invalid-cell');
        assert.deepEqual(e.position, { line: 4, column: 5 });
        assert.equal(
          e.message,
          'early stopping watches `val_los`, which this run does not log — did you mean `val_loss`? (the run logs loss, accuracy, val_loss, val_accuracy)',
        );
        return true;
      },
    );
  });

  it('leaks no tensors with computed metrics and early stopping', async () => {
    const data = load(BREAST_CANCER);
    const trainYaml =
      'train:\n  epochs: 3\n  metrics: [accuracy, auc]\n  earlyStopping: { monitor: val_auc, patience: 1 }';
    const first = await run(data, SIGMOID, trainYaml);
    first.model.dispose();
    models.splice(0);
    const before = tf.memory().numTensors;
    const second = await run(data, SIGMOID, trainYaml);
    second.model.optimizer?.dispose();
    second.model.dispose();
    models.splice(0);
    assert.equal(tf.memory().numTensors, before);
  });
});

describe('early stopping settings', () => {
  const settings = (train: string, names = loggedNames(['accuracy'], true), hasValidation = true) =>
    earlyStoppingSettings(parseCell(`train:\n${train}`), names, hasValidation);
  const refusal = (train: string, names?: string[], hasValidation?: boolean) => {
    try {
      settings(train, names, hasValidation);
    } catch (e) {
      assert.ok(e instanceof CellError);
      return `${e.position?.line}:${e.position?.column} ${e.message}`;
    }
    assert.fail('no refusal');
  };

  it('knows which way every figure a run can log improves (`mode: auto`)', () => {
    const max = ['accuracy', 'binaryAccuracy', 'categoricalAccuracy', 'precision', 'recall', 'auc'];
    for (const metric of METRICS) {
      const name = loggedMetricName(metric);
      assert.equal(directionOf(name), max.includes(name) ? 'max' : 'min', name);
      assert.equal(directionOf(`val_${name}`), directionOf(name));
    }
    assert.equal(directionOf('loss'), 'min');
  });

  it('reads `true` as val_loss (or loss without validation), patience 3, the best weights kept', () => {
    assert.deepEqual(settings('  earlyStopping: true'), {
      monitor: 'val_loss',
      mode: 'min',
      patience: 3,
      minDelta: 0,
      restoreBest: true,
    });
    assert.equal(settings('  earlyStopping: true', loggedNames(['accuracy'], false), false)?.monitor, 'loss');
    assert.equal(settings('  earlyStopping: false'), undefined);
    assert.equal(settings('  earlyStopping: { monitor: val_acc }')?.monitor, 'val_accuracy', "Keras's short name");
    const precision = settings('  earlyStopping: { monitor: val_precision }', loggedNames(['precision'], true));
    assert.equal(precision?.mode, 'max', 'val_precision is maximised (a regex for acc|auc minimised it)');
  });

  it('refuses a monitor the run does not log, saying what to do', () => {
    assert.equal(
      refusal('  earlyStopping: { monitor: val_auc }', loggedNames(['accuracy', 'auc'], false), false),
      '2:20 early stopping watches `val_auc`, but there is no validation split: add `validation: 0.1` to the data section',
    );
    assert.equal(
      refusal('  earlyStopping: { monitor: val_recall }'),
      '2:20 early stopping watches `val_recall`, but this run does not log `recall`: add it to `train.metrics` (the run logs loss, accuracy, val_loss, val_accuracy)',
    );
    assert.equal(
      refusal('  earlyStopping: { monitor: sharpness }'),
      '2:20 early stopping watches `sharpness`, which this run does not log (the run logs loss, accuracy, val_loss, val_accuracy)',
    );
    // A mode that is not one is the decoder's to refuse, as the editor does (cellSpec.ts).
    const [mode] = parseCell('train:\n  earlyStopping: { monitor: val_loss, mode: up }').problems;
    assert.equal(
      `${mode.line}:${mode.column} ${mode.message}`,
      '2:45 `train.earlyStopping.mode` is one of `auto`, `min`, `max`, got `up`',
    );
  });
});
