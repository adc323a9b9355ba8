// Turns the `model` section into a tf.LayersModel, reporting a bad layer at its own line.
import * as l10n from '@vscode/l10n';
import type { LayersModel } from '@tensorflow/tfjs';
import type { ParsedCell } from '../shared/cellSpec';
import type { ModelSummaryPayload } from '../shared/outputs';
import { CellError } from './cellError';
import type { SessionData } from './data';
import { customLayerFactories } from './layers';
import { dataFacts, validateModel } from './modelValidation';
import type { Tf } from './tf';

type LayerFactory = (tf: Tf, config: Record<string, unknown>) => import('@tensorflow/tfjs').layers.Layer;

// Each factory passes the user's settings through: tfjs-layers checks names and types and we report its message.
const FACTORIES: Record<string, LayerFactory> = {
  dense: (tf, c) => tf.layers.dense(c as never),
  dropout: (tf, c) => tf.layers.dropout(c as never),
  flatten: (tf, c) => tf.layers.flatten(c as never),
  conv1d: (tf, c) => tf.layers.conv1d(c as never),
  conv2d: (tf, c) => tf.layers.conv2d(c as never),
  maxPooling1d: (tf, c) => tf.layers.maxPooling1d(c as never),
  maxPooling2d: (tf, c) => tf.layers.maxPooling2d(c as never),
  averagePooling1d: (tf, c) => tf.layers.averagePooling1d(c as never),
  averagePooling2d: (tf, c) => tf.layers.averagePooling2d(c as never),
  globalAveragePooling1d: (tf, c) => tf.layers.globalAveragePooling1d(c as never),
  globalAveragePooling2d: (tf, c) => tf.layers.globalAveragePooling2d(c as never),
  reshape: (tf, c) => tf.layers.reshape(c as never),
  batchNormalization: (tf, c) => tf.layers.batchNormalization(c as never),
  layerNormalization: (tf, c) => tf.layers.layerNormalization(c as never),
  embedding: (tf, c) => tf.layers.embedding(c as never),
  lstm: (tf, c) => tf.layers.lstm(c as never),
  gru: (tf, c) => tf.layers.gru(c as never),
  simpleRNN: (tf, c) => tf.layers.simpleRNN(c as never),
  activation: (tf, c) => tf.layers.activation(c as never),
  ...customLayerFactories,
};

export function buildModel(tf: Tf, cell: ParsedCell, data: SessionData | undefined): LayersModel {
  const text = data?.text;
  const layers = text
    ? cell.spec.model?.layers?.map((l) =>
        l.type === 'embedding' ? { ...l, config: withVocabulary(l.config, text.vocabularySize, l) } : l,
      )
    : cell.spec.model?.layers;
  if (!layers || layers.length === 0) {
    throw new CellError(
      'invalid-cell',
      l10n.t('`model` needs `layers:`, a list such as `- dense: { units: 10, activation: softmax }`'),
      cell.locate(['model']),
    );
  }
  const inputShape = cell.spec.model?.input ?? data?.inputShape;
  if (!inputShape) {
    throw new CellError(
      'invalid-cell',
      l10n.t('the input shape is unknown: run a `data` cell first, or give `model.input`, e.g. `input: [28, 28, 1]`'),
      cell.locate(['model']),
    );
  }
  validateModel(cell, layers, dataFacts(data, inputShape), data);
  const model = tf.sequential();
  layers.forEach((layer, i) => {
    const config = i === 0 ? { ...layer.config, inputShape } : layer.config;
    try {
      model.add(FACTORIES[layer.type](tf, config));
    } catch (e) {
      model.dispose();
      throw new CellError('invalid-cell', l10n.t('layer {0} (`{1}`): {2}', i + 1, layer.type, (e as Error).message), {
        line: layer.line,
        column: layer.column,
      });
    }
  });
  return model;
}

/** A text column's vocabulary size is an embedding's `inputDim` unless the cell gives one; a smaller one would leave ids without a vector. */
function withVocabulary(
  config: Record<string, unknown>,
  vocabularySize: number,
  layer: { line: number; column: number },
): Record<string, unknown> {
  const given = config.inputDim;
  if (given === undefined) return { ...config, inputDim: vocabularySize };
  if (typeof given === 'number' && given < vocabularySize) {
    throw new CellError(
      'invalid-cell',
      l10n.t(
        "`embedding` has inputDim {0}, but the text column's vocabulary has {1} ids: set `inputDim: {1}`, or leave it out to take the vocabulary's size",
        given,
        vocabularySize,
      ),
      layer,
    );
  }
  return config;
}

export function describeModel(model: LayersModel): ModelSummaryPayload {
  const layers = model.layers.map((l) => {
    const shape = l.outputShape;
    const outputShape = (Array.isArray(shape[0]) ? shape[0] : shape) as (number | null)[];
    return { name: l.name, type: l.getClassName(), outputShape, params: l.countParams() };
  });
  const trainableParams = model.trainableWeights.reduce(
    (n, w) => n + (w.shape as number[]).reduce((a, b) => a * b, 1),
    0,
  );
  const totalParams = layers.reduce((n, l) => n + l.params, 0);
  return { schema: 1, layers, totalParams, trainableParams, sizeBytes: totalParams * 4 };
}

export function modelSummaryText(p: ModelSummaryPayload): string {
  const rows = p.layers.map(
    (l) => `  ${l.name} (${l.type})  [${l.outputShape.map((d) => d ?? 'batch').join(', ')}]  ${l.params} params`,
  );
  return [
    `Model: ${p.layers.length} layers, ${p.totalParams} parameters (${(p.sizeBytes / 1024).toFixed(1)} KB)`,
    ...rows,
  ].join('\n');
}
