// The core's, the CLI's and shared parsing's messages in the user's language: Simplified Chinese from the l10n bundle
// for a zh display language (or locale), English otherwise.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { TrainingCore } from '../../src/client/trainingCore';
import { BigModelError } from '../../src/shared/bigModelError';
import { parseCell } from '../../src/shared/cellSpec';
import { problemText, PROBLEMS, type ProblemCode } from '../../src/shared/problemCatalog';
import { parseNotebook } from '../../src/shared/notebookFile';
import { evaluationText, trainingText, type EvaluationPayload, type TrainingPayload } from '../../src/shared/outputs';
import { scratchFolder } from './scratchFolder';

const root = path.join(__dirname, '../../..');
const corePath = path.join(root, 'dist/core.js');
const cli = path.join(root, 'dist/cli.js');
const zhBundle = path.join(root, 'l10n/bundle.l10n.zh-cn.json');

/** The error a cell fails with in a core started for `displayLanguage`. */
async function cellError(
  displayLanguage: string | undefined,
  notebookFolder: string,
  source: string,
): Promise<BigModelError> {
  const core = await TrainingCore.start({ corePath, backend: 'auto', notebookFolder, displayLanguage });
  try {
    await core.runCell({ cellId: 'c', language: 'bigmodel', source });
  } catch (e) {
    assert.ok(e instanceof BigModelError, String(e));
    return e;
  } finally {
    await core.dispose();
  }
  assert.fail('the cell should fail');
}

describe('messages in the display language', function () {
  const dir = scratchFolder('bigmodel-language-');

  describe('the training core', () => {
    const missing = 'data:\n  train: no-such-file.csv\n  label: y';
    const misspelt = 'data:\n  source: xor\n  lable: y';

    it('fails a cell with a missing data file in Chinese for zh-cn, at the same line', async () => {
      const e = await cellError('zh-cn', dir(), missing);
      assert.equal(e.category, 'data');
      assert.equal(e.position?.line, 2);
      assert.equal(
        e.message,
        `找不到文件：\`no-such-file.csv\`（查找位置：${path.join(dir(), 'no-such-file.csv')}；相对路径从笔记本所在的文件夹开始）`,
      );
    });

    it('fails the same cell in English for en, and when no language is given', async () => {
      const english = `file not found: \`no-such-file.csv\` (looked at ${path.join(dir(), 'no-such-file.csv')}; relative paths start from the notebook's folder)`;
      assert.equal((await cellError('en', dir(), missing)).message, english);
      assert.equal((await cellError(undefined, dir(), missing)).message, english);
    });

    it("names a misspelt setting in Chinese for VS Code's zh-CN, and a parse problem of shared code too", async () => {
      const setting = await cellError('zh-CN', dir(), misspelt);
      assert.equal(setting.category, 'invalid-cell');
      assert.equal(setting.position?.line, 3);
      assert.match(setting.message, /^未知的设置 `data\.lable` — 是不是 `label`？（data 的设置：.*source.*）$/);
      const layer = await cellError('zh-cn', dir(), 'model:\n  layers:\n    - desne: { units: 1 }');
      assert.equal(layer.message, '未知的层 `desne` — 是不是 `dense`？');
      assert.equal(layer.position?.line, 3);
    });
  });

  describe('the command line', () => {
    /** The CLI with a terminal locale of `lang` (LC_ALL and LC_MESSAGES unset, so LANG decides). */
    const bigmodel = (lang: string, ...args: string[]) => {
      const env: NodeJS.ProcessEnv = { ...process.env, LANG: lang };
      delete env.LC_ALL;
      delete env.LC_MESSAGES;
      return spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 120000, env });
    };
    let bad: string;
    before(() => {
      bad = path.join(dir(), 'bad.bigmodel');
      const cells = ['data:\n  source: xor', 'model:\n  layers:\n    - dense: { units: 4 }\n    - desne: { units: 1 }'];
      fs.writeFileSync(
        bad,
        JSON.stringify({
          bigmodel: 1,
          metadata: {},
          cells: cells.map((c) => ({ kind: 'code', language: 'bigmodel', source: c.split('\n'), outputs: [] })),
        }),
      );
    });

    it('reports a failing cell in Chinese under LANG=zh_CN.UTF-8, in the notebook it writes too', () => {
      const out = path.join(dir(), 'bad-run.bigmodel');
      const r = bigmodel('zh_CN.UTF-8', 'run', bad, '--out', out);
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stdout, /^训练核心：wasm，设备 /m);
      assert.match(r.stderr, /bad\.bigmodel：单元格 2，第 4 行，第 7 列：未知的层 `desne` — 是不是 `dense`？/);
      const error = parseNotebook(fs.readFileSync(out, 'utf8')).cells[1].outputs?.at(-1)?.items[0];
      assert.match(String(error?.data), /未知的层 `desne`/);
    });

    it('checks a notebook in Chinese, and --language en overrides the locale', () => {
      const zh = bigmodel('zh_CN.UTF-8', 'check', bad);
      assert.equal(zh.status, 1);
      assert.match(zh.stdout, /bad\.bigmodel：单元格 2，第 4 行，第 7 列：错误：未知的层 `desne` — 是不是 `dense`？/);
      assert.match(zh.stdout, /bad\.bigmodel：1 个问题$/m);
      const en = bigmodel('zh_CN.UTF-8', 'check', bad, '--language', 'en');
      assert.match(
        en.stdout,
        /bad\.bigmodel: cell 2, line 4, column 7: error: unknown layer `desne` — did you mean `dense`\?/,
      );
      assert.match(en.stdout, /bad\.bigmodel: 1 problem$/m);
    });

    it('says why a notebook cannot be read in Chinese with --language zh-cn', () => {
      const broken = path.join(dir(), 'broken.bigmodel');
      fs.writeFileSync(broken, '{\n  "bigmodel": 1,\n  "cells": [,]\n}\n');
      const r = bigmodel('C.UTF-8', 'run', broken, '--language', 'zh-cn');
      assert.equal(r.status, 2);
      assert.match(r.stderr, /broken\.bigmodel: 第 3 行，第 13 列：不是有效的 JSON（缺少值）/);
    });
  });

  describe('shared parsing in a process configured for zh-cn (as the extension host is)', () => {
    before(() => l10n.config({ fsPath: zhBundle }));
    after(() => l10n.config({ contents: {} }));

    it('gives parse problems in Chinese', () => {
      const [problem] = parseCell('modle:\n  layers: []').problems;
      assert.equal(
        problem.message,
        '未知的部分 `modle` — 是不是 `model`？（可用的部分：data, model, train, evaluate, summary, export, predict）',
      );
    });

    it('translates every problem, filling its placeholders (also inside `{ … }`)', () => {
      for (const code of Object.keys(PROBLEMS) as ProblemCode[]) {
        if (code === 'yaml-syntax') continue; // `YAML：{0}`: the words are the YAML parser's
        const message = problemText(code, ['A', 'B', 'C', 'D', 'E']);
        assert.doesNotMatch(message, /\{\d\}/, code);
        assert.match(message, /[\u4e00-\u9fff]/, `${code} is in Chinese: ${message}`);
      }
      assert.match(problemText('sigmoid-multiclass', ['3']), /`dense: \{ units: 3, activation: softmax \}`/);
    });

    it('writes the text/plain lines of training and evaluation outputs in Chinese, metric names as the cell wrote them', () => {
      const training = {
        schema: 1,
        state: 'done',
        stopped: 'early-stopping',
        backend: 'wasm',
        device: 'CPU',
        totalEpochs: 5,
        samplesPerSecond: 812.4,
        epochs: [{ epoch: 3, loss: 0.25, accuracy: 0.9 }],
      } as unknown as TrainingPayload;
      assert.equal(
        trainingText(training),
        '在 wasm（CPU）上训练：第 3/5 轮：loss 0.2500, accuracy 0.9000，每秒 812 个样本 — 提前停止（不再改进）',
      );
      const evaluation = {
        schema: 1,
        on: 'test',
        samples: 200,
        metrics: { accuracy: 0.91 },
        perClass: [{ label: 'cat', precision: 0.9, recall: 0.8, f1: 0.85, support: 100 }],
      } as unknown as EvaluationPayload;
      assert.equal(
        evaluationText(evaluation),
        '在 200 个测试样本上评估：accuracy 0.9100\n  cat：精确率 0.9000，召回率 0.8000，F1 0.8500（100 个）',
      );
    });

    it('is English again without a bundle', () => {
      l10n.config({ contents: {} });
      assert.equal(
        problemText('units-classes', ['2', '3']),
        'the last layer has 2 units, but the data has 3 classes: use `units: 3`',
      );
    });
  });
});
