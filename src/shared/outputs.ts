// The output payloads of spec section 4: plain, versioned data that crosses from the core to the renderers.

export const MIME = {
  dataPreview: 'application/vnd.bigmodel.data-preview+json',
  modelSummary: 'application/vnd.bigmodel.model-summary+json',
  training: 'application/vnd.bigmodel.training+json',
  evaluation: 'application/vnd.bigmodel.evaluation+json',
  summary: 'application/vnd.bigmodel.summary+json',
} as const;

export type StopReason = 'completed' | 'cancelled' | 'early-stopping' | 'diverged';

/** One per-epoch record: `loss`, optional `val_loss`, and `<metric>` / `val_<metric>` numbers. */
export interface EpochRecord {
  epoch: number;
  loss: number;
  [metric: string]: number;
}

/** Live progress inside an epoch, sent at most ~8 times a second. */
export interface BatchProgress {
  epoch: number;
  batch: number;
  batchesPerEpoch: number;
  loss: number;
  samplesPerSecond: number;
  etaSeconds: number;
}

export interface TrainingPayload {
  schema: 1;
  state: 'running' | 'done';
  epochs: EpochRecord[];
  totalEpochs: number;
  backend: string;
  device: string;
  samplesPerSecond: number;
  stopped?: StopReason;
  progress?: BatchProgress;
  message?: string;
}

export interface ModelSummaryPayload {
  schema: 1;
  layers: { name: string; type: string; outputShape: (number | null)[]; params: number }[];
  totalParams: number;
  trainableParams: number;
  sizeBytes: number;
}

export interface DataPreviewPayload {
  schema: 1;
  source: string;
  task: 'classification' | 'binary' | 'regression';
  inputShape: number[];
  classes?: string[];
  splits: { train: number; validation?: number; test?: number };
  classBalance?: { label: string; count: number }[];
  sampleRows?: number[][];
  note?: string;
}

/** Every rich output gets a text/plain sibling; this is the text for a training payload. */
export function trainingText(p: TrainingPayload): string {
  const last = p.epochs[p.epochs.length - 1];
  const head = `Training on ${p.backend} (${p.device})`;
  if (!last) return `${head}: starting…`;
  const metrics = Object.entries(last)
    .filter(([k]) => k !== 'epoch')
    .map(([k, v]) => `${k} ${formatNumber(v)}`)
    .join(', ');
  const state = p.state === 'done' ? ` — ${p.stopped ?? 'completed'}` : '';
  return `${head}: epoch ${last.epoch}/${p.totalEpochs}: ${metrics}, ${Math.round(p.samplesPerSecond)} samples/s${state}`;
}

export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return Math.abs(v) >= 100 ? v.toFixed(1) : v.toPrecision(4);
}

export interface PerClassScore {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface EvaluationPayload {
  schema: 1;
  on: 'test' | 'validation';
  task: DataPreviewPayload['task'];
  samples: number;
  /** e.g. { loss, accuracy, auc } for classifiers, { loss, mae, rmse, r2 } for regression. */
  metrics: Record<string, number>;
  /** Rows are the true class, columns the predicted one. */
  confusionMatrix?: { labels: string[]; values: number[][] };
  perClass?: PerClassScore[];
  /** Binary classifiers: the ROC curve (false positive rate against true positive rate). */
  roc?: { fpr: number[]; tpr: number[] };
}

/** One finished training run, kept in the notebook's `metadata.runs` for history and comparison. */
export interface RunRecord {
  specHash: string;
  startedAt: string;
  durationMs: number;
  backend: string;
  device: string;
  hyperparameters: Record<string, unknown>;
  epochs: number;
  stopped: StopReason;
  final: Record<string, number>;
}

export function evaluationText(p: EvaluationPayload): string {
  const metrics = Object.entries(p.metrics).map(([k, v]) => `${k} ${formatNumber(v)}`).join(', ');
  const lines = [`Evaluation on ${p.samples} ${p.on} samples: ${metrics}`];
  if (p.perClass) {
    for (const c of p.perClass) {
      lines.push(`  ${c.label}: precision ${formatNumber(c.precision)}, recall ${formatNumber(c.recall)}, F1 ${formatNumber(c.f1)} (${c.support})`);
    }
  }
  return lines.join('\n');
}
