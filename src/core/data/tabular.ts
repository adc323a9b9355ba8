// Your own tables: `train:` (and `validation:`, `test:`) CSV, JSON or JSONL files with a `label:` column and `features:`
// columns that are numbers, categories (`categorical:`, one-hot or index) or one text column (`text:`, token ids).
import * as l10n from '@vscode/l10n';
import * as os from 'node:os';
import * as path from 'node:path';
import { closest } from '../../shared/suggest';
import { CsvSyntaxError } from './csv';
import type { LoadedData, Table } from './dataset';
import { formatOf, openRecords, RecordError, type RecordSource } from './records';
import type { CellPath, DataSettings } from './settings';
import { TextTokenizer, VocabularyBuilder } from './tokenizer';
import { streamStatistics, trainStream } from './trainStream';
import { encodeLabels, readValue, type LabelEncoding } from './values';

export type FileKey = 'train' | 'validation' | 'test';

export const DEFAULT_VOCABULARY_SIZE = 10000;
/** More categories than this in one column is more likely an id or free text than a category. */
export const MAX_CATEGORIES = 1000;
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

/** How one feature column becomes numbers. */
export type Column =
  | { kind: 'number'; name: string }
  | { kind: 'onehot' | 'index'; name: string; categories: string[]; index: Map<string, number> }
  | { kind: 'text'; name: string; tokenizer: TextTokenizer };


export function loadTable(settings: DataSettings, streamBytes: number, tableBytes = tableBudget()): LoadedData {
  const train = openFile(settings, 'train', streamBytes);
  const { header } = train;
  const label = settings.string('label') ?? header[header.length - 1];
  const labelColumn = column(settings, train, label, 'label');
  const textName = settings.string('text');
  if (textName !== undefined) {
    column(settings, train, textName, 'text');
    if (textName === label) settings.fail('data', l10n.t('`{0}` is the label; `text:` names the column to read', textName), 'text');
  }
  const defaultFeatures = textName !== undefined ? [textName] : header.filter((h) => h !== label);
  const featureNames = settings.strings('features') ?? defaultFeatures;
  featureNames.forEach((name, i) => {
    const at: (string | number)[] = Array.isArray(settings.values.features) ? ['features', i] : ['features'];
    column(settings, train, name, ...at);
    if (name === label) settings.fail('data', l10n.t('`{0}` is the label; leave it out of `features:`', name), ...at);
    if (featureNames.indexOf(name) !== i) settings.fail('invalid-cell', l10n.t('`{0}` is listed twice in `features:`', name), ...at);
  });
  if (featureNames.length === 0) settings.fail('data', l10n.t('{0} has no column besides the label `{1}` to learn from', train.file.shown, label), 'train');
  if (textName !== undefined && (featureNames.length !== 1 || featureNames[0] !== textName)) {
    settings.fail('data', l10n.t('a text column is the model\'s only input: the tokens of `{0}` go to an embedding, so leave the other columns out (`features: [{0}]`)', textName), 'text');
  }
  const categorical = settings.strings('categorical') ?? [];
  categorical.forEach((name, i) => {
    const at: (string | number)[] = Array.isArray(settings.values.categorical) ? ['categorical', i] : ['categorical'];
    column(settings, train, name, ...at);
    if (!featureNames.includes(name)) settings.fail('data', l10n.t('`{0}` is listed in `categorical:` but is not one of the features ({1})', name, featureNames.join(', ')), ...at);
  });
  const encodingName = settings.values.encoding ?? 'onehot';
  if (encodingName !== 'onehot' && encodingName !== 'index') {
    settings.fail('invalid-cell', l10n.t('`data.encoding` is `onehot` (one 0/1 input per category) or `index` (the category\'s number), got {0}', String(JSON.stringify(encodingName))), 'encoding');
  }
  const maxLength = textName !== undefined ? settings.number('maxLength', 0, 1) || undefined : undefined;
  const vocabularySize = settings.number('vocabularySize', DEFAULT_VOCABULARY_SIZE, 3);

  // First pass over the training file: its size, its labels and categories, the words of its texts.
  const featureIndex = featureNames.map((name) => header.indexOf(name));
  const categorySets = new Map(categorical.map((name) => [name, new Set<string>()]));
  const labelValues = new Set<string>();
  const vocabulary = new VocabularyBuilder();
  let rows = 0;
  train.source.forEach((fields, line) => {
    checkWidth(settings, train, fields, line);
    rows++;
    const raw = fields[labelColumn];
    if (readValue(raw).kind === 'missing') settings.fail('data', l10n.t('{0}: the label (`{1}`) is missing — fill it in or remove the row', where(train, line), label), 'train');
    labelValues.add(raw.trim());
    featureNames.forEach((name, f) => {
      const set = categorySets.get(name);
      const value = fields[featureIndex[f]];
      if (set) {
        if (readValue(value).kind === 'missing') settings.fail('data', l10n.t('{0}: the category is missing — fill it in or remove the row', whereField(train, line, name)), 'train');
        set.add(value.trim());
      } else if (name === textName) {
        if (value.trim() === '') settings.fail('data', l10n.t('{0}: the text is empty — fill it in or remove the row', whereField(train, line, name)), 'train');
        vocabulary.add(value);
      }
    });
  });
  if (rows === 0) settings.fail('data', noRows(train.file.shown, train.source.format), 'train');
  const encoding = encodeLabels([...labelValues], rows);
  if (encoding.task !== 'regression' && (encoding.classes?.length ?? 0) < 2) {
    settings.fail('data', l10n.t('the label column `{0}` has the same value (`{1}`) in every row of {2}: there is nothing to learn', label, [...labelValues][0], train.file.shown), 'label');
  }

  const text = textName !== undefined ? { column: textName, ...vocabulary.build(vocabularySize, maxLength) } : undefined;
  const columns: Column[] = featureNames.map((name, f): Column => {
    const set = categorySets.get(name);
    if (set) {
      if (set.size > MAX_CATEGORIES) {
        settings.fail('data', l10n.t('`{0}` has {1} different values in {2}, too many for categories (at most {3}): is it an id, or text (`text: {0}`)?', name, set.size, train.file.shown, MAX_CATEGORIES), ...(Array.isArray(settings.values.categorical) ? ['categorical', categorical.indexOf(name)] : ['categorical']));
      }
      const categories = [...set].sort();
      return { kind: encodingName as 'onehot' | 'index', name, categories, index: new Map(categories.map((c, i) => [c, i])) };
    }
    if (text && name === text.column) return { kind: 'text', name, tokenizer: new TextTokenizer(text) };
    return { kind: 'number', name: featureNames[f] };
  });
  const expanded = columns.flatMap((c) =>
    c.kind === 'onehot' ? c.categories.map((v) => `${c.name}=${v}`) : c.kind === 'text' ? Array.from({ length: c.tokenizer.encoding.maxLength }, (_, i) => `${c.name}[${i}]`) : [c.name],
  );
  const standardiseColumns = columns.flatMap((c) => (c.kind === 'onehot' ? c.categories.map(() => false) : c.kind === 'text' ? new Array<boolean>(c.tokenizer.encoding.maxLength).fill(false) : [c.kind === 'number']));

  const keep = rowsThatFit(settings, train, rows, expanded.length, tableBytes);
  const streamed = keep === undefined ? streamPlan(settings, rows, expanded.length, tableBytes) : undefined;
  const loaded: LoadedData = {
    source: path.basename(train.file.shown),
    task: encoding.task,
    inputShape: [expanded.length],
    classes: encoding.classes,
    featureNames: text ? [text.column] : expanded,
    train: toTable(settings, train, columns, label, encoding, train, keep ?? streamed?.sampleRows, streamed?.validationRows),
    standardise: !text,
    standardiseColumns,
    text,
    categories: categorical.length > 0 ? Object.fromEntries(columns.flatMap((c) => (c.kind === 'onehot' || c.kind === 'index' ? [[c.name, c.categories]] : []))) : undefined,
    dtype: text ? 'int32' : undefined,
  };
  if (typeof settings.values.validation === 'string') {
    loaded.validation = toTable(settings, openFile(settings, 'validation', streamBytes), columns, label, encoding, train);
  }
  if (streamed) {
    // The training rows stay in the file: the trainer reads them in batches each epoch; validation is the file's first rows.
    if (streamed.validationRows > 0) loaded.validation = toTable(settings, train, columns, label, encoding, train, streamed.validationRows);
    const encoder = rowEncoder(settings, train, columns, label, encoding, train);
    const normalize = settings.boolean('normalize', true) && !text;
    const stats = normalize ? streamStatistics(train.source.forEach, encoder, streamed.validationRows, standardiseColumns) : undefined;
    loaded.trainStream = trainStream(train.source.records, encoder, streamed.validationRows, rows - streamed.validationRows, stats, settings.number('seed', 42, 0));
    loaded.fixedStandardisation = stats;
  }
  if (settings.has('test')) loaded.test = toTable(settings, openFile(settings, 'test', streamBytes), columns, label, encoding, train);
  const labelText = encoding.task === 'regression' ? l10n.t('a number to predict') : l10n.t('{0} classes', encoding.classes?.length ?? 0);
  const features = featureNames.length === 1 ? l10n.t('1 feature') : l10n.t('{0} features', featureNames.length);
  const what = text
    ? l10n.t('text `{0}` as {1} token ids (vocabulary of {2})', text.column, text.maxLength, text.vocabularySize)
    : categorical.length > 0 ? l10n.t('{0} ({1} categorical, {2})', features, categorical.length, String(encodingName)) : features;
  const parts = [l10n.t('{0}: label `{1}` ({2}), {3}', train.file.shown, label, labelText, what)];
  if (train.source.streamed) parts.push(l10n.t(', read in chunks (a large file)'));
  if (streamed) {
    parts.push(l10n.t('; {0} training rows read from the file in batches each epoch (too many to hold), {1} of them held as a sample',
      (rows - streamed.validationRows).toLocaleString('en-US'), streamed.sampleRows.toLocaleString('en-US')));
  } else if (keep !== undefined && keep < rows) {
    parts.push(l10n.t('; the first {0} of {1} rows (the whole table would not fit in memory)', keep.toLocaleString('en-US'), rows.toLocaleString('en-US')));
  }
  loaded.note = parts.join('');
  return loaded;
}

/**
 * How many training rows to hold: all of them when the table of float32 values fits the budget; otherwise the first
 * `limit:` rows (a shuffled slice would need the whole table in memory first); undefined: none, train from the file.
 */
function rowsThatFit(settings: DataSettings, train: RecordFile, rows: number, width: number, budget: number): number | undefined {
  const bytes = (n: number) => n * (width + 1) * 4;
  if (bytes(rows) <= budget) return rows;
  const size = (b: number) => (b >= 2 ** 30 ? `${(b / 2 ** 30).toFixed(1)} GB` : b >= 2 ** 20 ? `${(b / 2 ** 20).toFixed(1)} MB` : `${(b / 1024).toFixed(1)} KB`);
  const fit = Math.max(1, Math.floor(budget / ((width + 1) * 4)));
  const limit = settings.has('limit') ? Math.floor(settings.number('limit', rows, 1)) : undefined;
  if (limit === undefined) return undefined;
  if (bytes(limit) > budget) {
    settings.fail('data', l10n.t('{0}: {1} rows × {2} values take {3} as a table, more than the {4} training may use here — set `limit: {5}` (or less) to train on the first rows, or make the file smaller', train.file.shown, rows.toLocaleString('en-US'), width, size(bytes(rows)), size(budget), String(fit)), limit === undefined ? 'train' : 'limit');
  }
  return Math.min(limit, rows);
}

/** Rows kept in memory when training from the file: validation (a fraction of the file, its first rows) and a sample. */
function streamPlan(settings: DataSettings, rows: number, width: number, budget: number): { validationRows: number; sampleRows: number } {
  const fit = Math.max(2, Math.floor(budget / ((width + 1) * 4)));
  const fraction = typeof settings.values.validation === 'number' ? settings.number('validation', 0, 0, 0.9) : 0;
  const validationRows = Math.min(Math.round(rows * fraction), Math.floor(fit / 2));
  return { validationRows, sampleRows: Math.min(SAMPLE_ROWS, Math.floor(fit / 2), rows - validationRows) };
}

function openFile(settings: DataSettings, key: FileKey, streamBytes: number): RecordFile {
  const file = settings.existing(key, 'file');
  const format = formatOf(file.shown);
  if (!format) {
    settings.fail('data', l10n.t('`{0}`: unknown kind of data file — use .csv (with a header row), .json (an array of records), .jsonl (one record a line), .idx / .idx.gz, or a folder of images with one subfolder per class', file.shown), key);
  }
  let source: RecordSource;
  try {
    source = openRecords(file.absolute, format, streamBytes);
  } catch (e) {
    if (e instanceof CsvSyntaxError || e instanceof RecordError) settings.fail('data', `${file.shown} ${e.message}`, key);
    throw e;
  }
  const header = source.header.map((h, i) => h.trim() || l10n.t('column {0}', i + 1));
  if (header.length === 0) settings.fail('data', noRows(file.shown, format), key);
  header.forEach((h, i) => {
    const first = header.indexOf(h);
    if (first !== i) settings.fail('data', l10n.t('{0}: the header names `{1}` twice (columns {2} and {3}) — rename one', file.shown, h, first + 1, i + 1), key);
  });
  // A malformed record further on surfaces while the file is read; name the file and the key there too.
  const forEach = source.forEach;
  source.forEach = (fn) => {
    try {
      forEach(fn);
    } catch (e) {
      if (e instanceof CsvSyntaxError || e instanceof RecordError) settings.fail('data', `${file.shown} ${e.message}`, key);
      throw e;
    }
  };
  return { file, key, header, source };
}

function checkWidth(settings: DataSettings, f: RecordFile, fields: string[], line: number): void {
  if (fields.length !== f.header.length) {
    settings.fail('data', l10n.t('{0} has {1} values but the header has {2} columns — look for a missing comma, or a comma inside a value that needs "quotes"', where(f, line), fields.length, f.header.length), f.key);
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
    ? label ? l10n.t('unknown label column `{0}` — did you mean `{1}`? (the columns of {2}: {3})', name, hint, f.file.shown, columns) : l10n.t('unknown column `{0}` — did you mean `{1}`? (the columns of {2}: {3})', name, hint, f.file.shown, columns)
    : label ? l10n.t('unknown label column `{0}` (the columns of {1}: {2})', name, f.file.shown, columns) : l10n.t('unknown column `{0}` (the columns of {1}: {2})', name, f.file.shown, columns);
  return settings.fail('data', message, ...at);
}

/** `file row N` for CSV (a spreadsheet's row), `file line N` for JSON. */
function where(f: RecordFile, line: number): string {
  return f.source.format === 'csv' ? l10n.t('{0} row {1}', f.file.shown, line) : l10n.t('{0} line {1}', f.file.shown, line);
}

/** `file row N, column `name`` for CSV, `file line N, field `name`` for JSON. */
function whereField(f: RecordFile, line: number, name: string): string {
  return f.source.format === 'csv' ? l10n.t('{0}, column `{1}`', where(f, line), name) : l10n.t('{0}, field `{1}`', where(f, line), name);
}

/** A file without records (a CSV file also needs its header row). */
function noRows(shown: string, format: string): string {
  return format === 'csv' ? l10n.t('{0} has no data rows: it needs a header row and at least one record', shown) : l10n.t('{0} has no data rows: it needs at least one record', shown);
}

function toTable(settings: DataSettings, f: RecordFile, columns: Column[], label: string, encoding: LabelEncoding, train: RecordFile, take?: number, skip = 0): Table {
  const encoder = rowEncoder(settings, f, columns, label, encoding, train);
  let rows = take ?? 0;
  if (take === undefined) f.source.forEach(() => rows++);
  const { width } = encoder;
  const features = new Float32Array(rows * width);
  const labels = new Float32Array(rows);
  let r = 0;
  let skipped = 0;
  try {
    f.source.forEach((row, line) => {
      if (skipped < skip) {
        skipped++;
        return;
      }
      if (r === rows) throw ENOUGH; // the first rows of a file too large to hold whole
      labels[r] = encoder.encode(row, line, features, r * width);
      r++;
    });
  } catch (e) {
    if (e !== ENOUGH) throw e;
  }
  return { features, labels, size: rows };
}

export interface RowEncoder {
  /** Values a row becomes: one per number or index column, one per category of a one-hot column, maxLength per text. */
  width: number;
  /** Writes the row's features at `offset` and returns its label's number; a bad value is an error naming file, row and column. */
  encode(row: string[], line: number, features: Float32Array, offset: number): number;
}

/** How a record of `f` (train, validation or test: matched by column name) becomes numbers. */
export function rowEncoder(settings: DataSettings, f: RecordFile, columns: Column[], label: string, encoding: LabelEncoding, train: RecordFile): RowEncoder {
  // A test file is matched by column name, so its columns may come in another order.
  const at = (name: string) => {
    const i = f.header.indexOf(name);
    if (i < 0) settings.fail('data', l10n.t('{0} has no column `{1}`, which {2} has — {3} data needs the same columns', f.file.shown, name, train.file.shown, f.key), f.key);
    return i;
  };
  const sources = columns.map((c) => at(c.name));
  const labelColumn = at(label);
  const width = columns.reduce((w, c) => w + (c.kind === 'onehot' ? c.categories.length : c.kind === 'text' ? c.tokenizer.encoding.maxLength : 1), 0);
  const encode = (row: string[], line: number, features: Float32Array, start: number): number => {
    checkWidth(settings, f, row, line);
    let offset = start;
    columns.forEach((c, k) => {
      const raw = row[sources[k]];
      const name = c.name;
      const here = whereField(f, line, name);
      if (c.kind === 'text') {
        c.tokenizer.encodeInto(raw, features, offset);
        offset += c.tokenizer.encoding.maxLength;
        return;
      }
      const v = readValue(raw);
      if (v.kind === 'missing') settings.fail('data', l10n.t('{0}: the value is missing — fill it in, remove the row, or leave `{1}` out of `features:`', here, name), f.key);
      if (c.kind === 'number') {
        if (v.kind === 'text') {
          settings.fail('data', l10n.t('{0}: `{1}` is not a number — features must be numbers: fix the value, leave `{2}` out of `features:`, or if `{2}` holds categories list it in `categorical:`', here, v.text, name), f.key);
        }
        features[offset++] = v.value;
        return;
      }
      const category = c.index.get(raw.trim());
      if (category === undefined) {
        const known = c.categories.slice(0, 12).join(', ') + (c.categories.length > 12 ? ', …' : '');
        settings.fail('data', l10n.t('{0}: `{1}` is not a category seen in {2} ({3}) — fix the value, or add rows with it to the training file', here, raw.trim(), train.file.shown, known), f.key);
      }
      if (c.kind === 'index') features[offset++] = category;
      else {
        features.fill(0, offset, offset + c.categories.length);
        features[offset + category] = 1;
        offset += c.categories.length;
      }
    });
    const rawLabel = row[labelColumn].trim();
    const encoded = encoding.encode(rawLabel);
    if (encoded === undefined) settings.fail('data', `${whereField(f, line, label)}: ${unknownLabel(rawLabel, encoding, train)}`, f.key);
    return encoded;
  };
  return { width, encode };
}

function unknownLabel(raw: string, encoding: LabelEncoding, train: RecordFile): string {
  if (readValue(raw).kind === 'missing') return l10n.t('the label is missing — fill it in or remove the row');
  if (encoding.task === 'regression') return l10n.t('`{0}` is not a number, but the labels in {1} are numbers to predict', raw, train.file.shown);
  if (encoding.task === 'binary') return l10n.t('`{0}` is not 0 or 1, the labels in {1}', raw, train.file.shown);
  return l10n.t('`{0}` is not one of the classes in {1} ({2}), so the model cannot learn it — remove the row or add examples of it to the training file', raw, train.file.shown, encoding.classes?.join(', ') ?? '');
}
