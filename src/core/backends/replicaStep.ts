// What the core and its replicas share about one training step: tfjs's own train function (fit's loss, metrics and
// regularisers, on one share of a batch), run with an optimizer that hands the gradients over instead of applying them.
import type { LayersModel, NamedTensorMap, Optimizer, Scalar, Tensor } from '@tensorflow/tfjs';
import type { Tf } from '../tf';

/** A gradient with its variable's name, as an optimizer's applyGradients takes it. */
export interface NamedTensor {
  name: string;
  tensor: Tensor;
}

/** tfjs-layers' train function: a batch's inputs then targets in; the loss, then each metric, out. */
export type TrainFunction = (data: Tensor[]) => Scalar[];

/** The parts of a compiled LayersModel that fit uses and that its public types do not show. */
export interface CompiledModel {
  makeTrainFunction(): TrainFunction;
  optimizer_: Optimizer;
  inputs: { shape: (number | null)[] }[];
  outputs: { shape: (number | null)[] }[];
  metricsTensors: unknown[];
  collectedTrainableWeights: { shape: number[] }[];
}

/**
 * The model that fit trains: a Sequential model compiles and fits the functional model inside it (`model.model`), so
 * that is the one whose train function and optimizer matter.
 */
export function compiledOf(model: LayersModel): CompiledModel {
  const inner = (model as unknown as { model?: LayersModel }).model;
  return (inner ?? model) as unknown as CompiledModel;
}

/** An optimizer whose `minimize` gives its gradients (in the variables' order, with their names) to `take`. */
export function gradientCollector(tf: Tf, take: (gradients: NamedTensor[]) => void): Optimizer {
  class GradientCollector extends tf.Optimizer {
    static get className() {
      return 'GradientCollector';
    }
    applyGradients(gradients: NamedTensor[] | NamedTensorMap): void {
      take(
        Array.isArray(gradients) ? gradients : Object.entries(gradients).map(([name, tensor]) => ({ name, tensor })),
      );
    }
    getConfig() {
      return {};
    }
  }
  return new GradientCollector();
}

/** Runs `train` (made by the model's makeTrainFunction) once with `optimizer` in place of the model's own. */
export function trainWith(
  compiled: CompiledModel,
  train: TrainFunction,
  optimizer: Optimizer,
  data: Tensor[],
): Scalar[] {
  const own = compiled.optimizer_;
  compiled.optimizer_ = optimizer;
  try {
    return train(data);
  } finally {
    compiled.optimizer_ = own;
  }
}

/** How many floats the model's weights hold: all of them (as `model.weights` lists them), and the trainable ones. */
export function weightCounts(tf: Tf, model: LayersModel): { weights: number; trainable: number } {
  const trainable = compiledOf(model).collectedTrainableWeights;
  return {
    weights: model.countParams(),
    trainable: trainable.reduce((n, w) => n + tf.util.sizeFromShape(w.shape), 0),
  };
}
