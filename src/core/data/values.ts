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
  /** Binary tasks: the class the model's output is the probability of (`classes[1]`). */
  positive?: string;
  /** The label's number (class index or target); undefined for a value the encoding does not know. */
  encode(value: string): number | undefined;
  /** `data.positive` names neither of the two values. */
  problem?: { positive: string; values: string[] };
}

/** Pairs of label values whose "yes" is conventional: the positive class without a `positive:` setting. */
const YES_NO: [string, string][] = [
  ['1', '0'],
  ['true', 'false'],
  ['yes', 'no'],
  ['y', 'n'],
  ['positive', 'negative'],
  ['pos', 'neg'],
];

/**
 * Chooses the task from the training labels (trimmed, none missing; `values` one per row, or each distinct value with
 * its count): any two distinct values (`benign`/`malignant`, `yes`/`no`, `true`/`false`, 0/1) are binary, the classes
 * ordered `[negative, positive]`; more text values are classes in sorted order; a few distinct integers (fewer than
 * the rows) are classes; any other numbers are regression.
 *
 * The positive class is `positive` when given, else a value that means yes (1, true, yes), else the less frequent
 * value (ties: the later in sorted order), so that recall, precision and AUC are about the case the model is for.
 * Returns the error to show, instead of an encoding, when `positive` is not one of the two values.
 */
export function encodeLabels(values: string[] | Map<string, number>, count?: number, positive?: string): LabelEncoding {
  const counts = values instanceof Map ? values : tally(values);
  const rows = count ?? [...counts.values()].reduce((a, b) => a + b, 0);
  const distinct = [...counts.keys()];
  const numbers = distinct.map(readValue);
  const allNumbers = numbers.every((v) => v.kind === 'number');
  const byValue = new Map<number, string>();
  numbers.forEach((v, i) => {
    if (v.kind === 'number' && !byValue.has(v.value)) byValue.set(v.value, distinct[i]);
  });
  // 1 and 1.0 are one value: the distinct count is of numbers for numeric labels.
  if ((allNumbers ? byValue.size : distinct.length) === 2) return binary(counts, allNumbers, positive);
  if (!allNumbers) return byName(distinct.sort(compareText));
  const sorted = [...byValue.keys()].sort((a, b) => a - b);
  const integers = sorted.every((v) => Number.isInteger(v));
  if (integers && sorted.length <= MAX_INTEGER_CLASSES && sorted.length < rows) {
    const index = new Map(sorted.map((v, i) => [v, i]));
    return {
      task: 'classification',
      classes: sorted.map((v) => String(v)),
      encode: (s) => numberOf(s, (v) => index.get(v)),
    };
  }
  return { task: 'regression', encode: (s) => numberOf(s, (v) => v) };
}

/** A binary encoding, or (positive not among the values) an encoding whose `problem` says so. */
function binary(counts: Map<string, number>, numeric: boolean, positive: string | undefined): LabelEncoding {
  // Numeric labels group by value (`1` and `1.0`); text labels by their exact text.
  const key = (s: string): string => {
    const v = readValue(s);
    return numeric && v.kind === 'number' ? String(v.value) : s.trim();
  };
  const merged = new Map<string, { shown: string; count: number }>();
  for (const [value, n] of counts) {
    const k = key(value);
    const m = merged.get(k);
    if (m) m.count += n;
    else merged.set(k, { shown: numeric ? k : value.trim(), count: n });
  }
  const [a, b] = [...merged.values()].sort((x, y) =>
    numeric ? Number(x.shown) - Number(y.shown) : compareText(x.shown, y.shown),
  );
  let yes: typeof a | undefined;
  if (positive !== undefined) {
    const wanted = key(positive);
    yes = [a, b].find((c) => key(c.shown) === wanted || c.shown.toLowerCase() === positive.trim().toLowerCase());
    if (!yes)
      return {
        task: 'binary',
        classes: [a.shown, b.shown],
        encode: () => undefined,
        problem: { positive, values: [a.shown, b.shown] },
      };
  }
  const lower = [a.shown.toLowerCase(), b.shown.toLowerCase()];
  const pair = YES_NO.find(([y, n]) => lower.includes(y) && lower.includes(n));
  yes ??= (pair ? [a, b].find((c) => c.shown.toLowerCase() === pair[0]) : undefined) ?? (a.count < b.count ? a : b);
  const no = yes === a ? b : a;
  const index = new Map([
    [key(no.shown), 0],
    [key(yes.shown), 1],
  ]);
  return { task: 'binary', classes: [no.shown, yes.shown], positive: yes.shown, encode: (s) => index.get(key(s)) };
}

function tally(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byName(classes: string[]): LabelEncoding {
  const index = new Map(classes.map((c, i) => [c, i]));
  return { task: 'classification', classes, encode: (s) => index.get(s.trim()) };
}

function numberOf(raw: string, map: (v: number) => number | undefined): number | undefined {
  const v = readValue(raw);
  return v.kind === 'number' ? map(v.value) : undefined;
}
