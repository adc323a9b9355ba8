// The `summary` section: hands the run's own payloads (and the measured prediction speed) to the summary writer.
import * as l10n from '@vscode/l10n';
import type { LayersModel, Tensor } from '@tensorflow/tfjs';
import type { ParsedCell } from '../shared/cellSpec';
import type {
  DataPreviewPayload,
  EvaluationPayload,
  ModelSummaryPayload,
  SummaryPayload,
  TrainingPayload,
} from '../shared/outputs';
import { writeSummary, type PredictionSpeed, type SummaryOptions } from '../shared/summary';
import { CellError } from './cellError';
import type { SessionData } from './data';
import type { Tf } from './tf';

/** What the session remembers of the last data, model, training and evaluation, for the summary. */
export interface RunPayloads {
  data?: DataPreviewPayload;
  model?: ModelSummaryPayload;
  training?: TrainingPayload;
  trainingDurationMs?: number;
  evaluation?: EvaluationPayload;
}

export async function summarize(
  tf: Tf,
  cell: ParsedCell,
  run: RunPayloads,
  model: LayersModel | undefined,
  data: SessionData | undefined,
  displayLanguage: string,
): Promise<SummaryPayload> {
  const s = cell.spec.summary ?? {};
  const audience = s.audience ?? 'product';
  const language = s.language ?? 'auto';
  const goal = s.goal;
  if (!run.training && !run.evaluation) {
    throw new CellError(
      'invalid-cell',
      l10n.t('there is nothing to summarise yet: run a cell with `train` (and `evaluate`) first'),
      cell.locate(['summary']),
    );
  }
  const options: SummaryOptions = {
    audience,
    language:
      language === 'auto'
        ? displayLanguage.toLowerCase().startsWith('zh')
          ? 'zh-cn'
          : 'en'
        : (language as SummaryOptions['language']),
    goal: goal as Record<string, number> | undefined,
  };
  return writeSummary(
    {
      ...run,
      featureNames: data?.featureNames,
      prediction: model && data ? await measurePredictionSpeed(tf, model, data) : undefined,
    },
    options,
  );
}

/** One-example latency: the median of at most this many single-example calls… */
export const LATENCY_CALLS = 50;
/** …timed for at most this long (after the warm-up), so a slow model does not hold the summary up. */
export const LATENCY_BUDGET_MS = 1000;
/** Calls before timing: the first ones compile kernels and allocate buffers. */
const WARM_UP_CALLS = 3;
/** Throughput: examples per second predicting a batch of up to this many… */
export const THROUGHPUT_BATCH = 256;
/** …the median of at most this many batch calls within the same time budget. */
const THROUGHPUT_RUNS = 5;

/**
 * How fast the model answers, measured two ways because they differ by orders of magnitude: one example on its own
 * (batch of 1, what an interactive feature waits for) and examples per second in a batch (what a bulk job gets).
 * Test (or training) rows, after warm-up; medians, so one slow call (a garbage collection) does not count.
 */
export async function measurePredictionSpeed(
  tf: Tf,
  model: LayersModel,
  data: SessionData,
): Promise<PredictionSpeed | undefined> {
  const split = data.test ?? data.train;
  if (split.size === 0) return undefined;
  const predict = async (x: Tensor) => {
    const out = model.predict(x) as Tensor | Tensor[];
    const all = Array.isArray(out) ? out : [out];
    for (const t of all) await t.data();
    tf.dispose(all);
  };
  const rows = Array.from({ length: Math.min(LATENCY_CALLS, split.size) }, (_, i) => split.xs.slice(i, 1));
  const batchSize = Math.min(THROUGHPUT_BATCH, split.size);
  const batch = split.xs.slice(0, batchSize);
  try {
    for (let i = 0; i < WARM_UP_CALLS; i++) await predict(rows[i % rows.length]);
    const single = await timed(LATENCY_CALLS, (i) => predict(rows[i % rows.length]));
    await predict(batch);
    const batched = await timed(THROUGHPUT_RUNS, () => predict(batch));
    return {
      oneExampleMs: median(single),
      calls: single.length,
      examplesPerSecond: batchSize / (median(batched) / 1000),
      batchSize,
    };
  } finally {
    tf.dispose([...rows, batch]);
  }
}

/** Milliseconds of each of up to `calls` runs, stopping once LATENCY_BUDGET_MS has passed (at least one run). */
async function timed(calls: number, run: (i: number) => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < calls && (i === 0 || performance.now() - started < LATENCY_BUDGET_MS); i++) {
    const t0 = performance.now();
    await run(i);
    times.push(performance.now() - t0);
  }
  return times;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
