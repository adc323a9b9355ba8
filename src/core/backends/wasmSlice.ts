// Slice on the wasm backend without reading its whole input out of the heap first.
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
