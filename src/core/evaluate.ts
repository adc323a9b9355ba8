// The `evaluate` section: runs the trained model over the test (or validation) split and measures it.
import * as l10n from '@vscode/l10n';
import type { LayersModel, Scalar, Tensor } from '@tensorflow/tfjs';
import type { ParsedCell } from '../shared/cellSpec';
import type { EvaluationPayload } from '../shared/outputs';
import { CellError } from './cellError';
import type { SessionData, Split } from './data';
import { accuracy, confusionMatrix, perClassScores, regressionScores, roc, thin } from './metrics';
import type { Tf } from './tf';

const BATCH = 512;

export async function evaluate(tf: Tf, cell: ParsedCell, model: LayersModel, data: SessionData): Promise<EvaluationPayload> {
  const on = cell.spec.evaluate?.on ?? 'test';
  if (on !== 'test' && on !== 'validation') {
    throw new CellError('invalid-cell', l10n.t('`evaluate.on` is `test` or `validation`, got {0}', String(JSON.stringify(on))), cell.locate(['evaluate', 'on']));
  }
  const split = on === 'test' ? data.test : data.validation;
  if (!split) {
    const message = on === 'test'
      ? l10n.t('there is no test split to evaluate on: give `data.test` a file, or evaluate `on: validation`')
      : l10n.t('there is no validation split to evaluate on: give `data.validation` a fraction such as 0.1');
    throw new CellError('invalid-cell', message, cell.locate(['evaluate']));
  }
  const { predicted, truth, loss } = await predictAll(tf, model, split);
  const metrics: Record<string, number> = { loss: loss ?? (await lossOf(tf, model, split)) };
  const base: EvaluationPayload = { schema: 1, on, task: data.task, samples: split.size, metrics };
  if (data.task === 'regression') {
    return { ...base, metrics: { ...metrics, ...regressionScores(truth, predicted) } };
  }
  const labels = data.classes ?? [];
  if (data.task === 'binary') {
    const classes = labels.length === 2 ? labels : ['0', '1'];
    const guesses = Array.from(predicted, (p) => (p >= 0.5 ? 1 : 0));
    const matrix = confusionMatrix(truth, guesses, 2);
    const curve = roc(truth, predicted);
    const points = thin(curve.fpr.map((f, i) => [f, curve.tpr[i]] as const), 200);
    return {
      ...base,
      metrics: { ...metrics, accuracy: accuracy(matrix), auc: curve.auc },
      confusionMatrix: { labels: classes, values: matrix },
      perClass: perClassScores(matrix, classes),
      roc: { fpr: points.map((p) => p[0]), tpr: points.map((p) => p[1]) },
    };
  }
  const count = labels.length;
  const guesses = argmaxRows(predicted, count);
  const trueClasses = argmaxRows(truth, count);
  const matrix = confusionMatrix(trueClasses, guesses, count);
  return { ...base, metrics: { ...metrics, accuracy: accuracy(matrix) }, confusionMatrix: { labels, values: matrix }, perClass: perClassScores(matrix, labels) };
}

async function lossOf(tf: Tf, model: LayersModel, split: Split): Promise<number> {
  const result = model.evaluate(split.xs, split.ys, { batchSize: BATCH }) as Scalar | Scalar[];
  const all = Array.isArray(result) ? result : [result];
  const loss = (await all[0].data())[0];
  tf.dispose(all);
  return loss;
}

/**
 * Predictions and targets as flat arrays, batch by batch so a large test set never sits twice on the device, and the
 * loss from the same predictions as model.evaluate computes it (the mean of the loss function over each batch, weighted
 * by its size): one forward pass over the split instead of two. A model with several loss functions gets no loss here
 * (lossOf runs model.evaluate for it).
 */
async function predictAll(tf: Tf, model: LayersModel, split: Split): Promise<{ predicted: Float32Array; truth: Float32Array; loss?: number }> {
  const width = split.ys.shape.slice(1).reduce((a, b) => a * b, 1);
  const predicted = new Float32Array(split.size * width);
  const lossFunction = model.lossFunctions?.length === 1 ? model.lossFunctions[0] : undefined;
  let lossSum = 0;
  for (let start = 0; start < split.size; start += BATCH) {
    const size = Math.min(BATCH, split.size - start);
    const [out, loss] = tf.tidy(() => {
      const y = model.predict(split.xs.slice(start, size)) as Tensor;
      return [y, lossFunction ? tf.mean(lossFunction(split.ys.slice(start, size), y)) : undefined] as const;
    });
    predicted.set(await out.data(), start * width);
    if (loss) lossSum += (await loss.data())[0] * size;
    tf.dispose([out, loss]);
  }
  const truth = (await split.ys.data()) as Float32Array;
  return { predicted, truth: Float32Array.from(truth), loss: lossFunction ? lossSum / split.size : undefined };
}

export function argmaxRows(values: Float32Array, width: number): Int32Array {
  const rows = values.length / width;
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let c = 1; c < width; c++) if (values[r * width + c] > values[r * width + best]) best = c;
    out[r] = best;
  }
  return out;
}
