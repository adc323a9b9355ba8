// Glossary entries of the attention layers (src/core/layers) and of the optimizers' own options.
import type { Term, TermKind } from './types';

type Texts = [summary: string, meaning: string, typical: string];

function term(id: string, kind: TermKind, en: Texts, zh: Texts, more: { formula?: string } = {}): Term {
  const dot = id.lastIndexOf('.');
  return {
    id,
    name: dot < 0 ? id : id.slice(dot + 1),
    context: dot < 0 ? undefined : id.slice(0, dot),
    kind,
    aliases: [],
    tfjs: [],
    formula: more.formula,
    en: { summary: en[0], meaning: en[1], typical: en[2] },
    zh: { summary: zh[0], meaning: zh[1], typical: zh[2] },
  };
}

export const MODEL_TERMS: Term[] = [
  term(
    'multiHeadSelfAttention',
    'layer',
    [
      'Lets every position of a sequence look at every other position, in several heads that each learn their own way of matching.',
      'Relates words that are far apart in a sentence, which recurrent layers struggle with.',
      '`numHeads: 2`–`8`; the model width (the embedding size) must be divisible by `numHeads`.',
    ],
    [
      '让序列的每个位置关注所有其他位置，分成若干个头，每个头学习自己的匹配方式。',
      '能关联句子中相距很远的词，这是循环层难以做到的。',
      '`numHeads: 2`–`8`；模型宽度（嵌入维度）必须能被 `numHeads` 整除。',
    ],
    { formula: 'headᵢ = softmax(Qᵢ · Kᵢᵀ / √d_k) · Vᵢ,  y = [head₁ … head_h] · W_o' },
  ),
  term(
    'transformerEncoder',
    'layer',
    [
      'One transformer block: multi-head self-attention and a small feed-forward network, each added back to its input and layer-normalised.',
      'The building block of modern text models; stack one or two for a small classifier.',
      'After `embedding` and `positionEmbedding`; `numHeads: 2`–`4`, `intermediateDim: 2`–`4` × the embedding size.',
    ],
    [
      '一个 Transformer 块：多头自注意力和一个小型前馈网络，各自加回输入并做层归一化。',
      '现代文本模型的基本构件；小型分类器叠一到两个即可。',
      '放在 `embedding` 和 `positionEmbedding` 之后；`numHeads: 2`–`4`，`intermediateDim` 为嵌入维度的 2–4 倍。',
    ],
    { formula: 'h = LN(x + MHA(x)),  y = LN(h + W₂ · act(W₁ · h))' },
  ),
  term(
    'positionEmbedding',
    'layer',
    [
      'Adds a learned vector for each position to a sequence of embeddings.',
      'Attention by itself ignores word order; this layer lets the model tell "dog bites man" from "man bites dog".',
      'Right after `embedding`, before the first `transformerEncoder`.',
    ],
    [
      '为序列中的每个位置加上一个学到的向量。',
      '注意力本身不考虑词序；这一层让模型能区分“狗咬人”和“人咬狗”。',
      '紧跟在 `embedding` 之后、第一个 `transformerEncoder` 之前。',
    ],
  ),
  term(
    'numHeads',
    'option',
    [
      'How many attention heads look at the sequence side by side.',
      'More heads can follow more kinds of relation at once, each with a smaller slice of the width.',
      '`2`–`8`; it must divide the embedding size unless `keyDim` is given.',
    ],
    [
      '并行观察序列的注意力头的个数。',
      '头越多，能同时关注的关系种类越多，但每个头分到的宽度越小。',
      '`2`–`8`；除非给出 `keyDim`，否则必须能整除嵌入维度。',
    ],
  ),
  term(
    'keyDim',
    'option',
    [
      "The size of each head's queries and keys.",
      'Left out, it is the embedding size divided by `numHeads`, which keeps the cost of attention constant.',
      'Leave it out; `16`–`64` when set.',
    ],
    [
      '每个头的查询和键的维度。',
      '不写时等于嵌入维度除以 `numHeads`，使注意力的计算量保持不变。',
      '一般不写；设置时常用 `16`–`64`。',
    ],
  ),
  term(
    'causal',
    'option',
    [
      'Whether each position may look only at itself and earlier positions.',
      'Needed when the model predicts what comes next; a classifier reads the whole text and leaves it off.',
      '`false` (the default) for classifiers.',
    ],
    [
      '每个位置是否只能看到自己和之前的位置。',
      '模型预测下一个词时需要；分类器读取整段文本，不需要它。',
      '分类器用 `false`（默认）。',
    ],
  ),
  term(
    'intermediateDim',
    'option',
    [
      'The width of the feed-forward network inside a transformer block.',
      'Wider can learn more per position, at the cost of weights and time.',
      '2–4 times the embedding size (the default is 4 times).',
    ],
    [
      'Transformer 块内部前馈网络的宽度。',
      '更宽能在每个位置学到更多，但会增加权重和时间。',
      '嵌入维度的 2–4 倍（默认 4 倍）。',
    ],
  ),
  term(
    'optimizer.nesterov',
    'setting',
    [
      'Whether momentum looks ahead: the gradient is taken where the momentum is about to carry the weights.',
      'Often converges a little faster and more smoothly than plain momentum.',
      '`true` with `momentum: 0.9`.',
    ],
    [
      '动量是否“向前看”：在动量即将把权重带到的位置计算梯度。',
      '常比普通动量收敛得更快、更平稳。',
      '与 `momentum: 0.9` 一起用 `true`。',
    ],
  ),
  term(
    'optimizer.beta1',
    'setting',
    [
      "How slowly Adam's running average of the gradients forgets old steps.",
      'Higher smooths the direction of the updates more.',
      '`0.9` (the default).',
    ],
    ['Adam 的梯度滑动平均遗忘旧步骤的快慢。', '越高，更新方向越平滑。', '`0.9`（默认）。'],
  ),
  term(
    'optimizer.beta2',
    'setting',
    [
      "How slowly Adam's running average of the squared gradients forgets old steps.",
      "Sets how steadily each weight's step size adapts.",
      '`0.999` (the default); `0.98` for transformers.',
    ],
    [
      'Adam 的梯度平方滑动平均遗忘旧步骤的快慢。',
      '决定每个权重的步长调整得多平稳。',
      '`0.999`（默认）；Transformer 常用 `0.98`。',
    ],
  ),
  term(
    'optimizer.epsilon',
    'setting',
    [
      "A tiny number added before dividing by the gradients' running size, so no step divides by zero.",
      'Larger values make the steps of adaptive optimizers more cautious.',
      '`1e-7` (the default); `1e-4` if training is unstable.',
    ],
    [
      '除以梯度滑动大小之前加上的极小数，避免除以零。',
      '数值越大，自适应优化器的步子越谨慎。',
      '`1e-7`（默认）；训练不稳定时用 `1e-4`。',
    ],
  ),
  term(
    'optimizer.decay',
    'setting',
    [
      "How slowly RMSprop's (or Adamax's) running average of gradient sizes forgets old steps.",
      'Higher gives steadier step sizes.',
      '`0.9` for rmsprop.',
    ],
    ['RMSprop（或 Adamax）的梯度大小滑动平均遗忘旧步骤的快慢。', '越高，步长越平稳。', 'rmsprop 用 `0.9`。'],
  ),
  term(
    'optimizer.rho',
    'setting',
    [
      "How slowly Adadelta's running averages forget old steps.",
      'Higher gives steadier updates.',
      '`0.95` (the default).',
    ],
    ['Adadelta 的滑动平均遗忘旧步骤的快慢。', '越高，更新越平稳。', '`0.95`（默认）。'],
  ),
  term(
    'optimizer.initialAccumulatorValue',
    'setting',
    [
      "The starting value of Adagrad's sum of squared gradients.",
      'Larger makes the first steps smaller.',
      '`0.1` (the default).',
    ],
    ['Adagrad 梯度平方和的初始值。', '越大，最初的几步越小。', '`0.1`（默认）。'],
  ),
];
