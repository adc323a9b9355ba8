// Trains the session's model on its data: live progress (throttled), stop after the current batch, divergence stop.
import * as l10n from '@vscode/l10n';
import type { LayersModel, Logs, Optimizer, Tensor } from '@tensorflow/tfjs';
import type { ParsedCell } from '../shared/cellSpec';
import type { EpochRecord, StopReason, TrainingPayload } from '../shared/outputs';
import { CellError } from './cellError';
import type { SessionData } from './data';
import { validateTraining } from './modelValidation';
import type { Tf } from './tf';
import { fusedAdam } from './fusedAdam';

/** Progress crosses to the UI at most this often (tfjs-layers moved its UI yield to 125 ms for the same reason). */
export const PROGRESS_INTERVAL_MS = 125;

export interface TrainingControl {
  /** Set by an interrupt: the run stops after the batch in flight and the model keeps its weights. */
  stopRequested: boolean;
}

export interface TrainingResult {
  payload: TrainingPayload;
  history: Record<string, number[]>;
  durationMs: number;
  hyperparameters: Record<string, unknown>;
}

interface EarlyStopping {
  monitor: string;
  patience: number;
  minDelta: number;
  restoreBest: boolean;
}

const OPTIMIZERS = ['sgd', 'adam', 'rmsprop', 'adagrad', 'adadelta', 'adamax', 'momentum'];

export async function train(
  tf: Tf,
  cell: ParsedCell,
  model: LayersModel,
  data: SessionData,
  env: { backend: string; device: string },
  control: TrainingControl,
  report: (p: TrainingPayload) => void,
): Promise<TrainingResult> {
  const t = cell.spec.train ?? {};
  const epochs = positiveInt(cell, 'epochs', 10);
  const batchSize = positiveInt(cell, 'batchSize', 32);
  const optimizer = makeOptimizer(tf, cell);
  const loss = validateTraining(cell, model, data);
  const named = Array.isArray(t.metrics) ? (t.metrics as string[]) : typeof t.metrics === 'string' ? [t.metrics] : undefined;
  // Classification labels are one-hot here, so the sparse cross-entropy metric is the categorical one (as the loss is).
  const metrics = named
    ? named.map((m) => (m === 'sparseCategoricalCrossentropy' && data.task === 'classification' ? 'categoricalCrossentropy' : m))
    : data.task === 'regression' ? ['mse'] : ['accuracy'];
  const early = earlyStoppingOf(cell, data);
  try {
    // A model trained before holds its last optimizer's state (Adam's moments): free it before the new one.
    model.optimizer?.dispose();
    model.compile({ optimizer, loss, metrics });
  } catch (e) {
    throw new CellError('invalid-cell', l10n.t('cannot compile the model: {0}', (e as Error).message), cell.locate(['train']));
  }

  const payload: TrainingPayload = {
    schema: 1, state: 'running', epochs: [], totalEpochs: epochs, backend: env.backend, device: env.device, samplesPerSecond: 0,
  };
  // A table read from its file in batches (too large to hold) has more rows than its in-memory sample.
  const batchesPerEpoch = Math.ceil((data.trainStream?.size ?? data.train.size) / batchSize);
  const started = Date.now();
  let samplesSeen = 0;
  let lastSent = 0;
  let currentEpoch = 0;
  let stopped = 'completed' as StopReason;
  let best = { value: Infinity, epoch: 0, weights: [] as Tensor[] };
  let waited = 0;
  /** Live progress, at most once per PROGRESS_INTERVAL_MS; the report after fit always goes out. */
  const send = () => {
    const now = Date.now();
    if (now - lastSent < PROGRESS_INTERVAL_MS) return;
    lastSent = now;
    report({ ...payload, epochs: [...payload.epochs] });
  };

  report(payload);
  const fitArgs = {
    epochs,
    validationData: data.validation ? ([data.validation.xs, data.validation.ys] as [Tensor, Tensor]) : undefined,
    verbose: 0 as const,
    callbacks: {
      onEpochBegin: async (epoch: number) => {
        currentEpoch = epoch + 1;
      },
      onBatchEnd: async (batch: number, logs?: Logs) => {
        const batchLoss = logs?.loss ?? NaN;
        samplesSeen += (logs?.size as number | undefined) ?? batchSize;
        const elapsed = (Date.now() - started) / 1000;
        payload.samplesPerSecond = samplesSeen / Math.max(elapsed, 1e-3);
        const done = (currentEpoch - 1) * batchesPerEpoch + batch + 1;
        const etaSeconds = ((epochs * batchesPerEpoch - done) * elapsed) / Math.max(done, 1);
        payload.progress = { epoch: currentEpoch, batch: batch + 1, batchesPerEpoch, loss: batchLoss, samplesPerSecond: payload.samplesPerSecond, etaSeconds };
        if (!Number.isFinite(batchLoss)) {
          stopped = 'diverged';
          model.stopTraining = true;
        } else if (control.stopRequested) {
          stopped = 'cancelled';
          model.stopTraining = true;
        }
        send();
      },
      onEpochEnd: async (epoch: number, logs?: Logs) => {
        if (logs && Number.isFinite(logs.loss)) payload.epochs.push(epochRecord(epoch + 1, logs));
        if (early && logs && stopped === 'completed') {
          const value = monitored(logs, early.monitor);
          if (value < best.value - early.minDelta) {
            tf.dispose(best.weights);
            best = { value, epoch: epoch + 1, weights: early.restoreBest ? model.getWeights().map((w) => w.clone()) : [] };
            waited = 0;
          } else if (++waited >= early.patience) {
            stopped = 'early-stopping';
            model.stopTraining = true;
          }
        }
        // Throttled like the batches: fast epochs would otherwise flood the window with updates it cannot draw
        // in time; the epoch is in the next update, and the final report after fit always goes out.
        send();
      },
    },
  };
  const history = data.trainStream
    ? await model.fitDataset(data.trainStream.dataset(batchSize), fitArgs)
    : await model.fit(data.train.xs, data.train.ys, { ...fitArgs, batchSize, shuffle: true });

  if (stopped === 'early-stopping' && early?.restoreBest && best.weights.length > 0) {
    model.setWeights(best.weights);
    payload.message = l10n.t('stopped early: {0} did not improve for {1} epochs; kept the weights of epoch {2}', early.monitor, early.patience, best.epoch);
  }
  tf.dispose(best.weights);
  payload.state = 'done';
  payload.stopped = stopped;
  delete payload.progress;
  if (stopped === 'diverged') {
    payload.message = l10n.t('the loss became NaN or infinite: the learning rate is probably too high, or the inputs are not normalised');
  }
  report(payload);
  const hyperparameters = { epochs, batchSize, optimizer: optimizerName(cell), learningRate: learningRateOf(cell), loss, earlyStopping: early };
  return { payload, history: history.history as Record<string, number[]>, durationMs: Date.now() - started, hyperparameters };
}

/** tfjs names the accuracy logs `acc` / `val_acc`. */
function monitored(logs: Logs, name: string): number {
  const key = name.replace(/accuracy$/, 'acc');
  const v = logs[key] ?? logs[name];
  // Higher is better for accuracy-like metrics: compare their negation so "lower is better" holds throughout.
  return /acc|auc/.test(name) ? -v : v;
}

function earlyStoppingOf(cell: ParsedCell, data: SessionData): EarlyStopping | undefined {
  const e = cell.spec.train?.earlyStopping;
  if (e === undefined || e === false) return undefined;
  const o = (e === true ? {} : e) as Record<string, unknown>;
  if (typeof o !== 'object') {
    throw new CellError('invalid-cell', l10n.t('`train.earlyStopping` is a mapping, e.g. `{ monitor: val_loss, patience: 3, restoreBest: true }`'), cell.locate(['train', 'earlyStopping']));
  }
  const monitor = String(o.monitor ?? (data.validation ? 'val_loss' : 'loss'));
  if (monitor.startsWith('val_') && !data.validation) {
    throw new CellError('invalid-cell', l10n.t('early stopping watches `{0}`, but there is no validation split: add `validation: 0.1` to the data section', String(monitor)), cell.locate(['train', 'earlyStopping']));
  }
  const patience = Number(o.patience ?? 3);
  if (!Number.isInteger(patience) || patience < 1) {
    throw new CellError('invalid-cell', l10n.t('`earlyStopping.patience` must be a whole number ≥ 1'), cell.locate(['train', 'earlyStopping', 'patience']));
  }
  return { monitor, patience, minDelta: Number(o.minDelta ?? 0), restoreBest: o.restoreBest !== false };
}

/** tfjs logs `acc`; the spec and Keras users say `accuracy`. */
function epochRecord(epoch: number, logs: Logs): EpochRecord {
  const record: EpochRecord = { epoch, loss: logs.loss };
  for (const [k, v] of Object.entries(logs)) {
    if (k === 'loss' || typeof v !== 'number') continue;
    record[k.replace(/^acc$/, 'accuracy').replace(/^val_acc$/, 'val_accuracy')] = v;
  }
  return record;
}

function positiveInt(cell: ParsedCell, key: string, fallback: number): number {
  const v = cell.spec.train?.[key];
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    throw new CellError('invalid-cell', l10n.t('`train.{0}` must be a whole number ≥ 1, got {1}', key, String(JSON.stringify(v))), cell.locate(['train', key]));
  }
  return v;
}

/** `optimizer: adam` or `optimizer: { adam: { learningRate: 0.001 } }`. */
function optimizerSpec(cell: ParsedCell): { name: string; options: Record<string, unknown> } {
  const o = cell.spec.train?.optimizer;
  if (o && typeof o === 'object') {
    const [[name, options]] = Object.entries(o as Record<string, unknown>);
    return { name, options: (options ?? {}) as Record<string, unknown> };
  }
  return { name: typeof o === 'string' ? o : 'adam', options: {} };
}

function optimizerName(cell: ParsedCell): string {
  return optimizerSpec(cell).name;
}

function learningRateOf(cell: ParsedCell): number {
  const { name, options } = optimizerSpec(cell);
  return Number(options.learningRate ?? cell.spec.train?.learningRate ?? (name === 'sgd' ? 0.01 : 0.001));
}

function makeOptimizer(tf: Tf, cell: ParsedCell): Optimizer {
  const { name, options } = optimizerSpec(cell);
  if (!OPTIMIZERS.includes(name)) {
    throw new CellError('invalid-cell', l10n.t('unknown optimizer `{0}` (known: {1})', name, OPTIMIZERS.join(', ')), cell.locate(['train', 'optimizer']));
  }
  const lr = learningRateOf(cell);
  // The options the schema lists per optimizer (cellSchema.ts optimizerOptions); tfjs's defaults where left out.
  const n = (key: string) => (typeof options[key] === 'number' ? (options[key] as number) : undefined);
  const nesterov = options.nesterov === true;
  switch (name) {
    case 'sgd': return n('momentum') ? tf.train.momentum(lr, n('momentum')!, nesterov) : tf.train.sgd(lr);
    case 'momentum': return tf.train.momentum(lr, n('momentum') ?? 0.9, nesterov);
    case 'rmsprop': return tf.train.rmsprop(lr, n('decay') ?? 0.9, n('momentum') ?? 0, n('epsilon'));
    case 'adagrad': return tf.train.adagrad(lr, n('initialAccumulatorValue'));
    case 'adadelta': return tf.train.adadelta(lr, n('rho'), n('epsilon'));
    case 'adamax': return tf.train.adamax(lr, n('beta1'), n('beta2'), n('epsilon'), n('decay'));
    default: return fusedAdam(tf, lr, n('beta1'), n('beta2'), n('epsilon'));
  }
}
