// The model card's own headings and sentences in English and Simplified Chinese; everything else in the card is
// the summary's wording (text/en.ts, text/zhCn.ts), so a figure reads the same in both documents.
import type { SummaryLanguage } from '../types';

const en = {
  title: 'Model card: {source}',
  'title.plain': 'Model card',
  'section.details': 'Model details',
  'section.use': 'Intended use',
  'section.data': 'Data',
  'section.metrics': 'Metrics',
  'section.training': 'Training',
  'section.limitations': 'Limitations',
  'section.risks': 'Risks',
  'details.layers': 'Layers: {layers}.',
  'details.made': 'Built and trained in BigModel Studio with TensorFlow.js.',
  'use.classification': 'Sorts {things} into one of {n} classes: {classes}.',
  'use.binary': 'Answers a yes/no question for each example: {classes}.',
  'use.regression': 'Predicts a number for each example.',
  'use.unknown': 'The run did not record what the model predicts.',
  'use.prototype':
    'A prototype for judging whether the idea works; it needs the checks under Risks before any real use.',
  'use.scope': 'Out of scope: data unlike {source}, and decisions about people without human review.',
  'metrics.on.test': 'Measured on {samples} test samples the model never saw in training.',
  'metrics.on.validation': 'Measured on {samples} validation samples the model did not train on.',
  'metrics.on.chose-epoch':
    'Measured on {samples} validation samples the model did not train on, but which chose the training epoch: the figures are optimistic.',
  'metrics.on.folds':
    'Measured by {folds}-fold cross-validation: each of the {samples} samples scored by a model that did not train on it (mean of the folds).',
  'metrics.baseline.majority': 'Always {label}',
  'metrics.baseline.mean': 'Always the training mean',
  'metrics.none': 'Not evaluated: add an `evaluate` section and run it to measure the model.',
  'metrics.metric': 'Metric',
  'metrics.value': 'Value',
  'metrics.class': 'Class',
  'metrics.precision': 'Precision',
  'metrics.recall': 'Recall',
  'metrics.f1': 'F1',
  'metrics.support': 'Samples',
  'limitations.sameSource':
    'Every figure here comes from data of the same source as the training data; on other data the model may do worse.',
  'limitations.none': 'No weak class or mix-up stood out in this run.',
  'things.images': 'images',
  'things.examples': 'examples',
};

export type CardStringKey = keyof typeof en;

const zhCn: Record<CardStringKey, string> = {
  title: '模型卡：{source}',
  'title.plain': '模型卡',
  'section.details': '模型详情',
  'section.use': '预期用途',
  'section.data': '数据',
  'section.metrics': '指标',
  'section.training': '训练',
  'section.limitations': '局限',
  'section.risks': '风险',
  'details.layers': '网络层：{layers}。',
  'details.made': '在 BigModel Studio 中用 TensorFlow.js 构建和训练。',
  'use.classification': '把{things}归入 {n} 个类别之一：{classes}。',
  'use.binary': '对每个样例回答一个是/否问题：{classes}。',
  'use.regression': '为每个样例预测一个数值。',
  'use.unknown': '这次运行没有记录模型预测什么。',
  'use.prototype': '这是用来判断想法是否可行的原型；实际使用前需要完成“风险”中的检查。',
  'use.scope': '不适用于：与 {source} 不同的数据，以及未经人工复核的、关于人的决定。',
  'metrics.on.test': '在训练中从未见过的 {samples} 个测试集样本上测得。',
  'metrics.on.validation': '在模型没有训练过的 {samples} 个验证集样本上测得。',
  'metrics.on.chose-epoch':
    '在模型没有训练过的 {samples} 个验证集样本上测得，但这些样本也用于选择训练的 epoch：数字偏乐观。',
  'metrics.on.folds': '用 {folds} 折交叉验证测得：{samples} 个样本中的每一个都由没有训练过它的模型打分（各折平均）。',
  'metrics.baseline.majority': '总是 {label}',
  'metrics.baseline.mean': '总是训练集均值',
  'metrics.none': '尚未评估：添加 `evaluate` 部分并运行，即可衡量模型。',
  'metrics.metric': '指标',
  'metrics.value': '数值',
  'metrics.class': '类别',
  'metrics.precision': '精确率',
  'metrics.recall': '召回率',
  'metrics.f1': 'F1',
  'metrics.support': '样本数',
  'limitations.sameSource': '这里的所有数字都来自与训练数据同一来源的数据；在其他数据上模型可能表现更差。',
  'limitations.none': '这次运行中没有明显的薄弱类别或混淆。',
  'things.images': '图片',
  'things.examples': '样例',
};

export const CARD_TABLES: Record<SummaryLanguage, Record<CardStringKey, string>> = { en, 'zh-cn': zhCn };
