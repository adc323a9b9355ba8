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

/** The most lines × lines a diff compares (the table of a longer one would take too long and too much memory). */
const MAX_DIFF_CELLS = 1_000_000;

/**
 * A line diff (longest common subsequence) from `before` to `after`; unchanged lines are kept as `same`. Lines the two
 * share at the start and the end are not compared; what is left of two huge texts shows as removed, then added.
 */
export function diffLines(before: string, after: string): LineChange[] {
  const all = { a: before === '' ? [] : before.split('\n'), b: after === '' ? [] : after.split('\n') };
  let start = 0;
  while (start < all.a.length && start < all.b.length && all.a[start] === all.b[start]) start++;
  let end = 0;
  while (
    end < all.a.length - start &&
    end < all.b.length - start &&
    all.a[all.a.length - 1 - end] === all.b[all.b.length - 1 - end]
  )
    end++;
  const same = (lines: string[]) => lines.map((text): LineChange => ({ kind: 'same', text }));
  const a = all.a.slice(start, all.a.length - end);
  const b = all.b.slice(start, all.b.length - end);
  const middle =
    a.length * b.length > MAX_DIFF_CELLS
      ? [
          ...a.map((text): LineChange => ({ kind: 'removed', text })),
          ...b.map((text): LineChange => ({ kind: 'added', text })),
        ]
      : lcsDiff(a, b);
  return [...same(all.a.slice(0, start)), ...middle, ...same(all.a.slice(all.a.length - end))];
}

function lcsDiff(a: string[], b: string[]): LineChange[] {
  // lcs[i][j]: the longest common subsequence of a[i..] and b[j..]. Cells are short, so O(n·m) is fine.
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
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
