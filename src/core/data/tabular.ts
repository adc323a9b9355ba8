// Your own tables: `train:` (and `validation:`, `test:`) CSV, JSON or JSONL files with a `label:` column and `features:`
// columns that are numbers, categories (`categorical:`, one-hot or index) or one text column (`text:`, token ids).
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
    if (textName === label) settings.fail('data', `\`${textName}\` is the label; \`text:\` names the column to read`, 'text');
  }
  const defaultFeatures = textName !== undefined ? [textName] : header.filter((h) => h !== label);
  const featureNames = settings.strings('features') ?? defaultFeatures;
  featureNames.forEach((name, i) => {
    const at: (string | number)[] = Array.isArray(settings.values.features) ? ['features', i] : ['features'];
    column(settings, train, name, ...at);
    if (name === label) settings.fail('data', `\`${name}\` is the label; leave it out of \`features:\``, ...at);
    if (featureNames.indexOf(name) !== i) settings.fail('invalid-cell', `\`${name}\` is listed twice in \`features:\``, ...at);
  });
  if (featureNames.length === 0) settings.fail('data', `${train.file.shown} has no column besides the label \`${label}\` to learn from`, 'train');
  if (textName !== undefined && (featureNames.length !== 1 || featureNames[0] !== textName)) {
    settings.fail('data', `a text column is the model's only input: the tokens of \`${textName}\` go to an embedding, so leave the other columns out (\`features: [${textName}]\`)`, 'text');
  }
  const categorical = settings.strings('categorical') ?? [];
  categorical.forEach((name, i) => {
    const at: (string | number)[] = Array.isArray(settings.values.categorical) ? ['categorical', i] : ['categorical'];
    column(settings, train, name, ...at);
    if (!featureNames.includes(name)) settings.fail('data', `\`${name}\` is listed in \`categorical:\` but is not one of the features (${featureNames.join(', ')})`, ...at);
  });
  const encodingName = settings.values.encoding ?? 'onehot';
  if (encodingName !== 'onehot' && encodingName !== 'index') {
    settings.fail('invalid-cell', `\`data.encoding\` is \`onehot\` (one 0/1 input per category) or \`index\` (the category's number), got ${JSON.stringify(encodingName)}`, 'encoding');
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
    if (readValue(raw).kind === 'missing') settings.fail('data', `${where(train, line)}: the label (\`${label}\`) is missing — fill it in or remove the row`, 'train');
    labelValues.add(raw.trim());
    featureNames.forEach((name, f) => {
      const set = categorySets.get(name);
      const value = fields[featureIndex[f]];
      if (set) {
        if (readValue(value).kind === 'missing') settings.fail('data', `${where(train, line)}, ${field(train)} \`${name}\`: the category is missing — fill it in or remove the row`, 'train');
        set.add(value.trim());
      } else if (name === textName) {
        if (value.trim() === '') settings.fail('data', `${where(train, line)}, ${field(train)} \`${name}\`: the text is empty — fill it in or remove the row`, 'train');
        vocabulary.add(value);
      }
    });
  });
  if (rows === 0) settings.fail('data', `${train.file.shown} has no data rows: it needs ${train.source.format === 'csv' ? 'a header row and ' : ''}at least one record`, 'train');
  const encoding = encodeLabels([...labelValues], rows);
  if (encoding.task !== 'regression' && (encoding.classes?.length ?? 0) < 2) {
    settings.fail('data', `the label column \`${label}\` has the same value (\`${[...labelValues][0]}\`) in every row of ${train.file.shown}: there is nothing to learn`, 'label');
  }

  const text = textName !== undefined ? { column: textName, ...vocabulary.build(vocabularySize, maxLength) } : undefined;
  const columns: Column[] = featureNames.map((name, f): Column => {
    const set = categorySets.get(name);
    if (set) {
      if (set.size > MAX_CATEGORIES) {
        settings.fail('data', `\`${name}\` has ${set.size} different values in ${train.file.shown}, too many for categories (at most ${MAX_CATEGORIES}): is it an id, or text (\`text: ${name}\`)?`, ...(Array.isArray(settings.values.categorical) ? ['categorical', categorical.indexOf(name)] : ['categorical']));
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
  const labelText = encoding.task === 'regression' ? 'a number to predict' : `${encoding.classes?.length} classes`;
  const what = text
    ? `text \`${text.column}\` as ${text.maxLength} token ids (vocabulary of ${text.vocabularySize})`
    : `${featureNames.length} feature${featureNames.length === 1 ? '' : 's'}${categorical.length > 0 ? ` (${categorical.length} categorical, ${encodingName})` : ''}`;
  const first = streamed
    ? `; ${(rows - streamed.validationRows).toLocaleString('en-US')} training rows read from the file in batches each epoch (too many to hold), ${streamed.sampleRows.toLocaleString('en-US')} of them held as a sample`
    : keep !== undefined && keep < rows ? `; the first ${keep.toLocaleString('en-US')} of ${rows.toLocaleString('en-US')} rows (the whole table would not fit in memory)` : '';
  loaded.note = `${train.file.shown}: label \`${label}\` (${labelText}), ${what}${train.source.streamed ? ', read in chunks (a large file)' : ''}${first}`;
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
    settings.fail('data', `${train.file.shown}: ${rows.toLocaleString('en-US')} rows × ${width} values take ${size(bytes(rows))} as a table, more than the ${size(budget)} training may use here — set \`limit: ${fit.toLocaleString('en-US').replace(/,/g, '')}\` (or less) to train on the first rows, or make the file smaller`, limit === undefined ? 'train' : 'limit');
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
    settings.fail('data', `\`${file.shown}\`: unknown kind of data file — use .csv (with a header row), .json (an array of records), .jsonl (one record a line), .idx / .idx.gz, or a folder of images with one subfolder per class`, key);
  }
  let source: RecordSource;
  try {
    source = openRecords(file.absolute, format, streamBytes);
  } catch (e) {
    if (e instanceof CsvSyntaxError || e instanceof RecordError) settings.fail('data', `${file.shown} ${e.message}`, key);
    throw e;
  }
  const header = source.header.map((h, i) => h.trim() || `column ${i + 1}`);
  if (header.length === 0) settings.fail('data', `${file.shown} has no data rows: it needs ${format === 'csv' ? 'a header row and ' : ''}at least one record`, key);
  header.forEach((h, i) => {
    const first = header.indexOf(h);
    if (first !== i) settings.fail('data', `${file.shown}: the header names \`${h}\` twice (columns ${first + 1} and ${i + 1}) — rename one`, key);
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
    settings.fail('data', `${where(f, line)} has ${fields.length} values but the header has ${f.header.length} columns — look for a missing comma, or a comma inside a value that needs "quotes"`, f.key);
  }
}

/** The index of a named column; an unknown name is an error at the cell key that named it. */
function column(settings: DataSettings, f: RecordFile, name: string, ...at: (string | number)[]): number {
  const index = f.header.indexOf(name);
  if (index >= 0) return index;
  const hint = closest(name, f.header);
  const columns = f.header.map((h) => `\`${h}\``).join(', ');
  return settings.fail('data', `unknown ${at[0] === 'label' ? 'label column' : 'column'} \`${name}\`${hint ? ` — did you mean \`${hint}\`?` : ''} (the columns of ${f.file.shown}: ${columns})`, ...at);
}

/** `file row N` for CSV (a spreadsheet's row), `file line N` for JSON. */
function where(f: RecordFile, line: number): string {
  return `${f.file.shown} ${f.source.format === 'csv' ? 'row' : 'line'} ${line}`;
}

function field(f: RecordFile): string {
  return f.source.format === 'csv' ? 'column' : 'field';
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
    if (i < 0) settings.fail('data', `${f.file.shown} has no column \`${name}\`, which ${train.file.shown} has — ${f.key} data needs the same columns`, f.key);
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
      const here = `${where(f, line)}, ${field(f)} \`${name}\``;
      if (c.kind === 'text') {
        c.tokenizer.encodeInto(raw, features, offset);
        offset += c.tokenizer.encoding.maxLength;
        return;
      }
      const v = readValue(raw);
      if (v.kind === 'missing') settings.fail('data', `${here}: the value is missing — fill it in, remove the row, or leave \`${name}\` out of \`features:\``, f.key);
      if (c.kind === 'number') {
        if (v.kind === 'text') {
          settings.fail('data', `${here}: \`${v.text}\` is not a number — features must be numbers: fix the value, leave \`${name}\` out of \`features:\`, or if \`${name}\` holds categories list it in \`categorical:\``, f.key);
        }
        features[offset++] = v.value;
        return;
      }
      const category = c.index.get(raw.trim());
      if (category === undefined) {
        const known = c.categories.slice(0, 12).join(', ') + (c.categories.length > 12 ? ', …' : '');
        settings.fail('data', `${here}: \`${raw.trim()}\` is not a category seen in ${train.file.shown} (${known}) — fix the value, or add rows with it to the training file`, f.key);
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
    if (encoded === undefined) settings.fail('data', `${where(f, line)}, ${field(f)} \`${label}\`: ${unknownLabel(rawLabel, encoding, train)}`, f.key);
    return encoded;
  };
  return { width, encode };
}

function unknownLabel(raw: string, encoding: LabelEncoding, train: RecordFile): string {
  if (readValue(raw).kind === 'missing') return 'the label is missing — fill it in or remove the row';
  if (encoding.task === 'regression') return `\`${raw}\` is not a number, but the labels in ${train.file.shown} are numbers to predict`;
  if (encoding.task === 'binary') return `\`${raw}\` is not 0 or 1, the labels in ${train.file.shown}`;
  return `\`${raw}\` is not one of the classes in ${train.file.shown} (${encoding.classes?.join(', ')}), so the model cannot learn it — remove the row or add examples of it to the training file`;
}
