// Looks terms up by cell name (with its context), alias or TensorFlow.js name, and renders one as hover markdown.
import { TERMS } from './terms';
import type { GlossaryLanguage, Term, TermKind, TermText } from './types';

export { TERMS };
export type { GlossaryLanguage, Term, TermKind, TermText };

/** The glossary's language for a VS Code display language (`vscode.env.language`): Chinese for zh-*, else English. */
export function glossaryLanguage(locale: string | undefined): GlossaryLanguage {
  return (locale ?? '').toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';
}

const byId = new Map<string, Term>();
const byAlias = new Map<string, Term>();
const byTfjs = new Map<string, Term>();
for (const t of TERMS) {
  byId.set(t.id, t);
  for (const a of t.aliases) byAlias.set(a, t);
  for (const js of t.tfjs) byTfjs.set(js, t);
}

/**
 * The term for a name as written in a cell. `context` is the path of keys the name sits under, outermost first
 * (`['model', 'layers', 'batchNormalization']`): a meaning specific to the nearest of them wins over the general one.
 */
export function findTerm(name: string, context: readonly string[] = []): Term | undefined {
  for (let i = context.length - 1; i >= 0; i--) {
    const specific = byId.get(`${context[i]}.${name}`);
    if (specific) return specific;
  }
  return byId.get(name) ?? byAlias.get(name);
}

/** The term for a TensorFlow.js expression such as `tf.layers.dense` or `tf.train.adam`. */
export function findTfjsTerm(expression: string): Term | undefined {
  return byTfjs.get(expression);
}

interface Labels {
  kinds: Record<TermKind, string>;
  meaning: string;
  typical: string;
  formula: string;
  tfjs: string;
  /** Follows a label: `:` in English, a full-width `：` in Chinese. */
  colon: string;
}

const LABELS: Record<GlossaryLanguage, Labels> = {
  en: {
    kinds: {
      section: 'section',
      setting: 'setting',
      layer: 'layer',
      option: 'layer option',
      activation: 'activation function',
      optimizer: 'optimizer',
      loss: 'loss function',
      metric: 'metric',
      source: 'built-in dataset',
      initializer: 'initializer',
      concept: 'concept',
    },
    meaning: 'For your model',
    typical: 'Typical values',
    formula: 'Formula',
    tfjs: 'In TensorFlow.js',
    colon: ':',
  },
  'zh-cn': {
    kinds: {
      section: '部分',
      setting: '设置',
      layer: '层',
      option: '层选项',
      activation: '激活函数',
      optimizer: '优化器',
      loss: '损失函数',
      metric: '指标',
      source: '内置数据集',
      initializer: '初始化方法',
      concept: '概念',
    },
    meaning: '对你的模型意味着',
    typical: '常用取值',
    formula: '公式',
    tfjs: 'TensorFlow.js 中',
    colon: '：',
  },
};

export function termText(term: Term, language: GlossaryLanguage): TermText {
  return language === 'zh-cn' ? term.zh : term.en;
}

/** The kind of a term in words, e.g. "activation function" / "激活函数". */
export function kindLabel(kind: TermKind, language: GlossaryLanguage): string {
  return LABELS[language].kinds[kind];
}

/** A term as Markdown for a hover or a completion's documentation: sentence, meaning, typical values, formula. */
export function termMarkdown(term: Term, language: GlossaryLanguage): string {
  const l = LABELS[language];
  const text = termText(term, language);
  const parts = [
    `**\`${term.name}\`** — ${l.kinds[term.kind]}`,
    text.summary,
    `**${l.meaning}${l.colon}** ${text.meaning}`,
    `**${l.typical}${l.colon}** ${text.typical}`,
  ];
  if (term.formula) parts.push(`**${l.formula}${l.colon}**\n\n\`\`\`text\n${term.formula}\n\`\`\``);
  if (term.tfjs.length > 0) parts.push(`**${l.tfjs}${l.colon}** ${term.tfjs.map((js) => `\`${js}\``).join(', ')}`);
  return parts.join('\n\n');
}
