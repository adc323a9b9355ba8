// Tabular files as records of text fields with the line each starts on: CSV, JSON (an array of objects) and JSONL,
// read whole when small and in chunks when larger than the streaming threshold, so a big file never sits in memory as text.
import * as l10n from '@vscode/l10n';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { CsvSyntaxError, forEachCsvRecord, LineError, parseCsv } from './csv';

export type RecordFormat = 'csv' | 'json' | 'jsonl';

/** Files larger than this are read in chunks, twice (once to learn the columns' values, once to fill the table). */
export const DEFAULT_STREAM_BYTES = 64 * 1024 * 1024;
export const STREAM_ENV = 'BIGMODEL_STREAM_BYTES';
const CHUNK_BYTES = 1024 * 1024;

/** A record that cannot be read (too long, not JSON, not an object), at its line. */
export class RecordError extends LineError {
  override readonly name = 'RecordError';
}

export interface RecordSource {
  format: RecordFormat;
  /** Column names: the CSV header, or the fields of the first JSON record. */
  header: string[];
  /** Read in chunks rather than whole. */
  streamed: boolean;
  /** Calls `fn` with each record's fields (in header order) and the line it starts on; a streamed file is read again on each call. */
  forEach(fn: (fields: string[], line: number) => void): void;
  /** The same records, pulled one at a time (what a batch generator needs). */
  records(): Generator<[string[], number]>;
}

export function formatOf(file: string): RecordFormat | undefined {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.json') return 'json';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  return undefined;
}

export function streamThreshold(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env[STREAM_ENV]);
  return Number.isFinite(v) && v > 0 ? v : DEFAULT_STREAM_BYTES;
}

/**
 * Opens `file`; throws RecordError (with the line) or CsvSyntaxError for a malformed file. `chunkBytes` and
 * `maxRecordChars`: for tests.
 */
export function openRecords(
  file: string,
  format: RecordFormat,
  streamBytes: number,
  chunkBytes = CHUNK_BYTES,
  maxRecordChars = MAX_RECORD_CHARS,
): RecordSource {
  const size = fs.statSync(file).size;
  // A JSON array is one value: it is parsed whole whatever its size (JSONL is the format for big record files).
  if (size > streamBytes && format !== 'json') return streamedSource(file, format, chunkBytes, maxRecordChars);
  const text = withoutBom(fs.readFileSync(file, 'utf8'));
  if (format === 'csv') {
    const { rows, lines } = parseCsv(text);
    return inMemory(format, rows[0] ?? [], rows.slice(1), lines.slice(1));
  }
  const objects = format === 'json' ? parseJsonArray(text) : parseJsonLines(text, 1);
  const header = objects.length > 0 ? Object.keys(objects[0].value) : [];
  const rows = objects.map((o) => jsonFields(o.value, header, o.line));
  return inMemory(
    format,
    header,
    rows,
    objects.map((o) => o.line),
  );
}

/** Excel's "CSV UTF-8" and Windows Notepad start a file with a byte-order mark: it is not part of the first column's name. */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function inMemory(format: RecordFormat, header: string[], rows: string[][], lines: number[]): RecordSource {
  return {
    format,
    header,
    streamed: false,
    forEach: (fn) => rows.forEach((r, i) => fn(r, lines[i])),
    records: function* () {
      for (let i = 0; i < rows.length; i++) yield [rows[i], lines[i]];
    },
  };
}

/** The file's complete records, chunk by chunk: a chunk is cut after its last line end that is outside quotes. */
function streamedSource(file: string, format: RecordFormat, chunkBytes: number, maxRecordChars: number): RecordSource {
  let header: string[] | undefined;
  /** Pieces of the file that hold whole records, with the line each starts on; the file is closed when iteration ends. */
  function* chunks(): Generator<{ text: string; line: number }> {
    const fd = fs.openSync(file, 'r');
    const decoder = new StringDecoder('utf8');
    const buffer = Buffer.alloc(chunkBytes);
    const scan = new CutScanner(format);
    let pending = ''; // read, scanned, and holding no cut: the start of a record that has not ended yet
    let atStart = true;
    let line = 1; // the line `pending` starts on
    try {
      for (;;) {
        const n = fs.readSync(fd, buffer, 0, chunkBytes, null);
        let piece = n > 0 ? decoder.write(buffer.subarray(0, n)) : decoder.end();
        if (atStart && piece.length > 0) {
          piece = withoutBom(piece);
          atStart = false;
        }
        // Only the new piece is scanned, with the state the scan had at its end: a record that never ends (a quote
        // that is never closed) costs one pass over the file, not one per chunk.
        const cut = n > 0 ? scan.lastCut(piece) : piece.length;
        // At the end of the file, whatever is pending is the last record (or the error it holds).
        if (cut > 0 || (n === 0 && pending.length > 0)) {
          const text = pending + piece.slice(0, cut);
          yield { text, line };
          line += countLineEnds(text);
          pending = piece.slice(cut);
        } else {
          pending += piece;
          if (pending.length > maxRecordChars) throw scan.runaway(line, maxRecordChars);
        }
        if (n === 0) break;
      }
    } finally {
      fs.closeSync(fd);
    }
  }
  const each = (fn: (fields: string[], line: number) => void, headerOnly: boolean) => {
    let first = true;
    try {
      for (const { text, line } of chunks()) {
        if (format === 'csv') {
          forEachCsvRecord(
            text,
            (r, at) => {
              if (first) {
                first = false;
                header = r;
                if (headerOnly) throw STOP;
                return;
              }
              fn(r, at);
            },
            line,
          );
        } else {
          forEachJsonLine(text, line, (value, at) => {
            if (first) {
              first = false;
              header = Object.keys(value);
              if (headerOnly) throw STOP;
            }
            fn(jsonFields(value, header ?? [], at), at);
          });
        }
      }
    } catch (e) {
      if (e !== STOP) throw e;
    }
  };
  each(() => undefined, true);
  /** Pull-based reading for a batch generator: one chunk's records at a time are held. */
  function* records(): Generator<[string[], number]> {
    let headerRow = format === 'csv'; // a CSV's first record is its header; a JSONL file's is data
    for (const chunk of chunks()) {
      const held: [string[], number][] = [];
      if (format === 'csv') forEachCsvRecord(chunk.text, (r, at) => held.push([r, at]), chunk.line);
      else forEachJsonLine(chunk.text, chunk.line, (value, at) => held.push([jsonFields(value, header ?? [], at), at]));
      for (const record of held) {
        if (headerRow) headerRow = false;
        else yield record;
      }
    }
  }
  return { format, header: header ?? [], streamed: true, forEach: (fn) => each(fn, false), records };
}

const STOP = Symbol('stop');

/**
 * More text than this without a record's end is no record: a quote opened and never closed (or, in JSONL, a file
 * without line breaks). Refused at the line the quote opened, before the rest of the file is held as one string.
 */
export const MAX_RECORD_CHARS = 64 * 1024 * 1024;

/**
 * Finds where a chunk may be cut (just after a line end outside any quoted CSV value), piece by piece, carrying what
 * it knows across pieces: whether a quote is open, and on which line of the pending text it opened.
 */
class CutScanner {
  private inside = false;
  /** Line ends since the last cut, and how many there were when the open quote opened (a quote opens after a cut). */
  private lineEnds = 0;
  private quoteOpenedAt = 0;

  constructor(private readonly format: RecordFormat) {}

  /** Where the last complete record of `piece` ends, 0 when none does. */
  lastCut(piece: string): number {
    if (this.format !== 'csv') return piece.lastIndexOf('\n') + 1;
    // `""` inside quotes counts twice, so the parity of quotes before a line end says whether it is inside a value.
    let end = 0;
    let sinceCut = this.lineEnds;
    for (let i = 0; i < piece.length; i++) {
      const c = piece.charCodeAt(i);
      if (c === 34) {
        this.inside = !this.inside;
        if (this.inside) this.quoteOpenedAt = sinceCut;
      } else if (c === 10) {
        sinceCut++;
        if (!this.inside) {
          end = i + 1;
          sinceCut = 0;
        }
      }
    }
    this.lineEnds = sinceCut;
    return end;
  }

  /** The error for a record that outgrew MAX_RECORD_CHARS; `line`: the line the pending text starts on. */
  runaway(line: number, maxChars: number): Error {
    const mb = Math.max(1, Math.round(maxChars / (1024 * 1024)));
    if (this.format === 'csv' && this.inside) {
      return new CsvSyntaxError(
        line + this.quoteOpenedAt,
        l10n.t('a quoted value opens here and runs on for more than {0} MB: a closing `"` is missing', mb),
      );
    }
    return new RecordError(line, l10n.t('a record runs on for more than {0} MB without a line break', mb));
  }
}

function countLineEnds(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

type JsonRecord = { value: Record<string, unknown>; line: number };

function parseJsonLines(text: string, firstLine: number): JsonRecord[] {
  const out: JsonRecord[] = [];
  forEachJsonLine(text, firstLine, (value, line) => out.push({ value, line }));
  return out;
}

function forEachJsonLine(
  text: string,
  firstLine: number,
  fn: (value: Record<string, unknown>, line: number) => void,
): void {
  let line = firstLine;
  for (let start = 0; start < text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const s = text.slice(start, end).trim();
    start = end + 1;
    if (s === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(s);
    } catch (e) {
      throw new RecordError(
        line,
        l10n.t('not valid JSON ({0}) — each line of a .jsonl file is one JSON object', (e as Error).message),
      );
    }
    fn(asRecord(value, line), line);
  }
}

function asRecord(value: unknown, line: number): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new RecordError(
      line,
      l10n.t(
        'a record must be a JSON object such as {1}, got {0}',
        String(JSON.stringify(value)?.slice(0, 40)),
        '{"age": 31, "plan": "basic"}',
      ),
    );
  }
  return value as Record<string, unknown>;
}

/** A JSON file's records: a top-level array of objects, or an object whose one array-valued field holds them. */
function parseJsonArray(text: string): JsonRecord[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const at = /position (\d+)/.exec(message);
    const line = at ? countLineEnds(text.slice(0, Number(at[1]))) + 1 : 1;
    throw new RecordError(line, l10n.t('not valid JSON ({0})', message));
  }
  let items: unknown[] | undefined = Array.isArray(doc) ? doc : undefined;
  if (!items && doc && typeof doc === 'object') {
    const arrays = Object.values(doc).filter(Array.isArray);
    if (arrays.length === 1) items = arrays[0];
  }
  if (!items)
    throw new RecordError(
      1,
      l10n.t('a .json data file holds an array of records, e.g. [{"age": 31, "churned": 0}, …]'),
    );
  const lines = elementLines(text, Array.isArray(doc) ? 1 : 2);
  return items.map((v, i) => ({ value: asRecord(v, lines[i] ?? 1), line: lines[i] ?? 1 }));
}

/** The line on which each element of the first array at `depth` starts (1 for a top-level array, 2 inside a wrapper object). */
function elementLines(text: string, depth: number): number[] {
  const lines: number[] = [];
  let level = 0;
  let line = 1;
  let expecting = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') continue;
    if (expecting && c !== ']') {
      lines.push(line);
      expecting = false;
    }
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      continue;
    }
    if (c === '[' || c === '{') {
      level++;
      if (c === '[' && level === depth) expecting = true;
    } else if (c === ']' || c === '}') {
      if (c === ']' && level === depth && lines.length > 0) return lines;
      level--;
    } else if (c === ',' && level === depth) expecting = true;
  }
  return lines;
}

/** A record's values in header order, as the text a CSV would hold; a field the header lacks is a ragged record. */
function jsonFields(record: Record<string, unknown>, header: string[], line: number): string[] {
  for (const key of Object.keys(record)) {
    if (!header.includes(key)) {
      throw new RecordError(
        line,
        l10n.t(
          'field `{0}` is not in the first record ({1}) — every record needs the same fields',
          key,
          header.map((h) => `\`${h}\``).join(', '),
        ),
      );
    }
  }
  return header.map((key) => {
    const v = record[key];
    if (v === undefined || v === null) return '';
    if (typeof v === 'number' || typeof v === 'string') return String(v);
    if (typeof v === 'boolean') return v ? '1' : '0';
    throw new RecordError(
      line,
      Array.isArray(v)
        ? l10n.t(
            'field `{0}` holds a list; each field must be a number, text, true/false or null — flatten it into fields of its own',
            key,
          )
        : l10n.t(
            'field `{0}` holds an object; each field must be a number, text, true/false or null — flatten it into fields of its own',
            key,
          ),
    );
  });
}
