// The shape of a glossary entry: one term of the cell language or of TensorFlow.js, explained in English and Chinese.

export type GlossaryLanguage = 'en' | 'zh-cn';

export type TermKind =
  | 'section'
  | 'setting'
  | 'layer'
  | 'option'
  | 'activation'
  | 'optimizer'
  | 'loss'
  | 'metric'
  | 'source'
  | 'initializer'
  | 'concept';

/** One language's text of a term. */
export interface TermText {
  /** One plain sentence: what it is. */
  summary: string;
  /** What it means for the model you are building, or for the product it goes into. */
  meaning: string;
  /** Values people usually pick, and when to move away from them. */
  typical: string;
}

export interface Term {
  /** Unique. The name as written in a cell, or `context.name` where a name means something else in one place (`data.train`). */
  id: string;
  /** The name as written in a cell (the id without its context). */
  name: string;
  /** The section, layer or key the name has this meaning in, when it is not the only one. */
  context?: string;
  kind: TermKind;
  /** Other spellings that mean the same (`mse` for `meanSquaredError`, `maxpool` for `maxPooling2d`). */
  aliases: string[];
  /** The TensorFlow.js names of the same thing, as written in JavaScript (`tf.layers.dense`). */
  tfjs: string[];
  /** The standard formula, in plain math (the same in both languages). */
  formula?: string;
  en: TermText;
  zh: TermText;
}
