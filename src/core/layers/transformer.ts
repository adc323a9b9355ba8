// Multi-head self-attention, a transformer-encoder block and a learned position embedding as tfjs-layers custom
// layers (TensorFlow.js has none): serialisable through `tf.serialization.registerClass`, so a model that uses them
// round-trips through `model.toJSON` and save/load. The classes are made per TensorFlow.js instance (tfjs or
// tfjs-node), since a custom layer has to extend that instance's `Layer`.
import * as l10n from '@vscode/l10n';
import type { LayerVariable, Tensor } from '@tensorflow/tfjs';
import type { Tf } from '../tf';

type Kwargs = Record<string, unknown>;
type Shape = (number | null)[];

export interface AttentionArgs {
  numHeads?: number;
  /** Size of each head's queries and keys; the model width divided by `numHeads` when left out. */
  keyDim?: number;
  dropout?: number;
  /** Each position sees only itself and earlier ones (a decoder's mask). */
  causal?: boolean;
  name?: string;
  trainable?: boolean;
  inputShape?: number[];
}

export interface EncoderArgs extends AttentionArgs {
  /** Width of the feed-forward part; four times the model width when left out. */
  intermediateDim?: number;
  activation?: 'relu' | 'gelu' | 'tanh' | 'linear';
  epsilon?: number;
}

export interface PositionArgs {
  name?: string;
  trainable?: boolean;
  inputShape?: number[];
}

export interface TransformerLayers {
  MultiHeadSelfAttention: new (args: AttentionArgs) => InstanceType<Tf['layers']['Layer']>;
  TransformerEncoder: new (args: EncoderArgs) => InstanceType<Tf['layers']['Layer']>;
  PositionEmbedding: new (args: PositionArgs) => InstanceType<Tf['layers']['Layer']>;
}

const made = new WeakMap<Tf, TransformerLayers>();

/** The custom layer classes of one TensorFlow.js instance, registered for deserialisation on first use. */
export function transformerLayers(tf: Tf): TransformerLayers {
  const known = made.get(tf);
  if (known) return known;

  const glorot = () => tf.initializers.glorotUniform({});
  const zeros = () => tf.initializers.zeros();
  const ones = () => tf.initializers.ones();
  const one = (inputs: Tensor | Tensor[]): Tensor => (Array.isArray(inputs) ? inputs[0] : inputs);
  /** x · W + b over the last axis, for an input of any rank. */
  const project = (x: Tensor, w: LayerVariable, b: LayerVariable): Tensor => {
    const [inDim, outDim] = w.shape as [number, number];
    const flat = tf.reshape(x, [-1, inDim]);
    return tf.reshape(tf.add(tf.matMul(flat, w.read()), b.read()), [...x.shape.slice(0, -1), outDim]);
  };
  const layerNorm = (x: Tensor, gamma: LayerVariable, beta: LayerVariable, epsilon: number): Tensor => {
    const { mean, variance } = tf.moments(x, -1, true);
    return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, epsilon))), gamma.read()), beta.read());
  };
  const activate = (x: Tensor, name: string): Tensor => {
    if (name === 'relu') return tf.relu(x);
    if (name === 'tanh') return tf.tanh(x);
    if (name === 'linear') return x;
    // GELU, tanh approximation: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))
    const inner = tf.mul(Math.sqrt(2 / Math.PI), tf.add(x, tf.mul(0.044715, tf.pow(x, 3))));
    return tf.mul(tf.mul(0.5, x), tf.add(1, tf.tanh(inner)));
  };
  const dropout = (x: Tensor, rate: number, training: boolean): Tensor =>
    training && rate > 0 ? tf.dropout(x, rate) : x;

  /** The weights and arithmetic of multi-head self-attention, shared by the two layers that use it. */
  class Attention {
    wq!: LayerVariable;
    bq!: LayerVariable;
    wk!: LayerVariable;
    bk!: LayerVariable;
    wv!: LayerVariable;
    bv!: LayerVariable;
    wo!: LayerVariable;
    bo!: LayerVariable;
    constructor(
      readonly heads: number,
      readonly keyDim: number | undefined,
      readonly causal: boolean,
    ) {}

    build(
      addWeight: (name: string, shape: number[], init: ReturnType<typeof zeros>) => LayerVariable,
      width: number,
      name: (n: string) => string,
    ): void {
      if (this.keyDim === undefined && width % this.heads !== 0) {
        throw new Error(l10n.t('numHeads ({0}) must divide the model width ({1}), or give keyDim', this.heads, width));
      }
      const inner = this.heads * this.headDim(width);
      this.wq = addWeight(name('query_kernel'), [width, inner], glorot());
      this.bq = addWeight(name('query_bias'), [inner], zeros());
      this.wk = addWeight(name('key_kernel'), [width, inner], glorot());
      this.bk = addWeight(name('key_bias'), [inner], zeros());
      this.wv = addWeight(name('value_kernel'), [width, inner], glorot());
      this.bv = addWeight(name('value_bias'), [inner], zeros());
      this.wo = addWeight(name('output_kernel'), [inner, width], glorot());
      this.bo = addWeight(name('output_bias'), [width], zeros());
    }

    headDim(width: number): number {
      return this.keyDim ?? width / this.heads;
    }

    /** softmax(Q·Kᵀ/√d_k)·V per head, the heads concatenated and projected back to the model width. */
    apply(x: Tensor, rate: number, training: boolean): Tensor {
      const [batch, steps, width] = x.shape;
      const d = this.headDim(width);
      const split = (t: Tensor) => tf.transpose(tf.reshape(t, [batch, steps, this.heads, d]), [0, 2, 1, 3]);
      const q = split(project(x, this.wq, this.bq));
      const k = split(project(x, this.wk, this.bk));
      const v = split(project(x, this.wv, this.bv));
      let scores = tf.div(tf.matMul(q, k, false, true), Math.sqrt(d)); // [batch, heads, steps, steps]
      if (this.causal) {
        const allowed = tf.linalg.bandPart(tf.ones([steps, steps]), -1, 0);
        scores = tf.add(scores, tf.mul(tf.sub(1, allowed), -1e9));
      }
      const weights = dropout(tf.softmax(scores, -1), rate, training);
      const mixed = tf.reshape(tf.transpose(tf.matMul(weights, v), [0, 2, 1, 3]), [batch, steps, this.heads * d]);
      return project(mixed, this.wo, this.bo);
    }
  }

  const checkSequence = (className: string, shape: Shape): number => {
    if (shape.length !== 3)
      throw new Error(
        l10n.t(
          '{0} needs sequences (steps × features) per sample, got a shape of [{1}]',
          className,
          shape.slice(1).join(', '),
        ),
      );
    return shape[2] as number;
  };

  class MultiHeadSelfAttention extends tf.layers.Layer {
    static className = 'BigModelMultiHeadSelfAttention';
    readonly numHeads: number;
    readonly keyDim?: number;
    readonly rate: number;
    readonly causal: boolean;
    private readonly attention: Attention;

    constructor(args: AttentionArgs = {}) {
      super(args as never);
      this.numHeads = args.numHeads ?? 2;
      this.keyDim = args.keyDim ?? undefined; // null in a saved config
      this.rate = args.dropout ?? 0;
      this.causal = args.causal ?? false;
      this.attention = new Attention(this.numHeads, this.keyDim, this.causal);
    }

    override build(inputShape: Shape | Shape[]): void {
      const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
      this.attention.build(
        (n, shape, init) => this.addWeight(n, shape, 'float32', init),
        checkSequence('multiHeadSelfAttention', shape),
        (n) => n,
      );
      this.built = true;
    }

    override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
      return inputShape;
    }

    override call(inputs: Tensor | Tensor[], kwargs: Kwargs): Tensor {
      return tf.tidy(() => this.attention.apply(one(inputs), this.rate, kwargs.training === true));
    }

    override getConfig() {
      return {
        ...super.getConfig(),
        numHeads: this.numHeads,
        keyDim: this.keyDim ?? null,
        dropout: this.rate,
        causal: this.causal,
      };
    }
  }

  /** Self-attention and a feed-forward network, each added back to its input and layer-normalised (post-norm). */
  class TransformerEncoder extends tf.layers.Layer {
    static className = 'BigModelTransformerEncoder';
    readonly numHeads: number;
    readonly keyDim?: number;
    readonly intermediateDim?: number;
    readonly rate: number;
    readonly causal: boolean;
    readonly activationName: string;
    readonly epsilon: number;
    private readonly attention: Attention;
    private norm1Gamma!: LayerVariable;
    private norm1Beta!: LayerVariable;
    private ffKernel1!: LayerVariable;
    private ffBias1!: LayerVariable;
    private ffKernel2!: LayerVariable;
    private ffBias2!: LayerVariable;
    private norm2Gamma!: LayerVariable;
    private norm2Beta!: LayerVariable;

    constructor(args: EncoderArgs = {}) {
      super(args as never);
      this.numHeads = args.numHeads ?? 2;
      this.keyDim = args.keyDim ?? undefined; // null in a saved config
      this.intermediateDim = args.intermediateDim ?? undefined;
      this.rate = args.dropout ?? 0;
      this.causal = args.causal ?? false;
      this.activationName = args.activation ?? 'relu';
      if (!['relu', 'gelu', 'tanh', 'linear'].includes(this.activationName)) {
        throw new Error(
          l10n.t("transformerEncoder's activation is one of relu, gelu, tanh, linear, got {0}", this.activationName),
        );
      }
      this.epsilon = args.epsilon ?? 1e-5;
      this.attention = new Attention(this.numHeads, this.keyDim, this.causal);
    }

    override build(inputShape: Shape | Shape[]): void {
      const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
      const width = checkSequence('transformerEncoder', shape);
      const inner = this.intermediateDim ?? 4 * width;
      this.attention.build(
        (n, shape, init) => this.addWeight(n, shape, 'float32', init),
        width,
        (n) => `attention_${n}`,
      );
      this.norm1Gamma = this.addWeight('norm1_gamma', [width], 'float32', ones());
      this.norm1Beta = this.addWeight('norm1_beta', [width], 'float32', zeros());
      this.ffKernel1 = this.addWeight('ff1_kernel', [width, inner], 'float32', glorot());
      this.ffBias1 = this.addWeight('ff1_bias', [inner], 'float32', zeros());
      this.ffKernel2 = this.addWeight('ff2_kernel', [inner, width], 'float32', glorot());
      this.ffBias2 = this.addWeight('ff2_bias', [width], 'float32', zeros());
      this.norm2Gamma = this.addWeight('norm2_gamma', [width], 'float32', ones());
      this.norm2Beta = this.addWeight('norm2_beta', [width], 'float32', zeros());
      this.built = true;
    }

    override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
      return inputShape;
    }

    override call(inputs: Tensor | Tensor[], kwargs: Kwargs): Tensor {
      return tf.tidy(() => {
        const x = one(inputs);
        const training = kwargs.training === true;
        const attended = dropout(this.attention.apply(x, this.rate, training), this.rate, training);
        const h = layerNorm(tf.add(x, attended), this.norm1Gamma, this.norm1Beta, this.epsilon);
        const ff = project(
          activate(project(h, this.ffKernel1, this.ffBias1), this.activationName),
          this.ffKernel2,
          this.ffBias2,
        );
        return layerNorm(tf.add(h, dropout(ff, this.rate, training)), this.norm2Gamma, this.norm2Beta, this.epsilon);
      });
    }

    override getConfig() {
      return {
        ...super.getConfig(),
        numHeads: this.numHeads,
        keyDim: this.keyDim ?? null,
        intermediateDim: this.intermediateDim ?? null,
        dropout: this.rate,
        causal: this.causal,
        activation: this.activationName,
        epsilon: this.epsilon,
      };
    }
  }

  /** Adds a learned vector per position, so attention (which is blind to order) can tell positions apart. */
  class PositionEmbedding extends tf.layers.Layer {
    static className = 'BigModelPositionEmbedding';
    private positions!: LayerVariable;

    constructor(args: PositionArgs = {}) {
      super(args as never);
    }

    override build(inputShape: Shape | Shape[]): void {
      const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
      const width = checkSequence('positionEmbedding', shape);
      if (shape[1] === null) throw new Error(l10n.t('positionEmbedding needs sequences of a fixed length'));
      this.positions = this.addWeight(
        'embeddings',
        [shape[1], width],
        'float32',
        tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05 }),
      );
      this.built = true;
    }

    override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
      return inputShape;
    }

    override call(inputs: Tensor | Tensor[]): Tensor {
      return tf.tidy(() => tf.add(one(inputs), this.positions.read()));
    }
  }

  for (const cls of [MultiHeadSelfAttention, TransformerEncoder, PositionEmbedding])
    tf.serialization.registerClass(cls as never);
  const layers: TransformerLayers = { MultiHeadSelfAttention, TransformerEncoder, PositionEmbedding };
  made.set(tf, layers);
  return layers;
}
