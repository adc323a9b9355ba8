// What changed between two training runs of a notebook: their hyperparameters and their cells, line by line.
import type { RunRecord } from './outputs';

export interface HyperparameterChange {
  name: string;
  /** One value per compared run, as text (`undefined` where a run did not set it). */
  values: (string | undefined)[];
}

export type LineChange = { kind: 'same' | 'added' | 'removed'; text: string };

function show(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** The hyperparameters whose values differ between any of the runs, in a stable (alphabetical) order. */
export function changedHyperparameters(runs: RunRecord[]): HyperparameterChange[] {
  const names = [...new Set(runs.flatMap((r) => Object.keys(r.hyperparameters ?? {})))].sort();
  return names
    .map((name) => ({ name, values: runs.map((r) => show(r.hyperparameters?.[name])) }))
    .filter((c) => new Set(c.values).size > 1);
}

/** A line diff (longest common subsequence) from `before` to `after`; unchanged lines are kept as `same`. */
export function diffLines(before: string, after: string): LineChange[] {
  const a = before === '' ? [] : before.split('\n');
  const b = after === '' ? [] : after.split('\n');
  // lcs[i][j]: the longest common subsequence of a[i..] and b[j..]. Cells are short, so O(n·m) is fine.
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const out: LineChange[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ kind: 'same', text: a[i] });
      i++;
      j++;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) out.push({ kind: 'removed', text: a[i++] });
    else out.push({ kind: 'added', text: b[j++] });
  }
  while (i < a.length) out.push({ kind: 'removed', text: a[i++] });
  while (j < b.length) out.push({ kind: 'added', text: b[j++] });
  return out;
}

/** The cells of two runs compared in order; `undefined` when either run was recorded without its cells. */
export function cellChanges(before: RunRecord, after: RunRecord): LineChange[][] | undefined {
  if (!before.cells || !after.cells) return undefined;
  const count = Math.max(before.cells.length, after.cells.length);
  return Array.from({ length: count }, (_, i) => diffLines(before.cells?.[i] ?? '', after.cells?.[i] ?? ''));
}

/** Whether a cell diff changes anything. */
export function hasChanges(lines: LineChange[]): boolean {
  return lines.some((l) => l.kind !== 'same');
}
