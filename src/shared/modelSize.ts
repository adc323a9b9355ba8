// How big a layer stack is before anything is built: each layer's parameters (as TensorFlow.js counts them) and the
// values it outputs per sample, from the shapes modelCheck works out, and the memory training takes. Pure, so the
// editor, `bigmodel check` and the core weigh a model the same way.
import { headsOf, LAYER_KINDS, positive, type Sizes } from './layerKinds';
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
export function layerSizes(
  layers: readonly ModelLayer[],
  shapes: readonly { input: Dims; output: Dims }[],
): LayerSize[] {
  /** The last axis of the previous layer's output, where its own settings say it though its shape is not known. */
  let features: number | null = null;
  return layers.map((layer, i) => {
    const { input, output } = shapes[i] ?? { input: undefined, output: undefined };
    const inLast = input ? (input[input.length - 1] ?? null) : features;
    const size = sizeOf(layer, inLast, input);
    const last = output ? (output[output.length - 1] ?? null) : lastAxis(layer, features);
    // flatten and reshape hand on their input's values as they are (tfjs shares the data): nothing new to keep.
    if (LAYER_KINDS[layer.type]?.view) size.activations = 0;
    else if (output && output.every((d) => typeof d === 'number')) size.activations = product(output as number[]);
    else if (last !== null) {
      size.activations = last; // at least the last axis's values, whatever the axes before it
    }
    if (
      size.activations > 0 &&
      (layer.type === 'multiHeadSelfAttention' || layer.type === 'transformerEncoder') &&
      typeof input?.[0] === 'number'
    ) {
      size.activations += headsOf(layer.config) * input[0] * input[0]; // each head's steps × steps attention weights
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
  const bytesOf = (s: LayerSize) =>
    (s.params * COPIES_PER_PARAMETER + s.activations * batchSize * COPIES_PER_ACTIVATION) * FLOAT_BYTES;
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
export function judgeWeight(
  weight: ModelWeight,
  memoryBytes: number | undefined,
): 'too-many-parameters' | 'too-big' | 'large' | undefined {
  if (weight.params > MAX_PARAMETERS) return 'too-many-parameters';
  if (memoryBytes !== undefined && weight.bytes > memoryBytes / 2) return 'too-big';
  if (weight.bytes > (memoryBytes === undefined ? LARGE_BYTES_UNKNOWN_MACHINE : memoryBytes / 8)) return 'large';
  return undefined;
}

/** `6.4 GB`, `3.8 MB`, `512 MB`: binary units, as operating systems show memory. */
export function formatBytes(bytes: number): string {
  for (const [unit, size] of [
    ['GB', 2 ** 30],
    ['MB', 2 ** 20],
    ['KB', 2 ** 10],
  ] as const) {
    const v = bytes / size;
    if (v >= 1) return `${v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(1)} ${unit}`;
  }
  return `${Math.round(bytes)} B`;
}

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** A layer's weights from its descriptor (layerKinds.ts), counting a size the shapes do not say as 1. */
function sizeOf(layer: ModelLayer, inLast: number | null, input: Dims): LayerSize {
  let exact = true;
  const dim = (d: number | undefined): number => {
    if (d !== undefined) return d;
    exact = false;
    return 1;
  };
  const sizes: Sizes = { size: (v) => dim(positive(v)), features: () => dim(positive(inLast)) };
  const params = LAYER_KINDS[layer.type]?.parameters?.(layer.config, sizes, input) ?? 0;
  return { params, exact, activations: 0 };
}

/** The last axis of a layer's output from its own settings, when its input shape is not known. */
function lastAxis(layer: ModelLayer, before: number | null): number | null {
  const kind = LAYER_KINDS[layer.type];
  // Pooling, normalisation, dropout, activation and attention keep the features.
  return kind?.lastAxis ? kind.lastAxis(layer.config) : before;
}

function product(values: number[]): number {
  return values.reduce((a, b) => a * b, 1);
}
