// CSV that spreadsheets open safely ("Export CSV" of the training output): every field quoted (RFC 4180), and a field
// that a spreadsheet would run as a formula starts with an apostrophe (OWASP, CSV injection) unless it is a plain
// number, so a loss of -0.5 still reads as a number. Field text can come from a saved notebook: a metric's name.
import type { EpochRecord } from './outputs';

/** What String(number) writes for a finite number. */
const PLAIN_NUMBER = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;
/** What makes Excel, LibreOffice or Google Sheets read a field as a formula (tab and CR per OWASP too). */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: string | number): string {
  let text = typeof value === 'number' ? String(value) : value;
  if (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** Rows as CSV text: fields separated by commas, each record ended by CRLF (RFC 4180). */
export function toCsv(rows: readonly (readonly (string | number)[])[]): string {
  return rows.map((row) => row.map(csvField).join(',') + '\r\n').join('');
}

/** A training run's epochs, one row each, with the given metric columns (an empty field where an epoch has none). */
export function trainingCsv(epochs: readonly EpochRecord[], names: readonly string[]): string {
  return toCsv([
    ['epoch', ...names],
    ...epochs.map((e) => [e.epoch, ...names.map((n) => (typeof e[n] === 'number' ? e[n] : ''))]),
  ]);
}
