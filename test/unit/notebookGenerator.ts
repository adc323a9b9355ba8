// Random `.bigmodel` notebooks from a seed, for the serializer's round-trip property (test/unit/notebookRoundTrip.test.ts,
// test/bench/notebookRoundTrip.ts): every cell kind, outputs of every MIME type the extension writes and of others
// (binary, text, JSON, malformed), unicode and empty strings, unknown fields and metadata at every level.
import { seededRandom } from '../../src/core/data/random';
import { toNotebookData, toNotebookFile } from '../../src/notebook/notebookData';
import { MIME } from '../../src/shared/outputs';
import { base64Encode } from '../../src/shared/base64';
import { parseNotebook, serializeNotebook, type NotebookFile } from '../../src/shared/notebookFile';
import { throughVscode } from './vscodeNotebookModel';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export class Generator {
  private readonly random: () => number;
  constructor(readonly seed: number) {
    this.random = seededRandom(seed);
  }

  int(n: number): number {
    return Math.floor(this.random() * n);
  }
  chance(p: number): boolean {
    return this.random() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  times<T>(max: number, make: (i: number) => T): T[] {
    return Array.from({ length: this.int(max + 1) }, (_, i) => make(i));
  }

  /** Text with what breaks naive code: CJK, emoji (surrogate pairs), a lone surrogate, a BOM, controls, quotes, spaces. */
  string(maxLength = 12): string {
    const pieces = [
      'a',
      'Z',
      '0',
      ' ',
      '\t',
      '"',
      '\\',
      '/',
      'é',
      'ß',
      '中',
      '文',
      '🙂',
      '👩‍💻',
      '\ud83d',
      '\udc00',
      '\ufeff',
      '\u0000',
      '\u001f',
      '\u2028',
      '=',
      '-',
      '+',
      '@',
      '<b>',
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
    ];
    return this.times(maxLength, () =>
      this.chance(0.5) ? String.fromCharCode(97 + this.int(26)) : this.pick(pieces),
    ).join('');
  }
  /** A line of a cell: any text but a line break. */
  line(): string {
    return this.chance(0.2) ? '' : this.string(30).replace(/[\r\n]/g, '');
  }
  number(): number {
    return this.pick([
      0,
      1,
      -1,
      0.5,
      -0.25,
      1e-7,
      123456789,
      -3.14159,
      2 ** 53 - 1,
      1e300,
      this.random(),
      -this.int(1000),
      this.int(1e6) / 7,
    ]);
  }
  key(): string {
    return this.chance(0.15)
      ? this.pick(['__proto__', 'constructor', '', 'bigmodel.kept', 'metadata', 'items', 'toString', '0', 'kind'])
      : this.string(8);
  }

  json(depth = 3): Json {
    const leaf = depth <= 0 || this.chance(0.4);
    if (leaf)
      return this.pick<() => Json>([
        () => null,
        () => this.chance(0.5),
        () => this.number(),
        () => this.string(),
        () => '',
      ])();
    if (this.chance(0.4)) return this.times(4, () => this.json(depth - 1));
    return this.object(depth - 1);
  }
  object(depth = 2, avoid: readonly string[] = []): { [key: string]: Json } {
    const entries = this.times(4, () => [this.key(), this.json(depth)] as const).filter(([k]) => !avoid.includes(k));
    // Object.fromEntries: a "__proto__" key is a field, as JSON.parse makes it.
    return Object.fromEntries(entries);
  }
  /** Unknown fields beside the known ones of an object: none, some, or a `metadata` of any shape. */
  withExtras(known: Record<string, Json | undefined>, avoid: readonly string[]): Record<string, Json> {
    const out: Record<string, Json> = {};
    const fields = Object.entries(known).filter(([, v]) => v !== undefined) as [string, Json][];
    if (this.chance(0.5)) fields.push(...Object.entries(this.object(2, avoid)));
    if (!avoid.includes('metadata') && this.chance(0.3))
      fields.push([
        'metadata',
        this.pick<() => Json>([
          () => this.object(2),
          () => ({}),
          () => this.json(2),
          () => ({ 'bigmodel.kept': 1, a: 2 }),
        ])(),
      ]);
    // Unknown fields may come first: the file keeps its order, the writer puts known fields first.
    const shuffled = this.chance(0.3) ? fields.sort(() => this.random() - 0.5) : fields;
    for (const [k, v] of shuffled)
      Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    return out;
  }

  payload(mime: string): Json {
    if (mime === MIME.training) {
      return {
        schema: 1,
        state: this.pick(['running', 'done']),
        epochs: this.times(5, (i) => ({ epoch: i + 1, loss: this.number(), val_loss: this.number() })),
        totalEpochs: this.int(20),
        backend: 'wasm',
        device: this.string(),
        samplesPerSecond: this.number(),
        stopped: this.pick(['completed', 'cancelled', this.string()]),
      };
    }
    return { schema: this.pick([1, 1, 2]), ...this.object(2) };
  }

  item(): Record<string, Json> {
    const kind = this.int(10);
    const binary = () => base64Encode(Uint8Array.from(this.times(20, () => this.int(256))));
    let mime: string;
    let data: Json;
    let encoding: string | undefined;
    if (kind < 3) {
      mime = this.pick(Object.values(MIME));
      data = this.chance(0.9) ? this.payload(mime) : this.json();
    } else if (kind < 5) {
      mime = this.pick([
        'text/plain',
        'text/html',
        'text/markdown',
        'image/svg+xml',
        'application/javascript',
        'application/vnd.code.notebook.stdout',
        'application/vnd.code.notebook.stderr',
        'application/vnd.code.notebook.error',
      ]);
      data = this.chance(0.85) ? this.string(40) : this.json();
    } else if (kind < 7) {
      mime = this.pick(['image/png', 'image/jpeg', 'application/octet-stream', 'application/x-tar']);
      const b64 = binary();
      // Mostly written as the spec says; also without the encoding, or as base64 an encoder would not write.
      const form = this.int(6);
      encoding = form < 4 ? 'base64' : form === 4 ? undefined : 'base64';
      data =
        form < 4
          ? b64
          : form === 4
            ? b64
            : this.pick([b64.replace(/=+$/, ''), b64.replace(/(.{4})/g, '$1\n'), '', this.string()]);
    } else if (kind < 8) {
      mime = this.pick(['application/json', 'application/vnd.custom+json', 'application/x-custom', 'text/csv']);
      data = this.json();
      if (this.chance(0.2)) encoding = this.pick(['base64', 'utf-8', 'gzip']);
      if (encoding === 'base64') data = binary();
    } else {
      // MIME types VS Code changes or refuses: upper case, parameters, no slash, a line break.
      mime = this.pick([
        'Text/Plain',
        'IMAGE/PNG',
        'text/plain; charset=UTF-8',
        'nonsense',
        '',
        'a/b\nc',
        'x/',
        '/y',
        this.string(6),
      ]);
      data = this.json();
    }
    const known: Record<string, Json | undefined> = { mime, encoding, data };
    return this.withExtras(known, ['mime', 'encoding', 'data']);
  }

  output(): Record<string, Json> {
    const items = this.times(4, () => this.item());
    // A second item of a MIME type in one output (VS Code keeps one).
    if (items.length > 0 && this.chance(0.15)) items.push({ ...items[0], data: this.string() });
    return this.withExtras({ items }, ['items']);
  }

  source(): Json {
    if (this.chance(0.1)) return this.pick([[], [''], this.string(20)]);
    // Lines with a break inside are read as two.
    if (this.chance(0.05)) return [this.line() + this.pick(['\n', '\r\n', '\r']) + this.line()];
    return this.times(6, () => this.line());
  }

  execution(): Record<string, Json> {
    return this.withExtras(
      {
        order: this.chance(0.8) ? this.int(50) : this.chance(0.5) ? undefined : this.json(0),
        success: this.chance(0.8) ? this.chance(0.7) : undefined,
        durationMs: this.chance(0.6) ? this.pick([0, this.int(100000), this.int(1000) + 0.5]) : undefined,
      },
      ['order', 'success', 'durationMs'],
    );
  }

  cell(): Record<string, Json> {
    const code = this.chance(0.65);
    const known: Record<string, Json | undefined> = {
      kind: code ? 'code' : 'markdown',
      language: code
        ? this.chance(0.85)
          ? this.pick(['bigmodel', 'javascript', 'typescript', 'bigmodel', '', 'python'])
          : undefined
        : this.chance(0.1)
          ? this.string(5)
          : undefined,
      source: this.source(),
      outputs: (code ? this.chance(0.8) : this.chance(0.1)) ? this.times(3, () => this.output()) : undefined,
      execution: this.chance(code ? 0.5 : 0.05) ? this.execution() : undefined,
    };
    return this.withExtras(known, ['kind', 'language', 'source', 'outputs', 'execution']);
  }

  notebook(): Record<string, Json> {
    const metadata = this.withExtras(
      {
        title: this.chance(0.7) ? this.string(20) : undefined,
        runs: this.chance(0.5) ? this.times(2, () => this.object(2)) : undefined,
      },
      ['title', 'runs'],
    );
    return this.withExtras({ bigmodel: 1, metadata, cells: this.times(6, () => this.cell()) }, [
      'bigmodel',
      'metadata',
      'cells',
    ]);
  }

  /** The notebook as a file: mostly as this extension writes it, sometimes compact or in another indentation. */
  text(): string {
    const nb = this.notebook();
    return JSON.stringify(nb, null, this.pick([2, 2, 0, 4, '\t']));
  }
}

/** Keys sorted at every level: JSON values equal but for key order stringify the same (and -0 as 0). */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
  );
}
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/** Opens the text in (emulated) VS Code and saves it, with cell editors using `eol`. */
export function throughEditor(file: NotebookFile, eol: '\n' | '\r\n' = '\n'): string {
  return serializeNotebook(toNotebookFile(throughVscode(toNotebookData(file), { eol })));
}

/**
 * The round-trip property of one notebook text: parse → open in VS Code → save → parse gives the same JSON value,
 * the save is the text the CLI writes for it (parse → serialize: VS Code changes nothing, not even key order), and a
 * second save changes nothing. Returns what broke, or undefined.
 */
export function roundTripProblem(text: string, eol: '\n' | '\r\n' = '\n'): string | undefined {
  const file = parseNotebook(text);
  const saved = throughEditor(file, eol);
  const again = parseNotebook(saved);
  if (!sameJson(again, file))
    return `parse → VS Code → save → parse differs:\n${serializeNotebook(file)}\n---\n${saved}`;
  if (saved !== serializeNotebook(file))
    return `the save differs from the CLI's:\n${serializeNotebook(file)}\n---\n${saved}`;
  const twice = throughEditor(again, eol);
  if (twice !== saved) return `a second save changed the file:\n${saved}\n---\n${twice}`;
  return undefined;
}
