// One descriptor per layer the core builds, as Keras keeps `compute_output_shape` with the layer: its options (their
// kinds and ranges, from the schema), the one it may be given as a plain value, what input it needs, how one sample's
// output shape follows from its input's, whether a 2-D feature map stays one through it, and which option sets its size.
import * as l10n from '@vscode/l10n';
import { LAYER_OPTIONS, type LayerType, type ValueSpec } from './cellSchema';
import type { ProblemCode } from './problemCatalog';

/** One sample's shape, without the batch; null where an axis is not known, undefined where nothing is. */
export type Shape = (number | null)[] | undefined;

/** Reports a size that cannot work, at the option that sets it. */
export type ShapeReport = (code: ProblemCode, args: string[], option?: string) => void;

export interface LayerKind {
  /** The tfjs-layers options it takes (cellSchema.ts LAYER_OPTIONS, which hovers and completions read by name). */
  options: Record<string, ValueSpec>;
  /** The one option it may be given as a plain value (`- dropout: 0.2`). */
  plainOption?: string;
  /** What its input must be: an image (height × width × channels), a sequence (steps × features), a row of ids. */
  needs?: 'image' | 'sequence' | 'ids';
  /** `makes`: its output is a 2-D feature map (a `dense` after it needs a `flatten`); `keeps`: a map stays one. */
  featureMap?: 'makes' | 'keeps';
  /** The option that sets its size, where a problem of its size is shown. */
  sizeOption?: string;
  /** One sample's output shape, reporting sizes that cannot work. */
  outputShape(config: Record<string, unknown>, shape: Shape, report: ShapeReport): Shape;
  /** Its weights as TensorFlow.js counts them (none where left out): modelSize.ts weighs a model with them. */
  parameters?(config: Record<string, unknown>, sizes: Sizes, input: Shape): number;
  /** The last axis of its output from its own settings, where its input is not known (its input's where left out). */
  lastAxis?(config: Record<string, unknown>): number | null;
  /** It hands on its input's values as they are (tfjs shares the data): nothing new to keep for training. */
  view?: boolean;
}

/** Sizes for counting weights: `size` is 1 where a size is not known, which makes the count a lower bound. */
export interface Sizes {
  size(v: unknown): number;
  /** The last axis of the layer's input. */
  features(): number;
}

/** A size a setting gives, where it is a positive number. */
export function positive(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined;
}

/** Attention heads, 2 where not given (the core's default). */
export function headsOf(c: Record<string, unknown>): number {
  return positive(c.numHeads) ?? 2;
}

const bias = (c: Record<string, unknown>, n: number) => (c.useBias === false ? 0 : n);
const unitsAxis = (c: Record<string, unknown>) => positive(c.units) ?? null;

/** `[28, 28, 1]`, `a vector of 4 numbers`: a shape in words. */
export function describeShape(shape: (number | null)[]): string {
  const dims = shape.map((d) => (d === null ? '?' : String(d)));
  if (shape.length === 1) return l10n.t('a vector of {0} numbers', dims[0]);
  return `[${dims.join(', ')}]`;
}

const same = (_: Record<string, unknown>, shape: Shape) => shape;
const number = (v: unknown, fallback: number) => (typeof v === 'number' ? v : fallback);
const perAxis = (v: unknown, fallback: number, n: number): number[] =>
  Array.isArray(v) ? (v as number[]).slice(0, n) : Array.from({ length: n }, () => number(v, fallback));

/** A convolution or pooling window sliding over 1 or 2 axes. */
function windowed(type: string, axes: 1 | 2, conv: boolean): LayerKind['outputShape'] {
  return (c, shape, report) => {
    if (c.dataFormat === 'channelsFirst') return undefined;
    const channels = conv ? (typeof c.filters === 'number' ? c.filters : null) : (shape?.[axes] ?? null);
    // Unknown input: the rank is still known, which is enough to check the layers after it.
    if (!shape) return [...Array.from({ length: axes }, () => null), channels];
    const sizeKey = conv ? 'kernelSize' : 'poolSize';
    const window = perAxis(c[sizeKey], conv ? NaN : 2, axes);
    if (window.some((w) => !Number.isFinite(w))) return undefined; // tfjs reports a missing kernelSize itself
    const strides = perAxis(c.strides, conv ? 1 : NaN, axes).map((s, i) => (Number.isFinite(s) ? s : window[i]));
    const dilation = perAxis(c.dilationRate, 1, axes);
    const padding = c.padding === 'same' || c.padding === 'causal' ? 'same' : 'valid';
    const out: (number | null)[] = [];
    for (let i = 0; i < axes; i++) {
      const size = shape[i];
      if (size === null) {
        out.push(null);
        continue;
      }
      const span = (window[i] - 1) * dilation[i] + 1;
      if (padding === 'valid' && size < span) {
        report('too-small', [type, String(span), describeShape(shape), sizeKey], sizeKey);
        return undefined;
      }
      out.push(padding === 'same' ? Math.ceil(size / strides[i]) : Math.floor((size - span) / strides[i]) + 1);
    }
    return [...out, channels];
  };
}

function reshape(c: Record<string, unknown>, shape: Shape, report: ShapeReport): Shape {
  const target = Array.isArray(c.targetShape) ? (c.targetShape as number[]) : undefined;
  if (!target) return undefined;
  if (!shape || shape.some((d) => d === null)) return target.some((d) => d === -1) ? undefined : target;
  const size = (shape as number[]).reduce((a, b) => a * b, 1);
  const known = target.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
  const free = target.filter((d) => d === -1).length;
  if ((free === 0 && known !== size) || (free === 1 && size % known !== 0)) {
    const needed = free ? l10n.t('a multiple of {0}', String(known)) : String(known);
    report('reshape-size', [`[${target.join(', ')}]`, needed, describeShape(shape), String(size)], 'targetShape');
    return undefined;
  }
  return target.map((d) => (d === -1 ? size / known : d));
}

/** A recurrent layer with `gates` weight sets (LSTM 4, GRU 3, a simple RNN 1). */
const recurrent = (gates: number): Behaviour => ({
  needs: 'sequence',
  sizeOption: 'units',
  lastAxis: unitsAxis,
  parameters: (c, { size, features }) => {
    const units = size(c.units);
    return gates * (units * (features() + units) + bias(c, units));
  },
  outputShape: (c, shape) => {
    const units = typeof c.units === 'number' ? c.units : null;
    return c.returnSequences === true ? [shape ? shape[0] : null, units] : [units];
  },
});

/** Attention over the steps: the shape stays; the features must split evenly over the heads. */
function attention(type: string, sizeOption?: string): Behaviour {
  return {
    needs: 'sequence',
    featureMap: 'keeps',
    sizeOption,
    parameters: (c, { features }) => {
      const width = features();
      const inner = headsOf(c) * (positive(c.keyDim) ?? width / headsOf(c));
      let params = 4 * width * inner + 3 * inner + width; // query, key, value and output projections with their biases
      if (type === 'transformerEncoder') {
        const ff = positive(c.intermediateDim) ?? 4 * width;
        params += 4 * width + 2 * width * ff + ff + width; // two layer norms and the feed-forward block
      }
      return params;
    },
    outputShape: (c, shape, report) => {
      const heads = number(c.numHeads, 2);
      const features = shape?.[1];
      if (typeof features === 'number' && c.keyDim === undefined && features % heads !== 0) {
        report('heads-divide', [type, String(features), String(heads)], 'numHeads');
      }
      return shape;
    },
  };
}

const keeps: Behaviour = { featureMap: 'keeps', outputShape: same };

/** A convolution's weights: a kernel per input channel and filter, and a bias per filter. */
const convolution = (axes: 1 | 2): Pick<Behaviour, 'sizeOption' | 'parameters' | 'lastAxis'> => ({
  sizeOption: 'filters',
  parameters: (c, { size, features }) => {
    const k = c.kernelSize;
    const kernel = Array.isArray(k)
      ? (k as unknown[]).slice(0, axes).reduce<number>((a, v) => a * size(v), 1)
      : size(k) ** axes;
    return kernel * features() * size(c.filters) + bias(c, size(c.filters));
  },
  lastAxis: (c) => positive(c.filters) ?? null,
});
const globalPooling = (needs: 'image' | 'sequence'): Behaviour => ({
  needs,
  outputShape: (_, shape) => [shape ? shape[shape.length - 1] : null],
});

type Behaviour = Omit<LayerKind, 'options'>;

const BEHAVIOUR: Record<LayerType, Behaviour> = {
  dense: {
    plainOption: 'units',
    sizeOption: 'units',
    outputShape: (c, shape) => (shape && typeof c.units === 'number' ? [...shape.slice(0, -1), c.units] : undefined),
    parameters: (c, { size, features }) => features() * size(c.units) + bias(c, size(c.units)),
    lastAxis: unitsAxis,
  },
  dropout: { ...keeps, plainOption: 'rate' },
  flatten: {
    view: true,
    lastAxis: () => null,
    outputShape: (_, shape) => [
      shape && shape.every((d) => d !== null) ? (shape as number[]).reduce((a, b) => a * b, 1) : null,
    ],
  },
  conv1d: { needs: 'sequence', ...convolution(1), outputShape: windowed('conv1d', 1, true) },
  conv2d: { needs: 'image', featureMap: 'makes', ...convolution(2), outputShape: windowed('conv2d', 2, true) },
  maxPooling1d: { needs: 'sequence', outputShape: windowed('maxPooling1d', 1, false) },
  maxPooling2d: { needs: 'image', featureMap: 'makes', outputShape: windowed('maxPooling2d', 2, false) },
  averagePooling1d: { needs: 'sequence', outputShape: windowed('averagePooling1d', 1, false) },
  averagePooling2d: { needs: 'image', featureMap: 'makes', outputShape: windowed('averagePooling2d', 2, false) },
  globalAveragePooling1d: globalPooling('sequence'),
  globalAveragePooling2d: globalPooling('image'),
  reshape: {
    plainOption: 'targetShape',
    view: true,
    outputShape: reshape,
    lastAxis: (c) => {
      const target = Array.isArray(c.targetShape) ? (c.targetShape as unknown[]) : [];
      return positive(target[target.length - 1]) ?? null;
    },
  },
  // Scale, offset, and the moving mean and variance; a layer norm has no moving ones.
  batchNormalization: { ...keeps, parameters: (_, { features }) => 4 * features() },
  layerNormalization: { ...keeps, parameters: (_, { features }) => 2 * features() },
  embedding: {
    needs: 'ids',
    sizeOption: 'inputDim',
    outputShape: (c, shape) => [shape ? shape[0] : null, typeof c.outputDim === 'number' ? c.outputDim : null],
    // The core sets a text column's vocabulary size when `inputDim` is left out.
    parameters: (c, { size }) => size(c.inputDim) * size(c.outputDim),
    lastAxis: (c) => positive(c.outputDim) ?? null,
  },
  lstm: recurrent(4),
  gru: recurrent(3),
  simpleRNN: recurrent(1),
  activation: { ...keeps, plainOption: 'activation' },
  multiHeadSelfAttention: attention('multiHeadSelfAttention'),
  transformerEncoder: attention('transformerEncoder', 'intermediateDim'),
  positionEmbedding: {
    needs: 'sequence',
    featureMap: 'keeps',
    outputShape: same,
    parameters: (_, { size, features }, input) => size(input?.[0]) * features(),
  },
};

/** Every layer the core builds, by its canonical name (cellSchema.ts layerName). */
export const LAYER_KINDS: Record<string, LayerKind> = Object.fromEntries(
  Object.entries(BEHAVIOUR).map(([type, behaviour]) => [type, { options: LAYER_OPTIONS[type], ...behaviour }]),
);
