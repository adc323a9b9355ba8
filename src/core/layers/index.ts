// The layers of the cell language that TensorFlow.js does not have, as factories the model builder adds to its own.
import type { layers } from '@tensorflow/tfjs';
import type { Tf } from '../tf';
import { transformerLayers, type AttentionArgs, type EncoderArgs, type PositionArgs } from './transformer';

type LayerFactory = (tf: Tf, config: Record<string, unknown>) => layers.Layer;

export const customLayerFactories: Record<string, LayerFactory> = {
  multiHeadSelfAttention: (tf, c) => new (transformerLayers(tf).MultiHeadSelfAttention)(c as AttentionArgs),
  transformerEncoder: (tf, c) => new (transformerLayers(tf).TransformerEncoder)(c as EncoderArgs),
  positionEmbedding: (tf, c) => new (transformerLayers(tf).PositionEmbedding)(c as PositionArgs),
};

export { transformerLayers };
