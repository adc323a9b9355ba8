// The renderers' and the dashboard's embedded views' string table: every English text has a Chinese one with the
// same {placeholders}, and the Chinese is a translation, not a copy.
import * as assert from 'node:assert/strict';
import { htmlLang, VIEW_TEXT, viewText, type ViewStringKey } from '../../src/shared/viewText';

const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
/** Texts that read the same in both languages. */
const SAME: ViewStringKey[] = ['evaluation.f1'];

describe('view text (renderers and embedded views)', () => {
  const en = VIEW_TEXT.en;
  const zh = VIEW_TEXT['zh-cn'];

  it('has the same keys in English and Chinese', () => {
    assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
    assert.ok(Object.keys(en).length >= 80, `${Object.keys(en).length} keys`);
  });

  it('keeps every placeholder of the English text in the Chinese one', () => {
    for (const key of Object.keys(en) as ViewStringKey[])
      assert.deepEqual(placeholders(zh[key]), placeholders(en[key]), key);
  });

  it('translates every text into Chinese', () => {
    for (const key of Object.keys(en) as ViewStringKey[]) {
      if (SAME.includes(key)) continue;
      assert.notEqual(zh[key], en[key], `${key} is translated`);
      assert.match(zh[key], /[\u4e00-\u9fff]|^[，：（]/, `${key} reads as Chinese: ${zh[key]}`);
    }
  });

  it('fills placeholders, leaves unknown ones as written, and reads English for an unknown language', () => {
    assert.equal(viewText('en')('preview.samplesShare', { n: '1,000', share: '80.0%' }), '1,000 samples (80.0%)');
    assert.equal(viewText('zh-cn')('preview.samplesShare', { n: '1,000', share: '80.0%' }), '1,000 个样本（80.0%）');
    assert.equal(viewText('zh-cn')('preview.samples'), '{n} 个样本');
    assert.equal(viewText(undefined)('training.logScale'), 'Log scale');
    assert.equal(viewText('fr' as never)('training.logScale'), 'Log scale');
    assert.equal(htmlLang('zh-cn'), 'zh-CN');
    assert.equal(htmlLang('en'), 'en');
  });
});
