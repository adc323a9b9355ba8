// The fitted preprocessing of a dataset as plain data (scikit-learn's fitted Pipeline, Keras's adapted preprocessing
// layers): learned from the training rows only, applied to validation, test, folds and `predict`, and saved with every
// export so a loaded model turns raw rows into its inputs without the data cell it was trained with.
import type { Task } from './dataset';

/** How one raw column becomes numbers. */
export type FittedColumn =
  | { kind: 'number'; name: string }
  /** One 0/1 input per category; a category not seen in training is all zeros (scikit-learn's `handle_unknown='ignore'`). */
  | { kind: 'onehot'; name: string; categories: string[] }
  /** The category's position; one not seen in training is `categories.length`, the "unknown" id. */
  | { kind: 'index'; name: string; categories: string[] }
  /** Word ids (`[PAD]` 0, `[UNK]` 1, then the vocabulary), `maxLength` of them. */
  | { kind: 'text'; name: string; vocabulary: string[]; maxLength: number };

export type FittedInput =
  | { kind: 'table'; columns: FittedColumn[] }
  /** Images resized (bilinear) to height × width, grey (1) or RGB (3) channels, each value × `scale`. */
  | { kind: 'image'; height: number; width: number; channels: number; scale: number }
  /** Built-in data and IDX files: a fixed-size row of numbers as the source gives it. */
  | { kind: 'values'; shape: number[] };

export interface FittedPipeline {
  version: 1;
  input: FittedInput;
  /** Per input value, subtracted then divided; absent when `normalize` is off or the source needs none. */
  standardisation?: { mean: number[]; std: number[] };
  label: {
    task: Task;
    /** Class names in output order; binary tasks: `[negative, positive]`. */
    classes?: string[];
    /** Binary tasks: the class the single sigmoid output (or the softmax's second unit) is the probability of. */
    positive?: string;
  };
}

/** The width of one encoded row of a table. */
export function encodedWidth(columns: FittedColumn[]): number {
  return columns.reduce(
    (w, c) => w + (c.kind === 'onehot' ? c.categories.length : c.kind === 'text' ? c.maxLength : 1),
    0,
  );
}

/** The names of the encoded positions (`plan=basic` for one-hot, `review[3]` for text ids). */
export function encodedNames(columns: FittedColumn[]): string[] {
  return columns.flatMap((c) =>
    c.kind === 'onehot'
      ? c.categories.map((v) => `${c.name}=${v}`)
      : c.kind === 'text'
        ? Array.from({ length: c.maxLength }, (_, i) => `${c.name}[${i}]`)
        : [c.name],
  );
}
