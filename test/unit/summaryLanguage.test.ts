// The summary's wording: complete Chinese with no English left over, and no jargon for product managers.
import * as assert from 'node:assert/strict';
import { writeSummary, type SummaryInput } from '../../src/shared/summary';
import { en } from '../../src/shared/summary/text/en';
import { zhCn } from '../../src/shared/summary/text/zhCn';
import { placeholders } from '../../src/shared/summary/text';
import { variedRuns } from './summaryFixtures';

const RUNS = variedRuns();
const HAN = /[\u4e00-\u9fff]/;

/** Words a product manager should not have to know. */
const JARGON_EN = [
  'loss',
  'F1',
  'AUC',
  'ROC',
  'epoch',
  'epochs',
  'precision',
  'recall',
  'validation',
  'overfitting',
  'overfit',
  'underfitting',
  'MAE',
  'RMSE',
  'R²',
  'dropout',
  'gradient',
  'backend',
  'parameters',
  'hyperparameter',
  'baseline',
  'confusion',
  'macro',
  'samples/s',
  'class weights',
  'regularisation',
  'regularization',
  'augmentation',
  'learning rate',
  'metric',
  'tensor',
];
const JARGON_ZH = [
  '损失',
  '过拟合',
  '欠拟合',
  '精确率',
  '召回率',
  '验证集',
  '混淆矩阵',
  '基线',
  '参数',
  '宏平均',
  '超参数',
  '学习率',
  '梯度',
];

/** Strings the input supplies (class names, source, device, columns): they stay as the user wrote them. */
function inputStrings(input: SummaryInput): string[] {
  const d = input.data;
  const t = input.training;
  return [
    d?.source,
    t?.device,
    t?.backend,
    ...(d?.classes ?? []),
    ...(input.featureNames ?? []),
    ...(input.evaluation?.confusionMatrix?.labels ?? []),
  ]
    .filter((s): s is string => !!s)
    .sort((a, b) => b.length - a.length);
}

function withoutInputs(markdown: string, input: SummaryInput): string {
  let text = markdown.replace(/`[^`]*`/g, ' ');
  for (const s of inputStrings(input)) text = text.split(s).join(' ');
  return text;
}

/** Literal pieces of an English template with at least two words: what a missed translation would leave behind. */
function englishFragments(template: string): string[] {
  return template
    .replace(/`[^`]*`/g, '{code}')
    .split(/\{\w+\}/)
    .map((f) => f.trim().replace(/^[^A-Za-z]+|[^A-Za-z]+$/g, ''))
    .filter((f) => /[A-Za-z]{2,}\W+[A-Za-z]{2,}/.test(f));
}

describe('summary wording', () => {
  describe('Simplified Chinese', () => {
    for (const [name, input, goal] of RUNS) {
      it(`is Chinese throughout: ${name}`, () => {
        for (const audience of ['product', 'engineering'] as const) {
          const p = writeSummary(input, { audience, language: 'zh-cn', goal });
          assert.equal(p.language, 'zh-cn');
          const text = withoutInputs(p.markdown, input);
          assert.ok((text.match(new RegExp(HAN, 'g')) ?? []).length > 150, `${audience}: mostly Chinese`);
          const english = text.match(/[A-Za-z]{2,}(?:[ ,'’-]+[A-Za-z]{2,})+/g);
          assert.equal(english, null, `${audience}: English words left over: ${english?.join(' | ')}\n${p.markdown}`);
          for (const template of Object.values(en)) {
            for (const fragment of englishFragments(template))
              assert.ok(!p.markdown.includes(fragment), `${audience}: "${fragment}" from an English template`);
          }
        }
      });
    }

    it('translates every string of the English table with the same placeholders', () => {
      assert.deepEqual(Object.keys(zhCn).sort(), Object.keys(en).sort());
      for (const [key, text] of Object.entries(en)) {
        const zh = zhCn[key as keyof typeof en];
        assert.deepEqual(placeholders(zh), placeholders(text), `${key} keeps its placeholders`);
        if (englishFragments(text).length > 0 || /[a-z]{4,}/.test(text.replace(/`[^`]*`|\{\w+\}/g, ''))) {
          assert.match(zh, HAN, `${key} is translated`);
        }
      }
    });

    it('formats numbers the same way in both languages', () => {
      const numbers = (md: string) =>
        (md.match(/(?<![A-Za-z\d_.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![A-Za-z\d_.,])\d+(?:\.\d+)?/g) ?? []).sort();
      for (const [name, input, goal] of RUNS) {
        for (const audience of ['product', 'engineering'] as const) {
          const a = writeSummary(input, { audience, language: 'en', goal }).markdown;
          const b = writeSummary(input, { audience, language: 'zh-cn', goal }).markdown;
          assert.deepEqual(numbers(b), numbers(a), `${name} / ${audience}`);
        }
      }
    });
  });

  describe('product audience', () => {
    for (const [name, input, goal] of RUNS) {
      it(`uses no jargon: ${name}`, () => {
        const english = withoutInputs(
          writeSummary(input, { audience: 'product', language: 'en', goal }).markdown,
          input,
        );
        for (const word of JARGON_EN) {
          const pattern = new RegExp(`(^|[^A-Za-z])${word.replace(/[/²]/g, (c) => `\\${c}`)}($|[^A-Za-z])`, 'i');
          assert.ok(!pattern.test(english), `"${word}" in\n${english}`);
        }
        const chinese = withoutInputs(
          writeSummary(input, { audience: 'product', language: 'zh-cn', goal }).markdown,
          input,
        );
        for (const word of [...JARGON_ZH, 'epoch', 'F1', 'AUC', 'MAE', 'RMSE'])
          assert.ok(!chinese.includes(word), `"${word}" in\n${chinese}`);
      });
    }

    it('is where engineers get the jargon instead', () => {
      const [, input, goal] = RUNS[0];
      const md = writeSummary(input, { audience: 'engineering', language: 'en', goal }).markdown;
      for (const word of ['loss', 'F1', 'epoch', 'val_loss', 'samples/s', 'parameters'])
        assert.ok(md.includes(word), word);
    });
  });
});
