// The optimizer a `train` section names (`adam`, or `{ adam: { learningRate: 0.001 } }`), with its learning rate.
import type { Optimizer } from '@tensorflow/tfjs';
import type { OptimizerSpec, ParsedCell } from '../../shared/cellSpec';
import { fusedAdam } from '../backends/fusedAdam';
import type { Tf } from '../tf';

/**
 * The learning rate each optimizer runs with when none is given, and the one a too-high rate is pointed back to: SGD's
 * 0.01 as in Keras; 0.001 for the adaptive ones.
 */
export function usualLearningRate(optimizer: string): number {
  return optimizer === 'sgd' ? 0.01 : 0.001;
}

function optimizerSpec(cell: ParsedCell): OptimizerSpec {
  return cell.spec.train?.optimizer ?? { name: 'adam', options: {} };
}

export function optimizerName(cell: ParsedCell): string {
  return optimizerSpec(cell).name;
}

export function learningRateOf(cell: ParsedCell): number {
  const { name, options } = optimizerSpec(cell);
  return options.learningRate ?? cell.spec.train?.learningRate ?? usualLearningRate(name);
}

export function makeOptimizer(tf: Tf, cell: ParsedCell): Optimizer {
  // The name and options are the decoder's (cellSchema.ts optimizerOptions); tfjs's defaults where left out.
  const { name, options: o } = optimizerSpec(cell);
  const lr = learningRateOf(cell);
  const nesterov = o.nesterov === true;
  switch (name) {
    case 'sgd':
      return o.momentum ? tf.train.momentum(lr, o.momentum, nesterov) : tf.train.sgd(lr);
    case 'momentum':
      return tf.train.momentum(lr, o.momentum ?? 0.9, nesterov);
    case 'rmsprop':
      return tf.train.rmsprop(lr, o.decay ?? 0.9, o.momentum ?? 0, o.epsilon);
    case 'adagrad':
      return tf.train.adagrad(lr, o.initialAccumulatorValue);
    case 'adadelta':
      return tf.train.adadelta(lr, o.rho, o.epsilon);
    case 'adamax':
      return tf.train.adamax(lr, o.beta1, o.beta2, o.epsilon, o.decay);
    default:
      return fusedAdam(tf, lr, o.beta1, o.beta2, o.epsilon);
  }
}
