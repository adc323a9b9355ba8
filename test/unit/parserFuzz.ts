// Fuzz cases for the two parsers at the edge (parseNotebook: the .bigmodel file; parseCell and the editor's cell
// diagnostics: a bigmodel cell): real notebooks and cells mutated (byte flips, truncations, duplicated brackets, deep
// nesting, wrong types, YAML aliases), and what each case must hold. Run in a worker by parserFuzz.test.ts, so a case
// that hangs can be stopped and named.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { seededRandom } from '../../src/core/data/random';
import { cellProblems } from '../../src/shared/cellCheck';
import { parseCell } from '../../src/shared/cellSpec';
import { NotebookFormatError, parseNotebook, splitLines } from '../../src/shared/notebookFile';
import { sameJson, throughEditor } from './notebookGenerator';

export interface FuzzCase {
  target: 'notebook' | 'cell';
  /** How the case was made, to reproduce it. */
  name: string;
  text: string;
}

/** The repository: the first folder above this file (in out/ or not) that holds examples/. */
function repositoryRoot(dir = __dirname): string {
  return fs.existsSync(path.join(dir, 'examples')) || path.dirname(dir) === dir
    ? dir
    : repositoryRoot(path.dirname(dir));
}

export function seedNotebooks(): string[] {
  const root = repositoryRoot();
  const examples = fs
    .readdirSync(path.join(root, 'examples'))
    .filter((f) => f.endsWith('.bigmodel'))
    .map((f) => path.join(root, 'examples', f));
  const fixtures = ['canonical.bigmodel', 'long-run.bigmodel'].map((f) =>
    path.join(root, 'test/fixtures/notebooks', f),
  );
  return [...examples, ...fixtures].map((f) => fs.readFileSync(f, 'utf8'));
}

export function seedCells(notebooks: string[]): string[] {
  return notebooks.flatMap((t) =>
    parseNotebook(t)
      .cells.filter((c) => c.kind === 'code' && c.language !== 'javascript')
      .map((c) => c.source.join('\n')),
  );
}

const SPECIALS = [
  '\u00a0',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\u000b',
  '\u0000',
  '\ud800',
  '\udfff',
  '"',
  '\\',
  '\\u',
  '\\ud800',
  '/',
  '#',
  ':',
  '- ',
  '&a ',
  '*a',
  '!!binary ',
  '%YAML 1.1\n',
  '---\n',
  '\t',
  '\r',
  '\n',
  ',',
  '0x1',
  '-',
  '1e999',
  'NaN',
  '𝄞',
  '中',
];

class Mutator {
  private readonly random: () => number;
  constructor(seed: number) {
    this.random = seededRandom(seed);
  }
  int(n: number): number {
    return Math.floor(this.random() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  at(text: string): number {
    return this.int(text.length + 1);
  }

  flipBits(text: string): string {
    const bytes = new TextEncoder().encode(text);
    for (let i = 1 + this.int(4); i > 0 && bytes.length > 0; i--) bytes[this.int(bytes.length)] ^= 1 << this.int(8);
    return new TextDecoder().decode(bytes); // as the serializer reads a file: bad UTF-8 becomes U+FFFD
  }
  truncate(text: string): string {
    return text.slice(0, this.at(text));
  }
  deleteRange(text: string): string {
    const a = this.at(text);
    return text.slice(0, a) + text.slice(a + 1 + this.int(40));
  }
  duplicateRange(text: string): string {
    const a = this.at(text);
    const piece = text.slice(a, a + 1 + this.int(200));
    const b = this.at(text);
    return text.slice(0, b) + piece + text.slice(b);
  }
  /** A bracket of the text duplicated, or a stray one inserted. */
  bracket(text: string): string {
    const brackets = [...text.matchAll(/[[\]{}]/g)].map((m) => m.index);
    const b = this.at(text);
    if (brackets.length > 0 && this.random() < 0.7) {
      const i = this.pick(brackets);
      return text.slice(0, i) + text[i].repeat(1 + this.int(3)) + text.slice(i);
    }
    return text.slice(0, b) + this.pick(['[', ']', '{', '}', '[[', ']]', '{{', '}}']) + text.slice(b);
  }
  special(text: string): string {
    const b = this.at(text);
    return text.slice(0, b) + this.pick(SPECIALS) + text.slice(b);
  }
  /** Nesting deeper than any parser's stack: balanced or not, as arrays or objects, at a random place. */
  deep(text: string, yaml: boolean): string {
    const n = this.pick([64, 200, 600, 1000, 5000, 20000]); // 10,000 ran the JSON parser out of stack, 800 the YAML one
    const b = this.at(text);
    const [open, close] = this.pick(
      yaml
        ? [
            ['[', ']'],
            ['{a: ', '}'],
          ]
        : [
            ['[', ']'],
            ['{"a":', '}'],
          ],
    );
    const balanced = this.random() < 0.5;
    return text.slice(0, b) + open.repeat(n) + (balanced ? '1' + close.repeat(n) : '') + text.slice(b);
  }
  /** A YAML block nested by indentation, a sequence of sequences, or an alias bomb. */
  yamlShape(text: string): string {
    const n = this.pick([50, 150, 500]);
    switch (this.int(4)) {
      case 0:
        return `data:\n${Array.from({ length: n }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n')} 1\n` + text;
      case 1:
        return `model:\n  layers:\n    ${'- '.repeat(n)}dense\n` + text;
      case 2: {
        const lines = ['train:', '  a: &a [x, x, x, x, x, x, x, x, x]'];
        for (let i = 1; i < 9; i++)
          lines.push(
            `  ${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
              .fill(`*${String.fromCharCode(96 + i)}`)
              .join(', ')}]`,
          );
        return lines.join('\n') + '\n' + text;
      }
      default:
        return `data: &d\n  self: *d\nmodel: &m { layers: [*m] }\n<<: *d\n` + text;
    }
  }
  /** The notebook's JSON with one value replaced by another of any type (the fields parseNotebook checks). */
  wrongType(text: string): string {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return text;
    }
    const holders: [Record<string, unknown> | unknown[], string | number][] = [];
    const walk = (v: unknown, depth: number) => {
      if (depth > 8 || typeof v !== 'object' || v === null) return;
      for (const k of Object.keys(v)) {
        holders.push([v as Record<string, unknown>, Array.isArray(v) ? Number(k) : k]);
        walk((v as Record<string, unknown>)[k], depth + 1);
      }
    };
    walk(value, 0);
    if (holders.length === 0) return text;
    const [holder, key] = this.pick(holders);
    const replacement = this.pick<unknown>([
      null,
      0,
      -1,
      1.5,
      2,
      true,
      '',
      'x',
      [],
      {},
      [null],
      { items: 1 },
      { mime: 1, data: 2 },
      ['a', 1],
      'image/png',
    ]);
    (holder as Record<string | number, unknown>)[key] = replacement;
    if (this.random() < 0.2 && !Array.isArray(holder)) delete (holder as Record<string, unknown>)[key as string];
    return JSON.stringify(value, null, this.pick([2, 0]));
  }

  mutate(text: string, yaml: boolean): { name: string; text: string } {
    const all: [string, (t: string) => string][] = [
      ['flip', (t) => this.flipBits(t)],
      ['truncate', (t) => this.truncate(t)],
      ['delete', (t) => this.deleteRange(t)],
      ['duplicate', (t) => this.duplicateRange(t)],
      ['bracket', (t) => this.bracket(t)],
      ['special', (t) => this.special(t)],
      ['deep', (t) => this.deep(t, yaml)],
      yaml ? ['yaml', (t) => this.yamlShape(t)] : ['type', (t) => this.wrongType(t)],
    ];
    const names: string[] = [];
    let out = text;
    for (let i = 1 + this.int(3); i > 0; i--) {
      const [name, f] = this.pick(all);
      names.push(name);
      out = f(out);
    }
    return { name: names.join('+'), text: out };
  }
}

/** `count` mutated notebooks and cells from seed `seed` on. */
export function* fuzzCases(seed: number, count: number): Generator<FuzzCase> {
  const notebooks = seedNotebooks();
  const cells = seedCells(notebooks);
  for (let i = 0; i < count; i++) {
    // Everything about a case comes from its own seed, so `fuzzCases(s, 1)` makes case `s` again.
    const m = new Mutator(seed + i);
    const cell = (seed + i) % 2 === 0;
    const source = cell ? m.pick(cells) : m.pick(notebooks);
    const { name, text } = m.mutate(source, cell);
    yield { target: cell ? 'cell' : 'notebook', name: `seed ${seed + i}: ${name}`, text };
  }
}

/** A 1-based position that names a place in the text (the line exists; the column is on it or just after it). */
function positionProblem(text: string, line: unknown, column: unknown, lines = splitLines(text)): string | undefined {
  if (!Number.isInteger(line) || !Number.isInteger(column))
    return `position ${line}:${column} is not a line and a column`;
  const l = line as number;
  const c = column as number;
  if (l < 1 || l > lines.length) return `line ${l} is not in the text (${lines.length} lines)`;
  if (c < 1 || c > lines[l - 1].length + 1)
    return `column ${c} is not on line ${l} (${lines[l - 1].length} characters)`;
  return undefined;
}

/**
 * What a case must hold. A notebook: parseNotebook reads it or throws a NotebookFormatError naming a line and column
 * in the text; one it reads, VS Code opens and saves into a file it reads again as the same value. A cell: parseCell
 * and the editor's diagnostics never throw, and every problem is at a line and column of the cell.
 */
export function caseProblem(c: FuzzCase): string | undefined {
  if (c.target === 'notebook') {
    let file;
    try {
      file = parseNotebook(c.text);
    } catch (e) {
      if (!(e instanceof NotebookFormatError))
        return `parseNotebook threw ${(e as Error)?.name}: ${(e as Error)?.message}`;
      if (!e.reason) return 'an error without a reason';
      return positionProblem(c.text.replace(/^\uFEFF/, ''), e.line, e.column);
    }
    let saved;
    try {
      saved = throughEditor(file);
    } catch (e) {
      return `opening and saving threw ${(e as Error)?.name}: ${(e as Error)?.message}`;
    }
    try {
      if (!sameJson(parseNotebook(saved), file)) return 'the saved notebook reads as another value';
    } catch (e) {
      return `the saved notebook cannot be read again: ${(e as Error)?.message}`;
    }
    return undefined;
  }
  const lines = c.text.split('\n');
  try {
    const parsed = parseCell(c.text);
    for (const p of parsed.problems) {
      if (typeof p.message !== 'string' || !p.message) return 'a problem without a message';
      const bad = positionProblem(c.text, p.line, p.column, lines);
      if (bad) return `parseCell: ${p.message}: ${bad}`;
    }
    for (const where of [
      ['data', 'source'],
      ['model', 'layers', 0],
      ['train', 'epochs'],
    ])
      parsed.locate(where);
    for (const p of cellProblems(c.text)) {
      const bad = positionProblem(c.text, p.line, p.column, lines);
      if (bad) return `diagnostics: ${p.message}: ${bad}`;
    }
  } catch (e) {
    return `threw ${(e as Error)?.name}: ${(e as Error)?.message}`;
  }
  return undefined;
}
