// Element-wise work of a training step on the wasm backend, in one SIMD pass over its heap each (wasmKernels.c):
// tfjs-wasm copied every tensor the gradient tape keeps, added a bias with its general broadcasting loop, and took the
// ReLU gradient in three kernels (Step, Cast, Multiply), each a pass over the whole activation. The same loops in
// JavaScript were slower than tfjs-wasm's (3-8 ns an element against 2-3), hence WebAssembly.
import type { Tensor, TensorInfo } from '@tensorflow/tfjs';
import { overrideKernel } from './kernelOverride';
import type { Tf } from '../tf';
import { heapOf } from './wasmHeapKernels';
import { addressOf, wasmKernelsOf } from './wasmKernelModule';

/** The kernel of the ReLU gradient on backends that have one (wasm, after `registerWasmElementwise`). */
export const RELU_GRADIENT = 'BigModelReluGrad';

/** Identity, Add with a bias, and the ReLU gradient, for the wasm backend. */
export function registerWasmElementwise(tf: Tf, backendName = 'wasm'): void {
  registerSharedIdentity(tf, backendName);
  registerBiasAdd(tf, backendName);
  registerReluGradient(tf, backendName);
}

/**
 * Identity shares its input's data and counts a reference, as on the cpu backend. The engine clones each tensor the
 * gradient tape saves (the input and output of every convolution, bias add and activation), and tfjs-wasm's Identity
 * copied it: three copies of conv1's 5.5 MB output in each step of the seed CNN. No kernel writes into its inputs,
 * so the data can be shared; it is freed when the last reference goes.
 */
function registerSharedIdentity(tf: Tf, backendName: string): void {
  const replaced = overrideKernel(tf, 'Identity', backendName, (copying) => (args) => {
    const x = (args.inputs as { x: TensorInfo }).x;
    if (x.dtype === 'string') return copying(args);
    (args.backend as { incRef(dataId: object): void }).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  });
  if (!replaced) throw new Error(`Identity: no kernel on ${backendName} to replace`);
}

/**
 * Add of a float32 tensor and a bias over its last axis (shape [C], or [1, …, 1, C]) in one loop; any other Add goes
 * to tfjs-wasm's kernel, whose broadcasting loop took 3.5 ms for conv1's [64, 26, 26, 32] + [32].
 */
function registerBiasAdd(tf: Tf, backendName: string): void {
  const replaced = overrideKernel(tf, 'Add', backendName, (general) => (args) => {
    const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
    if (!isBiasOf(b, a)) return general(args);
    const out = heapOf(args.backend, 'Add').makeOutput(a.shape, 'float32');
    const channels = a.shape[a.shape.length - 1];
    const rows = tf.util.sizeFromShape(a.shape) / channels;
    wasmKernelsOf(args.backend).bias_add(
      addressOf(args.backend, a),
      addressOf(args.backend, b),
      addressOf(args.backend, out),
      rows,
      channels,
    );
    return out;
  });
  if (!replaced) throw new Error(`Add: no kernel on ${backendName} to replace`);
}

/** Whether `bias` is float32 and adds one value per channel of `x`'s last axis (every other axis of it is 1). */
function isBiasOf(bias: TensorInfo, x: TensorInfo): boolean {
  if (bias.dtype !== 'float32' || x.dtype !== 'float32' || x.shape.length < 2 || bias.shape.length < 1) return false;
  if (bias.shape.length > x.shape.length) return false;
  const channels = x.shape[x.shape.length - 1];
  return (
    bias.shape[bias.shape.length - 1] === channels && bias.shape.slice(0, -1).every((d) => d === 1) && channels > 0
  );
}

/**
 * The ReLU gradient dy · step(x) in one pass, where tfjs ran Step, Cast and Multiply (three passes and two
 * temporaries the size of the activation). The Relu gradient is registered for every backend: one without this
 * kernel gets tfjs's own ops, so only wasm changes. NaN in x gives NaN, as step does.
 */
function registerReluGradient(tf: Tf, backendName: string): void {
  if (tf.getKernel(RELU_GRADIENT, backendName)) tf.unregisterKernel(RELU_GRADIENT, backendName);
  tf.registerKernel({
    kernelName: RELU_GRADIENT,
    backendName,
    kernelFunc: ({ inputs, backend }) => {
      const { dy, x } = inputs as { dy: TensorInfo; x: TensorInfo };
      const out = heapOf(backend, RELU_GRADIENT).makeOutput(x.shape, 'float32');
      wasmKernelsOf(backend).relu_grad(
        addressOf(backend, dy),
        addressOf(backend, x),
        addressOf(backend, out),
        tf.util.sizeFromShape(x.shape),
      );
      return out;
    },
  });
  tf.registerGradient({
    kernelName: 'Relu',
    inputsToSave: ['x'],
    gradFunc: (dy, saved) => {
      const [x] = saved;
      const d = dy as Tensor;
      return {
        x: () =>
          tf.getKernel(RELU_GRADIENT, tf.getBackend()) && x.dtype === 'float32' && d.dtype === 'float32'
            ? (tf.engine().runKernel(RELU_GRADIENT, { dy: d, x }) as Tensor)
            : tf.mul(d, tf.cast(tf.step(x), 'float32')),
      };
    },
  });
}
