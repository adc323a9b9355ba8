// The model of a gradient test case (gradientParity, webgpuGradients): its layers in a sequential model that takes a
// batch of its input shape, starting from given weights where the test compares two backends from the same start.
import * as tf from '@tensorflow/tfjs';

export interface LayerCase {
  name: string;
  /** One sample's shape. */
  input: number[];
  /** Integer inputs below this (token ids for an embedding), else smooth floats. */
  ints?: number;
  layers: () => tf.layers.Layer[];
}

export function caseModel(c: LayerCase, weights?: Float32Array[]): tf.Sequential {
  const model = tf.sequential();
  c.layers().forEach((layer, i) => {
    if (i === 0)
      (layer as unknown as { batchInputShape: number[] }).batchInputShape = [null as unknown as number, ...c.input];
    model.add(layer);
  });
  if (weights) model.setWeights(model.getWeights().map((w, i) => tf.tensor(weights[i], w.shape)));
  return model;
}
