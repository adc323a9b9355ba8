// The optimizer a `train` section names (`adam`, or `{ adam: { learningRate: 0.001 } }`), with its learning rate.
import * as l10n from '@vscode/l10n';
import type { Optimizer } from '@tensorflow/tfjs';
import type { ParsedCell } from '../../shared/cellSpec';
import { OPTIMIZERS } from '../../shared/cellSchema';
import { CellError } from '../cellError';
import { fusedAdam } from '../backends/fusedAdam';
import type { Tf } from '../tf';

/**
 * The learning rate each optimizer runs with when none is given, and the one a too-high rate is pointed back to: SGD's
 * 0.01 as in Keras; 0.001 for the adaptive ones.
 */
export function usualLearningRate(optimizer: string): number {
  return optimizer === 'sgd' ? 0.01 : 0.001;
}

function optimizerSpec(cell: ParsedCell): { name: string; options: Record<string, unknown> } {
  const o = cell.spec.train?.optimizer;
  if (o && typeof o === 'object') {
    const [[name, options]] = Object.entries(o as Record<string, unknown>);
    return { name, options: (options ?? {}) as Record<string, unknown> };
  }
  return { name: typeof o === 'string' ? o : 'adam', options: {} };
}

export function optimizerName(cell: ParsedCell): string {
  return optimizerSpec(cell).name;
}

export function learningRateOf(cell: ParsedCell): number {
  const { name, options } = optimizerSpec(cell);
  return Number(options.learningRate ?? cell.spec.train?.learningRate ?? usualLearningRate(name));
}

export function makeOptimizer(tf: Tf, cell: ParsedCell): Optimizer {
  const { name, options } = optimizerSpec(cell);
  if (!(OPTIMIZERS as readonly string[]).includes(name)) {
    throw new CellError('invalid-cell', l10n.t('unknown optimizer `{0}` (known: {1})', name, OPTIMIZERS.join(', ')), cell.locate(['train', 'optimizer']));
  }
  const lr = learningRateOf(cell);
  // The options the schema lists per optimizer (cellSchema.ts optimizerOptions); tfjs's defaults where left out.
  const n = (key: string) => (typeof options[key] === 'number' ? (options[key] as number) : undefined);
  const nesterov = options.nesterov === true;
  switch (name) {
    case 'sgd': return n('momentum') ? tf.train.momentum(lr, n('momentum')!, nesterov) : tf.train.sgd(lr);
    case 'momentum': return tf.train.momentum(lr, n('momentum') ?? 0.9, nesterov);
    case 'rmsprop': return tf.train.rmsprop(lr, n('decay') ?? 0.9, n('momentum') ?? 0, n('epsilon'));
    case 'adagrad': return tf.train.adagrad(lr, n('initialAccumulatorValue'));
    case 'adadelta': return tf.train.adadelta(lr, n('rho'), n('epsilon'));
    case 'adamax': return tf.train.adamax(lr, n('beta1'), n('beta2'), n('epsilon'), n('decay'));
    default: return fusedAdam(tf, lr, n('beta1'), n('beta2'), n('epsilon'));
  }
}
