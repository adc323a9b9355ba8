// How big a layer stack is before anything is built: each layer's parameters (as TensorFlow.js counts them) and the
// values it outputs per sample, from the shapes modelCheck works out, and the memory training takes. Pure, so the
// editor, `bigmodel check` and the core weigh a model the same way.
import type { ModelLayer } from './modelCheck';

type Dims = (number | null)[] | undefined;

export interface LayerSize {
  params: number;
  /** False when a size that is not known counted as 1 (an input shape the text does not say): `params` is a lower bound. */
  exact: boolean;
  /** Values the layer outputs per sample, which training keeps for the backward pass (a lower bound, or 0, where not known). */
  activations: number;
}

/**
 * More parameters than this is an error whatever the machine: 4 GB of float32 weights, about 16 GB to train with
 * Adam. TensorFlow.js's wasm backend cannot address that much at all, and a notebook prototype has no use for it.
 */
export const MAX_PARAMETERS = 2 ** 30;
/** Above this much training memory, a warning where the machine is not known. */
export const LARGE_BYTES_UNKNOWN_MACHINE = 2 * 2 ** 30;
/** The batch the trainer uses when `train.batchSize` is not given (src/core/trainer.ts). */
export const DEFAULT_BATCH_SIZE = 32;
const FLOAT_BYTES = 4;
const VIEWS = ['flatten', 'reshape'];
/** A weight, its gradient and Adam's two moments: four float32 values a parameter. */
const COPIES_PER_PARAMETER = 4;
/** A layer's output for the batch, kept for the backward pass, and its gradient made there. */
const COPIES_PER_ACTIVATION = 2;

/**
 * The memory of the machine the cells run on, where the process knows it. It is one fact per process, so it is set
 * once where the process starts (the core, the CLI, the extension host) rather than passed through every caller: each
 * path that checks a cell, caches included, then weighs models against the same budget. Shared code reads no Node
 * built-ins, so it cannot ask the machine itself.
 */
let machineMemoryBytes: number | undefined;

export function setMachineMemory(bytes: number | undefined): void {
  machineMemoryBytes = bytes !== undefined && Number.isFinite(bytes) && bytes > 0 ? bytes : undefined;
}

export function machineMemory(): number | undefined {
  return machineMemoryBytes;
}

/** Each layer's size, given the input and output shape of each (undefined where not known). */
export function layerSizes(layers: readonly ModelLayer[], shapes: readonly { input: Dims; output: Dims }[]): LayerSize[] {
  /** The last axis of the previous layer's output, where its own settings say it though its shape is not known. */
  let features: number | null = null;
  return layers.map((layer, i) => {
    const { input, output } = shapes[i] ?? { input: undefined, output: undefined };
    const inLast = input ? (input[input.length - 1] ?? null) : features;
    const size = sizeOf(layer, inLast, input);
    const last = output ? (output[output.length - 1] ?? null) : lastAxis(layer, features);
    // flatten and reshape hand on their input's values as they are (tfjs shares the data): nothing new to keep.
    if (VIEWS.includes(layer.type)) size.activations = 0;
    else if (output && output.every((d) => typeof d === 'number')) size.activations = product(output as number[]);
    else if (last !== null) {
      size.activations = last; // at least the last axis's values, whatever the axes before it
    }
    if (size.activations > 0 && (layer.type === 'multiHeadSelfAttention' || layer.type === 'transformerEncoder') && typeof input?.[0] === 'number') {
      size.activations += heads(layer.config) * input[0] * input[0]; // each head's steps × steps attention weights
    }
    features = last;
    return size;
  });
}

/** What training a stack takes: every layer's parameters and the memory for them and a batch's activations. */
export interface ModelWeight {
  params: number;
  exact: boolean;
  bytes: number;
  /** The layer that takes the most memory, its parameters and its bytes. */
  largest: number;
  largestParams: number;
  largestBytes: number;
}

export function weighModel(sizes: readonly LayerSize[], batchSize = DEFAULT_BATCH_SIZE): ModelWeight | undefined {
  if (sizes.length === 0) return undefined;
  const bytesOf = (s: LayerSize) => (s.params * COPIES_PER_PARAMETER + s.activations * batchSize * COPIES_PER_ACTIVATION) * FLOAT_BYTES;
  let largest = 0;
  sizes.forEach((s, i) => {
    if (bytesOf(s) > bytesOf(sizes[largest])) largest = i;
  });
  return {
    params: sizes.reduce((n, s) => n + s.params, 0),
    exact: sizes.every((s) => s.exact),
    bytes: sizes.reduce((n, s) => n + bytesOf(s), 0),
    largest,
    largestParams: sizes[largest].params,
    largestBytes: bytesOf(sizes[largest]),
  };
}

/** `error`: over MAX_PARAMETERS, or over half the machine's memory; `warning`: over an eighth of it (2 GB unknown). */
export function judgeWeight(weight: ModelWeight, memoryBytes: number | undefined): 'too-many-parameters' | 'too-big' | 'large' | undefined {
  if (weight.params > MAX_PARAMETERS) return 'too-many-parameters';
  if (memoryBytes !== undefined && weight.bytes > memoryBytes / 2) return 'too-big';
  if (weight.bytes > (memoryBytes === undefined ? LARGE_BYTES_UNKNOWN_MACHINE : memoryBytes / 8)) return 'large';
  return undefined;
}


/** `6.4 GB`, `3.8 MB`, `512 MB`: binary units, as operating systems show memory. */
export function formatBytes(bytes: number): string {
  for (const [unit, size] of [['GB', 2 ** 30], ['MB', 2 ** 20], ['KB', 2 ** 10]] as const) {
    const v = bytes / size;
    if (v >= 1) return `${v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(1)} ${unit}`;
  }
  return `${Math.round(bytes)} B`;
}

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function sizeOf(layer: ModelLayer, inLast: number | null, input: Dims): LayerSize {
  const c = layer.config;
  let exact = true;
  /** A size from the shapes: 1 where not known, which makes the count a lower bound. */
  const dim = (d: number | null | undefined): number => {
    if (typeof d === 'number' && d > 0) return d;
    exact = false;
    return 1;
  };
  const bias = (n: number) => (c.useBias === false ? 0 : n);
  const inDim = () => dim(inLast);
  let params = 0;
  switch (layer.type) {
    case 'dense': {
      const units = dim(positive(c.units));
      params = inDim() * units + bias(units);
      break;
    }
    case 'conv1d': case 'conv2d': {
      const axes = layer.type === 'conv1d' ? 1 : 2;
      const k = c.kernelSize;
      const kernel = Array.isArray(k) ? product((k as unknown[]).slice(0, axes).map((v) => dim(positive(v)))) : dim(positive(k)) ** axes;
      const filters = dim(positive(c.filters));
      params = kernel * inDim() * filters + bias(filters);
      break;
    }
    case 'embedding':
      // The core sets a text column's vocabulary size when `inputDim` is left out.
      params = dim(positive(c.inputDim)) * dim(positive(c.outputDim));
      break;
    case 'lstm': case 'gru': case 'simpleRNN': {
      const gates = layer.type === 'lstm' ? 4 : layer.type === 'gru' ? 3 : 1;
      const units = dim(positive(c.units));
      params = gates * (units * (inDim() + units) + bias(units));
      break;
    }
    case 'batchNormalization':
      params = 4 * inDim(); // scale, offset, and the moving mean and variance
      break;
    case 'layerNormalization':
      params = 2 * inDim();
      break;
    case 'multiHeadSelfAttention': case 'transformerEncoder': {
      const width = inDim();
      const inner = heads(c) * (positive(c.keyDim) ?? width / heads(c));
      params = 4 * width * inner + 3 * inner + width; // query, key, value and output projections with their biases
      if (layer.type === 'transformerEncoder') {
        const ff = positive(c.intermediateDim) ?? 4 * width;
        params += 4 * width + 2 * width * ff + ff + width; // two layer norms and the feed-forward block
      }
      break;
    }
    case 'positionEmbedding':
      params = dim(input?.[0]) * inDim();
      break;
    default: // pooling, flatten, reshape, dropout, activation: no weights
      break;
  }
  return { params, exact, activations: 0 };
}

/** The last axis of a layer's output from its own settings, when its input shape is not known. */
function lastAxis(layer: ModelLayer, before: number | null): number | null {
  const c = layer.config;
  switch (layer.type) {
    case 'dense': case 'lstm': case 'gru': case 'simpleRNN': return positive(c.units) ?? null;
    case 'conv1d': case 'conv2d': return positive(c.filters) ?? null;
    case 'embedding': return positive(c.outputDim) ?? null;
    case 'flatten': return null;
    case 'reshape': {
      const target = Array.isArray(c.targetShape) ? (c.targetShape as unknown[]) : [];
      return positive(target[target.length - 1]) ?? null;
    }
    default: return before; // pooling, normalisation, dropout, activation and attention keep the features
  }
}

function heads(c: Record<string, unknown>): number {
  return positive(c.numHeads) ?? 2;
}

function positive(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined;
}

function product(values: number[]): number {
  return values.reduce((a, b) => a * b, 1);
}
