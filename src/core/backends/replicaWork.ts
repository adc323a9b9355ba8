// Whether a model's batches are worth splitting between threads: each share's multiply-adds must outweigh what a split
// costs (every kernel of a step launched on each thread, the weights and gradients copied through shared memory).
import type { LayersModel } from '@tensorflow/tfjs';

/**
 * Below either bound one thread trains faster. Measured on 2 cores (docs/performance.md, "Every core"): the seed CNN
 * (89 M multiply-adds a share of 32 rows, 957 per weight) gains 1.4-1.7×; the seed MLP (13 M, 32 per weight) and the
 * transformer example (2.5 M) lose 25-50%.
 */
export const MIN_SHARE_WORK = 20e6;
export const MIN_WORK_PER_WEIGHT = 300;

/** Multiply-adds of one sample's forward pass, estimated as each layer's weights times the positions it applies to. */
export function multiplyAddsPerSample(model: LayersModel): number {
  let total = 0;
  for (const layer of model.layers) {
    const weights = layer.countParams();
    if (weights === 0 || layer.getClassName() === 'Embedding') continue; // an embedding is a lookup, not a product
    const out = layer.outputShape;
    const shape = (Array.isArray(out[0]) ? out[0] : out) as (number | null)[];
    // A dense or convolution layer multiplies its weights once at each position of its output (all axes but the
    // batch and the features): exact for both, a fair guess for others.
    total += weights * shape.slice(1, -1).reduce<number>((p, d) => p * (d ?? 1), 1);
  }
  return total;
}

/** Whether a batch of `batchSize` split `parts` ways would train slower than on one thread. */
export function tooLittleWork(model: LayersModel, batchSize: number, parts: number): boolean {
  const work = multiplyAddsPerSample(model) * Math.floor(batchSize / parts);
  return work < MIN_SHARE_WORK || work < MIN_WORK_PER_WEIGHT * model.countParams();
}
