// The output payloads of spec section 4: plain, versioned data that crosses from the core to the renderers.
import * as l10n from '@vscode/l10n';

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
  /** The learning rate the optimizer ran with. */
  learningRate?: number;
  /** What early stopping watched, and in which direction (`mode: auto` already resolved). */
  monitor?: { name: string; mode: 'min' | 'max' };
  /**
   * The epoch whose weights the model kept (`restoreBest`): the summary's figures describe these weights, not the last
   * epoch's. Absent when the last epoch's weights were kept.
   */
  keptEpoch?: number;
  /**
   * Training that went wrong without a NaN: `diverging` (the loss rose far above its first value), `stuck` (the
   * training metric stayed at chance with a large learning rate); with the learning rate to try instead.
   */
  trouble?: { kind: 'diverging' | 'stuck'; learningRate: number; suggestedLearningRate: number };
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
  /** Binary tasks: the class the model's one output (or second softmax unit) stands for; `data.positive`, else the rarer one. */
  positive?: string;
  /**
   * The run learned from part of the training rows: `limit` (a `limit:` setting) or `memory` (a table too large to
   * hold, read from its file instead, is counted whole; this is for the first-rows fallback). `totalRows`: the
   * training rows the file has (after the validation cut), counted in a full pass.
   */
  partial?: { reason: 'limit' | 'memory'; usedRows: number; totalRows: number };
}

/** Whether a reason is one this version names; a saved notebook may hold another (a newer version's). */
export function isStopReason(v: unknown): v is StopReason {
  return v === 'completed' || v === 'cancelled' || v === 'early-stopping' || v === 'diverged';
}

/** Why a run ended, in the display language; a reason this version does not know is given as written. */
export function stopReasonText(reason: StopReason): string {
  switch (reason) {
    case 'completed':
      return l10n.t('completed');
    case 'cancelled':
      return l10n.t('stopped');
    case 'early-stopping':
      return l10n.t('stopped early (no more improvement)');
    case 'diverged':
      return l10n.t('diverged');
    default:
      return String(reason);
  }
}

/**
 * Every rich output gets a text/plain sibling; this is the text for a training payload, in the display language
 * (@vscode/l10n, configured by the core and the CLI). Metric names stay as the cell writes them.
 */
export function trainingText(p: TrainingPayload): string {
  const last = p.epochs[p.epochs.length - 1];
  if (!last) return l10n.t('Training on {0} ({1}): starting…', p.backend, p.device);
  const metrics = Object.entries(last)
    .filter(([k]) => k !== 'epoch')
    .map(([k, v]) => `${k} ${formatNumber(v)}`)
    .join(', ');
  const line = l10n.t(
    'Training on {0} ({1}): epoch {2}/{3}: {4}, {5} samples/s',
    p.backend,
    p.device,
    String(last.epoch),
    String(p.totalEpochs),
    metrics,
    String(Math.round(p.samplesPerSecond)),
  );
  if (p.state !== 'done') return line;
  // How the run ended says which weights were kept and what went wrong (a learning rate far too high).
  const ended = `${line} — ${stopReasonText(p.stopped ?? 'completed')}`;
  return p.message ? `${ended}\n${p.message}` : ended;
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
  /** Binary classifiers: the class that counts as positive (precision, recall and AUC are this class's). */
  positive?: string;
  /**
   * What a model that learned nothing scores on the same samples: classifiers always answering the training split's most
   * common class (`label`), regression always predicting the training mean (scikit-learn's DummyRegressor). Same names as
   * `metrics`.
   */
  baseline?: { kind: 'majority' | 'mean'; label?: string; value?: number; metrics: Record<string, number> };
  /** Validation that early stopping used to choose the epoch (or `restoreBest` to keep weights): not unseen data. */
  choseEpoch?: boolean;
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
  /**
   * The per-epoch curve, so the dashboard can overlay runs (absent in runs recorded before it was kept): every epoch of
   * a short run, at most HISTORY_POINTS of a long one, the first, last and best among them (epochSample.ts).
   */
  history?: EpochRecord[];
  /** The source of each code cell up to and including the training cell, so a comparison can show what changed. */
  cells?: string[];
}

export function evaluationText(p: EvaluationPayload): string {
  const metrics = Object.entries(p.metrics)
    .map(([k, v]) => `${k} ${formatNumber(v)}`)
    .join(', ');
  const on = p.on === 'test' ? l10n.t('test') : l10n.t('validation');
  const lines = [l10n.t('Evaluation on {0} {1} samples: {2}', String(p.samples), on, metrics)];
  if (p.perClass) {
    for (const c of p.perClass) {
      lines.push(
        `  ${l10n.t('{0}: precision {1}, recall {2}, F1 {3} ({4})', c.label, formatNumber(c.precision), formatNumber(c.recall), formatNumber(c.f1), String(c.support))}`,
      );
    }
  }
  return lines.join('\n');
}

/** A metric's name as people write it: `auc` → AUC, `r2` → R², `mae` → MAE. */
export function metricLabel(name: string): string {
  const known: Record<string, string> = { auc: 'AUC', mae: 'MAE', mse: 'MSE', rmse: 'RMSE', r2: 'R²', f1: 'F1' };
  return known[name.toLowerCase()] ?? name;
}

/** A share in 0–1 as a percentage with one decimal: 0.1867 → "18.7%". */
export function formatPercent(share: number): string {
  return Number.isFinite(share) ? `${(share * 100).toFixed(1)}%` : '–';
}

/** Each cell of a confusion matrix as a share of its row (its true class); a class with no samples gives zeros, not NaN. */
export function confusionRowShares(values: number[][]): number[][] {
  return values.map((row) => {
    const total = row.reduce((a, b) => a + b, 0);
    return row.map((v) => (total > 0 ? v / total : 0));
  });
}

/** One off-diagonal cell of a confusion matrix: samples of `actual` that the model called `predicted`. */
export interface ConfusedPair {
  actual: string;
  predicted: string;
  count: number;
  /** The count as a share of all samples whose true class is `actual`. */
  shareOfActual: number;
}

/** The off-diagonal cells with the most samples, largest first; ties keep the matrix order (row, then column). */
export function mostConfusedPairs(matrix: { labels: string[]; values: number[][] }, limit = 3): ConfusedPair[] {
  const shares = confusionRowShares(matrix.values);
  const pairs: ConfusedPair[] = [];
  matrix.values.forEach((row, r) =>
    row.forEach((count, c) => {
      if (r !== c && count > 0) {
        pairs.push({
          actual: matrix.labels[r] ?? String(r),
          predicted: matrix.labels[c] ?? String(c),
          count,
          shareOfActual: shares[r][c],
        });
      }
    }),
  );
  // Array.prototype.sort is stable, so equal counts stay in matrix order.
  return pairs.sort((a, b) => b.count - a.count).slice(0, limit);
}

/** A diagnosis the summary made; the same ids in every language. */
export type SummaryFinding =
  | 'below-goal'
  | 'unmeasured-goal'
  | 'near-baseline'
  | 'overfitting'
  | 'underfitting'
  | 'confused-pairs'
  | 'class-imbalance'
  | 'personal-data'
  | 'small-test-set'
  | 'sample-of-data'
  | 'training-cut-short'
  | 'diverged';

export type SummarySectionId = 'goal' | 'baselines' | 'classes' | 'training' | 'cost' | 'data' | 'risks' | 'next';

/** The plain-language summary of a run (spec section 4), written by `writeSummary` (src/shared/summary). */
export interface SummaryPayload {
  schema: 1;
  language: 'en' | 'zh-cn';
  audience: 'product' | 'engineering';
  verdict: 'meets-goal' | 'below-goal' | 'no-goal';
  /** One sentence: how well the model does on data it has never seen. */
  headline: string;
  sections: { id: SummarySectionId; title: string; lines: string[] }[];
  /** Each goal metric with the measured value (absent when the run did not measure it). */
  goal: { metric: string; target: number; value?: number; lowerIsBetter: boolean; met: boolean }[];
  findings: SummaryFinding[];
  /** Every number in the text, with the value it was formatted from; `name` is `<string key>.<placeholder>`. */
  figures: { name: string; value: number; text: string }[];
  /** The whole summary. */
  markdown: string;
  /** The run's model card in Markdown (intended use, data, metrics, limitations, risks), for "Export Model Card". */
  modelCard?: string;
}

/** The text/plain sibling of a summary: its markdown without emphasis or heading marks. */
export function summaryText(p: SummaryPayload): string {
  return p.markdown
    .split('\n')
    .map((line) => line.replace(/^#{1,6}\s+/, '').replace(/\*\*/g, ''))
    .join('\n');
}
