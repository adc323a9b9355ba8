// The glossary: enough terms, every text in both languages, every name of the cell language covered, no clashes.
import * as assert from 'node:assert/strict';
import { vocabulary } from '../../src/shared/cellSchema';
import {
  findTerm,
  findTfjsTerm,
  glossaryLanguage,
  termMarkdown,
  TERMS,
  type TermKind,
} from '../../src/shared/glossary';

const HAN = /[\u4e00-\u9fff]/;

describe('the glossary', () => {
  it('has at least 80 terms', () => {
    assert.ok(TERMS.length >= 80, `${TERMS.length} terms`);
  });

  it('has every text in English and in Simplified Chinese', () => {
    for (const t of TERMS) {
      for (const field of ['summary', 'meaning', 'typical'] as const) {
        assert.ok(t.en[field].trim().length > 0, `${t.id}: English ${field}`);
        assert.ok(t.zh[field].trim().length > 0, `${t.id}: Chinese ${field}`);
        assert.ok(!HAN.test(t.en[field]), `${t.id}: English ${field} has no Chinese`);
        assert.ok(HAN.test(t.zh[field]), `${t.id}: Chinese ${field} is written in Chinese`);
      }
    }
  });

  it('has no two entries with the same id, alias or TensorFlow.js name', () => {
    const seen = new Map<string, string>();
    const claim = (key: string, owner: string) => {
      assert.ok(!seen.has(key), `${key} is claimed by ${seen.get(key)} and ${owner}`);
      seen.set(key, owner);
    };
    for (const t of TERMS) claim(t.id, t.id);
    for (const t of TERMS) for (const a of t.aliases) claim(a, `${t.id} (alias)`);
    const tfjs = new Map<string, string>();
    for (const t of TERMS) {
      for (const js of t.tfjs) {
        assert.ok(!tfjs.has(js), `${js} is listed by ${tfjs.get(js)} and ${t.id}`);
        tfjs.set(js, t.id);
      }
    }
  });

  it('explains every name of the cell language, with an entry of the right kind', () => {
    const allowed: Record<string, TermKind[]> = {
      section: ['section'],
      setting: ['setting', 'optimizer'], // `momentum` inside `optimizer: { sgd: { … } }` is the momentum term
      layer: ['layer'],
      option: ['option', 'setting', 'layer'], // `activation` and `dropout` options are explained with their layers
      activation: ['activation'],
      optimizer: ['optimizer'],
      loss: ['loss'],
      metric: ['metric', 'loss'], // `mse`, `categoricalCrossentropy` … are losses used as metrics
      source: ['source'],
    };
    const missing: string[] = [];
    for (const entry of vocabulary()) {
      const t = findTerm(entry.name, entry.context ? [entry.context] : []);
      if (!t || !allowed[entry.kind].includes(t.kind))
        missing.push(`${entry.kind} ${entry.context ? `${entry.context}.` : ''}${entry.name} → ${t?.id ?? 'nothing'}`);
    }
    assert.deepEqual(missing, []);
  });

  it('gives the standard formulas', () => {
    const formulas: Record<string, RegExp> = {
      categoricalCrossentropy: /−Σ.*log/,
      binaryCrossentropy: /log\(1 − p\)/,
      meanSquaredError: /\(yᵢ − ŷᵢ\)²/,
      sgd: /θ ← θ − η · ∇L\(θ\)/,
      adam: /m̂ \/ \(√v̂ \+ ε\)/,
      attention: /softmax\(Q · Kᵀ \/ √d_k\) · V/,
      relu: /max\(0, x\)/,
      sigmoid: /1 \/ \(1 \+ e\^\(−x\)\)/,
      tanh: /tanh/,
      softmax: /e\^\(zᵢ\) \/ Σⱼ e\^\(zⱼ\)/,
    };
    for (const [id, re] of Object.entries(formulas)) assert.match(findTerm(id)?.formula ?? '', re, id);
  });

  it('knows the TensorFlow.js names engineers write in JavaScript cells', () => {
    assert.equal(findTfjsTerm('tf.layers.dense')?.id, 'dense');
    assert.equal(findTfjsTerm('tf.layers.conv2d')?.id, 'conv2d');
    assert.equal(findTfjsTerm('tf.train.adam')?.id, 'adam');
    assert.equal(findTfjsTerm('tf.train.sgd')?.id, 'sgd');
    assert.equal(findTfjsTerm('tf.losses.meanSquaredError')?.id, 'meanSquaredError');
    assert.equal(findTfjsTerm('tf.losses.softmaxCrossEntropy')?.id, 'categoricalCrossentropy');
    assert.equal(findTfjsTerm('tf.relu')?.id, 'relu');
    assert.equal(findTfjsTerm('tf.sigmoid')?.id, 'sigmoid');
    assert.equal(findTfjsTerm('tf.layers'), undefined);
  });

  it('picks the meaning a name has where it is written', () => {
    assert.equal(findTerm('train')?.kind, 'section');
    assert.equal(findTerm('train', ['data'])?.id, 'data.train');
    assert.equal(findTerm('momentum')?.kind, 'optimizer');
    assert.equal(findTerm('momentum', ['model', 'layers', 'batchNormalization'])?.id, 'batchNormalization.momentum');
    assert.equal(findTerm('input', ['model'])?.id, 'model.input');
    assert.equal(findTerm('input', ['predict'])?.id, 'predict.input');
    assert.equal(findTerm('units', ['model', 'layers', 'dense'])?.id, 'units');
    assert.equal(findTerm('mse')?.id, 'meanSquaredError');
    assert.equal(findTerm('maxpool')?.id, 'maxPooling2d');
    assert.equal(findTerm('acc')?.id, 'accuracy');
  });

  it('follows the display language: Chinese for zh-*, English otherwise', () => {
    assert.equal(glossaryLanguage('zh-cn'), 'zh-cn');
    assert.equal(glossaryLanguage('zh-CN'), 'zh-cn');
    assert.equal(glossaryLanguage('zh-tw'), 'zh-cn');
    assert.equal(glossaryLanguage('en'), 'en');
    assert.equal(glossaryLanguage('de'), 'en');
    assert.equal(glossaryLanguage(undefined), 'en');
  });

  it('renders a hover in English: the sentence, the meaning, typical values and the formula', () => {
    const md = termMarkdown(findTerm('relu')!, glossaryLanguage('en'));
    assert.match(md, /^\*\*`relu`\*\* — activation function/);
    assert.match(md, /ReLU passes positive values through/);
    assert.match(md, /\*\*For your model:\*\* The default for hidden layers/);
    assert.match(md, /\*\*Typical values:\*\*/);
    assert.match(md, /```text\nrelu\(x\) = max\(0, x\)\n```/);
    assert.match(md, /\*\*In TensorFlow.js:\*\* `tf.relu`/);
  });

  it('renders a hover in Chinese with no English labels left', () => {
    const md = termMarkdown(findTerm('adam')!, glossaryLanguage('zh-cn'));
    assert.match(md, /^\*\*`adam`\*\* — 优化器/);
    assert.match(md, /Adam 根据每个权重最近梯度/);
    assert.match(md, /\*\*对你的模型意味着：\*\* 几乎不用调参/);
    assert.match(md, /\*\*常用取值：\*\*/);
    assert.match(md, /\*\*公式：\*\*/);
    assert.match(md, /\*\*TensorFlow.js 中：\*\* `tf.train.adam`/);
    assert.doesNotMatch(md, /For your model|Typical values|Formula/);
  });
});
