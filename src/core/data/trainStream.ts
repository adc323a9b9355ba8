// Training from a table too large to hold: the file is read again each epoch and handed to the trainer in batches,
// shuffled within a window, standardised with statistics of the whole training part, so only a window sits in memory.
import { seededRandom } from './random';
import type { RowEncoder } from './tabular';

/** Rows shuffled together: this many batches' worth (a full shuffle would need the whole table). */
const WINDOW_BATCHES = 64;

export interface Batch {
  features: Float32Array;
  labels: Float32Array;
  size: number;
}

export interface TrainStream {
  /** Training rows in the stream (the file's rows less validation and unused ones). */
  size: number;
  width: number;
  /** One epoch's batches; `epoch` varies the shuffle. */
  batches(batchSize: number, epoch: number): Generator<Batch>;
}

export interface StreamStatistics {
  mean: Float64Array;
  std: Float64Array;
}

/**
 * @param records the file's records, pulled one at a time (read anew on each call)
 * @param isTraining whether the file's row with this number (from 0) is a training row (not validation, not unused)
 */
export function trainStream(
  records: () => Generator<[string[], number]>,
  encoder: RowEncoder,
  isTraining: (row: number) => boolean,
  size: number,
  stats: StreamStatistics | undefined,
  seed: number,
): TrainStream {
  const { width } = encoder;
  return {
    size,
    width,
    *batches(batchSize: number, epoch: number) {
      const windowRows = batchSize * WINDOW_BATCHES;
      const features = new Float32Array(windowRows * width);
      const labels = new Float32Array(windowRows);
      const random = seededRandom(seed * 7919 + epoch + 1);
      let filled = 0;
      let row = -1;
      const flush = function* (): Generator<Batch> {
        shuffleRows(features, labels, width, filled, random);
        for (let start = 0; start < filled; start += batchSize) {
          const n = Math.min(batchSize, filled - start);
          yield {
            features: features.slice(start * width, (start + n) * width),
            labels: labels.slice(start, start + n),
            size: n,
          };
        }
        filled = 0;
      };
      for (const [fields, line] of records()) {
        if (!isTraining(++row)) continue;
        labels[filled] = encoder.encode(fields, line, features, filled * width).label;
        if (stats) standardise(features, filled * width, stats);
        if (++filled === windowRows) yield* flush();
      }
      if (filled > 0) yield* flush();
    },
  };
}

/** Each standardised column's mean and (population) standard deviation over the training rows, in one pass. */
export function streamStatistics(
  forEach: (fn: (row: string[], line: number) => void) => void,
  encoder: RowEncoder,
  isTraining: (row: number) => boolean,
  standardiseColumns: boolean[],
): StreamStatistics {
  const { width } = encoder;
  const sum = new Float64Array(width);
  const squares = new Float64Array(width);
  const row = new Float32Array(width);
  let index = -1;
  let n = 0;
  forEach((fields, line) => {
    if (!isTraining(++index)) return;
    encoder.encode(fields, line, row, 0);
    for (let c = 0; c < width; c++) {
      sum[c] += row[c];
      squares[c] += row[c] * row[c];
    }
    n++;
  });
  const mean = new Float64Array(width);
  const std = new Float64Array(width);
  for (let c = 0; c < width; c++) {
    if (!standardiseColumns[c]) {
      std[c] = 1;
      continue;
    }
    mean[c] = sum[c] / Math.max(1, n);
    const s = Math.sqrt(Math.max(0, squares[c] / Math.max(1, n) - mean[c] ** 2));
    std[c] = s > 1e-12 ? s : 1;
  }
  return { mean, std };
}

function standardise(features: Float32Array, offset: number, { mean, std }: StreamStatistics): void {
  for (let c = 0; c < mean.length; c++) features[offset + c] = (features[offset + c] - mean[c]) / std[c];
}

function shuffleRows(
  features: Float32Array,
  labels: Float32Array,
  width: number,
  count: number,
  random: () => number,
): void {
  const row = new Float32Array(width);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    if (i === j) continue;
    row.set(features.subarray(i * width, (i + 1) * width));
    features.copyWithin(i * width, j * width, (j + 1) * width);
    features.set(row, j * width);
    const label = labels[i];
    labels[i] = labels[j];
    labels[j] = label;
  }
}
