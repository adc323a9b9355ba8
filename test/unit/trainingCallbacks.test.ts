// Each training callback on its own, against a fake model (as Keras tests its callbacks), and the list that composes them.
import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs';
import type { EpochRecord, TrainingPayload } from '../../src/shared/outputs';
import { composeCallbacks, type TrainedModel, type TrainingCallback } from '../../src/core/training/callbacks';
import { EarlyStopping } from '../../src/core/training/earlyStopping';
import { EpochMetrics, TRAINING_SAMPLE_ROWS } from '../../src/core/training/epochMetrics';
import type { EarlyStoppingSettings } from '../../src/core/training/monitor';
import { PROGRESS_INTERVAL_MS, Progress } from '../../src/core/training/progress';
import { StopOnNonFinite } from '../../src/core/training/stopOnNonFinite';
import { StopOnRequest } from '../../src/core/training/stopOnRequest';
import { suggestedLearningRate, TroubleWatch, type Trouble } from '../../src/core/training/trouble';

/** A model that is one weight: `train(v)` stands for an epoch that left the weight at v; `predict` answers fixed rows. */
class FakeModel implements TrainedModel {
  stopTraining = false;
  weight: Tensor;
  setCalls = 0;
  constructor(
    value = 0,
    private readonly answers?: number[][],
  ) {
    this.weight = tf.scalar(value);
  }
  train(value: number): void {
    this.weight.dispose();
    this.weight = tf.scalar(value);
  }
  value(): number {
    return this.weight.dataSync()[0];
  }
  getWeights(): Tensor[] {
    return [this.weight];
  }
  setWeights(weights: Tensor[]): void {
    this.setCalls++;
    this.train(weights[0].dataSync()[0]);
  }
  /** The answers for the rows `x` holds, each row's first feature being its index. */
  predict(x: Tensor): Tensor {
    const rows = Array.from(x.slice([0, 0], [-1, 1]).dataSync());
    return tf.tensor2d(rows.map((r) => this.answers![r]));
  }
  dispose(): void {
    this.weight.dispose();
  }
}

const settings = (o: Partial<EarlyStoppingSettings> = {}): EarlyStoppingSettings => ({
  monitor: 'val_loss',
  mode: 'min',
  patience: 2,
  minDelta: 0,
  restoreBest: true,
  ...o,
});
const record = (epoch: number, figures: Record<string, number>): EpochRecord => ({ epoch, loss: 1, ...figures });

/** Runs epochs of (weight after the epoch, its record) through one callback, as fit would, then ends training. */
function runEpochs(callback: TrainingCallback, model: FakeModel, epochs: [number, Record<string, number>][]): number {
  let ran = 0;
  for (const [i, [weight, figures]] of epochs.entries()) {
    model.train(weight);
    callback.onEpochEnd?.(i + 1, record(i + 1, figures), model);
    ran++;
    if (model.stopTraining) break;
  }
  callback.onTrainEnd?.(model);
  return ran;
}

describe('training callbacks', () => {
  let model: FakeModel;
  let tensorsBefore: number;
  beforeEach(async () => {
    await tf.setBackend('cpu');
    tensorsBefore = tf.memory().numTensors;
    model = new FakeModel();
  });
  afterEach(() => {
    model.dispose();
    assert.equal(tf.memory().numTensors, tensorsBefore, 'the callback freed every weight it saved');
  });

  describe('EarlyStopping', () => {
    it("stops `patience` epochs after the best and puts the best epoch's weights back", () => {
      const early = new EarlyStopping(settings());
      const ran = runEpochs(early, model, [
        [10, { val_loss: 1.0 }],
        [20, { val_loss: 0.8 }],
        [30, { val_loss: 0.9 }],
        [40, { val_loss: 0.85 }],
        [50, { val_loss: 0.1 }],
      ]);
      assert.equal(ran, 4);
      assert.equal(early.stoppedEpoch, 4);
      assert.equal(early.keptEpoch, 2);
      assert.equal(model.value(), 20);
    });

    it('puts the best weights back also when the epochs run out before patience does (Keras restores at the end of training)', () => {
      const early = new EarlyStopping(settings({ patience: 10 }));
      runEpochs(early, model, [
        [1, { val_loss: 0.5 }],
        [2, { val_loss: 0.3 }],
        [3, { val_loss: 0.4 }],
      ]);
      assert.equal(early.stoppedEpoch, 0, 'patience never ran out');
      assert.equal(early.keptEpoch, 2);
      assert.equal(model.value(), 2);
    });

    it('keeps the last weights when the last epoch is the best, or when restoreBest is off', () => {
      const best = new EarlyStopping(settings());
      runEpochs(best, model, [
        [1, { val_loss: 0.5 }],
        [2, { val_loss: 0.3 }],
      ]);
      assert.equal(best.keptEpoch, undefined);
      assert.equal(model.setCalls, 0);
      const off = new EarlyStopping(settings({ restoreBest: false }));
      runEpochs(off, model, [
        [1, { val_loss: 0.5 }],
        [2, { val_loss: 0.6 }],
        [3, { val_loss: 0.7 }],
      ]);
      assert.equal(off.stoppedEpoch, 3);
      assert.equal(off.keptEpoch, undefined);
      assert.equal(model.value(), 3);
    });

    it('in `max` mode a larger value is better (val_precision)', () => {
      const early = new EarlyStopping(settings({ monitor: 'val_precision', mode: 'max' }));
      runEpochs(early, model, [
        [1, { val_precision: 0.5 }],
        [2, { val_precision: 0.7 }],
        [3, { val_precision: 0.6 }],
        [4, { val_precision: 0.65 }],
      ]);
      assert.deepEqual(
        [early.bestEpoch, early.best, early.stoppedEpoch, early.keptEpoch, model.value()],
        [2, 0.7, 4, 2, 2],
      );
    });

    it('counts an improvement smaller than minDelta as none', () => {
      const early = new EarlyStopping(settings({ minDelta: 0.05 }));
      runEpochs(early, model, [
        [1, { val_loss: 1.0 }],
        [2, { val_loss: 0.97 }],
        [3, { val_loss: 0.96 }],
      ]);
      assert.deepEqual([early.bestEpoch, early.stoppedEpoch, early.keptEpoch], [1, 3, 1]);
    });

    it('lets an epoch without the figure (cut short by a stop) use up no patience, and NaN never improve', () => {
      const early = new EarlyStopping(settings({ patience: 1 }));
      runEpochs(early, model, [
        [1, { val_loss: 0.5 }],
        [2, {}],
      ]);
      assert.equal(early.stoppedEpoch, 0);
      assert.equal(early.keptEpoch, 1, "the partial epoch's weights are not the best epoch's");
      assert.equal(model.value(), 1);
      const nan = new EarlyStopping(settings({ patience: 1 }));
      runEpochs(nan, model, [
        [1, { val_loss: 0.5 }],
        [2, { val_loss: NaN }],
      ]);
      assert.deepEqual([nan.stoppedEpoch, nan.keptEpoch], [2, 1]);
    });

    it('frees its saved weights when training ends by an exception (dispose)', () => {
      const early = new EarlyStopping(settings());
      model.train(7);
      const before = tf.memory().numTensors;
      early.onEpochEnd(1, record(1, { val_loss: 0.5 }), model);
      assert.equal(tf.memory().numTensors, before + 1, 'a copy of the best weights');
      early.dispose();
    });
  });

  describe('StopOnNonFinite and StopOnRequest', () => {
    it('stop after a batch whose loss is NaN or infinite, and remember the epoch', () => {
      for (const bad of [NaN, Infinity, -Infinity]) {
        const guard = new StopOnNonFinite();
        const m = { stopTraining: false } as TrainedModel;
        guard.onEpochBegin(3);
        guard.onBatchEnd(0, { loss: 0.7 }, m);
        assert.equal(m.stopTraining, false);
        guard.onBatchEnd(1, { loss: bad }, m);
        assert.equal(m.stopTraining, true, String(bad));
        assert.equal(guard.stoppedEpoch, 3);
      }
    });

    it('stop after the batch in flight once the user asks', () => {
      const control = { stopRequested: false };
      const stop = new StopOnRequest(control);
      stop.onBatchEnd(0, { loss: 1 }, model);
      assert.equal(model.stopTraining, false);
      control.stopRequested = true;
      stop.onBatchEnd(1, { loss: 1 }, model);
      assert.equal(model.stopTraining, true);
      assert.equal(stop.stopped, true);
    });
  });

  describe('Progress', () => {
    it('keeps the payload current and sends it at most every PROGRESS_INTERVAL_MS, epoch records included', () => {
      let now = 1000;
      const sent: TrainingPayload[] = [];
      const payload: TrainingPayload = {
        schema: 1,
        state: 'running',
        epochs: [],
        totalEpochs: 2,
        backend: 'cpu',
        device: 'cpu',
        samplesPerSecond: 0,
      };
      const progress = new Progress(payload, {
        epochs: 2,
        batchSize: 10,
        batchesPerEpoch: 4,
        report: (p) => sent.push(structuredClone(p)),
        now: () => now,
      });
      progress.onEpochBegin(1);
      now += 500;
      progress.onBatchEnd(0, { loss: 0.9, size: 10 });
      now += 50;
      progress.onBatchEnd(1, { loss: 0.8, size: 10 });
      assert.equal(sent.length, 1, 'the second batch came 50 ms after the first report');
      assert.deepEqual(sent[0].progress, {
        epoch: 1,
        batch: 1,
        batchesPerEpoch: 4,
        loss: 0.9,
        samplesPerSecond: 20,
        etaSeconds: 3.5,
      });
      now += PROGRESS_INTERVAL_MS;
      progress.onEpochEnd(1, record(1, { accuracy: 0.5 }));
      assert.equal(sent.length, 2);
      assert.deepEqual(sent[1].epochs, [{ epoch: 1, loss: 1, accuracy: 0.5 }]);
      assert.equal(payload.progress?.batch, 2);
      progress.onEpochEnd(2, { epoch: 2, loss: NaN });
      assert.equal(payload.epochs.length, 1, 'an epoch with a NaN loss has nothing to draw');
    });
  });

  describe('TroubleWatch', () => {
    const watch = (o: { learningRate?: number; majorityShare?: number; seen?: (Trouble | undefined)[] }) =>
      new TroubleWatch({
        learningRate: o.learningRate ?? 0.001,
        usualLearningRate: 0.001,
        majorityShare: o.majorityShare,
        onChange: (t) => o.seen?.push(t),
      });

    it("calls a loss more than 10× the first epoch's diverging, and clears it when the loss comes back under", () => {
      const seen: (Trouble | undefined)[] = [];
      const w = watch({ learningRate: 0.05, seen });
      for (const [i, loss] of [0.7, 2, 6.9].entries()) w.onEpochEnd(i + 1, record(i + 1, { loss }));
      assert.equal(w.evidence, undefined, '6.9 is under 10 × 0.7');
      w.onEpochEnd(4, record(4, { loss: 9 }));
      assert.deepEqual(w.evidence, { kind: 'diverging', epoch: 4, loss: 9, firstLoss: 0.7 });
      assert.deepEqual(w.trouble, { kind: 'diverging', learningRate: 0.05, suggestedLearningRate: 0.001 });
      w.onEpochEnd(5, record(5, { loss: 8 }));
      assert.deepEqual(
        w.evidence,
        { kind: 'diverging', epoch: 4, loss: 9, firstLoss: 0.7 },
        'still above the bar: the first sighting stands',
      );
      w.onEpochEnd(6, record(6, { loss: 0.5 }));
      assert.equal(w.evidence, undefined);
      assert.deepEqual(
        seen.map((t) => t?.kind),
        ['diverging', undefined],
      );
    });

    it("does not judge a first loss of 0 or less, or a NaN (the NaN guard's)", () => {
      const w = watch({});
      for (const [i, loss] of [-0.3, -0.1, 5, NaN].entries()) w.onEpochEnd(i + 1, record(i + 1, { loss }));
      assert.equal(w.evidence, undefined);
    });

    it('calls a classifier stuck when training accuracy stays at the majority share for 3 epochs with a large rate', () => {
      // The reported run: adam with learningRate 1000000 on the breast-cancer table (61.9% benign).
      const w = watch({ learningRate: 1e6, majorityShare: 0.619 });
      const accuracies = [0.46, 0.4767, 0.4795, 0.4795];
      w.onEpochEnd(1, record(1, { loss: 7.8, accuracy: accuracies[0] }));
      w.onEpochEnd(2, record(2, { loss: 8.3, accuracy: accuracies[1] }));
      assert.equal(w.evidence, undefined, 'two epochs are not yet "stays"');
      w.onEpochEnd(3, record(3, { loss: 8.3, accuracy: accuracies[2] }));
      assert.deepEqual(w.evidence, { kind: 'stuck', epochs: 3, accuracy: 0.4795, majorityShare: 0.619 });
      assert.deepEqual(w.trouble, { kind: 'stuck', learningRate: 1e6, suggestedLearningRate: 0.001 });
      w.onEpochEnd(4, record(4, { loss: 0.3, accuracy: 0.95 }));
      assert.equal(w.evidence, undefined, 'a model that escapes is no longer stuck');
    });

    it('leaves a stuck-looking classifier alone when the learning rate is ordinary, or when there is no accuracy', () => {
      const ordinary = watch({ learningRate: 0.01, majorityShare: 0.5 });
      const noAccuracy = watch({ learningRate: 1, majorityShare: 0.5 });
      for (let e = 1; e <= 5; e++) {
        ordinary.onEpochEnd(e, record(e, { accuracy: 0.5 }));
        noAccuracy.onEpochEnd(e, record(e, { precision: 0.5 }));
      }
      assert.equal(ordinary.evidence, undefined);
      assert.equal(noAccuracy.evidence, undefined);
      const large = watch({ learningRate: 0.1, majorityShare: 0.5 });
      for (let e = 1; e <= 3; e++) large.onEpochEnd(e, record(e, { binaryAccuracy: 0.515 }));
      assert.equal(large.evidence?.kind, 'stuck', '0.1 is large, and 0.515 is within 2 points of 0.5');
    });

    it("suggests the optimizer's usual rate or a tenth of the current one, whichever is smaller", () => {
      assert.equal(suggestedLearningRate({ learningRate: 1e6, usualLearningRate: 0.001 }), 0.001);
      assert.equal(suggestedLearningRate({ learningRate: 0.007, usualLearningRate: 0.01 }), 0.0007);
      assert.equal(suggestedLearningRate({ learningRate: 0.7, usualLearningRate: 0.01 }), 0.01);
    });
  });

  describe('EpochMetrics', () => {
    // Binary labels and sigmoid answers whose scikit-learn figures classifierScores.test.ts derives:
    // precision 0.7142857142857143, recall 0.8333333333333334, AUC 0.875.
    const Y = [1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1];
    const P = [0.9, 0.4, 0.35, 0.8, 0.5, 0.2, 0.7, 0.6, 0.5, 0.1, 0.3, 0.65];
    const split = (rows: number[], labels: number[][]) => ({
      xs: tf.tensor2d(rows.map((r) => [r])),
      ys: tf.tensor2d(labels),
      size: rows.length,
    });

    it("adds precision, recall and AUC over the whole training and validation splits to the epoch's record", async () => {
      const answers = P.map((p) => [p]);
      const fake = new FakeModel(0, answers);
      const train = split(
        Y.map((_, i) => i),
        Y.map((y) => [y]),
      );
      // Validation: the first four rows. Rows 0 and 3 are called positive and are; row 2 (0.35) is a missed positive, and
      // row 1, the one negative, scores 0.4: precision 1, recall 2/3, and 2 of the 3 positives rank above the negative.
      const validation = split(
        [0, 1, 2, 3],
        Y.slice(0, 4).map((y) => [y]),
      );
      const metrics = new EpochMetrics(tf, ['precision', 'recall', 'auc'], { train, validation });
      metrics.onTrainBegin();
      const logs = record(1, { val_loss: 0.5 });
      await metrics.onEpochEnd(1, logs, fake);
      const close = (k: string, v: number) =>
        assert.ok(Math.abs(logs[k] - v) < 1e-6, `${k}: ${logs[k]}, expected ${v}`);
      close('precision', 0.7142857142857143);
      close('recall', 0.8333333333333334);
      close('auc', 0.875);
      close('val_precision', 1);
      close('val_recall', 2 / 3);
      close('val_auc', 2 / 3);
      metrics.dispose();
      fake.dispose();
      tf.dispose([train.xs, train.ys, validation.xs, validation.ys]);
    });

    it('reads a two-unit softmax for binary labels and macro-averages one-hot labels; skips an epoch a batch cut short', async () => {
      const softmax = new FakeModel(
        0,
        P.map((p) => [1 - p, p]),
      );
      const train = split(
        Y.map((_, i) => i),
        Y.map((y) => [y]),
      );
      const metrics = new EpochMetrics(tf, ['precision'], { train });
      metrics.onTrainBegin();
      const logs = record(1, {});
      await metrics.onEpochEnd(1, logs, softmax);
      assert.ok(Math.abs(logs.precision - 0.7142857142857143) < 1e-6, String(logs.precision));
      assert.equal(logs.val_precision, undefined, 'no validation split, no val_ figures');
      softmax.stopTraining = true;
      const cut = record(2, {});
      await metrics.onEpochEnd(2, cut, softmax);
      assert.equal(cut.precision, undefined);
      // One-hot labels of two classes: scikit-learn's macro precision over argmax, where the two 0.5 ties go to class 0:
      // class 1 is right in 4 of its 5 calls, class 0 in 5 of its 7.
      const oneHot = split(
        Y.map((_, i) => i),
        Y.map((y) => [1 - y, y]),
      );
      const twoClass = new EpochMetrics(tf, ['precision'], { train: oneHot });
      twoClass.onTrainBegin();
      softmax.stopTraining = false;
      const macro = record(1, {});
      await twoClass.onEpochEnd(1, macro, softmax);
      assert.ok(Math.abs(macro.precision - (4 / 5 + 5 / 7) / 2) < 1e-6, String(macro.precision));
      metrics.dispose();
      twoClass.dispose();
      softmax.dispose();
      tf.dispose([train.xs, train.ys, oneHot.xs, oneHot.ys]);
    });

    it('scores at most TRAINING_SAMPLE_ROWS training rows, evenly spaced, and frees the sample', async () => {
      const n = TRAINING_SAMPLE_ROWS * 2 + 1;
      // The sample takes about every second row; labels alternate along it. Every positive in the second half is missed,
      // so recall over an even sample is 1/2, where the first TRAINING_SAMPLE_ROWS rows alone would give 1.
      const labels = Array.from({ length: n }, (_, i) => [Math.floor(i / 2) % 2]);
      const fake = new FakeModel(
        0,
        labels.map(([y], i) => [y === 1 && i > n / 2 ? 0.2 : y]),
      );
      const train = split(
        labels.map((_, i) => i),
        labels,
      );
      const metrics = new EpochMetrics(tf, ['recall'], { train });
      metrics.onTrainBegin();
      const logs = record(1, {});
      await metrics.onEpochEnd(1, logs, fake);
      assert.ok(Math.abs(logs.recall - 0.5) < 0.001, `recall ${logs.recall}: the sample spans the whole split`);
      metrics.dispose();
      fake.dispose();
      tf.dispose([train.xs, train.ys]);
    });
  });

  describe('composeCallbacks', () => {
    it("runs the list in order with epochs from 1, one shared record in the payload's names, and the model", async () => {
      const seen: string[] = [];
      const first: TrainingCallback = {
        onEpochBegin: (e) => void seen.push(`begin ${e}`),
        onBatchEnd: (b, logs) => void seen.push(`batch ${b} ${logs.loss} ${logs.size}`),
        onEpochEnd: (e, logs) => {
          logs.precision = 0.5;
          seen.push(`first ${e} ${Object.keys(logs).join(',')}`);
        },
      };
      const second: TrainingCallback = {
        onEpochEnd: (_e, logs, m) => {
          seen.push(`second ${logs.precision} ${logs.val_accuracy}`);
          m.stopTraining = true;
        },
        onTrainEnd: () => void seen.push('end'),
      };
      const tfCallbacks = composeCallbacks([first, second], model);
      await tfCallbacks.onTrainBegin();
      await tfCallbacks.onEpochBegin(0);
      await tfCallbacks.onBatchEnd(0, { loss: 0.25, size: 8 });
      await tfCallbacks.onEpochEnd(0, { loss: 0.25, acc: 0.75, val_loss: 0.5, val_acc: 0.5 });
      await tfCallbacks.onTrainEnd();
      assert.deepEqual(seen, [
        'begin 1',
        'batch 0 0.25 8',
        'first 1 epoch,loss,accuracy,val_loss,val_accuracy,precision',
        'second 0.5 0.5',
        'end',
      ]);
      assert.equal(model.stopTraining, true);
    });
  });
});
