// The model card: the sections a model card needs, in English and Simplified Chinese, and never a number the run
// did not produce (the same check as the summary's figures).
import * as assert from 'node:assert/strict';
import { writeModelCard, writeSummary } from '../../src/shared/summary';
import { CARD_TABLES } from '../../src/shared/summary/text/card';
import { allowedFigures, invented, numbersIn } from './summaryFigureCheck';
import { churnRun, FASHION, fashionRun, regressionRun, variedRuns } from './summaryFixtures';

const HEADINGS = {
  en: ['## Model details', '## Intended use', '## Data', '## Metrics', '## Training', '## Limitations', '## Risks'],
  'zh-cn': ['## 模型详情', '## 预期用途', '## 数据', '## 指标', '## 训练', '## 局限', '## 风险'],
};

describe('model card', () => {
  for (const [name, input, goal] of variedRuns()) {
    it(`invents no number: ${name}`, () => {
      const allowed = allowedFigures(input, goal);
      for (const language of ['en', 'zh-cn'] as const) {
        for (const audience of ['product', 'engineering'] as const) {
          const card = writeModelCard(input, { audience, language, goal });
          assert.ok(numbersIn(card).length >= 5, `${language}/${audience} shows figures at all`);
          assert.deepEqual(
            invented(card, allowed),
            [],
            `${language}/${audience} numbers not derivable from the input:\n${card}`,
          );
        }
      }
    });
  }

  it('catches a number that is not in the run', () => {
    const input = fashionRun();
    const card = writeModelCard(input, { audience: 'product', language: 'en' });
    assert.deepEqual(invented(card.replace('10,000 test samples', '12,000 test samples'), allowedFigures(input, {})), [
      '12,000',
    ]);
  });

  for (const language of ['en', 'zh-cn'] as const) {
    it(`has intended use, data, metrics, limitations and risks, in order (${language})`, () => {
      const card = writeModelCard(fashionRun(), { audience: 'product', language, goal: { accuracy: 0.9 } });
      const at = HEADINGS[language].map((h) => card.indexOf(`\n${h}\n`));
      assert.ok(
        at.every((i) => i > 0),
        `every heading is there:\n${card}`,
      );
      assert.deepEqual(
        [...at].sort((a, b) => a - b),
        at,
        'in the order of a model card',
      );
      assert.ok(card.startsWith(language === 'en' ? '# Model card: fashion-mnist\n' : '# 模型卡：fashion-mnist\n'));
    });
  }

  it("writes the Chinese card without the English card's wording", () => {
    for (const [name, input, goal] of variedRuns()) {
      const card = writeModelCard(input, { audience: 'product', language: 'zh-cn', goal });
      for (const english of Object.values(CARD_TABLES.en)) {
        for (const piece of english
          .split(/\{\w+\}/)
          .map((p) => p.trim())
          .filter((p) => p.length > 6)) {
          assert.ok(!card.includes(piece), `${name}: "${piece}" is not translated`);
        }
      }
    }
  });

  it('lists the metrics and every class with its scores and test samples', () => {
    const card = writeModelCard(fashionRun(), { audience: 'engineering', language: 'en' });
    assert.match(card, /\| accuracy \| 0\.905 \|/);
    for (const label of FASHION)
      assert.match(
        card,
        new RegExp(`\\| ${label.replace(/[/]/g, '\\/')} \\| [\\d.]+ \\| [\\d.]+ \\| [\\d.]+ \\| 1,000 \\|`),
        label,
      );
    assert.match(
      card,
      /Took|Confusion `Shirt` → `T-shirt\/top`: 121 of 1,000/,
      'the most confused pair is a limitation',
    );
  });

  it('names the layers in order and what the model is for', () => {
    const input = fashionRun();
    input.model!.layers = [
      { name: 'c1', type: 'Conv2D', outputShape: [null, 26, 26, 32], params: 320 },
      { name: 'f', type: 'Flatten', outputShape: [null, 5408], params: 0 },
      { name: 'd', type: 'Dense', outputShape: [null, 10], params: 54090 },
    ];
    const card = writeModelCard(input, { audience: 'product', language: 'en' });
    assert.match(card, /Layers: `Conv2D` → `Flatten` → `Dense`\./);
    assert.match(card, /Sorts images into one of 10 classes: “T-shirt\/top”, /);
    assert.match(
      writeModelCard(churnRun(['tenure']), { audience: 'product', language: 'en' }),
      /Answers a yes\/no question for each example: “stays” and “churns”\./,
    );
    assert.match(
      writeModelCard(regressionRun(), { audience: 'product', language: 'en' }),
      /Predicts a number for each example\./,
    );
  });

  it('names the personal-data risk when the columns look personal', () => {
    const card = writeModelCard(churnRun(['tenure', 'email']), { audience: 'product', language: 'zh-cn' });
    const risks = card.slice(card.indexOf('## 风险'));
    assert.match(risks, /隐私|个人/);
  });

  it('says it was not evaluated rather than showing empty tables', () => {
    const card = writeModelCard({ ...fashionRun(), evaluation: undefined }, { audience: 'product', language: 'en' });
    assert.match(card, /Not evaluated: add an `evaluate` section/);
    assert.doesNotMatch(card, /\| Metric \|/);
  });

  it('comes with every summary, so the renderer can export it', () => {
    const options = { audience: 'product', language: 'zh-cn', goal: { accuracy: 0.9 } } as const;
    assert.equal(writeSummary(fashionRun(), options).modelCard, writeModelCard(fashionRun(), options));
  });
});
