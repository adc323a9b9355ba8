// Loads the `data` section into tensors: picks the source, applies limit / shuffle / validation / normalize.
import * as l10n from '@vscode/l10n';
import type { data as tfData, Tensor, TensorContainer } from '@tensorflow/tfjs';
import type { ParsedCell } from '../../shared/cellSpec';
import type { Tf } from '../tf';
import { loadSynthetic, SYNTHETIC_SOURCES } from './synthetic';
import { byteScale, type ByteFeatures, type LoadedData, type Table, type Task } from './dataset';
import { loadFashionMnist } from './fashionMnist';
import { loadIris } from './iris';
import type { FittedPipeline } from './pipeline';
import { prepare, type PreparedData, type PrepareOptions } from './prepare';
import { DataSettings } from './settings';
import { loadIdxFiles, namesIdx } from './idxFiles';
import { loadImageFolders } from './images';
import { streamThreshold } from './records';
import { loadTable, tableBudget } from './tabular';
import type { TextEncoding } from './tokenizer';
import type { TrainStream } from './trainStream';
import type { WasmHeap } from '../backends/wasmHeapKernels';

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
  /** Column names of tabular data, in feature order. */
  featureNames?: string[];
  /** The training split's feature statistics that `normalize` applied; new inputs (predict) need the same. */
  standardisation?: { mean: number[]; std: number[] };
  /** A text column's tokens: `vocabularySize` is an embedding's `inputDim`, `maxLength` the length of each id sequence (0 pads). */
  text?: TextEncoding & { column: string };
  /** Each categorical column's categories, in one-hot / index order. */
  categories?: Record<string, string[]>;
  /**
   * A training table too large to hold: `train` is then a sample of it (for shapes, checks and JS cells), and the
   * trainer fits on `dataset(batchSize)`, which reads every training row from the file again each epoch.
   */
  trainStream?: { size: number; dataset(batchSize: number): TfDataset };
  /** How many training samples each class has (classification and binary). */
  classBalance?: { label: string; count: number }[];
  /**
   * Everything fitted on the training rows (columns, categories, vocabulary, image size and scale, standardisation,
   * classes and the positive class): saved with an export, applied to every split and to `predict`.
   */
  pipeline?: FittedPipeline;
  /** Binary tasks: `classes[1]`, the class the model's output is the probability of. */
  positive?: string;
  /** The run learned from part of the training file (`limit:`): the rows used and all its rows. */
  partial?: { reason: 'limit'; usedRows: number; totalRows: number };
  train: Split;
  validation?: Split;
  test?: Split;
  note?: string;
}

/** Files over `streamBytes` are read in chunks; a training table over `tableBytes` (as float32) is not held whole. */
interface TableLimits {
  streamBytes: number;
  tableBytes: number;
}

export type TfDataset = tfData.Dataset<TensorContainer>;

type SyntheticSource = (typeof SYNTHETIC_SOURCES)[number];
export const BUILTIN_SOURCES: string[] = ['fashion-mnist', 'iris', ...SYNTHETIC_SOURCES];
/** Settings that describe your own files, which a built-in source does not take. */
const FILE_KEYS = [
  'test',
  'label',
  'features',
  'categorical',
  'encoding',
  'text',
  'maxLength',
  'vocabularySize',
  'imageSize',
  'channels',
  'positive',
] as const;

/**
 * @param notebookFolder the folder relative paths start from; the core's working directory (which it sets to
 * the notebook's folder) when omitted.
 */
export function loadData(
  tf: Tf,
  cell: ParsedCell,
  notebookFolder: string = process.cwd(),
  options: { streamBytes?: number; tableBytes?: number; fold?: { index: number; count: number } } = {},
): SessionData {
  const settings = new DataSettings(cell, notebookFolder);
  const v = settings.values;
  const prepareOptions: PrepareOptions = {
    shuffle: v.shuffle ?? true,
    seed: v.seed ?? 42,
    limit: v.limit ?? Infinity,
    // A `validation:` file, folder or IDX pair (read by the loader of the train data's kind) takes the place of a fraction.
    validation: typeof v.validation === 'number' ? v.validation : 0,
    normalize: v.normalize ?? true,
    fold: options.fold,
  };
  const limits = {
    streamBytes: options.streamBytes ?? streamThreshold(),
    tableBytes: options.tableBytes ?? tableBudget(),
  };
  const loaded = loadSource(settings, prepareOptions, limits);
  nameClasses(settings, loaded);
  return toTensors(tf, prepare(loaded, prepareOptions));
}

function loadSource(settings: DataSettings, split: PrepareOptions, limits: TableLimits): LoadedData {
  const seed = split.seed;
  const source = settings.values.source;
  const builtIn = l10n.t('built in: {0}', BUILTIN_SOURCES.join(', '));
  if (source === undefined) {
    if (settings.has('train')) return loadOwnFiles(settings, split, limits);
    return settings.fail(
      'invalid-cell',
      l10n.t(
        '`data` needs a `source` ({0}) or a `train:` file of your own (.csv, .json, .jsonl, .idx, or a folder of images)',
        builtIn,
      ),
      'source',
    );
  }
  if (settings.has('train'))
    settings.fail(
      'invalid-cell',
      l10n.t('`data.train` is for your own file: remove `source: {0}` to train on it, or remove `train:`', source),
      'train',
    );
  if (validationIsFile(settings.values.validation)) {
    settings.fail(
      'invalid-cell',
      l10n.t(
        'a `validation:` file goes with your own `train:` file; for `{0}` give a fraction, e.g. `validation: 0.1`',
        source,
      ),
      'validation',
    );
  }
  for (const key of FILE_KEYS) {
    if (settings.has(key))
      settings.fail(
        'invalid-cell',
        l10n.t('`data.{0}` is for your own files (`train:`); the built-in `{1}` has its own', key, source),
        key,
      );
  }
  if (source === 'fashion-mnist') return loadFashionMnist(settings);
  if (settings.has('path'))
    settings.fail(
      'invalid-cell',
      l10n.t("`data.path` is the folder of fashion-mnist's files; `{0}` needs none", source),
      'path',
    );
  if (source === 'iris') return loadIris(seed);
  return loadSynthetic(source as SyntheticSource, seed);
}

function validationIsFile(value: unknown): boolean {
  return typeof value === 'string' || Array.isArray(value);
}

/** `train:` a folder of images, IDX files, or a table (CSV, JSON, JSONL). */
function loadOwnFiles(settings: DataSettings, split: PrepareOptions, limits: TableLimits): LoadedData {
  const train = settings.values.train;
  if (namesIdx(train)) return loadIdxFiles(settings, limits.tableBytes);
  if (Array.isArray(train))
    settings.fail(
      'invalid-cell',
      l10n.t('`data.train` is one file or folder, or two IDX files `[images, labels]`'),
      'train',
    );
  if (typeof train === 'string' && settings.existingKind('train') === 'folder') return loadImageFolders(settings);
  return loadTable(settings, limits.streamBytes, limits.tableBytes, split);
}

/** `classes:` gives display names to the labels, one per class. */
function nameClasses(settings: DataSettings, loaded: LoadedData): void {
  const names = settings.values.classes;
  if (!names) return;
  if (!loaded.classes)
    settings.fail(
      'invalid-cell',
      l10n.t('`data.classes` names classes, but {0} is a regression task (its labels are numbers)', loaded.source),
      'classes',
    );
  if (names.length !== loaded.classes.length) {
    settings.fail(
      'invalid-cell',
      l10n.t(
        '`data.classes` has {0} names for {1} classes ({2})',
        names.length,
        loaded.classes.length,
        loaded.classes.join(', '),
      ),
      'classes',
    );
  }
  loaded.classes = names;
  if (loaded.task === 'binary') loaded.positive = names[1];
  if (loaded.pipeline)
    loaded.pipeline = {
      ...loaded.pipeline,
      label: { ...loaded.pipeline.label, classes: names, positive: loaded.positive },
    };
}

function toTensors(tf: Tf, d: PreparedData): SessionData {
  const split = (t: Table): Split => ({
    xs: featuresTensor(tf, t.features, [t.size, ...d.inputShape], d.dtype ?? 'float32'),
    ys: labelsTensor(tf, t, d.task, d.classes?.length ?? 0),
    size: t.size,
  });
  return {
    source: d.source,
    task: d.task,
    inputShape: d.inputShape,
    classes: d.classes,
    featureNames: d.featureNames,
    text: d.text,
    categories: d.categories,
    standardisation: d.standardisation && {
      mean: Array.from(d.standardisation.mean),
      std: Array.from(d.standardisation.std),
    },
    classBalance: d.classes
      ? d.classCounts
        ? d.classes.map((label, i) => ({ label, count: d.classCounts![i] }))
        : classBalance(d.train, d.classes)
      : undefined,
    pipeline: d.pipeline,
    positive: d.task === 'binary' ? (d.positive ?? d.classes?.[1]) : undefined,
    partial: partialOf(d),
    note: d.note,
    train: split(d.train),
    validation: d.validation ? split(d.validation) : undefined,
    trainStream: d.trainStream && streamDataset(tf, d, d.trainStream),
    // Cross-validation measures a fold on the rows held out of it, not on the test file.
    test: d.heldOut ? split(d.heldOut) : d.test ? split(d.test) : undefined,
  };
}

/**
 * A run on `limit:` rows: the training rows it used, and the training rows the whole file would give with the same
 * validation share (what the summary compares with, and estimates a full run's time from).
 */
function partialOf(d: PreparedData): SessionData['partial'] {
  const c = d.counts;
  if (!c || c.used >= c.rows || c.used === 0) return undefined;
  const train = d.trainStream?.size ?? d.train.size;
  return { reason: 'limit', usedRows: train, totalRows: Math.round((c.rows * train) / c.used) };
}

/** The stream's batches as a tf.data dataset: each epoch calls the generator again, which reads the file again. */
function streamDataset(tf: Tf, d: PreparedData, stream: TrainStream): SessionData['trainStream'] {
  const classCount = d.classes?.length ?? 0;
  return {
    size: stream.size,
    dataset: (batchSize: number) => {
      let epoch = 0;
      return tf.data.generator(function* () {
        for (const b of stream.batches(batchSize, epoch++)) {
          const t: Table = { features: b.features, labels: b.labels, size: b.size };
          yield {
            xs: tf.tensor(b.features, [b.size, ...d.inputShape], d.dtype ?? 'float32'),
            ys: labelsTensor(tf, t, d.task, classCount),
          };
        }
      });
    },
  };
}

/**
 * A Float32Array goes into the tensor without a copy on the cpu backend; other backends copy it once. Bytes (images)
 * are scaled into the tensor's own memory on wasm (no float32 copy in JavaScript: 188 MB for 60,000 images), into
 * one new Float32Array elsewhere.
 */
function featuresTensor(
  tf: Tf,
  features: Float32Array | ByteFeatures,
  shape: number[],
  dtype: 'float32' | 'int32',
): Tensor {
  if (features instanceof Float32Array) return tf.tensor(features, shape, dtype);
  const lookup = byteScale(features.scale);
  const bytes = features.bytes;
  const heap = tf.backend() as Partial<WasmHeap>;
  if (dtype === 'float32' && heap.makeOutput && heap.typedArrayFromHeap) {
    const info = heap.makeOutput(shape, 'float32');
    // The view after the allocation: growing the heap detaches views taken before.
    const out = heap.typedArrayFromHeap(info);
    for (let i = 0; i < bytes.length; i++) out[i] = lookup[bytes[i]];
    return tf.engine().makeTensorFromTensorInfo(info);
  }
  const values = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) values[i] = lookup[bytes[i]];
  return tf.tensor(values, shape, dtype);
}

function classBalance(t: Table, classes: string[]): { label: string; count: number }[] {
  const counts = new Array<number>(classes.length).fill(0);
  for (let i = 0; i < t.size; i++) counts[t.labels[i]]++;
  return classes.map((label, i) => ({ label, count: counts[i] }));
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
