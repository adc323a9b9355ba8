// How the text in a table cell becomes a number, and how a label column becomes a task (classes, binary or regression).
import type { Task } from './dataset';

/** Spellings of "no value" that spreadsheets, pandas and R write. */
const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '?', '-']);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** More distinct integer labels than this reads as a quantity (regression), not as classes. */
export const MAX_INTEGER_CLASSES = 20;

export type CellValue = { kind: 'number'; value: number } | { kind: 'missing' } | { kind: 'text'; text: string };

export function readValue(raw: string): CellValue {
  const text = raw.trim();
  if (MISSING.has(text.toLowerCase())) return { kind: 'missing' };
  // Number() alone would also take '0x1f', 'Infinity' and '' — none of which is a measurement.
  if (NUMBER.test(text)) return { kind: 'number', value: Number(text) };
  return { kind: 'text', text };
}

export interface LabelEncoding {
  task: Task;
  /** Display names, in label-index order; none for regression. */
  classes?: string[];
  /** The label's number (class index or target); undefined for a value the encoding does not know. */
  encode(value: string): number | undefined;
}

/**
 * Chooses the task from the training labels (trimmed, none missing): text labels are classes in sorted order;
 * numbers that are only 0 and 1 are binary; a few distinct integers (fewer than `count`, the number of rows, which a
 * caller passing only the distinct values gives) are classes; any other numbers are regression.
 */
export function encodeLabels(values: string[], count = values.length): LabelEncoding {
  const distinct = [...new Set(values)];
  const numbers = distinct.map(readValue);
  if (!numbers.every((v) => v.kind === 'number')) {
    return byName(distinct.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  const byValue = new Map<number, string>();
  numbers.forEach((v, i) => {
    if (v.kind === 'number' && !byValue.has(v.value)) byValue.set(v.value, distinct[i]);
  });
  const sorted = [...byValue.keys()].sort((a, b) => a - b);
  if (sorted.length === 2 && sorted[0] === 0 && sorted[1] === 1) {
    return { task: 'binary', classes: ['0', '1'], encode: (s) => numberOf(s, (v) => (v === 0 || v === 1 ? v : undefined)) };
  }
  const integers = sorted.every((v) => Number.isInteger(v));
  if (integers && sorted.length <= MAX_INTEGER_CLASSES && sorted.length < count) {
    const index = new Map(sorted.map((v, i) => [v, i]));
    return { task: 'classification', classes: sorted.map((v) => String(v)), encode: (s) => numberOf(s, (v) => index.get(v)) };
  }
  return { task: 'regression', encode: (s) => numberOf(s, (v) => v) };
}

function byName(classes: string[]): LabelEncoding {
  const index = new Map(classes.map((c, i) => [c, i]));
  return { task: 'classification', classes, encode: (s) => index.get(s.trim()) };
}

function numberOf(raw: string, map: (v: number) => number | undefined): number | undefined {
  const v = readValue(raw);
  return v.kind === 'number' ? map(v.value) : undefined;
}
