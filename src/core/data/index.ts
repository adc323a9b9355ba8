// Loads the `data` section into tensors: picks the source, applies limit / shuffle / validation / normalize.
import type { ParsedCell } from '../../shared/cellSpec';
import { closest } from '../../shared/suggest';
import { CellError } from '../cellError';
import type { Tf } from '../tf';
import type { Tensor } from '@tensorflow/tfjs';
import { loadSynthetic, SYNTHETIC_SOURCES } from './builtin';
import { featureLength, type LoadedData, type Table, type Task } from './dataset';
import { seededRandom } from './random';

export interface Split {
  xs: Tensor;
  ys: Tensor;
  size: number;
}

export interface SessionData {
  source: string;
  task: Task;
  inputShape: number[];
  classes?: string[];
  train: Split;
  validation?: Split;
  test?: Split;
  note?: string;
}

export const BUILTIN_SOURCES: string[] = [...SYNTHETIC_SOURCES];

export function loadData(tf: Tf, cell: ParsedCell): SessionData {
  const data = cell.spec.data ?? {};
  const source = data.source;
  if (typeof source !== 'string') {
    throw new CellError('invalid-cell', `\`data.source\` must name a dataset (${BUILTIN_SOURCES.join(', ')})`, cell.locate(['data', 'source']));
  }
  if (!(SYNTHETIC_SOURCES as readonly string[]).includes(source)) {
    const hint = closest(source, BUILTIN_SOURCES);
    throw new CellError(
      'invalid-cell',
      `unknown data source \`${source}\`${hint ? ` — did you mean \`${hint}\`?` : ''} (built in: ${BUILTIN_SOURCES.join(', ')})`,
      cell.locate(['data', 'source']),
    );
  }
  const seed = numberSetting(cell, 'seed', 42, 0);
  const loaded = loadSynthetic(source as (typeof SYNTHETIC_SOURCES)[number], seed);
  return toTensors(tf, prepare(cell, loaded, seed));
}

function numberSetting(cell: ParsedCell, key: string, fallback: number, min: number, max = Infinity): number {
  const v = cell.spec.data?.[key];
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    const range = max === Infinity ? `≥ ${min}` : `between ${min} and ${max}`;
    throw new CellError('invalid-cell', `\`data.${key}\` must be a number ${range}, got ${JSON.stringify(v)}`, cell.locate(['data', key]));
  }
  return v;
}

/** Applies shuffle, limit and the validation split on the plain arrays, before any tensor exists. */
function prepare(cell: ParsedCell, loaded: LoadedData, seed: number): LoadedData & { validation?: Table } {
  const width = featureLength(loaded.inputShape);
  let train = loaded.train;
  if (cell.spec.data?.shuffle !== false) train = shuffled(train, width, seed);
  const limit = numberSetting(cell, 'limit', Infinity, 1);
  if (limit < train.size) train = slice(train, width, 0, Math.floor(limit));
  const fraction = numberSetting(cell, 'validation', 0, 0, 0.9);
  let validation: Table | undefined;
  if (fraction > 0) {
    const cut = Math.round(train.size * (1 - fraction));
    validation = slice(train, width, cut, train.size);
    train = slice(train, width, 0, cut);
  }
  return { ...loaded, train, validation };
}

function shuffled(t: Table, width: number, seed: number): Table {
  const order = Array.from({ length: t.size }, (_, i) => i);
  const random = seededRandom(seed + 1);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const features = new Float32Array(t.features.length);
  const labels = new Float32Array(t.size);
  order.forEach((from, to) => {
    features.set(t.features.subarray(from * width, (from + 1) * width), to * width);
    labels[to] = t.labels[from];
  });
  return { features, labels, size: t.size };
}

function slice(t: Table, width: number, start: number, end: number): Table {
  return { features: t.features.slice(start * width, end * width), labels: t.labels.slice(start, end), size: end - start };
}

function toTensors(tf: Tf, d: LoadedData & { validation?: Table }): SessionData {
  const split = (t: Table): Split => ({
    xs: tf.tensor(t.features, [t.size, ...d.inputShape]),
    ys: labelsTensor(tf, t, d.task, d.classes?.length ?? 0),
    size: t.size,
  });
  return {
    source: d.source,
    task: d.task,
    inputShape: d.inputShape,
    classes: d.classes,
    note: d.note,
    train: split(d.train),
    validation: d.validation ? split(d.validation) : undefined,
    test: d.test ? split(d.test) : undefined,
  };
}

/** Classification labels become one-hot rows; binary and regression targets a column. */
function labelsTensor(tf: Tf, t: Table, task: Task, classCount: number): Tensor {
  if (task === 'classification') {
    return tf.tidy(() => tf.oneHot(tf.tensor1d(t.labels, 'int32'), classCount).toFloat());
  }
  return tf.tensor2d(t.labels, [t.size, 1]);
}

export function disposeData(d: SessionData | undefined): void {
  if (!d) return;
  for (const s of [d.train, d.validation, d.test]) {
    s?.xs.dispose();
    s?.ys.dispose();
  }
}
