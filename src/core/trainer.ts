// Trains the session's model on its data through a list of small callbacks (src/core/training), and reports the run.
import * as l10n from '@vscode/l10n';
import type { LayersModel, Tensor } from '@tensorflow/tfjs';
import type { ParsedCell } from '../shared/cellSpec';
import type { EpochRecord, StopReason, TrainingPayload } from '../shared/outputs';
import { CellError } from './cellError';
import type { SessionData } from './data';
import { validateTraining } from './modelValidation';
import type { Tf } from './tf';
import { composeCallbacks, disposeCallbacks, type TrainingCallback } from './training/callbacks';
import type { DataParallel } from './training/dataParallel';
import { isClassifierScore, type ClassifierScore } from './training/classifierScores';
import { EarlyStopping } from './training/earlyStopping';
import { EpochMetrics } from './training/epochMetrics';
import { endMessage } from './training/endMessage';
import { earlyStoppingSettings, loggedNames } from './training/monitor';
import { learningRateOf, makeOptimizer, optimizerName, usualLearningRate } from './training/optimizer';
import { Progress } from './training/progress';
import { StopOnNonFinite } from './training/stopOnNonFinite';
import { StopOnRequest, type TrainingControl } from './training/stopOnRequest';
import { TroubleWatch } from './training/trouble';

export type { TrainingControl } from './training/stopOnRequest';

export interface TrainingResult {
  payload: TrainingPayload;
  history: Record<string, number[]>;
  durationMs: number;
  hyperparameters: Record<string, unknown>;
  /**
   * The record that describes the weights the model has now: the kept epoch's where early stopping put the best weights
   * back, else the last epoch's (a run record's `final` figures). Undefined when no epoch has a finite loss.
   */
  finalEpoch?: EpochRecord;
}

/** Where a run trains, for its record, and the replicas of the model that share its batches where there are any. */
export interface TrainingEnv {
  backend: string;
  device: string;
  parallel?: DataParallel;
}

export async function train(
  tf: Tf,
  cell: ParsedCell,
  model: LayersModel,
  data: SessionData,
  env: TrainingEnv,
  control: TrainingControl,
  report: (p: TrainingPayload) => void,
): Promise<TrainingResult> {
  const epochs = cell.spec.train?.epochs ?? 10;
  const batchSize = cell.spec.train?.batchSize ?? 32;
  const optimizer = makeOptimizer(tf, cell);
  const loss = validateTraining(cell, model, data);
  const { compiled, computed } = metricsOf(cell, data);
  const early = earlyStoppingSettings(
    cell,
    loggedNames([...compiled, ...computed], data.validation !== undefined),
    data.validation !== undefined,
  );
  const learningRate = learningRateOf(cell);
  try {
    // A model trained before holds its last optimizer's state (Adam's moments): free it before the new one.
    model.optimizer?.dispose();
    model.compile({ optimizer, loss, metrics: compiled });
  } catch (e) {
    throw new CellError(
      'invalid-cell',
      l10n.t('cannot compile the model: {0}', (e as Error).message),
      cell.locate(['train']),
    );
  }

  const payload: TrainingPayload = {
    schema: 1,
    state: 'running',
    epochs: [],
    totalEpochs: epochs,
    backend: env.backend,
    device: env.device,
    samplesPerSecond: 0,
    learningRate,
  };
  if (early) payload.monitor = { name: early.monitor, mode: early.mode };
  const nonFinite = new StopOnNonFinite();
  const request = new StopOnRequest(control);
  const earlyStopping = early && new EarlyStopping(early);
  const trouble = new TroubleWatch({
    learningRate,
    usualLearningRate: usualLearningRate(optimizerName(cell)),
    majorityShare: majorityShare(data),
    onChange: (t) => {
      if (t) payload.trouble = t;
      else delete payload.trouble;
    },
  });
  // A table read from its file in batches (too large to hold) has more rows than its in-memory sample.
  const batchesPerEpoch = Math.ceil((data.trainStream?.size ?? data.train.size) / batchSize);
  const progress = new Progress(payload, { epochs, batchSize, batchesPerEpoch, report });
  // In this order: the scores join the epoch's record before anything judges it, and progress sends the judged record.
  const callbacks: TrainingCallback[] = [
    ...(computed.length > 0 ? [new EpochMetrics(tf, computed, data)] : []),
    nonFinite,
    request,
    ...(earlyStopping ? [earlyStopping] : []),
    trouble,
    progress,
  ];
  // On more cores than one: replicas of the model each train a share of every batch (the seed draws their dropout).
  const sharded = await env.parallel?.attach(model, {
    loss,
    metrics: compiled,
    batchSize,
    seed: () => Math.floor(Math.random() * 2 ** 31),
  });
  if (sharded) payload.device = sharded.device;
  const started = Date.now();
  let history: Record<string, number[]>;
  try {
    report(payload);
    const fitArgs = {
      epochs,
      validationData: data.validation ? ([data.validation.xs, data.validation.ys] as [Tensor, Tensor]) : undefined,
      verbose: 0 as const,
      callbacks: composeCallbacks(callbacks, model),
    };
    const h = data.trainStream
      ? await model.fitDataset(data.trainStream.dataset(batchSize), fitArgs)
      : await model.fit(data.train.xs, data.train.ys, { ...fitArgs, batchSize, shuffle: true });
    history = h.history as Record<string, number[]>;
  } finally {
    sharded?.dispose();
    disposeCallbacks(callbacks);
  }

  // A NaN outranks a stop asked for in the same batch, and both outrank patience running out at that epoch's end.
  const stopped: StopReason =
    nonFinite.stoppedEpoch > 0
      ? 'diverged'
      : request.stopped
        ? 'cancelled'
        : earlyStopping?.stoppedEpoch
          ? 'early-stopping'
          : 'completed';
  if (earlyStopping?.keptEpoch !== undefined) payload.keptEpoch = earlyStopping.keptEpoch;
  payload.state = 'done';
  payload.stopped = stopped;
  delete payload.progress;
  const message = endMessage(stopped, earlyStopping, trouble);
  if (message) payload.message = message;
  report(payload);
  const hyperparameters = {
    epochs,
    batchSize,
    optimizer: optimizerName(cell),
    learningRate,
    loss,
    earlyStopping: early,
  };
  const finalEpoch =
    payload.epochs.find((e) => e.epoch === payload.keptEpoch) ?? payload.epochs[payload.epochs.length - 1];
  return { payload, history, durationMs: Date.now() - started, hyperparameters, finalEpoch };
}

/**
 * The metrics tfjs computes while fitting (`compiled`), and the ones the trainer computes from predictions at each
 * epoch's end (`computed`: precision, recall, AUC, which tfjs-layers gets wrong or lacks).
 */
function metricsOf(cell: ParsedCell, data: SessionData): { compiled: string[]; computed: ClassifierScore[] } {
  const named = cell.spec.train?.metrics;
  if (!named) return { compiled: data.task === 'regression' ? ['mse'] : ['accuracy'], computed: [] };
  const computed = [...new Set(named.filter(isClassifierScore))];
  if (computed.length > 0 && data.task === 'regression') {
    throw new CellError(
      'invalid-cell',
      l10n.t(
        "`{0}` scores a classifier, but this data's labels are numbers to predict: use `mae` or `mse`",
        computed[0],
      ),
      cell.locate(['train', 'metrics']),
    );
  }
  // Classification labels are one-hot here, so the sparse cross-entropy metric is the categorical one (as the loss is).
  const compiled = named
    .filter((m) => !isClassifierScore(m))
    .map((m) =>
      m === 'sparseCategoricalCrossentropy' && data.task === 'classification' ? 'categoricalCrossentropy' : m,
    );
  return { compiled, computed };
}

/** Classifiers: the share of the training samples in the most common class. */
function majorityShare(data: SessionData): number | undefined {
  const counts = data.classBalance?.map((c) => c.count) ?? [];
  const total = counts.reduce((a, b) => a + b, 0);
  return total > 0 ? Math.max(...counts) / total : undefined;
}
