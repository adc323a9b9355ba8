// Every string a user sees exists in English and Simplified Chinese.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.join(__dirname, '../../..');
const json = (f: string) => JSON.parse(fs.readFileSync(path.join(root, f), 'utf8')) as Record<string, string>;

/** `{0}`, `{1}`… of a string, sorted: a translation keeps every placeholder of its English text. */
const placeholders = (text: string) => (text.match(/\{\d+\}/g) ?? []).sort();

/**
 * Every `vscode.l10n.t('…')` literal of the extension's sources, unescaped as JavaScript reads it. Prettier writes a
 * literal with double quotes when it holds an apostrophe (`"the model's…"`), so both quotes count.
 */
function l10nStrings(): string[] {
  return sourceFiles(path.join(root, 'src')).flatMap((f) =>
    [...fs.readFileSync(f, 'utf8').matchAll(/l10n\.t\(\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")/g)].map((m) =>
      (m[1] ?? m[2]).replace(/\\(['"\\])/g, '$1'),
    ),
  );
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('localisation', () => {
  it('has an English and a Chinese text for every %key% in package.json', () => {
    const keys = [...fs.readFileSync(path.join(root, 'package.json'), 'utf8').matchAll(/"%([^%"]+)%"/g)].map(
      (m) => m[1],
    );
    assert.ok(keys.length >= 10);
    const en = json('package.nls.json');
    const zh = json('package.nls.zh-cn.json');
    for (const k of keys) {
      assert.ok(en[k], `package.nls.json has ${k}`);
      assert.ok(zh[k] && zh[k] !== en[k], `package.nls.zh-cn.json translates ${k}`);
    }
  });

  it('translates every vscode.l10n.t string of the extension into Chinese', () => {
    const zh = json('l10n/bundle.l10n.zh-cn.json');
    const strings = l10nStrings();
    assert.ok(strings.length >= 10, `found ${strings.length} strings`);
    const missing = strings.filter((s) => !zh[s]);
    assert.deepEqual(missing, [], 'strings without a zh-cn translation');
  });

  it('keeps the same keys and placeholders in package.nls.json and package.nls.zh-cn.json', () => {
    const en = json('package.nls.json');
    const zh = json('package.nls.zh-cn.json');
    assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
    for (const [key, text] of Object.entries(en)) assert.deepEqual(placeholders(zh[key]), placeholders(text), key);
  });

  it('passes vscode.l10n.t only string literals, so every string can be checked', () => {
    for (const f of sourceFiles(path.join(root, 'src'))) {
      const text = fs.readFileSync(f, 'utf8');
      const calls = text.match(/l10n\.t\(/g)?.length ?? 0;
      const literals = text.match(/l10n\.t\(\s*['"]/g)?.length ?? 0;
      assert.equal(
        literals,
        calls,
        `${path.relative(root, f)}: every vscode.l10n.t call starts with a '…' or "…" literal`,
      );
    }
  });

  it('keeps every placeholder in the Chinese bundle, and no translation of a string the extension no longer shows', () => {
    const zh = json('l10n/bundle.l10n.zh-cn.json');
    const used = new Set(l10nStrings());
    for (const [english, chinese] of Object.entries(zh)) {
      assert.deepEqual(placeholders(chinese), placeholders(english), english);
      assert.ok(used.has(english), `"${english}" is shown somewhere in src/ (or its translation should go)`);
    }
  });

  it('draws no English literal in the renderers and webviews: their text comes from src/shared/viewText.ts or dashboardText.ts', () => {
    const literal = String.raw`('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|\`(?:[^\`\\]|\\.)*\`)`;
    const patterns = [
      new RegExp(String.raw`\bel\(\s*'\w+'\s*,\s*\{[^}]*\}\s*,\s*` + literal, 'g'),
      new RegExp(String.raw`createTextNode\(\s*` + literal, 'g'),
      new RegExp(String.raw`textContent\s*=\s*` + literal, 'g'),
      new RegExp(String.raw`(?:'aria-label'|\btitle|\blabel|\btext)\s*:\s*` + literal, 'g'),
    ];
    const found: string[] = [];
    for (const f of sourceFiles(path.join(root, 'webview'))) {
      const text = fs.readFileSync(f, 'utf8');
      for (const pattern of patterns) {
        for (const m of text.matchAll(pattern)) {
          // Words outside ${…}: a lower-case word is English to translate; an acronym (ROC) reads the same in Chinese.
          if (/[a-z]{2,}/.test(m[1].replace(/\$\{[^}]*\}/g, ''))) found.push(`${path.relative(root, f)}: ${m[0]}`);
        }
      }
    }
    assert.deepEqual(found, []);
  });

  it('shows every contributed command under the BigModel category', () => {
    const pkg = json('package.json') as unknown as { contributes: { commands: { category: string; title: string }[] } };
    for (const c of pkg.contributes.commands) {
      assert.equal(c.category, 'BigModel');
      assert.match(c.title, /^%command\.\w+%$/);
    }
  });
});
