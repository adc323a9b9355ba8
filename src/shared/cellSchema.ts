// The vocabulary of a `bigmodel` cell (spec section 3): every section's keys with the type and range of their values,
// the layers with their options, and the names of activations, optimizers, losses, metrics and built-in data.
// The decoder (cellSpec.ts), hovers and completions all read this one schema,
// and the glossary's coverage test walks its `vocabulary()`.

export const SECTIONS = ['data', 'model', 'train', 'evaluate', 'summary', 'export', 'predict'] as const;
export type SectionName = (typeof SECTIONS)[number];

/** The most epochs a `train` section may ask for. */
export const MAX_EPOCHS = 10000;

export const BUILTIN_SOURCES = ['fashion-mnist', 'iris', 'xor', 'spiral', 'blobs'] as const;

/** tfjs-layers' activation identifiers. */
export const ACTIVATIONS = [
  'relu',
  'sigmoid',
  'softmax',
  'tanh',
  'linear',
  'elu',
  'selu',
  'relu6',
  'softplus',
  'softsign',
  'hardSigmoid',
  'swish',
  'mish',
  'gelu',
  'gelu_new',
] as const;

/** The optimizers the trainer builds. */
export const OPTIMIZERS = ['adam', 'sgd', 'rmsprop', 'adagrad', 'adadelta', 'adamax', 'momentum'] as const;

/** tfjs-layers' loss names, plus `crossentropy`, which the trainer turns into the cross-entropy that fits the labels. */
export const LOSSES = [
  'crossentropy',
  'categoricalCrossentropy',
  'sparseCategoricalCrossentropy',
  'binaryCrossentropy',
  'meanSquaredError',
  'meanAbsoluteError',
  'meanAbsolutePercentageError',
  'meanSquaredLogarithmicError',
  'hinge',
  'squaredHinge',
  'categoricalHinge',
  'logcosh',
  'kullbackLeiblerDivergence',
  'poisson',
  'cosineProximity',
] as const;

/**
 * Metric names the trainer reports (tfjs-layers' metricsMap, `accuracy` / `crossentropy` with their short forms, and our
 * thresholded `precision`, `recall` and `auc` of the positive class, computed as scikit-learn does).
 */
export const METRICS = [
  'accuracy',
  'acc',
  'binaryAccuracy',
  'categoricalAccuracy',
  'precision',
  'recall',
  'auc',
  'crossentropy',
  'ce',
  'categoricalCrossentropy',
  'sparseCategoricalCrossentropy',
  'mse',
  'MSE',
  'mae',
  'MAE',
  'mape',
  'MAPE',
  'cosine',
] as const;

/** Well-known short names that are not loss names in TensorFlow.js, and the loss people mean by them. */
export const LOSS_SHORT_NAMES: Record<string, string> = {
  mse: 'meanSquaredError',
  mae: 'meanAbsoluteError',
  mape: 'meanAbsolutePercentageError',
  msle: 'meanSquaredLogarithmicError',
  kld: 'kullbackLeiblerDivergence',
  cosine: 'cosineProximity',
  ce: 'crossentropy',
};

export const INITIALIZERS = [
  'glorotUniform',
  'glorotNormal',
  'heNormal',
  'heUniform',
  'leCunNormal',
  'leCunUniform',
  'zeros',
  'ones',
  'randomNormal',
  'randomUniform',
  'truncatedNormal',
  'orthogonal',
  'varianceScaling',
  'identity',
  'constant',
] as const;
export const REGULARIZERS = ['l1', 'l2', 'l1l2'] as const;

/** Which list an enumerated value comes from: names the messages and hovers for that kind of name. */
export type NameKind = 'activation' | 'optimizer' | 'loss' | 'metric' | 'source' | 'choice';

export type ValueSpec =
  /** `only`: the values allowed within the range (`channels`: 1 or 3). */
  | { type: 'integer'; min?: number; max?: number; typicalMax?: number; only?: readonly number[] }
  /** `above`: the value must be greater than `min`; `below`: less than `max`; `typicalMax`: larger values get a warning. */
  | { type: 'number'; min?: number; max?: number; above?: boolean; below?: boolean; typicalMax?: number }
  | { type: 'boolean' }
  /** A name or a path, written as is. */
  | { type: 'string'; suggestions?: readonly string[] }
  /** `open`: other names are allowed (a warning, not an error). */
  | { type: 'enum'; kind: NameKind; names: readonly string[]; open?: boolean }
  /**
   * `single`: one item may stand without the brackets; `length`: exactly this many items, as in `example`;
   * `nonEmpty`: `[]` says nothing (an empty list of features).
   */
  | { type: 'list'; of: ValueSpec; single?: boolean; length?: number; example?: string; nonEmpty?: boolean }
  | { type: 'map'; keys: Record<string, ValueSpec> }
  /** Metric name → number, e.g. `goal: { accuracy: 0.9 }`. */
  | { type: 'metricMap' }
  /** `adam`, or `{ adam: { learningRate: 0.001 } }`. */
  | { type: 'optimizer' }
  /** The first alternative whose YAML shape (number, text, list, mapping) fits is checked. */
  | { type: 'oneOf'; of: ValueSpec[] };

const int = (min?: number, max?: number): ValueSpec => ({ type: 'integer', min, max });
const num = (o: Omit<Extract<ValueSpec, { type: 'number' }>, 'type'> = {}): ValueSpec => ({ type: 'number', ...o });
const bool: ValueSpec = { type: 'boolean' };
const str: ValueSpec = { type: 'string' };
const names: ValueSpec = { type: 'list', of: { type: 'string' }, single: true, nonEmpty: true };
const choice = (values: readonly string[]): ValueSpec => ({ type: 'enum', kind: 'choice', names: values });
const activation: ValueSpec = { type: 'enum', kind: 'activation', names: ACTIVATIONS };
const initializer: ValueSpec = { type: 'enum', kind: 'choice', names: INITIALIZERS, open: true };
const regularizer: ValueSpec = { type: 'enum', kind: 'choice', names: REGULARIZERS, open: true };
/** A size per spatial axis: one number for all axes, or one per axis. */
const sizes: ValueSpec = { type: 'oneOf', of: [int(1), { type: 'list', of: int(1) }] };
const shape: ValueSpec = { type: 'list', of: int(1) };
const fraction: ValueSpec = num({ min: 0, max: 1, below: true });
const dataFormat = choice(['channelsLast', 'channelsFirst']);
const seed = num({ min: 0 });
/** Two IDX files, images and labels, where one file or folder is not enough. */
const idxPair: ValueSpec = { type: 'list', of: str, length: 2, example: '[images.idx, labels.idx]' };

/** The keys of each section (section 3 of the spec): the decoder (cellSpec.ts) gives the core these and no others. */
export const SECTION_KEYS: Record<SectionName, Record<string, ValueSpec>> = {
  data: {
    source: { type: 'enum', kind: 'source', names: BUILTIN_SOURCES },
    path: str,
    // A file or folder; two IDX files as `[images, labels]`.
    train: { type: 'oneOf', of: [str, idxPair] },
    test: { type: 'oneOf', of: [str, idxPair] },
    label: str,
    features: names,
    classes: names,
    validation: { type: 'oneOf', of: [num({ min: 0, max: 0.9 }), str, idxPair] },
    limit: num({ min: 1 }),
    normalize: bool,
    shuffle: bool,
    seed,
    categorical: names,
    encoding: choice(['onehot', 'index']),
    text: str,
    maxLength: int(1),
    vocabularySize: int(3),
    // One number for a square, or [height, width].
    imageSize: {
      type: 'oneOf',
      of: [int(1, 4096), { type: 'list', of: int(1, 4096), length: 2, example: '[64, 64]' }],
    },
    // Colour (RGB) or grey: the image loader reads no two-channel images.
    channels: { type: 'integer', min: 1, max: 3, only: [1, 3] },
    // Binary tasks: the label value that counts as positive (a name, or 1 / true).
    positive: { type: 'oneOf', of: [str, num(), bool] },
  },
  model: {
    layers: { type: 'list', of: str }, // checked layer by layer (LAYER_OPTIONS)
    input: shape,
    load: str,
    seed,
  },
  train: {
    optimizer: { type: 'optimizer' },
    learningRate: num({ min: 0, above: true, typicalMax: 1 }),
    loss: { type: 'enum', kind: 'loss', names: LOSSES },
    metrics: { type: 'list', of: { type: 'enum', kind: 'metric', names: METRICS }, single: true },
    // Every epoch's figures cross to the window and into the notebook's run history: 10,000 bounds both, and far more
    // than 1,000 is usually a run that early stopping should end.
    epochs: { type: 'integer', min: 1, max: MAX_EPOCHS, typicalMax: 1000 },
    batchSize: int(1),
    earlyStopping: {
      type: 'oneOf',
      of: [
        bool,
        {
          type: 'map',
          keys: {
            monitor: { type: 'string', suggestions: ['val_loss', 'loss', 'val_accuracy', 'accuracy'] },
            patience: int(1),
            restoreBest: bool,
            minDelta: num({ min: 0 }),
            mode: choice(['auto', 'min', 'max']),
          },
        },
      ],
    },
    seed,
  },
  evaluate: { on: choice(['test', 'validation']), folds: int(2, 20) },
  summary: {
    goal: { type: 'metricMap' },
    audience: choice(['product', 'engineering']),
    language: choice(['auto', 'en', 'zh-cn']),
  },
  export: { to: str, overwrite: bool },
  /** A path, several paths, or rows of raw values in the training file's column order (`[[5.1, 3.5, basic]]`). */
  predict: {
    input: {
      type: 'oneOf',
      of: [
        str,
        { type: 'list', of: { type: 'oneOf', of: [str, { type: 'list', of: { type: 'oneOf', of: [num(), str] } }] } },
      ],
    },
  },
};

/** Options inside `optimizer: { adam: { … } }`. */
export const OPTIMIZER_OPTIONS: Record<string, ValueSpec> = {
  learningRate: num({ min: 0, above: true, typicalMax: 1 }),
  momentum: num({ min: 0, max: 1 }),
  nesterov: bool,
  beta1: num({ min: 0, max: 1, below: true }),
  beta2: num({ min: 0, max: 1, below: true }),
  epsilon: num({ min: 0, above: true }),
  decay: num({ min: 0, max: 1 }),
  rho: num({ min: 0, max: 1 }),
  initialAccumulatorValue: num({ min: 0, above: true }),
};

/** Which options each optimizer takes (TensorFlow.js's `tf.train.*` arguments). */
const OPTIMIZER_OPTION_NAMES: Record<string, string[]> = {
  sgd: ['learningRate', 'momentum', 'nesterov'],
  momentum: ['learningRate', 'momentum', 'nesterov'],
  adam: ['learningRate', 'beta1', 'beta2', 'epsilon'],
  adamax: ['learningRate', 'beta1', 'beta2', 'epsilon', 'decay'],
  // Not `centered`: TensorFlow.js 4.22's centered RMSprop turns the loss into NaN from the first step.
  rmsprop: ['learningRate', 'decay', 'momentum', 'epsilon'],
  adagrad: ['learningRate', 'initialAccumulatorValue'],
  adadelta: ['learningRate', 'rho', 'epsilon'],
};

/** The options of one optimizer, or undefined for an unknown one. */
export function optimizerOptions(name: string): Record<string, ValueSpec> | undefined {
  const names = OPTIMIZER_OPTION_NAMES[name];
  return names && Object.fromEntries(names.map((n) => [n, OPTIMIZER_OPTIONS[n]]));
}

/** Names the goal of a summary is usually written in (the evaluation's metrics); others are allowed. */
export const GOAL_METRICS = [
  'accuracy',
  'balancedAccuracy',
  'precision',
  'recall',
  'f1',
  'auc',
  'loss',
  'mae',
  'rmse',
  'r2',
] as const;

/** Spec aliases of layer names. */
export const LAYER_ALIASES: Record<string, string> = { maxpool: 'maxPooling2d', avgpool: 'averagePooling2d' };

const base = { name: str, trainable: bool, inputShape: shape };
const weights = {
  useBias: bool,
  kernelInitializer: initializer,
  biasInitializer: initializer,
  kernelRegularizer: regularizer,
  biasRegularizer: regularizer,
};
const conv = (padding: string[]) => ({
  ...base,
  ...weights,
  filters: int(1),
  kernelSize: sizes,
  strides: sizes,
  padding: choice(padding),
  dilationRate: sizes,
  activation,
  dataFormat,
});
const pooling = { ...base, poolSize: sizes, strides: sizes, padding: choice(['valid', 'same']), dataFormat };
const normalization = { ...base, axis: int(), epsilon: num({ min: 0, above: true }), center: bool, scale: bool };
const attention = { numHeads: int(1), keyDim: int(1), dropout: fraction, causal: bool };
const recurrent = {
  ...base,
  ...weights,
  units: int(1),
  activation,
  returnSequences: bool,
  returnState: bool,
  goBackwards: bool,
  dropout: fraction,
  recurrentDropout: fraction,
  recurrentInitializer: initializer,
};

/** Every layer the core builds, with the tfjs-layers options it takes (the rest of what a layer does: layerKinds.ts). */
const LAYER_OPTION_TABLE = {
  dense: { ...base, ...weights, units: int(1), activation },
  dropout: { ...base, rate: fraction, seed },
  flatten: { ...base, dataFormat },
  conv1d: conv(['valid', 'same', 'causal']),
  conv2d: conv(['valid', 'same']),
  maxPooling1d: pooling,
  maxPooling2d: pooling,
  averagePooling1d: pooling,
  averagePooling2d: pooling,
  globalAveragePooling1d: { ...base, dataFormat },
  globalAveragePooling2d: { ...base, dataFormat },
  reshape: { ...base, targetShape: { type: 'list', of: int(-1) } },
  batchNormalization: { ...normalization, momentum: num({ min: 0, max: 1 }) },
  layerNormalization: normalization,
  embedding: {
    ...base,
    inputDim: int(1),
    outputDim: int(1),
    inputLength: int(1),
    maskZero: bool,
    embeddingsInitializer: initializer,
  },
  lstm: { ...recurrent, recurrentActivation: activation },
  gru: { ...recurrent, recurrentActivation: activation },
  simpleRNN: recurrent,
  activation: { ...base, activation },
  // Our own layers (src/core/layers): TensorFlow.js has no attention.
  multiHeadSelfAttention: { ...base, ...attention },
  transformerEncoder: {
    ...base,
    ...attention,
    intermediateDim: int(1),
    activation: choice(['relu', 'gelu', 'tanh', 'linear']),
    epsilon: num({ min: 0, above: true }),
  },
  positionEmbedding: base,
} satisfies Record<string, Record<string, ValueSpec>>;
/** The canonical name of a layer: layerKinds.ts describes each, which the type checker holds to this list. */
export type LayerType = keyof typeof LAYER_OPTION_TABLE;
export const LAYER_OPTIONS: Record<string, Record<string, ValueSpec>> = LAYER_OPTION_TABLE;

export const LAYERS: string[] = Object.keys(LAYER_OPTIONS);

/** The canonical layer name of a name or alias, or undefined for an unknown layer. */
export function layerName(name: string): string | undefined {
  const canonical = LAYER_ALIASES[name] ?? name;
  return LAYER_OPTIONS[canonical] ? canonical : undefined;
}

/** What the schema knows of a path of keys: a section's keys, a layer's options, a nested mapping's keys. */
export function keysAt(path: readonly string[]): Record<string, ValueSpec> | undefined {
  const [section, ...rest] = path;
  if (section === undefined) return undefined;
  const sectionKeys = SECTION_KEYS[section as SectionName];
  if (!sectionKeys) return undefined;
  if (rest.length === 0) return sectionKeys;
  if (section === 'model' && rest[0] === 'layers') {
    const layer = rest[1] === undefined ? undefined : layerName(rest[1]);
    return layer && rest.length === 2 ? LAYER_OPTIONS[layer] : undefined;
  }
  if (section === 'train' && rest[0] === 'optimizer') return rest.length === 2 ? optimizerOptions(rest[1]) : undefined;
  let spec: ValueSpec | undefined = sectionKeys[rest[0]];
  for (const key of rest.slice(1)) spec = mapOf(spec)?.[key];
  return mapOf(spec);
}

/** The spec of one key at a path (`['train', 'epochs']`, `['model', 'layers', 'dense', 'units']`). */
export function valueAt(path: readonly string[]): ValueSpec | undefined {
  if (path.length < 2) return undefined;
  if (path[0] === 'train' && path[1] === 'optimizer' && path.length === 2) return SECTION_KEYS.train.optimizer;
  return keysAt(path.slice(0, -1))?.[path[path.length - 1]];
}

function mapOf(spec: ValueSpec | undefined): Record<string, ValueSpec> | undefined {
  if (!spec) return undefined;
  if (spec.type === 'map') return spec.keys;
  if (spec.type === 'oneOf') {
    for (const alternative of spec.of) {
      const keys = mapOf(alternative);
      if (keys) return keys;
    }
  }
  return undefined;
}

/** The names a value may take, for completions: enumerations, booleans, and suggested names. */
export function valueNames(
  spec: ValueSpec | undefined,
): { kind: NameKind | 'boolean' | 'suggestion'; names: readonly string[] }[] {
  if (!spec) return [];
  switch (spec.type) {
    case 'enum':
      return [{ kind: spec.kind, names: spec.names }];
    case 'boolean':
      return [{ kind: 'boolean', names: ['true', 'false'] }];
    case 'string':
      return spec.suggestions ? [{ kind: 'suggestion', names: spec.suggestions }] : [];
    case 'list':
      return valueNames(spec.of);
    case 'optimizer':
      return [{ kind: 'optimizer', names: OPTIMIZERS }];
    case 'oneOf':
      return spec.of.flatMap(valueNames);
    default:
      return [];
  }
}

/**
 * Every name of the language that the glossary explains, with the kind of entry that explains it and the
 * section or layer it is looked up in: the glossary's coverage test walks this list.
 */
export function vocabulary(): {
  name: string;
  kind: 'section' | 'setting' | 'layer' | 'option' | NameKind;
  context?: string;
}[] {
  const out: ReturnType<typeof vocabulary> = [];
  for (const s of SECTIONS) out.push({ name: s, kind: 'section' });
  const nested = (context: string, keys: Record<string, ValueSpec>) => {
    for (const [key, spec] of Object.entries(keys)) {
      out.push({ name: key, kind: 'setting', context });
      const inner = mapOf(spec);
      if (inner) nested(key, inner);
    }
  };
  for (const s of SECTIONS) nested(s, SECTION_KEYS[s]);
  for (const key of Object.keys(OPTIMIZER_OPTIONS)) out.push({ name: key, kind: 'setting', context: 'optimizer' });
  for (const [layer, options] of Object.entries(LAYER_OPTIONS)) {
    out.push({ name: layer, kind: 'layer' });
    for (const option of Object.keys(options)) out.push({ name: option, kind: 'option', context: layer });
  }
  for (const alias of Object.keys(LAYER_ALIASES)) out.push({ name: alias, kind: 'layer' });
  for (const a of ACTIVATIONS) out.push({ name: a, kind: 'activation' });
  for (const o of OPTIMIZERS) out.push({ name: o, kind: 'optimizer' });
  for (const l of LOSSES) out.push({ name: l, kind: 'loss' });
  for (const m of METRICS) out.push({ name: m, kind: 'metric' });
  for (const s of BUILTIN_SOURCES) out.push({ name: s, kind: 'source' });
  return out;
}
