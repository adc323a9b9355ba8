// The one catalog of problem texts: every code has its English text and a Chinese one with the same placeholders, and
// every placeholder is filled when the problem is shown; a quick fix's value is one of the problem's arguments.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { problemFix, problemText, PROBLEMS, type ProblemCode } from '../../src/shared/problemCatalog';

const zhBundle = path.join(__dirname, '../../../l10n/bundle.l10n.zh-cn.json');
const codes = Object.keys(PROBLEMS) as ProblemCode[];
const placeholders = (text: string) => [...new Set(text.match(/\{\d+\}/g) ?? [])].sort();
/** As many arguments as the template has placeholders, each named after its place. */
const argsOf = (template: string) => placeholders(template).map((p) => `arg${p.slice(1, -1)}`);

describe('the catalog of problem texts', () => {
  afterEach(() => l10n.config({ contents: {} }));

  it('has a Chinese text for every code, with the placeholders of its English text', () => {
    const zh = JSON.parse(fs.readFileSync(zhBundle, 'utf8')) as Record<string, string>;
    assert.ok(codes.length >= 70, `${codes.length} codes`);
    for (const code of codes) {
      const english = PROBLEMS[code].text();
      assert.ok(zh[english], `${code}: no Chinese text for '${english}'`);
      assert.notEqual(zh[english], english, code);
      assert.deepEqual(placeholders(zh[english]), placeholders(english), code);
    }
  });

  it('fills every placeholder, in English and in Chinese, also where a template holds `{ … }` of its own', () => {
    for (const bundle of [undefined, zhBundle]) {
      if (bundle) l10n.config({ fsPath: bundle });
      for (const code of codes) {
        const args = argsOf(PROBLEMS[code].text());
        const text = problemText(code, args);
        assert.doesNotMatch(text, /\{\d+\}/, `${code}: ${text}`);
        for (const a of args) assert.ok(text.includes(a), `${code} shows ${a}: ${text}`);
      }
    }
    assert.equal(problemText('binary-units', ['3']).includes('`dense: { units: 1, activation: sigmoid }`'), true);
  });

  it('takes the fix of a misspelling from the argument that names what was meant', () => {
    assert.equal(problemFix('unknown-layer-hint', ['desne', 'dense']), 'dense');
    assert.equal(problemFix('unknown-choice-hint', ['evaluate.on', '`test`, `validation`', 'tset', 'test']), 'test');
    assert.equal(problemFix('regression-units', ['3']), '1');
    assert.equal(problemFix('missing-flatten', ['conv2d']), 'insert-flatten');
    assert.equal(problemFix('unknown-layer', ['blob']), undefined);
    for (const code of codes) {
      const fix = (PROBLEMS[code] as { fix?: unknown }).fix;
      if (fix && typeof fix === 'object' && 'arg' in fix) {
        const arg = (fix as { arg: number }).arg;
        assert.ok(
          placeholders(PROBLEMS[code].text()).includes(`{${arg}}`),
          `${code}: the fix is argument ${arg}, which the text shows`,
        );
      }
    }
  });
});
