// The `predict` section: reads rows (inline, .csv, .json, .jsonl) or images (.png, .jpg, a folder of them), prepares
// them as the training data was (feature order, standardisation, image size), and shows each prediction with its confidence.
import * as l10n from '@vscode/l10n';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LayersModel, Tensor } from '@tensorflow/tfjs';
import { decode as decodeJpeg } from 'jpeg-js';
import { PNG } from 'pngjs';
import type { ParsedCell } from '../shared/cellSpec';
import type { CellOutput } from '../shared/protocol';
import { CellError } from './cellError';
import { tableEncoder, type TableEncoder } from './data/columnEncoding';
import { parseCsv } from './data/csv';
import { toPixels } from './data/images';
import type { FittedColumn } from './data/pipeline';
import { withoutBom } from './data/records';
import type { ExportedInfo, TrainedOn } from './modelFiles';
import type { Tf } from './tf';

/** What predict needs to know of the data the model was trained on: from the session's data or a loaded export. */
export interface PredictContext extends TrainedOn {
  /** Counts the categories of the rows read that the training rows did not have. */
  unknown?: { count: number };
}

export interface Prediction {
  input: string;
  label: string;
  /** The model's probability for the label; undefined for regression. */
  confidence?: number;
}

const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg'];
const ROW_EXTENSIONS = ['.csv', '.json', '.jsonl'];
const MAX_SHOWN = 100;

/** The model's own input shape comes first: a model built in a script cell may take other inputs than the data's. */
export function contextOf(info: ExportedInfo | PredictContext | undefined, model: LayersModel): PredictContext {
  const shape = model.inputs[0]?.shape.slice(1);
  const known = shape && shape.every((d) => d !== null) ? (shape as number[]) : undefined;
  const pipeline = info?.pipeline;
  // The fitted pipeline's classes and standardisation are the model's own (an export written before it had them: the info's).
  return {
    ...info,
    task: pipeline?.label.task ?? info?.task,
    classes: pipeline?.label.classes ?? info?.classes,
    standardisation: pipeline ? pipeline.standardisation : info?.standardisation,
    inputShape: known ?? info?.inputShape,
  };
}

export async function runPredict(
  tf: Tf,
  cell: ParsedCell,
  model: LayersModel,
  context: PredictContext,
): Promise<CellOutput> {
  const at = cell.locate(['predict', 'input']);
  const input = cell.spec.predict?.input;
  if (input === undefined) {
    throw new CellError(
      'invalid-cell',
      l10n.t(
        '`predict` needs `input:` — a file (.csv, .json, .jsonl, .png, .jpg), a folder of images, or rows such as `[[5.1, 3.5, 1.4, 0.2]]`',
      ),
      cell.locate(['predict']),
    );
  }
  const inputShape = context.inputShape ?? [];
  const width = inputShape.reduce((a, b) => a * b, 1);
  const unknown = { count: 0 };
  const samples = readInputs(input, { ...context, unknown }, width, at);
  if (samples.length === 0)
    throw new CellError('invalid-cell', l10n.t('`predict.input` holds no rows or images to classify'), at);
  const out = tf.tidy(
    () =>
      model.predict(
        tf.tensor(
          samples.flatMap((s) => Array.from(s.values)),
          [samples.length, ...inputShape],
        ),
      ) as Tensor,
  );
  // Read asynchronously: WebGPU in Node cannot read a result back synchronously (no OffscreenCanvas there).
  const probabilities = (await out.array().finally(() => out.dispose())) as number[][];
  const predictions = samples.map((s, i) => predictionOf(s.name, probabilities[i], context));
  return predictionOutput(predictions, context, unknown.count);
}

function predictionOf(input: string, out: number[] | number, context: PredictContext): Prediction {
  const values = Array.isArray(out) ? out : [out];
  const name = (i: number) => context.classes?.[i] ?? String(i);
  if (context.task === 'regression' || (values.length === 1 && context.task !== 'binary' && !context.classes)) {
    return { input, label: values.map((v) => Number(v.toPrecision(6))).join(', ') };
  }
  if (values.length === 1) {
    const p = values[0];
    return p >= 0.5 ? { input, label: name(1), confidence: p } : { input, label: name(0), confidence: 1 - p };
  }
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return { input, label: name(best), confidence: values[best] };
}

function predictionOutput(predictions: Prediction[], context: PredictContext, unknown: number): CellOutput {
  const regression = predictions.every((p) => p.confidence === undefined);
  const shown = predictions.slice(0, MAX_SHOWN);
  const escape = (s: string) => s.replace(/\|/g, '\\|');
  const percent = (p?: number) => (p === undefined ? '' : `${(p * 100).toFixed(1)}%`);
  const markdown = [
    regression ? l10n.t('| # | input | prediction |') : l10n.t('| # | input | prediction | confidence |'),
    regression ? '|---:|---|---:|' : '|---:|---|---|---:|',
    ...shown.map(
      (p, i) =>
        `| ${i + 1} | ${escape(p.input)} | ${escape(p.label)} |${regression ? '' : ` ${percent(p.confidence)} |`}`,
    ),
  ];
  let more =
    predictions.length > shown.length ? `\n\n${l10n.t('… and {0} more', predictions.length - shown.length)}` : '';
  if (unknown > 0)
    more += `\n\n${l10n.t('{0} categories that the training rows did not have were read as unknown', unknown)}`;
  const count = predictions.length === 1 ? l10n.t('1 prediction') : l10n.t('{0} predictions', predictions.length);
  const title = context.classes ? l10n.t('{0} (classes: {1})', count, context.classes.join(', ')) : count;
  const plain = shown.map(
    (p, i) => `${i + 1}. ${p.input} → ${p.label}${p.confidence === undefined ? '' : ` (${percent(p.confidence)})`}`,
  );
  return {
    items: [
      { mime: 'text/markdown', data: `**${title}**\n\n${markdown.join('\n')}${more}` },
      { mime: 'text/plain', data: [title, ...plain].join('\n') + more },
    ],
  };
}

interface Sample {
  name: string;
  values: Float32Array | number[];
}

function readInputs(
  input: unknown,
  context: PredictContext,
  width: number,
  at: { line: number; column: number },
): Sample[] {
  const items = Array.isArray(input) ? input : [input];
  // Inline rows: `input: [[5.1, 3.5, 1.4, 0.2], …]` (or one row `[5.1, 3.5, 1.4, 0.2]`).
  if (items.length > 0 && items.every((r) => typeof r === 'number'))
    return [inlineRow(items as number[], 0, context, width, at)];
  const samples: Sample[] = [];
  items.forEach((item, i) => {
    if (Array.isArray(item)) samples.push(inlineRow(item, i, context, width, at));
    else if (typeof item === 'string') samples.push(...readPath(item, context, width, at));
    else
      throw new CellError(
        'invalid-cell',
        l10n.t(
          '`predict.input` item {0} must be a path or a row of numbers, not {1}',
          i + 1,
          String(JSON.stringify(item)),
        ),
        at,
      );
  });
  return samples;
}

function inlineRow(
  row: unknown[],
  i: number,
  context: PredictContext,
  width: number,
  at: { line: number; column: number },
): Sample {
  const columns = tableColumns(context);
  if (columns) {
    // Raw values in the training file's column order: categories and text as written, through the fitted columns.
    if (row.length !== columns.length) {
      throw new CellError(
        'invalid-cell',
        l10n.t(
          '`predict.input` row {0} has {1} values; the model reads {2} columns ({3})',
          i + 1,
          row.length,
          columns.length,
          columns.map((c) => c.name).join(', '),
        ),
        at,
      );
    }
    const where = l10n.t('`predict.input` row {0}', i + 1);
    return { name: `[${row.join(', ')}]`, values: encodeRaw((k) => String(row[k] ?? ''), columns, context, where, at) };
  }
  if (!row.every((v) => typeof v === 'number'))
    throw new CellError('invalid-cell', l10n.t('`predict.input` row {0} must hold numbers only', i + 1), at);
  if (row.length !== width)
    throw new CellError(
      'invalid-cell',
      context.featureNames
        ? l10n.t(
            '`predict.input` row {0} has {1} values; the model takes {2} ({3})',
            i + 1,
            row.length,
            width,
            context.featureNames.join(', '),
          )
        : l10n.t('`predict.input` row {0} has {1} values; the model takes {2}', i + 1, row.length, width),
      at,
    );
  return { name: `[${row.join(', ')}]`, values: standardise(row as number[], context) };
}

function standardise<T extends number[] | Float32Array>(row: T, context: PredictContext): T {
  const s = context.standardisation;
  if (!s) return row;
  const out = row.slice() as T;
  for (let j = 0; j < out.length; j++) out[j] = (row[j] - s.mean[j]) / (s.std[j] || 1);
  return out;
}

/** One encoder per fitted pipeline (its category maps and tokenizer), not one per predicted row. */
const encoders = new WeakMap<FittedColumn[], TableEncoder>();
function encoderOf(columns: FittedColumn[]): TableEncoder {
  let encoder = encoders.get(columns);
  if (!encoder) encoders.set(columns, (encoder = tableEncoder(columns)));
  return encoder;
}

/** The training table's columns, when the model was trained on a table (an export from before pipelines: none). */
function tableColumns(context: PredictContext): FittedColumn[] | undefined {
  const input = context.pipeline?.input;
  return input?.kind === 'table' ? input.columns : undefined;
}

/**
 * One raw row through the fitted columns and standardisation; a category or word the training rows did not have
 * becomes "unknown" (all zeros for one-hot, the unknown id otherwise), as it did for validation rows.
 */
function encodeRaw(
  value: (column: number) => string,
  columns: FittedColumn[],
  context: PredictContext,
  where: string,
  at: { line: number; column: number },
): Float32Array {
  const encoder = encoderOf(columns);
  const out = new Float32Array(encoder.width);
  const written = encoder.write(value, out, 0);
  if ('problem' in written) {
    const name = columns[written.column].name;
    const p = written.problem;
    throw new CellError(
      'invalid-cell',
      p.kind === 'missing'
        ? l10n.t('`predict.input`: {0}, column `{1}`: the value is missing', where, name)
        : p.kind === 'too-large'
          ? l10n.t('`predict.input`: {0}, column `{1}`: {2} is too large (at most ±3.4e38)', where, name, p.text)
          : l10n.t(
              '`predict.input`: {0}, column `{1}`: {2} is not a number',
              where,
              name,
              String(JSON.stringify(p.text)),
            ),
      at,
    );
  }
  if (written.unknown > 0 && context.unknown) context.unknown.count += written.unknown;
  return standardise(out, context);
}

function readPath(
  shown: string,
  context: PredictContext,
  width: number,
  at: { line: number; column: number },
): Sample[] {
  const file = path.resolve(shown); // the core's working directory is the notebook's folder
  if (!fs.existsSync(file))
    throw new CellError(
      'invalid-cell',
      l10n.t("`predict.input`: {0} does not exist (relative paths start at the notebook's folder)", shown),
      at,
    );
  if (fs.statSync(file).isDirectory()) {
    const images = fs
      .readdirSync(file)
      .filter((f) => IMAGE_EXTENSIONS.includes(path.extname(f).toLowerCase()))
      .sort();
    if (images.length === 0)
      throw new CellError(
        'invalid-cell',
        l10n.t('`predict.input`: the folder {0} holds no images ({1})', shown, IMAGE_EXTENSIONS.join(', ')),
        at,
      );
    return images.map((f) => readImage(path.join(file, f), path.join(shown, f), context, at));
  }
  const ext = path.extname(file).toLowerCase();
  if (IMAGE_EXTENSIONS.includes(ext)) return [readImage(file, shown, context, at)];
  if (!ROW_EXTENSIONS.includes(ext)) {
    throw new CellError(
      'invalid-cell',
      l10n.t(
        '`predict.input`: {0} is not a file predict reads ({1}, or a folder of images)',
        shown,
        [...ROW_EXTENSIONS, ...IMAGE_EXTENSIONS].join(', '),
      ),
      at,
    );
  }
  const text = withoutBom(fs.readFileSync(file, 'utf8'));
  const records = ext === '.csv' ? csvRecords(text, shown, at) : jsonRecords(text, ext, shown, at);
  const columns = tableColumns(context);
  return records.map((r, i) => {
    const where = `${shown} ${r.where}`;
    const name = `${path.basename(shown)} ${r.where}`.trim() || String(i + 1);
    if (columns) {
      // Columns by name (a record's other fields, the label among them, are not read), else in the training order.
      const record = r.value;
      const raw = (k: number): string => {
        const c = columns[k].name;
        if (Array.isArray(record)) return String(record[k] ?? '');
        if (!(c in record))
          throw new CellError(
            'invalid-cell',
            l10n.t(
              '`predict.input`: {0} has no column `{1}` (the model was trained on {2})',
              where,
              c,
              columns.map((x) => x.name).join(', '),
            ),
            at,
          );
        const v = record[c];
        return v === null || v === undefined ? '' : String(v);
      };
      if (Array.isArray(record) && record.length !== columns.length) {
        throw new CellError(
          'invalid-cell',
          l10n.t(
            '`predict.input`: {0} has {1} values; the model reads {2} columns ({3})',
            where,
            record.length,
            columns.length,
            columns.map((c) => c.name).join(', '),
          ),
          at,
        );
      }
      return { name, values: encodeRaw(raw, columns, context, where, at) };
    }
    let row: number[];
    if (Array.isArray(r.value)) row = r.value.map((v) => toNumber(v, where, at));
    else if (context.featureNames)
      row = context.featureNames.map((name) => {
        if (!(name in r.value))
          throw new CellError(
            'invalid-cell',
            l10n.t(
              '`predict.input`: {0} has no column `{1}` (the model was trained on {2})',
              where,
              name,
              context.featureNames?.join(', ') ?? '',
            ),
            at,
          );
        return toNumber((r.value as Record<string, unknown>)[name], l10n.t('{0}, column `{1}`', where, name), at);
      });
    else row = Object.values(r.value).map((v) => toNumber(v, where, at));
    if (row.length !== width)
      throw new CellError(
        'invalid-cell',
        l10n.t('`predict.input`: {0} has {1} values; the model takes {2}', where, row.length, width),
        at,
      );
    return { name, values: standardise(row, context) };
  });
}

function toNumber(v: unknown, where: string, at: { line: number; column: number }): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isFinite(n))
    throw new CellError(
      'invalid-cell',
      l10n.t('`predict.input`: {0}: {1} is not a number', where, String(JSON.stringify(v))),
      at,
    );
  return n;
}

function csvRecords(
  text: string,
  shown: string,
  at: { line: number; column: number },
): { where: string; value: Record<string, string> }[] {
  let parsed;
  try {
    parsed = parseCsv(text);
  } catch (e) {
    throw new CellError('invalid-cell', l10n.t('`predict.input`: {0} {1}', shown, (e as Error).message), at);
  }
  const [header, ...rows] = parsed.rows;
  if (!header) return [];
  return rows.map((r, i) => ({
    where: l10n.t('line {0}', parsed.lines[i + 1]),
    value: Object.fromEntries(header.map((h, j) => [h.trim(), r[j] ?? ''])),
  }));
}

function jsonRecords(
  text: string,
  ext: string,
  shown: string,
  at: { line: number; column: number },
): { where: string; value: Record<string, unknown> | unknown[] }[] {
  try {
    if (ext === '.jsonl') {
      return text
        .split('\n')
        .flatMap((line, i) => (line.trim() ? [{ where: l10n.t('line {0}', i + 1), value: JSON.parse(line) }] : []));
    }
    const all = JSON.parse(text) as unknown;
    if (!Array.isArray(all)) throw new Error(l10n.t('expected a list of records'));
    return all.map((value, i) => ({ where: l10n.t('record {0}', i + 1), value }));
  } catch (e) {
    throw new CellError(
      'invalid-cell',
      l10n.t('`predict.input`: cannot read {0}: {1}', shown, (e as Error).message),
      at,
    );
  }
}

/**
 * An image resized and scaled as the training images were (bilinear, the pipeline's scale: 1/255, or 1 with
 * `normalize: false`); a model without a saved pipeline gets its input shape and values in [0, 1].
 */
function readImage(file: string, shown: string, context: PredictContext, at: { line: number; column: number }): Sample {
  const shape = context.inputShape ?? [];
  if (shape.length !== 3 && shape.length !== 2)
    throw new CellError(
      'invalid-cell',
      l10n.t('`predict.input`: {0} is an image, but the model takes inputs of shape [{1}]', shown, shape.join(', ')),
      at,
    );
  const [height, width, channels = 1] = shape;
  const input = context.pipeline?.input;
  let image: { width: number; height: number; data: Uint8Array };
  try {
    const bytes = fs.readFileSync(file);
    image =
      path.extname(file).toLowerCase() === '.png'
        ? PNG.sync.read(bytes)
        : decodeJpeg(bytes, { useTArray: true, formatAsRGBA: true });
  } catch (e) {
    throw new CellError(
      'invalid-cell',
      l10n.t('`predict.input`: cannot decode {0}: {1}', shown, (e as Error).message),
      at,
    );
  }
  if (input?.kind === 'image')
    return { name: shown, values: standardise(toPixels(image, height, width, channels, input.scale), context) };
  const values = new Float32Array(height * width * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sy = Math.min(image.height - 1, Math.floor(((y + 0.5) * image.height) / height));
      const sx = Math.min(image.width - 1, Math.floor(((x + 0.5) * image.width) / width));
      const p = (sy * image.width + sx) * 4;
      const [r, g, b] = [image.data[p], image.data[p + 1], image.data[p + 2]];
      const o = (y * width + x) * channels;
      if (channels === 1) values[o] = (0.299 * r + 0.587 * g + 0.114 * b) / 255;
      else for (let c = 0; c < channels; c++) values[o + c] = [r, g, b][c] / 255;
    }
  }
  return { name: shown, values };
}
