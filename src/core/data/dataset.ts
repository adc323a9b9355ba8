// A dataset as plain arrays before it becomes tensors: what every loader produces.
import type { DataPreviewPayload } from '../../shared/outputs';
import type { FittedPipeline } from './pipeline';
import type { TextEncoding } from './tokenizer';
import type { StreamStatistics, TrainStream } from './trainStream';

export type Task = DataPreviewPayload['task'];

/**
 * Features as the unsigned bytes a file holds, each × `scale` once it is a tensor: images (Fashion-MNIST, IDX files)
 * stay a quarter of their float32 size until then, and become float32 only in the tensor's own memory.
 */
export interface ByteFeatures {
  bytes: Uint8Array;
  scale: number;
}

export interface Table {
  /** Row-major features, `size × featureLength`: float32, or bytes to be scaled (images). */
  features: Float32Array | ByteFeatures;
  /** Class index (classification, binary) or target value (regression). */
  labels: Float32Array;
  size: number;
}

export interface LoadedData {
  source: string;
  task: Task;
  inputShape: number[];
  classes?: string[];
  /** Column names of tabular data, in feature order. */
  featureNames?: string[];
  train: Table;
  /** A validation split of its own (a `validation:` file); otherwise one is cut from train. */
  validation?: Table;
  test?: Table;
  note?: string;
  /**
   * What `normalize` does to this source: tabular features are standardised with the training split's
   * statistics; images are already scaled to [0, 1] by their loader and synthetic points are already small.
   */
  standardise?: boolean;
  /** Per feature position, whether `normalize` standardises it (numbers yes; one-hot, category index, token ids no); all when absent. */
  standardiseColumns?: boolean[];
  /** A text column's tokenizer settings: `vocabularySize` is an embedding's `inputDim`, `maxLength` the sequence length. */
  text?: TextEncoding & { column: string };
  /** Each categorical column's categories, in the order of its one-hot positions or index values. */
  categories?: Record<string, string[]>;
  /** A table too large to hold: `train` is a sample of it, and training reads the file in batches. */
  trainStream?: TrainStream;
  /** Standardisation from the whole training file (a stream's), applied as is rather than computed from `train`. */
  fixedStandardisation?: StreamStatistics;
  /** The features' type as a tensor: token ids are integers. */
  dtype?: 'float32' | 'int32';
  /** Binary tasks: the class `classes[1]` is, the one the model's output is the probability of. */
  positive?: string;
  /** The loader split the rows itself (a table, split before fitting): prepare() only standardises. */
  presplit?: boolean;
  /** Cross-validation: the fold held out of training, which the fold is measured on. */
  heldOut?: Table;
  /** What the loader fitted (a table's columns and classes; an image folder's size), without the standardisation. */
  pipeline?: FittedPipeline;
  /** Training rows per class, counted in the full pass: a table trained from its file holds only a sample of them. */
  classCounts?: number[];
  /** Rows of the training file: all of them, and those the run used (fewer with `limit:`). */
  counts?: { rows: number; used: number };
}

export function featureLength(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Each byte's float32 value × `scale`, as `bytes[i] * scale` stored in a Float32Array gives it. */
export function byteScale(scale: number): Float32Array {
  return Float32Array.from({ length: 256 }, (_, v) => v * scale);
}

/** The features as float32 (bytes scaled into a new array; float32 as they are). */
export function floatFeatures(features: Float32Array | ByteFeatures): Float32Array {
  if (features instanceof Float32Array) return features;
  const lookup = byteScale(features.scale);
  const out = new Float32Array(features.bytes.length);
  for (let i = 0; i < out.length; i++) out[i] = lookup[features.bytes[i]];
  return out;
}
