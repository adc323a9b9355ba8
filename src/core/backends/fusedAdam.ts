// Adam in one kernel per weight on the wasm backend: tfjs's AdamOptimizer runs fourteen kernels and makes six scalar
// tensors for each weight every step (about 200 dispatches for the seed CNN's ten weights, 8-10 ms of a ~105 ms step).
import type { AdamOptimizer, Optimizer, Tensor, TensorInfo, Variable } from '@tensorflow/tfjs';
import type { Tf } from '../tf';
import { heapOf } from './wasmHeapKernels';
import { addressOf, wasmKernelsOf } from './wasmKernelModule';

/** The kernel of one Adam step (wasm, after `registerWasmAdam`). */
export const ADAM_STEP = 'BigModelAdamStep';

/** Registers the one-pass Adam step (wasmKernels.c adam_step) on the wasm backend. */
export function registerWasmAdam(tf: Tf, backendName = 'wasm'): void {
  if (tf.getKernel(ADAM_STEP, backendName)) tf.unregisterKernel(ADAM_STEP, backendName);
  tf.registerKernel({
    kernelName: ADAM_STEP,
    backendName,
    kernelFunc: ({ inputs, attrs, backend }) => {
      const { value, gradient, m, v, accBeta1, accBeta2 } = inputs as Record<string, TensorInfo>;
      const { beta1, beta2, epsilon, learningRate } = attrs as unknown as {
        beta1: number;
        beta2: number;
        epsilon: number;
        learningRate: number;
      };
      const heap = heapOf(backend, ADAM_STEP);
      const outs = [
        heap.makeOutput(value.shape, 'float32'),
        heap.makeOutput(value.shape, 'float32'),
        heap.makeOutput(value.shape, 'float32'),
      ];
      const at = (t: TensorInfo) => addressOf(backend, t);
      wasmKernelsOf(backend).adam_step(
        at(value),
        at(gradient),
        at(m),
        at(v),
        at(accBeta1),
        at(accBeta2),
        at(outs[0]),
        at(outs[1]),
        at(outs[2]),
        tf.util.sizeFromShape(value.shape),
        beta1,
        1 - beta1,
        beta2,
        1 - beta2,
        epsilon,
        -learningRate,
      );
      return outs;
    },
  });
}

/** What AdamOptimizer.applyGradients takes: weights' gradients by name, or as a list of names and tensors. */
type Gradients = Parameters<AdamOptimizer['applyGradients']>[0];

/** What AdamOptimizer keeps and does not declare public. */
interface AdamState {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  accBeta1: Variable;
  accBeta2: Variable;
  accumulatedFirstMoment: ({ originalName: string; variable: Variable } | undefined)[];
  accumulatedSecondMoment: ({ originalName: string; variable: Variable } | undefined)[];
  incrementIterations(): void;
}

/**
 * `tf.train.adam`, but each weight's step is one ADAM_STEP kernel where the backend has it (wasm); on any other, and
 * for a weight that is not float32, it is tfjs's own. Same state (moments, accBeta), same class name and config, same
 * numbers to the bit (a unit test checks), so saving, loading and resuming are unchanged.
 */
export function fusedAdam(tf: Tf, learningRate: number, beta1 = 0.9, beta2 = 0.999, epsilon?: number): Optimizer {
  class FusedAdam extends tf.AdamOptimizer {
    override applyGradients(variableGradients: Gradients): void {
      const names = Array.isArray(variableGradients)
        ? variableGradients.map((g) => g.name)
        : Object.keys(variableGradients);
      const gradientOf = (name: string, i: number) =>
        Array.isArray(variableGradients) ? variableGradients[i].tensor : variableGradients[name];
      const float32 = names.every(
        (name, i) =>
          tf.engine().registeredVariables[name].dtype === 'float32' &&
          (gradientOf(name, i)?.dtype ?? 'float32') === 'float32',
      );
      if (!tf.getKernel(ADAM_STEP, tf.getBackend()) || !float32) return super.applyGradients(variableGradients);
      const state = this as unknown as AdamState;
      tf.tidy(() => {
        names.forEach((name, i) => {
          const value = tf.engine().registeredVariables[name];
          state.accumulatedFirstMoment[i] ??= {
            originalName: `${name}/m`,
            variable: tf.tidy(() => tf.zerosLike(value).variable(false)),
          };
          state.accumulatedSecondMoment[i] ??= {
            originalName: `${name}/v`,
            variable: tf.tidy(() => tf.zerosLike(value).variable(false)),
          };
          const gradient = gradientOf(name, i);
          if (gradient == null) return;
          const m = state.accumulatedFirstMoment[i]!.variable;
          const v = state.accumulatedSecondMoment[i]!.variable;
          const [newValue, newM, newV] = tf
            .engine()
            .runKernel(
              ADAM_STEP,
              { value, gradient, m, v, accBeta1: state.accBeta1, accBeta2: state.accBeta2 },
              { beta1: state.beta1, beta2: state.beta2, epsilon: state.epsilon, learningRate: state.learningRate },
            ) as Tensor[];
          m.assign(newM);
          v.assign(newV);
          value.assign(newValue);
        });
        state.accBeta1.assign(tf.mul(state.accBeta1, state.beta1));
        state.accBeta2.assign(tf.mul(state.accBeta2, state.beta2));
      });
      state.incrementIterations();
    }
  }
  return new FusedAdam(learningRate, beta1, beta2, epsilon ?? (null as unknown as number));
}
