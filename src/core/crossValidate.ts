// `evaluate: { folds: k }`: k-fold cross-validation — k fresh models from the model cell, each trained by the train cell
// on k−1 parts of the training data and measured on the part it did not see; the metrics' mean ± standard deviation.
// Each fold reloads the data with its own split, so the pipeline (categories, vocabulary, standardisation) is fitted on
// that fold's training rows only, and the data cell's validation fraction is cut inside the fold for early stopping.
import * as l10n from '@vscode/l10n';
import { parseCell, type ParsedCell } from '../shared/cellSpec';
import { evaluationText, type EvaluationPayload } from '../shared/outputs';
import { CellError } from './cellError';
import { disposeData, type SessionData } from './data';
import { evaluate } from './evaluate';
import { accuracy, perClassScores } from './metrics';
import { buildModel } from './modelBuilder';
import { withSeed } from './seed';
import type { Tf } from './tf';
import { train, type TrainingControl, type TrainingEnv } from './trainer';

export interface FoldStatistic {
  mean: number;
  std: number;
  /** One value per fold, in fold order. */
  values: number[];
}

export type CrossValidationPayload = EvaluationPayload & {
  crossValidation: { folds: number; metrics: Record<string, FoldStatistic> };
};

export interface CrossValidationCells {
  model?: ParsedCell;
  train?: ParsedCell;
}

const HELD_OUT = parseCell('evaluate: { on: test }');

/**
 * Folds are stratified (each keeps the classes' shares) and drawn with the data's seed from the rows the data cell
 * trains and validates on; every row is measured exactly once, so the confusion matrix is the sum of the folds'.
 * `loadFold(k, folds)`: the data cell's data with fold k held out as its test split.
 */
export async function crossValidate(
  tf: Tf,
  cell: ParsedCell,
  cells: CrossValidationCells,
  data: SessionData,
  loadFold: (index: number, count: number) => SessionData,
  env: TrainingEnv & { seed?: number },
  control: TrainingControl,
): Promise<CrossValidationPayload> {
  // A whole number from 2 to 20 (the decoder's, cellSpec.ts); the session cross-validates only a cell that names it.
  const folds = cell.spec.evaluate?.folds ?? 5;
  const at = cell.locate(['evaluate', 'folds']);
  if (!cells.model?.spec.model?.layers) {
    throw new CellError(
      'invalid-cell',
      l10n.t(
        'cross-validation trains fresh models from a `model` section with `layers:`: run one first (a loaded or scripted model cannot be rebuilt)',
      ),
      at,
    );
  }
  if (!cells.train)
    throw new CellError(
      'invalid-cell',
      l10n.t('cross-validation trains each fold as your `train` section says: run a cell with a `train` section first'),
      at,
    );
  if (data.trainStream) {
    throw new CellError(
      'invalid-cell',
      l10n.t(
        'cross-validation needs the whole table in memory, and {0} is read from its file in batches: cross-validate on a `limit:`ed part of it',
        data.source,
      ),
      at,
    );
  }
  const size = data.train.size + (data.validation?.size ?? 0);
  if (size < folds) {
    throw new CellError(
      'invalid-cell',
      l10n.t('{0} folds need at least {0} training samples; there are {1}', folds, size),
      at,
    );
  }
  // Each fold trains on the others: a class with fewer rows than folds is missing from some fold's training rows,
  // whose fitted classes then cannot read its held-out rows (scikit-learn's StratifiedKFold warns of the same).
  const counts = classCounts(data);
  const rare = counts.findIndex((n) => n > 0 && n < folds);
  if (rare >= 0 && data.classes) {
    const [name, n] = [data.classes[rare], counts[rare]];
    throw new CellError(
      'invalid-cell',
      n >= 2
        ? l10n.t(
            'the class `{0}` has {1} rows, fewer than the {2} folds, so some folds would train without it: use `folds: {1}` or fewer, or add rows of it',
            name,
            n,
            folds,
          )
        : l10n.t(
            'the class `{0}` has a single row, so every fold but one would train without it: add rows of it, or remove that row',
            name,
          ),
      at,
    );
  }
  const perFold: EvaluationPayload[] = [];
  for (let k = 0; k < folds; k++) {
    if (control.stopRequested)
      throw new CellError('training', l10n.t('cross-validation stopped after {0} of {1} folds', k, folds), at);
    const fold = loadFold(k, folds);
    try {
      if (!fold.test || fold.test.size === 0) {
        throw new CellError(
          'invalid-cell',
          l10n.t('{0} folds need at least {0} training samples; there are {1}', folds, size),
          at,
        );
      }
      const model = await withSeed(env.seed === undefined ? undefined : env.seed + k, async () => {
        const m = buildModel(tf, cells.model as ParsedCell, fold);
        await train(tf, cells.train as ParsedCell, m, fold, env, control, () => undefined);
        return m;
      });
      try {
        perFold.push(await evaluate(tf, HELD_OUT, model, fold));
      } finally {
        model.optimizer?.dispose();
        model.dispose();
      }
    } finally {
      disposeData(fold);
    }
  }
  return combine(perFold, data, folds);
}

/** Rows of each class among the rows the folds are drawn from (training and validation). */
function classCounts(data: SessionData): number[] {
  const k = data.classes?.length ?? 0;
  if (data.task === 'regression' || k === 0) return [];
  const counts = new Array<number>(k).fill(0);
  for (const split of [data.train, data.validation]) {
    if (!split) continue;
    const ys = split.ys.dataSync();
    if (data.task === 'binary') for (const y of ys) counts[y >= 0.5 ? 1 : 0]++;
    else for (let r = 0; r < split.size; r++) for (let c = 0; c < k; c++) if (ys[r * k + c] > 0.5) counts[c]++;
  }
  return counts;
}

export function statistic(values: number[]): FoldStatistic {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  // The population form (divide by n), as numpy's `scores.std()` that scikit-learn users report `cross_val_score` with.
  const std = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length);
  return { mean, std, values };
}

function combine(perFold: EvaluationPayload[], data: SessionData, folds: number): CrossValidationPayload {
  const names = Object.keys(perFold[0].metrics).filter((name) =>
    perFold.every((p) => Number.isFinite(p.metrics[name])),
  );
  const metrics = Object.fromEntries(names.map((name) => [name, statistic(perFold.map((p) => p.metrics[name]))]));
  const payload: CrossValidationPayload = {
    schema: 1,
    on: 'validation',
    task: data.task,
    samples: perFold.reduce((n, p) => n + p.samples, 0),
    metrics: Object.fromEntries(names.map((name) => [name, metrics[name].mean])),
    crossValidation: { folds, metrics },
  };
  const first = perFold[0].confusionMatrix;
  if (first) {
    const values = first.values.map((row, r) =>
      row.map((_, c) => perFold.reduce((n, p) => n + (p.confusionMatrix?.values[r][c] ?? 0), 0)),
    );
    payload.confusionMatrix = { labels: first.labels, values };
    payload.perClass = perClassScores(values, first.labels);
    if (payload.metrics.accuracy === undefined) payload.metrics.accuracy = accuracy(values);
  }
  if (perFold[0].positive !== undefined) payload.positive = perFold[0].positive;
  // What learning nothing scores, fold by fold as the model is (each fold's own training majority or mean), averaged.
  const baselines = perFold.map((p) => p.baseline);
  const b0 = baselines[0];
  if (b0 && baselines.every((b) => b && b.kind === b0.kind)) {
    const keys = Object.keys(b0.metrics).filter((k) => baselines.every((b) => Number.isFinite(b!.metrics[k])));
    payload.baseline = {
      kind: b0.kind,
      label: baselines.every((b) => b!.label === b0.label) ? b0.label : undefined,
      metrics: Object.fromEntries(keys.map((k) => [k, statistic(baselines.map((b) => b!.metrics[k])).mean])),
    };
  }
  return payload;
}

/** `5-fold cross-validation on 150 samples: accuracy 0.95 ± 0.02, …` and the pooled per-class scores. */
export function crossValidationText(p: CrossValidationPayload): string {
  const stats = Object.entries(p.crossValidation.metrics)
    .map(([k, s]) => `${k} ${s.mean.toFixed(4)} ± ${s.std.toFixed(4)}`)
    .join(', ');
  const rest = evaluationText(p).split('\n').slice(1);
  return [
    l10n.t(
      '{0}-fold cross-validation on {1} samples (mean ± standard deviation over folds): {2}',
      p.crossValidation.folds,
      p.samples,
      stats,
    ),
    ...rest,
  ].join('\n');
}
