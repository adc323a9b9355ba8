// Shuffle, limit, validation split and standardisation on the plain arrays, in place where it can be, before any tensor exists.
import { featureLength, type LoadedData, type Table } from './dataset';
import { seededRandom } from './random';

export interface PrepareOptions {
  shuffle: boolean;
  seed: number;
  /** At most this many training samples. */
  limit: number;
  /** The fraction of the training samples held out for validation. */
  validation: number;
  normalize: boolean;
}

export type PreparedData = LoadedData & { standardisation?: { mean: Float64Array; std: Float64Array } };

/**
 * Training and validation end up as views into one buffer (no copy of a 188 MB image set); standardisation
 * uses the training part's statistics only, so nothing about validation or test leaks into training.
 */
export function prepare(loaded: LoadedData, options: PrepareOptions): PreparedData {
  const width = featureLength(loaded.inputShape);
  let pool = loaded.train;
  if (options.shuffle) shuffleInPlace(pool, width, options.seed);
  if (options.limit < pool.size) pool = copyRows(pool, width, 0, Math.floor(options.limit));
  let cut = pool.size;
  if (!loaded.validation && options.validation > 0 && pool.size >= 2) {
    cut = Math.min(pool.size - 1, Math.max(1, Math.round(pool.size * (1 - options.validation))));
  }
  const prepared: PreparedData = { ...loaded, train: viewRows(pool, width, 0, cut) };
  if (cut < pool.size) prepared.validation = viewRows(pool, width, cut, pool.size);
  if (loaded.fixedStandardisation) {
    // A table read from the file in batches: its whole training part's statistics, which the batches use too.
    const stats = loaded.fixedStandardisation;
    standardiseInPlace(pool, width, stats);
    if (loaded.validation) standardiseInPlace(loaded.validation, width, stats);
    if (loaded.test) standardiseInPlace(loaded.test, width, stats);
    prepared.standardisation = stats;
  } else if (options.normalize && loaded.standardise) {
    const stats = columnStatistics(prepared.train, width);
    // One-hot positions and category indices keep their values: a 0/1 or a category number is not a measurement.
    loaded.standardiseColumns?.forEach((standardise, c) => {
      if (!standardise) {
        stats.mean[c] = 0;
        stats.std[c] = 1;
      }
    });
    standardiseInPlace(pool, width, stats);
    if (loaded.validation) standardiseInPlace(loaded.validation, width, stats);
    if (loaded.test) standardiseInPlace(loaded.test, width, stats);
    prepared.standardisation = stats;
  }
  return prepared;
}

/** Fisher–Yates on whole rows, seeded: the same order as shuffling an index list with the same seed. */
export function shuffleInPlace(t: Table, width: number, seed: number): void {
  const random = seededRandom(seed + 1);
  const row = new Float32Array(width);
  const f = t.features;
  for (let i = t.size - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    if (i === j) continue;
    row.set(f.subarray(i * width, (i + 1) * width));
    f.copyWithin(i * width, j * width, (j + 1) * width);
    f.set(row, j * width);
    const label = t.labels[i];
    t.labels[i] = t.labels[j];
    t.labels[j] = label;
  }
}

function copyRows(t: Table, width: number, start: number, end: number): Table {
  return { features: t.features.slice(start * width, end * width), labels: t.labels.slice(start, end), size: end - start };
}

function viewRows(t: Table, width: number, start: number, end: number): Table {
  if (start === 0 && end === t.size) return t;
  return { features: t.features.subarray(start * width, end * width), labels: t.labels.subarray(start, end), size: end - start };
}

/** Each feature's mean and (population) standard deviation; a constant feature gets 1, so it becomes 0 rather than NaN. */
export function columnStatistics(t: Table, width: number): { mean: Float64Array; std: Float64Array } {
  const mean = new Float64Array(width);
  const std = new Float64Array(width);
  for (let r = 0; r < t.size; r++) for (let c = 0; c < width; c++) mean[c] += t.features[r * width + c];
  for (let c = 0; c < width; c++) mean[c] /= Math.max(1, t.size);
  for (let r = 0; r < t.size; r++) {
    for (let c = 0; c < width; c++) std[c] += (t.features[r * width + c] - mean[c]) ** 2;
  }
  for (let c = 0; c < width; c++) {
    const s = Math.sqrt(std[c] / Math.max(1, t.size));
    std[c] = s > 1e-12 ? s : 1;
  }
  return { mean, std };
}

function standardiseInPlace(t: Table, width: number, { mean, std }: { mean: Float64Array; std: Float64Array }): void {
  for (let r = 0; r < t.size; r++) {
    for (let c = 0; c < width; c++) t.features[r * width + c] = (t.features[r * width + c] - mean[c]) / std[c];
  }
}
