// Slice and Gather along the first axis on the wasm backend: a batch cut from a dataset, as rows copied inside the
// heap, without reading the whole input out of it first.
import type { TensorInfo } from '@tensorflow/tfjs';
import { overrideKernel } from './kernelOverride';
import type { Tf } from '../tf';
import { heapOf } from './wasmHeapKernels';

/**
 * A slice whose elements lie in one run (any slice along the first axis: a batch of a dataset) is one copy inside
 * the heap. tfjs-wasm's Slice first copied ALL of its input out of the heap (`readSync`): every batch tfjs-layers cut
 * from the validation or test set copied the whole set (10,000 test images, 31 MB, for each batch of 32 in
 * `evaluate`; 0.34 s of a 3,200-image bench run). Other slices, and strings, keep tfjs-wasm's kernel.
 */
export function registerWasmSlice(tf: Tf, backendName = 'wasm'): void {
  const replaced = overrideKernel(tf, 'Slice', backendName, (stock) => (args) => {
    const x = (args.inputs as { x: TensorInfo }).x;
    const { begin, size } = args.attrs as unknown as { begin: number | number[]; size: number | number[] };
    if (x.dtype === 'string') return stock(args);
    const [begin_, size_] = tf.slice_util.parseSliceParams(x as never, begin, size);
    if (!tf.slice_util.isSliceContinous(x.shape, begin_, size_)) return stock(args);
    const heap = heapOf(args.backend, 'Slice');
    const out = heap.makeOutput(size_, x.dtype as 'float32');
    const offset = tf.slice_util.computeFlatOffset(begin_, tf.util.computeStrides(x.shape));
    // Views only after the last allocation: growing the heap detaches those taken before.
    const from = heap.typedArrayFromHeap(x);
    heap.typedArrayFromHeap(out).set(from.subarray(offset, offset + tf.util.sizeFromShape(size_)));
    return out;
  });
  if (!replaced) throw new Error(`Slice: no kernel on ${backendName} to replace`);
}

/**
 * Rows picked along the first axis (`tf.gather(x, indices)`: how tfjs-layers' `fit` cuts each shuffled batch from the
 * training set) as one copy a row inside the heap. tfjs-wasm's GatherV2 moved element by element through a general
 * index computation: 2.2 ms of a 43 ms seed CNN batch (64 images of 784 floats) at 1 thread. Other axes, batched
 * gathers, strings and an index out of range (whose error the stock kernel gives) keep tfjs-wasm's kernel.
 */
export function registerWasmGather(tf: Tf, backendName = 'wasm'): void {
  const replaced = overrideKernel(tf, 'GatherV2', backendName, (stock) => (args) => {
    const { x, indices } = args.inputs as { x: TensorInfo; indices: TensorInfo };
    const { axis, batchDims } = args.attrs as unknown as { axis: number; batchDims?: number };
    const rows = x.shape[0];
    const suits =
      x.shape.length > 0 &&
      tf.util.parseAxisParam(axis, x.shape)[0] === 0 &&
      (batchDims ?? 0) === 0 &&
      indices.dtype === 'int32' &&
      (x.dtype === 'float32' || x.dtype === 'int32' || x.dtype === 'bool');
    if (!suits) return stock(args);
    const heap = heapOf(args.backend, 'GatherV2');
    const picked = heap.typedArrayFromHeap(indices) as Int32Array;
    for (let i = 0; i < picked.length; i++) if (!(picked[i] >= 0 && picked[i] < rows)) return stock(args);
    const out = heap.makeOutput([...indices.shape, ...x.shape.slice(1)], x.dtype as 'float32');
    const width = tf.util.sizeFromShape(x.shape.slice(1));
    // Views only after the last allocation: growing the heap detaches those taken before.
    const from = heap.typedArrayFromHeap(x);
    const to = heap.typedArrayFromHeap(out);
    const at = heap.typedArrayFromHeap(indices) as Int32Array;
    for (let i = 0; i < at.length; i++) to.set(from.subarray(at[i] * width, (at[i] + 1) * width), i * width);
    return out;
  });
  if (!replaced) throw new Error(`GatherV2: no kernel on ${backendName} to replace`);
}
