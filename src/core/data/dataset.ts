// A dataset as plain arrays before it becomes tensors: what every loader produces.
import type { DataPreviewPayload } from '../../shared/outputs';

export type Task = DataPreviewPayload['task'];

export interface Table {
  /** Row-major features, `size × featureLength`. */
  features: Float32Array;
  /** Class index (classification, binary) or target value (regression). */
  labels: Float32Array;
  size: number;
}

export interface LoadedData {
  source: string;
  task: Task;
  inputShape: number[];
  classes?: string[];
  train: Table;
  test?: Table;
  note?: string;
}

export function featureLength(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}
