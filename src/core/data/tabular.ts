// Your own tables: `train:` (and `validation:`, `test:`) CSV files with a header row, a `label:` column and `features:` columns.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { closest } from '../../shared/suggest';
import { CsvSyntaxError, parseCsv } from './csv';
import type { LoadedData, Table } from './dataset';
import type { CellPath, DataSettings } from './settings';
import { encodeLabels, readValue, type LabelEncoding } from './values';

type FileKey = 'train' | 'validation' | 'test';

interface CsvFile {
  file: CellPath;
  key: FileKey;
  header: string[];
  /** Data records (the header left out) and the file line each starts on. */
  rows: string[][];
  lines: number[];
}

export function loadCsv(settings: DataSettings): LoadedData {
  const train = readCsvFile(settings, 'train');
  const { header } = train;
  const label = settings.string('label') ?? header[header.length - 1];
  const labelColumn = column(settings, train, label, 'label');
  const featureNames = settings.strings('features') ?? header.filter((h) => h !== label);
  featureNames.forEach((name, i) => {
    const at: (string | number)[] = Array.isArray(settings.values.features) ? ['features', i] : ['features'];
    column(settings, train, name, ...at);
    if (name === label) settings.fail('data', `\`${name}\` is the label; leave it out of \`features:\``, ...at);
    if (featureNames.indexOf(name) !== i) settings.fail('invalid-cell', `\`${name}\` is listed twice in \`features:\``, ...at);
  });
  if (featureNames.length === 0) settings.fail('data', `${train.file.shown} has no column besides the label \`${label}\` to learn from`, 'train');

  const labelValues = train.rows.map((r, i) => {
    const v = readValue(r[labelColumn]);
    if (v.kind === 'missing') settings.fail('data', `${where(train, i)}: the label (\`${label}\`) is missing — fill it in or remove the row`, 'train');
    return r[labelColumn].trim();
  });
  const encoding = encodeLabels(labelValues);
  if (encoding.task !== 'regression' && (encoding.classes?.length ?? 0) < 2) {
    settings.fail('data', `the label column \`${label}\` has the same value (\`${labelValues[0]}\`) in every row of ${train.file.shown}: there is nothing to learn`, 'label');
  }
  const loaded: LoadedData = {
    source: path.basename(train.file.shown),
    task: encoding.task,
    inputShape: [featureNames.length],
    classes: encoding.classes,
    featureNames,
    train: toTable(settings, train, featureNames, label, encoding, train),
    standardise: true,
  };
  if (typeof settings.values.validation === 'string') {
    loaded.validation = toTable(settings, readCsvFile(settings, 'validation'), featureNames, label, encoding, train);
  }
  if (settings.has('test')) {
    const test = readCsvFile(settings, 'test');
    loaded.test = toTable(settings, test, featureNames, label, encoding, train);
  }
  const labelText = encoding.task === 'regression' ? 'a number to predict' : `${encoding.classes?.length} classes`;
  loaded.note = `${train.file.shown}: label \`${label}\` (${labelText}), ${featureNames.length} feature${featureNames.length === 1 ? '' : 's'}`;
  return loaded;
}

function readCsvFile(settings: DataSettings, key: FileKey): CsvFile {
  const file = settings.existing(key, 'file');
  if (path.extname(file.shown).toLowerCase() !== '.csv') {
    settings.fail('data', `\`${file.shown}\`: only .csv files (with a header row) can be read for now`, key);
  }
  let records;
  try {
    records = parseCsv(fs.readFileSync(file.absolute, 'utf8'));
  } catch (e) {
    if (e instanceof CsvSyntaxError) settings.fail('data', `${file.shown} ${e.message}`, key);
    throw e;
  }
  if (records.rows.length < 2) settings.fail('data', `${file.shown} has no data rows: it needs a header row and at least one row of values`, key);
  const header = records.rows[0].map((h, i) => h.trim() || `column ${i + 1}`);
  header.forEach((h, i) => {
    const first = header.indexOf(h);
    if (first !== i) settings.fail('data', `${file.shown}: the header names \`${h}\` twice (columns ${first + 1} and ${i + 1}) — rename one`, key);
  });
  const csv: CsvFile = { file, key, header, rows: records.rows.slice(1), lines: records.lines.slice(1) };
  csv.rows.forEach((r, i) => {
    if (r.length !== header.length) {
      settings.fail('data', `${where(csv, i)} has ${r.length} values but the header has ${header.length} columns — look for a missing comma, or a comma inside a value that needs "quotes"`, key);
    }
  });
  return csv;
}

/** The index of a named column; an unknown name is an error at the cell key that named it. */
function column(settings: DataSettings, csv: CsvFile, name: string, ...at: (string | number)[]): number {
  const index = csv.header.indexOf(name);
  if (index >= 0) return index;
  const hint = closest(name, csv.header);
  const columns = csv.header.map((h) => `\`${h}\``).join(', ');
  return settings.fail('data', `unknown ${at[0] === 'label' ? 'label column' : 'column'} \`${name}\`${hint ? ` — did you mean \`${hint}\`?` : ''} (the columns of ${csv.file.shown}: ${columns})`, ...at);
}

function where(csv: CsvFile, record: number): string {
  return `${csv.file.shown} row ${csv.lines[record]}`;
}

function toTable(settings: DataSettings, csv: CsvFile, featureNames: string[], label: string, encoding: LabelEncoding, train: CsvFile): Table {
  // A test file is matched by column name, so its columns may come in another order.
  const at = (name: string) => {
    const i = csv.header.indexOf(name);
    if (i < 0) settings.fail('data', `${csv.file.shown} has no column \`${name}\`, which ${train.file.shown} has — test data needs the same columns`, csv.key);
    return i;
  };
  const columns = featureNames.map(at);
  const labelColumn = at(label);
  const width = columns.length;
  const features = new Float32Array(csv.rows.length * width);
  const labels = new Float32Array(csv.rows.length);
  csv.rows.forEach((row, r) => {
    columns.forEach((c, f) => {
      const v = readValue(row[c]);
      const name = featureNames[f];
      if (v.kind === 'missing') settings.fail('data', `${where(csv, r)}, column \`${name}\`: the value is missing — fill it in, remove the row, or leave \`${name}\` out of \`features:\``, csv.key);
      if (v.kind === 'text') settings.fail('data', `${where(csv, r)}, column \`${name}\`: \`${v.text}\` is not a number — features must be numbers: fix the value, or leave \`${name}\` out of \`features:\``, csv.key);
      features[r * width + f] = v.value;
    });
    const raw = row[labelColumn].trim();
    const encoded = encoding.encode(raw);
    if (encoded === undefined) settings.fail('data', `${where(csv, r)}, column \`${label}\`: ${unknownLabel(raw, encoding, train)}`, csv.key);
    labels[r] = encoded;
  });
  return { features, labels, size: csv.rows.length };
}

function unknownLabel(raw: string, encoding: LabelEncoding, train: CsvFile): string {
  if (readValue(raw).kind === 'missing') return 'the label is missing — fill it in or remove the row';
  if (encoding.task === 'regression') return `\`${raw}\` is not a number, but the labels in ${train.file.shown} are numbers to predict`;
  if (encoding.task === 'binary') return `\`${raw}\` is not 0 or 1, the labels in ${train.file.shown}`;
  return `\`${raw}\` is not one of the classes in ${train.file.shown} (${encoding.classes?.join(', ')}), so the model cannot learn it — remove the row or add examples of it to the training file`;
}
