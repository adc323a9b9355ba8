// A small RFC 4180 CSV reader: quoted fields (with commas, doubled quotes and line breaks inside), LF or CRLF, a leading BOM.
import * as l10n from '@vscode/l10n';

export interface CsvRecords {
  /** Each record's fields, blank lines left out. */
  rows: string[][];
  /** The 1-based line of the file on which each record starts (the header is on line 1 unless blank lines precede it). */
  lines: number[];
}

/** A problem at a line of a user's file; the caller adds which setting named the file. */
export class LineError extends Error {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(l10n.t('line {0}: {1}', line, reason));
  }
}

/** A CSV file that breaks RFC 4180 (an unclosed quote, a character after a closing quote). */
export class CsvSyntaxError extends LineError {
  override readonly name = 'CsvSyntaxError';
}

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;

export function parseCsv(text: string): CsvRecords {
  const rows: string[][] = [];
  const lines: number[] = [];
  forEachCsvRecord(text, (row, line) => {
    rows.push(row);
    lines.push(line);
  });
  return { rows, lines };
}

/**
 * Calls `fn` with each record and the 1-based line it starts on (counted from `firstLine`), holding no record longer
 * than the call: a chunk of a large file becomes short-lived garbage rather than a table of strings.
 */
export function forEachCsvRecord(text: string, fn: (row: string[], line: number) => void, firstLine = 1): void {
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = firstLine;
  let row: string[] = [];
  let rowLine = firstLine;
  const endRow = () => {
    // A line with nothing on it is no record (a trailing newline, a blank line between records).
    if (!(row.length === 1 && row[0] === '')) fn(row, rowLine);
    row = [];
  };
  for (;;) {
    if (text.charCodeAt(i) === QUOTE) {
      const opened = line;
      let value = '';
      let start = ++i;
      for (;;) {
        const close = text.indexOf('"', i);
        if (close < 0) throw new CsvSyntaxError(opened, l10n.t('a quoted value is never closed (a `"` is missing)'));
        if (text.charCodeAt(close + 1) === QUOTE) {
          value += text.slice(start, close + 1); // `""` inside quotes is one `"`
          i = start = close + 2;
          continue;
        }
        value += text.slice(start, close);
        i = close + 1;
        break;
      }
      for (let k = value.indexOf('\n'); k >= 0; k = value.indexOf('\n', k + 1)) line++;
      while (text[i] === ' ' || text[i] === '\t') i++;
      const next = text.charCodeAt(i);
      if (i < n && next !== COMMA && next !== LF && next !== CR) {
        throw new CsvSyntaxError(
          line,
          l10n.t('unexpected `{0}` after a closing quote; a `"` inside a quoted value is written `""`', text[i]),
        );
      }
      row.push(value);
    } else {
      let j = i;
      for (let c = text.charCodeAt(j); j < n && c !== COMMA && c !== LF && c !== CR; c = text.charCodeAt(++j));
      row.push(text.slice(i, j));
      i = j;
    }
    if (i >= n) {
      endRow();
      break;
    }
    const c = text.charCodeAt(i);
    if (c === COMMA) {
      i++;
      continue;
    }
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    endRow();
    rowLine = ++line;
    if (i >= n) break;
  }
}
