// The `summary` section: hands the run's own payloads (and a measured prediction latency) to the summary writer.
import * as l10n from '@vscode/l10n';
import type { LayersModel, Tensor } from '@tensorflow/tfjs';
import type { ParsedCell } from '../shared/cellSpec';
import type { DataPreviewPayload, EvaluationPayload, ModelSummaryPayload, SummaryPayload, TrainingPayload } from '../shared/outputs';
import { writeSummary, type SummaryOptions } from '../shared/summary';
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

const AUDIENCES = ['product', 'engineering'];
const LANGUAGES = ['auto', 'en', 'zh-cn'];

export async function summarize(
  tf: Tf,
  cell: ParsedCell,
  run: RunPayloads,
  model: LayersModel | undefined,
  data: SessionData | undefined,
  displayLanguage: string,
): Promise<SummaryPayload> {
  const s = cell.spec.summary ?? {};
  const audience = String(s.audience ?? 'product');
  if (!AUDIENCES.includes(audience)) {
    throw new CellError('invalid-cell', l10n.t('`summary.audience` is `product` or `engineering`, got {0}', String(JSON.stringify(s.audience))), cell.locate(['summary', 'audience']));
  }
  const language = String(s.language ?? 'auto');
  if (!LANGUAGES.includes(language)) {
    throw new CellError('invalid-cell', l10n.t('`summary.language` is `auto`, `en` or `zh-cn`, got {0}', String(JSON.stringify(s.language))), cell.locate(['summary', 'language']));
  }
  const goal = s.goal;
  if (goal !== undefined && (typeof goal !== 'object' || goal === null || Object.values(goal).some((v) => typeof v !== 'number'))) {
    throw new CellError('invalid-cell', l10n.t('`summary.goal` is a mapping of metric to number, e.g. `{ accuracy: 0.9 }`'), cell.locate(['summary', 'goal']));
  }
  if (!run.training && !run.evaluation) {
    throw new CellError('invalid-cell', l10n.t('there is nothing to summarise yet: run a cell with `train` (and `evaluate`) first'), cell.locate(['summary']));
  }
  const options: SummaryOptions = {
    audience: audience as SummaryOptions['audience'],
    language: language === 'auto' ? (displayLanguage.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en') : (language as SummaryOptions['language']),
    goal: goal as Record<string, number> | undefined,
  };
  return writeSummary(
    {
      ...run,
      featureNames: data?.featureNames,
      latencyMsPerSample: model && data ? await predictionLatency(tf, model, data) : undefined,
    },
    options,
  );
}

/** Milliseconds per sample to predict a batch of up to 256 test (or training) samples, after one warm-up run. */
async function predictionLatency(tf: Tf, model: LayersModel, data: SessionData): Promise<number> {
  const split = data.test ?? data.train;
  const n = Math.min(256, split.size);
  const batch = split.xs.slice(0, n);
  try {
    const run = async () => {
      const out = model.predict(batch) as Tensor;
      await out.data();
      out.dispose();
    };
    await run();
    const started = performance.now();
    await run();
    return (performance.now() - started) / n;
  } finally {
    batch.dispose();
  }
}
