// Your own tables: `train:` (and `validation:`, `test:`) CSV, JSON or JSONL files with a `label:` column and `features:`
// columns that are numbers, categories (`categorical:`, one-hot or index) or one text column (`text:`, token ids).
import * as l10n from '@vscode/l10n';
import * as os from 'node:os';
import * as path from 'node:path';
import { closest } from '../../shared/suggest';
import { LineError } from './csv';
import type { LoadedData, Table } from './dataset';
import { formatOf, openRecords, type RecordSource } from './records';
import type { CellPath, DataSettings } from './settings';
import { tableEncoder } from './columnEncoding';
import { throwIfInterrupted } from '../interrupt';
import { encodedNames, type FittedColumn } from './pipeline';
import { planSplit, ROLE, type SplitOptions } from './split';
import { VocabularyBuilder } from './tokenizer';
import { streamStatistics, trainStream } from './trainStream';
import { encodeLabels, readValue, type LabelEncoding } from './values';

export type FileKey = 'train' | 'validation' | 'test';

export const DEFAULT_VOCABULARY_SIZE = 10000;
/** More categories than this in one column is more likely an id or free text than a category. */
export const MAX_CATEGORIES = 1000;
/** More classes than this in a label is more likely an id, or a number written with text, than classes to learn. */
export const MAX_CLASSES = 1000;
export const TABLE_ENV = 'BIGMODEL_TABLE_BYTES';

/** The most a training table may take as float32 values: a quarter of the machine's memory unless BIGMODEL_TABLE_BYTES says. */
export function tableBudget(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env[TABLE_ENV]);
  return Number.isFinite(v) && v > 0 ? v : os.totalmem() / 4;
}

const ENOUGH = Symbol('enough rows');
/** Training rows held in memory (for shapes, checks and JS cells) when the rest is read from the file. */
const SAMPLE_ROWS = 1024;

export interface RecordFile {
  file: CellPath;
  key: FileKey;
  header: string[];
  source: RecordSource;
}

/**
 * Reads a table in passes over its raw records: (1) the labels, to split the rows before anything is learned from
 * them; (2) the training rows only, to fit the classes, the categories and the vocabulary; (3) every row it keeps,
 * encoded with what was fitted. Standardisation is fitted on the encoded training rows later (prepare.ts).
 */
export function loadTable(
  settings: DataSettings,
  streamBytes: number,
  tableBytes: number,
  split: SplitOptions,
): LoadedData {
  const train = openFile(settings, 'train', streamBytes);
  const { header } = train;
  const label = settings.values.label ?? header[header.length - 1];
  const labelColumn = column(settings, train, label, 'label');
  const textName = settings.values.text;
  if (textName !== undefined) {
    column(settings, train, textName, 'text');
    if (textName === label)
      settings.fail('data', l10n.t('`{0}` is the label; `text:` names the column to read', textName), 'text');
  }
  const defaultFeatures = textName !== undefined ? [textName] : header.filter((h) => h !== label);
  const featureNames = settings.values.features ?? defaultFeatures;
  featureNames.forEach((name, i) => {
    const at = ['features', i];
    column(settings, train, name, ...at);
    if (name === label) settings.fail('data', l10n.t('`{0}` is the label; leave it out of `features:`', name), ...at);
    if (featureNames.indexOf(name) !== i)
      settings.fail('invalid-cell', l10n.t('`{0}` is listed twice in `features:`', name), ...at);
  });
  if (featureNames.length === 0)
    settings.fail(
      'data',
      l10n.t('{0} has no column besides the label `{1}` to learn from', train.file.shown, label),
      'train',
    );
  if (textName !== undefined && (featureNames.length !== 1 || featureNames[0] !== textName)) {
    settings.fail(
      'data',
      l10n.t(
        "a text column is the model's only input: the tokens of `{0}` go to an embedding, so leave the other columns out (`features: [{0}]`)",
        textName,
      ),
      'text',
    );
  }
  const categorical = settings.values.categorical ?? [];
  categorical.forEach((name, i) => {
    // A single name (`categorical: plan`) has no item: locate finds its key.
    const at = ['categorical', i];
    column(settings, train, name, ...at);
    if (!featureNames.includes(name))
      settings.fail(
        'data',
        l10n.t('`{0}` is listed in `categorical:` but is not one of the features ({1})', name, featureNames.join(', ')),
        ...at,
      );
  });
  const encodingName = settings.values.encoding ?? 'onehot';
  const maxLength = textName !== undefined ? settings.values.maxLength : undefined;
  const vocabularySize = settings.values.vocabularySize ?? DEFAULT_VOCABULARY_SIZE;
  const positive = settings.has('positive') ? String(settings.values.positive) : undefined;
  const featureIndex = featureNames.map((name) => header.indexOf(name));

  // Pass 1: the label of every row, so the split can keep each class's share in every part.
  const labelIds = new Map<string, number>();
  let keys: Int32Array = new Int32Array(1024);
  let rows = 0;
  train.source.forEach((fields, line) => {
    checkWidth(settings, train, fields, line);
    const raw = fields[labelColumn];
    if (readValue(raw).kind === 'missing')
      settings.fail(
        'data',
        l10n.t('{0}: the label (`{1}`) is missing — fill it in or remove the row', where(train, line), label),
        'train',
      );
    const value = raw.trim();
    let id = labelIds.get(value);
    if (id === undefined) labelIds.set(value, (id = labelIds.size));
    if (rows === keys.length) keys = grow(keys);
    keys[rows++] = id;
  });
  if (rows === 0) settings.fail('data', noRows(train.file.shown, train.source.format), 'train');
  const names = [...labelIds.keys()];
  const allCounts = new Map<string, number>();
  for (let i = 0; i < rows; i++) allCounts.set(names[keys[i]], (allCounts.get(names[keys[i]]) ?? 0) + 1);
  const labels = encodeLabels(allCounts, rows);
  // Before anything is split or encoded: 6,000 distinct names would become 6,000 output units and a one-hot label each.
  if (labels.task === 'classification' && (labels.classes?.length ?? 0) > MAX_CLASSES) {
    const shown = (labels.classes ?? [])
      .slice(0, 3)
      .map((c) => `\`${c}\``)
      .join(', ');
    settings.fail(
      'data',
      l10n.t(
        'the label `{0}` has {1} different values in {2} (such as {3}), too many to learn as classes (at most {4}): is it an id, or a number to predict written with text in it?',
        label,
        labels.classes?.length ?? 0,
        train.file.shown,
        shown,
        MAX_CLASSES,
      ),
      'label',
    );
  }
  const stratify = labels.task !== 'regression';
  const plan = planSplit(rows, stratify ? keys.subarray(0, rows) : undefined, split);

  // Pass 2: fit on the training rows only (classes, categories, words); check every row that is used.
  const categorySets = new Map(categorical.map((name) => [name, new Set<string>()]));
  const trainCounts = new Map<string, number>();
  const vocabulary = new VocabularyBuilder();
  let r = -1;
  train.source.forEach((fields, line) => {
    const role = plan.roles[++r];
    if (role === ROLE.unused) return;
    const training = role === ROLE.train;
    if (training) {
      const value = fields[labelColumn].trim();
      trainCounts.set(value, (trainCounts.get(value) ?? 0) + 1);
    }
    featureNames.forEach((name, f) => {
      const set = categorySets.get(name);
      const value = fields[featureIndex[f]];
      if (set) {
        if (readValue(value).kind === 'missing')
          settings.fail(
            'data',
            l10n.t('{0}: the category is missing — fill it in or remove the row', whereField(train, line, name)),
            'train',
          );
        if (training) set.add(value.trim());
      } else if (name === textName) {
        if (value.trim() === '')
          settings.fail(
            'data',
            l10n.t('{0}: the text is empty — fill it in or remove the row', whereField(train, line, name)),
            'train',
          );
        if (training) vocabulary.add(value);
      }
    });
  });
  const encoding = labelEncoding(settings, trainCounts, plan.train.length, positive, label, train);

  const columns: FittedColumn[] = featureNames.map((name): FittedColumn => {
    const set = categorySets.get(name);
    if (set) {
      if (set.size > MAX_CATEGORIES) {
        settings.fail(
          'data',
          l10n.t(
            '`{0}` has {1} different values in {2}, too many for categories (at most {3}): is it an id, or text (`text: {0}`)?',
            name,
            set.size,
            train.file.shown,
            MAX_CATEGORIES,
          ),
          'categorical',
          categorical.indexOf(name),
        );
      }
      return { kind: encodingName as 'onehot' | 'index', name, categories: [...set].sort() };
    }
    if (name === textName) {
      const built = vocabulary.build(vocabularySize, maxLength);
      return { kind: 'text', name, vocabulary: built.vocabulary, maxLength: built.maxLength };
    }
    return { kind: 'number', name };
  });
  const encoder = rowEncoder(settings, train, columns, label, encoding, train);
  const width = encoder.width;
  const textColumn = columns.find((c) => c.kind === 'text');
  const text =
    textColumn?.kind === 'text'
      ? {
          column: textColumn.name,
          vocabulary: textColumn.vocabulary,
          vocabularySize: textColumn.vocabulary.length,
          maxLength: textColumn.maxLength,
        }
      : undefined;
  const standardiseColumns = columns.flatMap((c) =>
    c.kind === 'onehot'
      ? c.categories.map(() => false)
      : c.kind === 'text'
        ? new Array<boolean>(c.maxLength).fill(false)
        : [c.kind === 'number'],
  );

  // Pass 3: encode what is kept. Held whole when it fits the budget; otherwise training reads the file each epoch.
  const used = plan.train.length + plan.validation.length + plan.heldOut.length;
  const streamed = used * (width + 1) * 4 > tableBytes;
  const fit = Math.max(2, Math.floor(tableBytes / ((width + 1) * 4)));
  if (streamed && plan.validation.length > Math.floor(fit / 2)) {
    // Validation is held in memory: rows beyond what fits train instead (none of them was used for fitting).
    const extra = plan.validation.subarray(Math.floor(fit / 2));
    for (const row of extra) plan.roles[row] = ROLE.train;
    plan.train = Int32Array.from([...plan.train, ...extra]);
    plan.validation = plan.validation.slice(0, Math.floor(fit / 2));
  }
  const sample = streamed ? plan.train.subarray(0, Math.min(SAMPLE_ROWS, Math.floor(fit / 2))) : plan.train;
  const unknown = { validation: 0, heldOut: 0, test: 0 };
  const [trainTable, validationTable, heldOutTable] = encodeRows(
    train,
    encoder,
    rows,
    [sample, plan.validation, plan.heldOut],
    (k, n) => {
      if (k === 1) unknown.validation += n;
      if (k === 2) unknown.heldOut += n;
    },
  );
  const loaded: LoadedData = {
    source: path.basename(train.file.shown),
    task: encoding.task,
    inputShape: [width],
    classes: encoding.classes,
    positive: encoding.positive,
    featureNames: text ? [text.column] : encodedNames(columns),
    train: trainTable,
    presplit: true,
    standardise: !text,
    standardiseColumns,
    text,
    categories:
      categorical.length > 0
        ? Object.fromEntries(
            columns.flatMap((c) => (c.kind === 'onehot' || c.kind === 'index' ? [[c.name, c.categories]] : [])),
          )
        : undefined,
    dtype: text ? 'int32' : undefined,
    pipeline: {
      version: 1,
      input: { kind: 'table', columns },
      label: { task: encoding.task, classes: encoding.classes, positive: encoding.positive },
    },
    counts: { rows, used },
    classCounts: encoding.classes && classCountsOf(trainCounts, encoding),
  };
  if (plan.validation.length > 0) loaded.validation = validationTable;
  if (split.fold) loaded.heldOut = heldOutTable;
  // A file of its own read as the training rows were: their columns, label and encoding; its unseen categories counted.
  const readFile = (key: 'validation' | 'test') =>
    toTable(
      settings,
      openFile(settings, key, streamBytes),
      columns,
      label,
      encoding,
      train,
      (n) => (unknown[key] += n),
    );
  if (typeof settings.values.validation === 'string') loaded.validation = readFile('validation');
  if (streamed) {
    const normalize = (settings.values.normalize ?? true) && !text;
    const isTraining = (row: number) => plan.roles[row] === ROLE.train;
    const stats = normalize
      ? streamStatistics(train.source.forEach, encoder, isTraining, standardiseColumns)
      : undefined;
    loaded.trainStream = trainStream(train.source.records, encoder, isTraining, plan.train.length, stats, split.seed);
    loaded.fixedStandardisation = stats;
  }
  if (settings.has('test')) loaded.test = readFile('test');
  const unseen = unknown.validation + unknown.heldOut + unknown.test;
  loaded.note = tableNote(
    train,
    label,
    encoding,
    featureNames,
    categorical,
    String(encodingName),
    text,
    streamed ? { rows: plan.train.length, sample: trainTable.size } : undefined,
    unseen,
  );
  return loaded;
}

/** The label's classes as the training rows have them, or the error that `data.positive` or a constant label is. */
function labelEncoding(
  settings: DataSettings,
  counts: Map<string, number>,
  rows: number,
  positive: string | undefined,
  label: string,
  train: RecordFile,
): LabelEncoding {
  const encoding = encodeLabels(counts, rows, positive);
  if (encoding.task !== 'regression' && (encoding.classes?.length ?? 0) < 2) {
    settings.fail(
      'data',
      l10n.t(
        'the label column `{0}` has the same value (`{1}`) in every row of {2}: there is nothing to learn',
        label,
        [...counts.keys()][0],
        train.file.shown,
      ),
      'label',
    );
  }
  if (encoding.problem) {
    const [a, b] = encoding.problem.values;
    settings.fail(
      'invalid-cell',
      l10n.t(
        '`data.positive` is `{0}`, but the label `{1}` has the values `{2}` and `{3}`: name one of them',
        encoding.problem.positive,
        label,
        a,
        b,
      ),
      'positive',
    );
  }
  if (positive !== undefined && encoding.task !== 'binary') {
    const what =
      encoding.task === 'regression'
        ? l10n.t('numbers to predict')
        : l10n.t('{0} classes', encoding.classes?.length ?? 0);
    settings.fail(
      'invalid-cell',
      l10n.t('`data.positive` is for a label with two values, but `{0}` has {1}: remove `positive:`', label, what),
      'positive',
    );
  }
  return encoding;
}

/** What the preview says of the table: its label, features, and how it was read. */
function tableNote(
  train: RecordFile,
  label: string,
  encoding: LabelEncoding,
  featureNames: string[],
  categorical: string[],
  encodingName: string,
  text: LoadedData['text'],
  streamed: { rows: number; sample: number } | undefined,
  unseen: number,
): string {
  const labelText =
    encoding.task === 'regression'
      ? l10n.t('a number to predict')
      : encoding.task === 'binary'
        ? l10n.t('yes/no, `{0}` is the positive class', encoding.positive ?? '')
        : l10n.t('{0} classes', encoding.classes?.length ?? 0);
  const features = featureNames.length === 1 ? l10n.t('1 feature') : l10n.t('{0} features', featureNames.length);
  const what = text
    ? l10n.t('text `{0}` as {1} token ids (vocabulary of {2})', text.column, text.maxLength, text.vocabularySize)
    : categorical.length > 0
      ? l10n.t('{0} ({1} categorical, {2})', features, categorical.length, encodingName)
      : features;
  const parts = [l10n.t('{0}: label `{1}` ({2}), {3}', train.file.shown, label, labelText, what)];
  if (train.source.streamed) parts.push(l10n.t(', read in chunks (a large file)'));
  if (streamed) {
    parts.push(
      l10n.t(
        '; {0} training rows read from the file in batches each epoch (too many to hold), {1} of them held as a sample',
        streamed.rows.toLocaleString('en-US'),
        streamed.sample.toLocaleString('en-US'),
      ),
    );
  }
  if (unseen > 0) parts.push(l10n.t('; {0} categories outside the training rows were read as unknown', unseen));
  return parts.join('');
}

/** The training rows of each class, in class order (label text → count, read through the label encoding). */
function classCountsOf(counts: Map<string, number>, encoding: LabelEncoding): number[] {
  const out = new Array<number>(encoding.classes?.length ?? 0).fill(0);
  for (const [value, n] of counts) {
    const c = encoding.encode(value);
    if (c !== undefined) out[c] += n;
  }
  return out;
}

function grow(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** Encodes the rows of each list (row numbers of the training file) into a table of its own, in the list's order, in one pass. */
function encodeRows(
  f: RecordFile,
  encoder: RowEncoder,
  rows: number,
  lists: Int32Array[],
  onUnknown: (list: number, n: number) => void,
): Table[] {
  // Per row of the file: which list holds it (-1: none) and where in that list.
  const list = new Int8Array(rows).fill(-1);
  const index = new Int32Array(rows);
  lists.forEach((l, k) =>
    l.forEach((row, i) => {
      list[row] = k;
      index[row] = i;
    }),
  );
  const tables = lists.map((l) => ({
    features: new Float32Array(l.length * encoder.width),
    labels: new Float32Array(l.length),
    size: l.length,
  }));
  let r = -1;
  let left = lists.reduce((n, l) => n + l.length, 0);
  try {
    f.source.forEach((row, line) => {
      if (left === 0) throw ENOUGH; // the rows kept are all read: the rest of a large file need not be
      const k = list[++r];
      if (k < 0) return;
      const i = index[r];
      const { label, unknown } = encoder.encode(row, line, tables[k].features, i * encoder.width);
      tables[k].labels[i] = label;
      if (unknown > 0) onUnknown(k, unknown);
      left--;
    });
  } catch (e) {
    if (e !== ENOUGH) throw e;
  }
  return tables;
}

function openFile(settings: DataSettings, key: FileKey, streamBytes: number): RecordFile {
  const file = settings.existing(key, 'file');
  const format = formatOf(file.shown);
  if (!format) {
    settings.fail(
      'data',
      l10n.t(
        '`{0}`: unknown kind of data file — use .csv (with a header row), .json (an array of records), .jsonl (one record a line), .idx / .idx.gz, or a folder of images with one subfolder per class',
        file.shown,
      ),
      key,
    );
  }
  let source: RecordSource;
  try {
    source = openRecords(file.absolute, format, streamBytes);
  } catch (e) {
    if (e instanceof LineError) settings.fail('data', `${file.shown} ${e.message}`, key);
    throw e;
  }
  const header = source.header.map((h, i) => h.trim() || l10n.t('column {0}', i + 1));
  if (header.length === 0) settings.fail('data', noRows(file.shown, format), key);
  header.forEach((h, i) => {
    const first = header.indexOf(h);
    if (first !== i)
      settings.fail(
        'data',
        l10n.t('{0}: the header names `{1}` twice (columns {2} and {3}) — rename one', file.shown, h, first + 1, i + 1),
        key,
      );
  });
  // A malformed record further on surfaces while the file is read; name the file and the key there too. Every few
  // thousand rows a pass looks whether the user interrupted (the core's main thread is held until the pass ends).
  const forEach = source.forEach;
  source.forEach = (fn) => {
    let rows = 0;
    try {
      forEach((fields, line) => {
        if ((++rows & 4095) === 0) throwIfInterrupted();
        fn(fields, line);
      });
    } catch (e) {
      if (e instanceof LineError) settings.fail('data', `${file.shown} ${e.message}`, key);
      throw e;
    }
  };
  return { file, key, header, source };
}

function checkWidth(settings: DataSettings, f: RecordFile, fields: string[], line: number): void {
  if (fields.length !== f.header.length) {
    settings.fail(
      'data',
      l10n.t(
        '{0} has {1} values but the header has {2} columns — look for a missing comma, or a comma inside a value that needs "quotes"',
        where(f, line),
        fields.length,
        f.header.length,
      ),
      f.key,
    );
  }
}

/** The index of a named column; an unknown name is an error at the cell key that named it. */
function column(settings: DataSettings, f: RecordFile, name: string, ...at: (string | number)[]): number {
  const index = f.header.indexOf(name);
  if (index >= 0) return index;
  const hint = closest(name, f.header);
  const columns = f.header.map((h) => `\`${h}\``).join(', ');
  const label = at[0] === 'label';
  const message = hint
    ? label
      ? l10n.t(
          'unknown label column `{0}` — did you mean `{1}`? (the columns of {2}: {3})',
          name,
          hint,
          f.file.shown,
          columns,
        )
      : l10n.t(
          'unknown column `{0}` — did you mean `{1}`? (the columns of {2}: {3})',
          name,
          hint,
          f.file.shown,
          columns,
        )
    : label
      ? l10n.t('unknown label column `{0}` (the columns of {1}: {2})', name, f.file.shown, columns)
      : l10n.t('unknown column `{0}` (the columns of {1}: {2})', name, f.file.shown, columns);
  return settings.fail('data', message, ...at);
}

/** `file row N` for CSV (a spreadsheet's row), `file line N` for JSON. */
function where(f: RecordFile, line: number): string {
  return f.source.format === 'csv'
    ? l10n.t('{0} row {1}', f.file.shown, line)
    : l10n.t('{0} line {1}', f.file.shown, line);
}

/** `file row N, column `name`` for CSV, `file line N, field `name`` for JSON. */
function whereField(f: RecordFile, line: number, name: string): string {
  return f.source.format === 'csv'
    ? l10n.t('{0}, column `{1}`', where(f, line), name)
    : l10n.t('{0}, field `{1}`', where(f, line), name);
}

/** A file without records (a CSV file also needs its header row). */
function noRows(shown: string, format: string): string {
  return format === 'csv'
    ? l10n.t('{0} has no data rows: it needs a header row and at least one record', shown)
    : l10n.t('{0} has no data rows: it needs at least one record', shown);
}

function toTable(
  settings: DataSettings,
  f: RecordFile,
  columns: FittedColumn[],
  label: string,
  encoding: LabelEncoding,
  train: RecordFile,
  onUnknown: (n: number) => void,
): Table {
  const encoder = rowEncoder(settings, f, columns, label, encoding, train);
  let rows = 0;
  f.source.forEach(() => rows++);
  const { width } = encoder;
  const features = new Float32Array(rows * width);
  const labels = new Float32Array(rows);
  let r = 0;
  f.source.forEach((row, line) => {
    const { label: value, unknown } = encoder.encode(row, line, features, r * width);
    labels[r++] = value;
    if (unknown > 0) onUnknown(unknown);
  });
  return { features, labels, size: rows };
}

export interface RowEncoder {
  /** Values a row becomes: one per number or index column, one per category of a one-hot column, maxLength per text. */
  width: number;
  /**
   * Writes the row's features at `offset` and returns its label's number and how many of its categories the training
   * rows did not have (written as unknown); a bad value is an error naming file, row and column.
   */
  encode(row: string[], line: number, features: Float32Array, offset: number): { label: number; unknown: number };
}

/** How a record of `f` (train, validation or test: matched by column name) becomes numbers, through the fitted columns. */
export function rowEncoder(
  settings: DataSettings,
  f: RecordFile,
  columns: FittedColumn[],
  label: string,
  encoding: LabelEncoding,
  train: RecordFile,
): RowEncoder {
  // A test file is matched by column name, so its columns may come in another order.
  const at = (name: string) => {
    const i = f.header.indexOf(name);
    if (i < 0)
      settings.fail(
        'data',
        l10n.t(
          '{0} has no column `{1}`, which {2} has — {3} data needs the same columns',
          f.file.shown,
          name,
          train.file.shown,
          f.key,
        ),
        f.key,
      );
    return i;
  };
  const sources = columns.map((c) => at(c.name));
  const labelColumn = at(label);
  const table = tableEncoder(columns);
  const encode = (row: string[], line: number, features: Float32Array, start: number) => {
    checkWidth(settings, f, row, line);
    const written = table.write((k) => row[sources[k]], features, start);
    if ('problem' in written) {
      const name = columns[written.column].name;
      const here = whereField(f, line, name);
      if (written.problem.kind === 'missing')
        settings.fail(
          'data',
          l10n.t(
            '{0}: the value is missing — fill it in, remove the row, or leave `{1}` out of `features:`',
            here,
            name,
          ),
          f.key,
        );
      else if (written.problem.kind === 'too-large')
        settings.fail(
          'data',
          l10n.t(
            '{0}: `{1}` is too large for training (at most ±3.4e38, what a 32-bit number holds): fix the value or remove the row',
            here,
            written.problem.text,
          ),
          f.key,
        );
      else
        settings.fail(
          'data',
          l10n.t(
            '{0}: `{1}` is not a number — features must be numbers: fix the value, leave `{2}` out of `features:`, or if `{2}` holds categories list it in `categorical:`',
            here,
            written.problem.text,
            name,
          ),
          f.key,
        );
    }
    const rawLabel = row[labelColumn].trim();
    const encoded = encoding.encode(rawLabel);
    if (encoded === undefined)
      settings.fail('data', `${whereField(f, line, label)}: ${unknownLabel(rawLabel, encoding, train)}`, f.key);
    return { label: encoded, unknown: 'unknown' in written ? written.unknown : 0 };
  };
  return { width: table.width, encode };
}

function unknownLabel(raw: string, encoding: LabelEncoding, train: RecordFile): string {
  if (readValue(raw).kind === 'missing') return l10n.t('the label is missing — fill it in or remove the row');
  if (encoding.task === 'regression')
    return l10n.t('`{0}` is not a number, but the labels in {1} are numbers to predict', raw, train.file.shown);
  if (encoding.task === 'binary')
    return l10n.t(
      '`{0}` is neither of the two label values of the training rows of {1} ({2})',
      raw,
      train.file.shown,
      encoding.classes?.join(', ') ?? '',
    );
  return l10n.t(
    '`{0}` is not one of the classes in {1} ({2}), so the model cannot learn it — remove the row or add examples of it to the training file',
    raw,
    train.file.shown,
    encoding.classes?.join(', ') ?? '',
  );
}
