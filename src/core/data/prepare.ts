// Splits the rows a loader read (unless it split them itself, as a table does before fitting), then fits the
// standardisation on the training rows and applies it everywhere: the last fitted step of the pipeline.
import { featureLength, floatFeatures, type LoadedData, type Table } from './dataset';
import type { FittedPipeline } from './pipeline';
import { planSplit, type SplitOptions } from './split';

export interface PrepareOptions extends SplitOptions {
  normalize: boolean;
}

export type PreparedData = LoadedData & {
  standardisation?: { mean: Float64Array; std: Float64Array };
  pipeline: FittedPipeline;
};

/**
 * Training, validation and held-out rows end up as views into one buffer (no copy of a 188 MB image set), reordered in
 * place; standardisation uses the training part's statistics only, so nothing about validation or test leaks into training.
 */
export function prepare(loaded: LoadedData, options: PrepareOptions): PreparedData {
  const width = featureLength(loaded.inputShape);
  const prepared: PreparedData = { ...loaded, pipeline: loaded.pipeline ?? valuesPipeline(loaded) };
  if (!loaded.presplit) {
    const pool = loaded.train;
    // A validation file (or folder) of its own takes the place of the fraction.
    const plan = planSplit(pool.size, loaded.task === 'regression' ? undefined : pool.labels, {
      ...options,
      validation: loaded.validation ? 0 : options.validation,
    });
    // A whole permutation: the rows `limit:` leaves out go last.
    const unused = plan.roles.reduce<number[]>((rows, role, row) => (role === 0 ? (rows.push(row), rows) : rows), []);
    const order = Int32Array.from([...plan.train, ...plan.validation, ...plan.heldOut, ...unused]);
    reorderRows(pool, width, order);
    const a = plan.train.length;
    const b = a + plan.validation.length;
    prepared.train = viewRows(pool, width, 0, a);
    if (plan.validation.length > 0) prepared.validation = viewRows(pool, width, a, b);
    if (options.fold) prepared.heldOut = viewRows(pool, width, b, b + plan.heldOut.length);
    prepared.counts = { rows: pool.size, used: b + plan.heldOut.length };
  }
  const parts = [prepared.train, prepared.validation, prepared.heldOut, prepared.test].filter(
    (t): t is Table => t !== undefined,
  );
  let stats: { mean: Float64Array; std: Float64Array } | undefined;
  // Standardised features are float32 (a loader that gives bytes, images, never asks for it: this is for safety).
  const standardising = loaded.fixedStandardisation !== undefined || (options.normalize && loaded.standardise);
  if (standardising) for (const t of parts) t.features = floatFeatures(t.features);
  if (loaded.fixedStandardisation) {
    // A table read from the file in batches: its whole training part's statistics, which the batches use too.
    stats = loaded.fixedStandardisation;
  } else if (options.normalize && loaded.standardise) {
    stats = columnStatistics(prepared.train.features as Float32Array, prepared.train.size, width);
    // One-hot positions and category indices keep their values: a 0/1 or a category number is not a measurement.
    loaded.standardiseColumns?.forEach((standardise, c) => {
      if (!standardise) {
        stats!.mean[c] = 0;
        stats!.std[c] = 1;
      }
    });
  }
  if (stats) {
    for (const t of parts) standardiseInPlace(t.features as Float32Array, t.size, width, stats);
    prepared.standardisation = stats;
    prepared.pipeline = {
      ...prepared.pipeline,
      standardisation: { mean: Array.from(stats.mean), std: Array.from(stats.std) },
    };
  }
  return prepared;
}

/** Built-in data and IDX files: rows of numbers as the source gives them, with the source's classes. */
function valuesPipeline(loaded: LoadedData): FittedPipeline {
  return {
    version: 1,
    input: { kind: 'values', shape: loaded.inputShape },
    label: { task: loaded.task, classes: loaded.classes, positive: loaded.positive },
  };
}

/**
 * Puts row `order[i]` at position i, in place (following the permutation's cycles with one spare row); `order` is a
 * permutation of all rows. Bytes (images) are reordered as bytes.
 */
export function reorderRows(t: Table, width: number, order: Int32Array): void {
  const done = new Uint8Array(order.length);
  const f: Float32Array | Uint8Array = t.features instanceof Float32Array ? t.features : t.features.bytes;
  // A new array, not `f.slice`: the bytes may be a Node Buffer, whose `slice` is a view.
  const row = f instanceof Float32Array ? new Float32Array(width) : new Uint8Array(width);
  for (let start = 0; start < order.length; start++) {
    if (done[start] || order[start] === start) {
      done[start] = 1;
      continue;
    }
    row.set(f.subarray(start * width, (start + 1) * width));
    const label = t.labels[start];
    let at = start;
    for (;;) {
      done[at] = 1;
      const from = order[at];
      if (from === start) {
        f.set(row, at * width);
        t.labels[at] = label;
        break;
      }
      f.copyWithin(at * width, from * width, (from + 1) * width);
      t.labels[at] = t.labels[from];
      at = from;
    }
  }
}

function viewRows(t: Table, width: number, start: number, end: number): Table {
  if (start === 0 && end === t.size) return t;
  const f = t.features;
  return {
    features:
      f instanceof Float32Array
        ? f.subarray(start * width, end * width)
        : { bytes: f.bytes.subarray(start * width, end * width), scale: f.scale },
    labels: t.labels.subarray(start, end),
    size: end - start,
  };
}

/** Each feature's mean and (population) standard deviation; a constant feature gets 1, so it becomes 0 rather than NaN. */
export function columnStatistics(
  features: Float32Array,
  size: number,
  width: number,
): { mean: Float64Array; std: Float64Array } {
  const mean = new Float64Array(width);
  const std = new Float64Array(width);
  for (let r = 0; r < size; r++) for (let c = 0; c < width; c++) mean[c] += features[r * width + c];
  for (let c = 0; c < width; c++) mean[c] /= Math.max(1, size);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < width; c++) std[c] += (features[r * width + c] - mean[c]) ** 2;
  }
  for (let c = 0; c < width; c++) {
    const s = Math.sqrt(std[c] / Math.max(1, size));
    std[c] = s > 1e-12 ? s : 1;
  }
  return { mean, std };
}

function standardiseInPlace(
  f: Float32Array,
  size: number,
  width: number,
  { mean, std }: { mean: Float64Array; std: Float64Array },
): void {
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < width; c++) f[r * width + c] = (f[r * width + c] - mean[c]) / std[c];
  }
}
