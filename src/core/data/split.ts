// Which rows of a training file are training, validation or held-out rows, decided before anything is fitted on them:
// the raw rows are split first, so categories, vocabulary, statistics and classes are learned from training rows only.
import { seededRandom } from './random';

export const ROLE = { unused: 0, train: 1, validation: 2, heldOut: 3 } as const;
export type Role = (typeof ROLE)[keyof typeof ROLE];

export interface SplitOptions {
  shuffle: boolean;
  seed: number;
  /** At most this many rows take part (the rest are `unused`). */
  limit: number;
  /** The fraction of the rows taking part (less a held-out fold) kept for validation. */
  validation: number;
  /** Cross-validation: fold `index` of `count` is held out, the other folds train (and give the validation fraction). */
  fold?: { index: number; count: number };
}

export interface SplitPlan {
  /** One role per row of the file. */
  roles: Uint8Array;
  /** Row numbers of each role, in the (shuffled) order they were drawn. */
  train: Int32Array;
  validation: Int32Array;
  heldOut: Int32Array;
}

/**
 * Shuffles the row numbers with the seed, keeps the first `limit`, deals them into `fold.count` folds when cross-
 * validating, then cuts the validation fraction. With `keys` (a class per row) the folds and the validation cut are
 * stratified, as scikit-learn's StratifiedKFold and `train_test_split(stratify=y)`: each class keeps its share in every
 * part, so a file sorted by label no longer puts one class in validation and another in training. Without shuffling
 * the cut is the last rows, in file order, as the user asked for an order.
 */
export function planSplit(rows: number, keys: ArrayLike<number> | undefined, options: SplitOptions): SplitPlan {
  const order = Int32Array.from({ length: rows }, (_, i) => i);
  if (options.shuffle) shuffle(order, options.seed);
  const pool = order.subarray(0, Math.min(rows, Math.max(0, Math.floor(options.limit))));
  const stratify = options.shuffle && keys !== undefined;
  let rest: Int32Array = pool;
  let heldOut = new Int32Array(0);
  if (options.fold) {
    const fold = foldOf(pool, stratify ? keys : undefined, options.fold.count);
    heldOut = pool.filter((_, i) => fold[i] === options.fold!.index);
    rest = pool.filter((_, i) => fold[i] !== options.fold!.index);
  }
  const isValidation = validationCut(rest, stratify ? keys : undefined, options.validation);
  const roles = new Uint8Array(rows);
  const train: number[] = [];
  const validation: number[] = [];
  rest.forEach((row, i) => {
    if (isValidation[i]) validation.push(row);
    else train.push(row);
  });
  for (const r of train) roles[r] = ROLE.train;
  for (const r of validation) roles[r] = ROLE.validation;
  for (const r of heldOut) roles[r] = ROLE.heldOut;
  return { roles, train: Int32Array.from(train), validation: Int32Array.from(validation), heldOut };
}

/** Fisher–Yates with the seed (seed + 1: the same order the in-place row shuffle of earlier versions drew). */
function shuffle(order: Int32Array, seed: number): void {
  const random = seededRandom(seed + 1);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
}

/** Each row's fold: rows dealt round-robin, class after class, so every fold has its share of every class. */
function foldOf(pool: Int32Array, keys: ArrayLike<number> | undefined, count: number): Int32Array {
  const fold = new Int32Array(pool.length);
  let next = 0;
  for (const group of groups(pool, keys)) for (const i of group) fold[i] = next++ % count;
  return fold;
}

/**
 * Marks `round(n × fraction)` rows (at least 1, and never all) for validation: the last rows of each class in draw
 * order, each class's count by the largest remainder, and never a class's only rows (a class must be trainable).
 */
function validationCut(rows: Int32Array, keys: ArrayLike<number> | undefined, fraction: number): Uint8Array {
  const marked = new Uint8Array(rows.length);
  if (!(fraction > 0) || rows.length < 2) return marked;
  const total = Math.min(rows.length - 1, Math.max(1, Math.round(rows.length * fraction)));
  const parts = groups(rows, keys);
  const exact = parts.map((g) => (g.length * total) / rows.length);
  const take = exact.map((x, i) => Math.min(Math.floor(x), Math.max(0, parts[i].length - 1)));
  let left = total - take.reduce((a, b) => a + b, 0);
  const byRemainder = parts
    .map((_, i) => i)
    .sort((a, b) => exact[b] - Math.floor(exact[b]) - (exact[a] - Math.floor(exact[a])) || a - b);
  for (let pass = 0; left > 0 && pass < 2; pass++) {
    for (const i of byRemainder) {
      // First pass: classes that keep a training row; second: any row left, so the total is met.
      const room = parts[i].length - take[i] - (pass === 0 ? 1 : 0);
      if (left > 0 && room > 0) {
        take[i]++;
        left--;
      }
    }
  }
  parts.forEach((g, i) => {
    for (let k = g.length - take[i]; k < g.length; k++) marked[g[k]] = 1;
  });
  return marked;
}

/** Positions in `rows` grouped by class (one group without keys), each group in draw order. */
function groups(rows: Int32Array, keys: ArrayLike<number> | undefined): number[][] {
  if (!keys) return [Array.from({ length: rows.length }, (_, i) => i)];
  const byKey = new Map<number, number[]>();
  rows.forEach((row, i) => {
    const k = keys[row];
    let g = byKey.get(k);
    if (!g) byKey.set(k, (g = []));
    g.push(i);
  });
  return [...byKey.keys()].sort((a, b) => a - b).map((k) => byKey.get(k)!);
}
