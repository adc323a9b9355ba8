// Whether a layer stack can work on its data and whether its loss fits the labels and the last layer: the shape of
// every layer's output worked out from the input, and the loss inferred where the cell leaves it to us. Pure, so the
// core (exact: the data is loaded) and the editor (what can be known from the text) give the same messages.
import * as l10n from '@vscode/l10n';
import {
  formatBytes,
  formatCount,
  judgeWeight,
  LARGE_BYTES_UNKNOWN_MACHINE,
  layerSizes,
  machineMemory,
  MAX_PARAMETERS,
  weighModel,
} from './modelSize';
import { describeShape, LAYER_KINDS, type Shape } from './layerKinds';
import type { CellSpec } from './cellSpec';
import { problemText, type ProblemCode } from './problemCatalog';

export type Task = 'classification' | 'binary' | 'regression';

/** What is known of the data. The core knows all of it; the editor only what the cell's text says. */
export interface DataFacts {
  /** One sample's shape, without the batch. */
  inputShape?: number[];
  task?: Task;
  /** The number of classes (classification). */
  classes?: number;
  /** The range of the input values, where the first layer is an embedding that looks them up as ids. */
  ids?: { min: number; max: number; whole: boolean };
}

/** What the built-in data sources are, for the editor, which has not loaded them (src/core/data has the real ones). */
export const BUILTIN_DATA_FACTS: Record<string, DataFacts> = {
  'fashion-mnist': { inputShape: [28, 28, 1], task: 'classification', classes: 10 },
  iris: { inputShape: [4], task: 'classification', classes: 3 },
  xor: { inputShape: [2], task: 'binary' },
  spiral: { inputShape: [2], task: 'classification', classes: 3 },
  blobs: { inputShape: [2], task: 'classification', classes: 3 },
};

/**
 * What the earlier cells of a notebook say that a cell's checks can use: the data of the last cell with a built-in
 * `source` (or a `model.input`), and the layers of the last cell with a model. Files are not read: a `train:` file's
 * shape is known only once the core loads it.
 */
export interface NotebookContext {
  facts: DataFacts;
  layers?: ModelLayer[];
}

export function notebookContext(earlier: readonly Pick<CellSpec, 'data' | 'model'>[]): NotebookContext {
  let facts: DataFacts = {};
  let layers: ModelLayer[] | undefined;
  for (const spec of earlier) {
    if (spec.data) {
      const source = spec.data.source;
      facts = source !== undefined && BUILTIN_DATA_FACTS[source] ? { ...BUILTIN_DATA_FACTS[source] } : {};
    }
    if (spec.model) {
      if (spec.model.input) facts = { ...facts, inputShape: spec.model.input };
      // What the layers are, not where they were written: a cell moving down does not re-check the cells below.
      if (spec.model.layers) layers = spec.model.layers.map(({ type, config }) => ({ type, config }));
    }
  }
  return { facts, layers };
}

export interface ModelLayer {
  /** The canonical layer name (`maxPooling2d`, not `maxpool`). */
  type: string;
  config: Record<string, unknown>;
}

/** A model problem's code: its text is in the catalog (problemCatalog.ts), with the editor's and the core's. */
export type ModelProblemCode = ProblemCode;

/** Where a problem belongs: a layer (its name, or one of its options), or the `train.loss` setting. */
export type ModelTarget = { kind: 'layer'; index: number; option?: string } | { kind: 'loss' };

export interface ModelProblem {
  code: ModelProblemCode;
  args: string[];
  message: string;
  severity: 'error' | 'warning';
  target: ModelTarget;
}

/** What the last layer produces, which the loss has to fit. */
export interface ModelOutput {
  units?: number;
  activation?: string;
  /** One sample's output shape, where known. */
  shape?: (number | null)[];
  /** The index of the last layer, of the layer that sets the units, and of the one that sets the activation. */
  lastLayer?: number;
  unitsLayer?: number;
  activationLayer?: number;
}

const CROSSENTROPIES = [
  'crossentropy',
  'categoricalCrossentropy',
  'sparseCategoricalCrossentropy',
  'binaryCrossentropy',
];
const CATEGORICAL = ['categoricalCrossentropy', 'sparseCategoricalCrossentropy'];

/** What a model's size is weighed against: the batch (the trainer's default when not given) and the machine's memory. */
export interface SizeOptions {
  batchSize?: number;
  /** Bytes; `null`: not known. Left out: what the process set (setMachineMemory in modelSize.ts). */
  memoryBytes?: number | null;
}

/**
 * Every problem of a layer stack on its data, and of its loss (`crossentropy` or left out: inferred; `null`: not
 * chosen yet, as in a model cell without a `train` section). Silent where too little is known: an unknown input
 * shape checks only what layers say of each other, and weighs the model with its unknown sizes as 1.
 */
export function checkModel(
  layers: readonly ModelLayer[],
  facts: DataFacts,
  loss?: unknown,
  size: SizeOptions = {},
): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const add = (code: ModelProblemCode, args: string[], target: ModelTarget, severity: 'error' | 'warning' = 'error') =>
    problems.push({ code, args, message: problemText(code, args), severity, target });

  let shape: Shape = facts.inputShape ? [...facts.inputShape] : undefined;
  /** The layer that last made a feature map (conv2d, pooling), while the shape stays one. */
  let featureMapFrom: string | undefined;
  let flattenReported = false;
  layers.forEach((layer, index) => {
    const at: ModelTarget = { kind: 'layer', index };
    const rank = shape?.length;
    const c = layer.config;
    const type = layer.type;
    const kind = LAYER_KINDS[type];
    if (type === 'dense' && !flattenReported && (featureMapFrom || (rank !== undefined && rank >= 3))) {
      flattenReported = true; // once: the dense layers after it get the same map
      // A dense layer on a feature map acts on its last axis only; fine if a later layer makes it a vector.
      const later = layers.slice(index + 1).some((l) => ['flatten', 'globalAveragePooling2d'].includes(l.type));
      if (featureMapFrom) add('missing-flatten', [featureMapFrom], at, later ? 'warning' : 'error');
      else add('dense-on-image', [describeShape(shape!)], at, later ? 'warning' : 'error');
    }
    if (kind?.needs === 'image' && rank !== undefined && rank !== 3 && c.dataFormat !== 'channelsFirst') {
      const advice =
        rank === 1
          ? l10n.t('reshape it first, e.g. `- reshape: [{0}, 1, 1]`, or use `dense`', String(shape![0] ?? 'h'))
          : rank === 2
            ? l10n.t('use `{0}` for sequences', type.replace('2d', '1d').replace('2D', '1D'))
            : l10n.t('give it a 3-D input');
      add('needs-image', [type, describeShape(shape!), advice], at);
      shape = undefined;
      featureMapFrom = undefined;
      return;
    }
    if (kind?.needs === 'sequence' && rank !== undefined && rank !== 2) {
      const advice =
        rank === 3
          ? type === 'conv1d' || type.endsWith('1d')
            ? l10n.t('use `{0}` for images', type.replace('1d', '2d'))
            : l10n.t('add `reshape` to steps × features first')
          : l10n.t('add `- reshape: [{0}, 1]` before it, or an `embedding` for ids', String(shape![0] ?? 'steps'));
      add('needs-sequence', [type, describeShape(shape!), advice], at);
      shape = undefined;
      featureMapFrom = undefined;
      return;
    }
    if (kind?.needs === 'ids' && rank !== undefined && rank !== 1) {
      add('needs-ids', [describeShape(shape!)], at);
      shape = undefined;
      return;
    }
    if (type === 'embedding' && index === 0 && facts.ids) {
      const { min, max, whole } = facts.ids;
      if (!whole || min < 0) add('ids-not-whole', [String(Number((whole ? min : max).toFixed(3)))], at);
      else if (typeof c.inputDim === 'number' && max >= c.inputDim)
        add('ids-beyond-table', [String(c.inputDim), String(max), String(max + 1)], {
          kind: 'layer',
          index,
          option: 'inputDim',
        });
    }
    if (type === 'flatten' && rank === 1) add('flatten-vector', [describeShape(shape!)], at);
    shape = outputShape(layer, shape, (code, args, option) =>
      add(code, args, option ? { kind: 'layer', index, option } : at),
    );
    // A dense layer's map is reported once, at it.
    featureMapFrom = kind?.featureMap === 'makes' ? type : kind?.featureMap === 'keeps' ? featureMapFrom : undefined;
  });

  problems.push(...checkSize(layers, facts, size));
  const output = modelOutput(layers);
  if (shape) output.shape = shape;
  if (problems.some((p) => p.severity === 'error')) return problems; // the output of a stack that cannot work says little
  problems.push(...checkOutput(output, facts, loss));
  return problems;
}

/**
 * Whether training the stack fits: more parameters than any model may have, or more memory than half the machine's
 * (errors), or enough to be slow (a warning), at the layer that takes the most.
 */
function checkSize(layers: readonly ModelLayer[], facts: DataFacts, options: SizeOptions): ModelProblem[] {
  const weight = weighModel(layerSizes(layers, layerShapes(layers, facts.inputShape)), options.batchSize);
  if (!weight) return [];
  const memory = options.memoryBytes === undefined ? machineMemory() : (options.memoryBytes ?? undefined);
  const verdict = judgeWeight(weight, memory);
  if (!verdict) return [];
  const type = layers[weight.largest].type;
  const target: ModelTarget = { kind: 'layer', index: weight.largest, option: LAYER_KINDS[type]?.sizeOption };
  // A count with sizes the text does not say (taken as 1) is a lower bound: the model is at least this big.
  const count = (n: number) => (weight.exact ? formatCount(n) : l10n.t('at least {0}', formatCount(n)));
  const problem = (code: ModelProblemCode, args: string[], severity: 'error' | 'warning'): ModelProblem => ({
    code,
    args,
    message: problemText(code, args),
    severity,
    target,
  });
  if (verdict === 'too-many-parameters') {
    return [
      problem(
        'model-too-many-parameters',
        [count(weight.params), count(weight.largestParams), type, formatCount(MAX_PARAMETERS)],
        'error',
      ),
    ];
  }
  const args = [formatBytes(weight.bytes), count(weight.params), formatBytes(weight.largestBytes), type];
  if (verdict === 'too-big') return [problem('model-too-big', [...args, formatBytes(memory!)], 'error')];
  const bar =
    memory === undefined
      ? formatBytes(LARGE_BYTES_UNKNOWN_MACHINE)
      : l10n.t('an eighth of the {0} this machine has', formatBytes(memory));
  return [problem('model-large', [...args, bar], 'warning')];
}

/** Each layer's input and output shape for one sample (undefined where not known), as checkModel works them out. */
export function layerShapes(
  layers: readonly ModelLayer[],
  inputShape: number[] | undefined,
): { input: Shape; output: Shape }[] {
  let shape: Shape = inputShape ? [...inputShape] : undefined;
  return layers.map((layer) => {
    const input = shape;
    shape = outputShape(layer, shape, () => undefined);
    return { input, output: shape };
  });
}

/** The units and activation the stack ends in (a trailing `activation` or `dropout` layer included). */
export function modelOutput(layers: readonly ModelLayer[]): ModelOutput {
  const out: ModelOutput = { lastLayer: layers.length > 0 ? layers.length - 1 : undefined };
  for (let i = layers.length - 1; i >= 0; i--) {
    const { type, config } = layers[i];
    if (type === 'dropout') continue;
    if (type === 'activation') {
      if (out.activation === undefined) {
        out.activation = String(config.activation ?? 'linear');
        out.activationLayer = i;
      }
      continue;
    }
    if (type === 'dense') {
      if (typeof config.units === 'number') {
        out.units = config.units;
        out.unitsLayer = i;
      }
      if (out.activation === undefined) {
        out.activation = String(config.activation ?? 'linear');
        out.activationLayer = i;
      }
    }
    break;
  }
  return out;
}

/** The loss the trainer uses: the one named, or (`crossentropy`, or none) the one that fits the labels and last layer. */
export function inferLoss(given: unknown, task: Task | undefined, output: ModelOutput = {}): string | undefined {
  if (typeof given === 'string' && given !== 'crossentropy') return given;
  const t =
    task ??
    (output.activation === 'sigmoid' && output.units === 1
      ? 'binary'
      : output.activation === 'softmax'
        ? 'classification'
        : undefined);
  // Two classes through a 2-unit softmax (Teachable Machine's head): the labels stay one class number per sample.
  if (t === 'binary' && output.activation === 'softmax' && output.units === 2) return 'sparseCategoricalCrossentropy';
  if (t === 'binary') return 'binaryCrossentropy';
  if (t === 'classification') return 'categoricalCrossentropy';
  if (t === 'regression' && given === undefined) return 'meanSquaredError';
  return undefined; // `crossentropy` on numbers: checkOutput says why
}

/** Whether the last layer and the loss fit the labels. */
export function checkOutput(output: ModelOutput, facts: DataFacts, givenLoss?: unknown): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const add = (code: ModelProblemCode, args: string[], target: ModelTarget, severity: 'error' | 'warning' = 'error') =>
    problems.push({ code, args, message: problemText(code, args), severity, target });
  const { units, activation, shape } = output;
  const unitsAt: ModelTarget =
    output.unitsLayer === undefined ? { kind: 'loss' } : { kind: 'layer', index: output.unitsLayer, option: 'units' };
  const activationAt: ModelTarget =
    output.activationLayer === undefined
      ? unitsAt
      : { kind: 'layer', index: output.activationLayer, option: 'activation' };
  const lossAt: ModelTarget = { kind: 'loss' };
  const task = facts.task;
  const loss = inferLoss(givenLoss, task, output);
  const named = typeof givenLoss === 'string' ? givenLoss : undefined;

  if (shape && shape.length > 1) {
    add(
      'output-not-vector',
      [describeShape(shape), shape.length === 2 ? 'globalAveragePooling1d' : 'globalAveragePooling2d'],
      output.lastLayer === undefined ? lossAt : { kind: 'layer', index: output.lastLayer },
    );
    return problems;
  }
  if (activation === 'softmax' && units === 1) {
    add('softmax-one-unit', [], activationAt);
    return problems;
  }
  if (named && CATEGORICAL.includes(named) && units === 1) {
    add('categorical-one-unit', [named], lossAt);
    return problems;
  }
  if (loss === 'binaryCrossentropy' && activation === 'softmax' && units !== undefined && named !== undefined) {
    add('softmax-binary-loss', [String(units)], lossAt);
    return problems;
  }
  if (task === 'regression' && named && CROSSENTROPIES.includes(named)) {
    add('loss-for-classes', [named], lossAt);
    return problems;
  }
  if (task === 'classification' && facts.classes !== undefined && units !== undefined && units !== facts.classes) {
    if (units === 1 && activation === 'sigmoid') add('sigmoid-multiclass', [String(facts.classes)], unitsAt);
    else add('units-classes', [String(units), String(facts.classes)], unitsAt);
    return problems;
  }
  // Yes/no labels take one sigmoid unit (the positive class's probability) or a 2-unit softmax (both classes').
  if (
    task === 'binary' &&
    units !== undefined &&
    units !== 1 &&
    !(units === 2 && (activation === 'softmax' || activation === undefined))
  ) {
    add('binary-units', [String(units)], unitsAt);
    return problems;
  }
  if (task === 'regression' && units !== undefined && units !== 1) {
    add('regression-units', [String(units)], unitsAt);
    return problems;
  }
  if (task === 'regression' && (activation === 'softmax' || activation === 'sigmoid')) {
    add(
      'squashed-regression',
      [activation, activation === 'softmax' ? l10n.t('shares that add up to 1') : '0 … 1'],
      activationAt,
      'warning',
    );
    return problems;
  }
  // A cross-entropy of anything but probabilities is meaningless (and NaN on negative outputs). `null`: the loss is
  // chosen later (a train cell below the model's), so it may well be one that takes any number.
  if (
    givenLoss !== null &&
    loss &&
    CROSSENTROPIES.includes(loss) &&
    activation !== undefined &&
    activation !== 'softmax' &&
    activation !== 'sigmoid'
  ) {
    const wanted = loss === 'binaryCrossentropy' ? 'sigmoid' : 'softmax';
    add('needs-probabilities', [loss, activation, wanted], activationAt);
  }
  return problems;
}

/** One sample's output shape of a layer (its descriptor's, layerKinds.ts); undefined for a layer it does not know. */
function outputShape(
  layer: ModelLayer,
  shape: Shape,
  report: (code: ModelProblemCode, args: string[], option?: string) => void,
): Shape {
  return LAYER_KINDS[layer.type]?.outputShape(layer.config, shape, report);
}

export { describeShape };
