// How raw text values become a row of numbers through a fitted table pipeline: the one code path for training,
// validation, test, folds and `predict`, so new rows are prepared exactly as the training rows were.
import { encodedWidth, type FittedColumn } from './pipeline';
import { TextTokenizer } from './tokenizer';
import { readValue } from './values';

/** Why a raw value could not be written: the caller names the file, row and column. */
export type ValueProblem =
  { kind: 'missing' } | { kind: 'not-a-number'; text: string } | { kind: 'too-large'; text: string };

/** The largest magnitude a float32 holds: beyond it a value becomes Infinity, and standardising it NaN for the whole column. */
const FLOAT32_MAX = 3.4028234663852886e38;

export interface TableEncoder {
  columns: FittedColumn[];
  /** Values one row becomes. */
  width: number;
  /**
   * Writes the row's values at `offset`; `value(i)` is column i's raw text. Returns the first problem (with its
   * column), or the number of categories not seen in training (written as "unknown").
   */
  write(
    value: (column: number) => string,
    out: Float32Array | Int32Array,
    offset: number,
  ): { column: number; problem: ValueProblem } | { unknown: number };
}

export function tableEncoder(columns: FittedColumn[]): TableEncoder {
  const writers = columns.map((c) => {
    if (c.kind === 'text') {
      const tokenizer = new TextTokenizer({
        vocabulary: c.vocabulary,
        vocabularySize: c.vocabulary.length,
        maxLength: c.maxLength,
      });
      return { width: c.maxLength, text: tokenizer };
    }
    if (c.kind === 'onehot' || c.kind === 'index') {
      return {
        width: c.kind === 'onehot' ? c.categories.length : 1,
        index: new Map(c.categories.map((v, i) => [v, i])),
      };
    }
    return { width: 1 };
  });
  return {
    columns,
    width: encodedWidth(columns),
    write(value, out, offset) {
      let at = offset;
      let unknown = 0;
      for (let k = 0; k < columns.length; k++) {
        const c = columns[k];
        const w = writers[k];
        const raw = value(k) ?? '';
        if (w.text) {
          w.text.encodeInto(raw, out, at);
          at += w.width;
          continue;
        }
        const v = readValue(raw);
        if (v.kind === 'missing') return { column: k, problem: { kind: 'missing' } };
        if (c.kind === 'number') {
          if (v.kind === 'text') return { column: k, problem: { kind: 'not-a-number', text: v.text } };
          if (Math.abs(v.value) > FLOAT32_MAX) return { column: k, problem: { kind: 'too-large', text: raw.trim() } };
          out[at++] = v.value;
          continue;
        }
        const category = w.index?.get(raw.trim());
        if (category === undefined) unknown++;
        if (c.kind === 'index') out[at++] = category ?? c.categories.length;
        else {
          out.fill(0, at, at + w.width);
          if (category !== undefined) out[at + category] = 1;
          at += w.width;
        }
      }
      return { unknown };
    },
  };
}
