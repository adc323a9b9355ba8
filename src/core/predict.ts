// The `predict` section: reads rows (inline, .csv, .json, .jsonl) or images (.png, .jpg, a folder of them), prepares
// them as the training data was (feature order, standardisation, image size), and shows each prediction with its confidence.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LayersModel, Tensor } from '@tensorflow/tfjs';
import { decode as decodeJpeg } from 'jpeg-js';
import { PNG } from 'pngjs';
import type { ParsedCell } from '../shared/cellSpec';
import type { CellOutput } from '../shared/protocol';
import { CellError } from './cellError';
import { parseCsv } from './data/csv';
import type { ExportedInfo } from './modelFiles';
import type { Tf } from './tf';

/** What predict needs to know of the data the model was trained on: from the session's data or a loaded export. */
export interface PredictContext {
  task?: string;
  classes?: string[];
  inputShape?: number[];
  featureNames?: string[];
  standardisation?: { mean: number[]; std: number[] };
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
  return { ...info, inputShape: known ?? info?.inputShape };
}

export async function runPredict(tf: Tf, cell: ParsedCell, model: LayersModel, context: PredictContext): Promise<CellOutput> {
  const at = cell.locate(['predict', 'input']);
  const input = cell.spec.predict?.input;
  if (input === undefined || input === null) {
    throw new CellError('invalid-cell', '`predict` needs `input:` — a file (.csv, .json, .jsonl, .png, .jpg), a folder of images, or rows such as `[[5.1, 3.5, 1.4, 0.2]]`', cell.locate(['predict']));
  }
  const inputShape = context.inputShape ?? [];
  const width = inputShape.reduce((a, b) => a * b, 1);
  const samples = readInputs(input, context, width, at);
  if (samples.length === 0) throw new CellError('invalid-cell', '`predict.input` holds no rows or images to classify', at);
  const probabilities = tf.tidy(() => {
    const xs = tf.tensor(samples.flatMap((s) => Array.from(s.values)), [samples.length, ...inputShape]);
    return (model.predict(xs) as Tensor).arraySync() as number[][];
  });
  const predictions = samples.map((s, i) => predictionOf(s.name, probabilities[i], context));
  return predictionOutput(predictions, context);
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

function predictionOutput(predictions: Prediction[], context: PredictContext): CellOutput {
  const regression = predictions.every((p) => p.confidence === undefined);
  const shown = predictions.slice(0, MAX_SHOWN);
  const escape = (s: string) => s.replace(/\|/g, '\\|');
  const percent = (p?: number) => (p === undefined ? '' : `${(p * 100).toFixed(1)}%`);
  const markdown = [
    regression ? '| # | input | prediction |' : '| # | input | prediction | confidence |',
    regression ? '|---:|---|---:|' : '|---:|---|---|---:|',
    ...shown.map((p, i) => `| ${i + 1} | ${escape(p.input)} | ${escape(p.label)} |${regression ? '' : ` ${percent(p.confidence)} |`}`),
  ];
  const more = predictions.length > shown.length ? `\n\n… and ${predictions.length - shown.length} more` : '';
  const title = `${predictions.length} prediction${predictions.length === 1 ? '' : 's'}${context.classes ? ` (classes: ${context.classes.join(', ')})` : ''}`;
  const plain = shown.map((p, i) => `${i + 1}. ${p.input} → ${p.label}${p.confidence === undefined ? '' : ` (${percent(p.confidence)})`}`);
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

function readInputs(input: unknown, context: PredictContext, width: number, at: { line: number; column: number }): Sample[] {
  const items = Array.isArray(input) ? input : [input];
  // Inline rows: `input: [[5.1, 3.5, 1.4, 0.2], …]` (or one row `[5.1, 3.5, 1.4, 0.2]`).
  if (items.length > 0 && items.every((r) => typeof r === 'number')) return [inlineRow(items as number[], 0, context, width, at)];
  const samples: Sample[] = [];
  items.forEach((item, i) => {
    if (Array.isArray(item)) samples.push(inlineRow(item, i, context, width, at));
    else if (typeof item === 'string') samples.push(...readPath(item, context, width, at));
    else throw new CellError('invalid-cell', `\`predict.input\` item ${i + 1} must be a path or a row of numbers, not ${JSON.stringify(item)}`, at);
  });
  return samples;
}

function inlineRow(row: unknown[], i: number, context: PredictContext, width: number, at: { line: number; column: number }): Sample {
  if (!row.every((v) => typeof v === 'number')) throw new CellError('invalid-cell', `\`predict.input\` row ${i + 1} must hold numbers only`, at);
  if (row.length !== width) throw new CellError('invalid-cell', `\`predict.input\` row ${i + 1} has ${row.length} values; the model takes ${width}${context.featureNames ? ` (${context.featureNames.join(', ')})` : ''}`, at);
  return { name: `[${row.join(', ')}]`, values: standardise(row as number[], context) };
}

function standardise(row: number[], context: PredictContext): number[] {
  const s = context.standardisation;
  return s ? row.map((v, j) => (v - s.mean[j]) / (s.std[j] || 1)) : row;
}

function readPath(shown: string, context: PredictContext, width: number, at: { line: number; column: number }): Sample[] {
  const file = path.resolve(shown); // the core's working directory is the notebook's folder
  if (!fs.existsSync(file)) throw new CellError('invalid-cell', `\`predict.input\`: ${shown} does not exist (relative paths start at the notebook's folder)`, at);
  if (fs.statSync(file).isDirectory()) {
    const images = fs.readdirSync(file).filter((f) => IMAGE_EXTENSIONS.includes(path.extname(f).toLowerCase())).sort();
    if (images.length === 0) throw new CellError('invalid-cell', `\`predict.input\`: the folder ${shown} holds no images (${IMAGE_EXTENSIONS.join(', ')})`, at);
    return images.map((f) => readImage(path.join(file, f), path.join(shown, f), context, at));
  }
  const ext = path.extname(file).toLowerCase();
  if (IMAGE_EXTENSIONS.includes(ext)) return [readImage(file, shown, context, at)];
  if (!ROW_EXTENSIONS.includes(ext)) {
    throw new CellError('invalid-cell', `\`predict.input\`: ${shown} is not a file predict reads (${[...ROW_EXTENSIONS, ...IMAGE_EXTENSIONS].join(', ')}, or a folder of images)`, at);
  }
  const text = fs.readFileSync(file, 'utf8');
  const records = ext === '.csv' ? csvRecords(text, shown, at) : jsonRecords(text, ext, shown, at);
  return records.map((r, i) => {
    const where = `${shown} ${r.where}`;
    let row: number[];
    if (Array.isArray(r.value)) row = r.value.map((v) => toNumber(v, where, at));
    else if (context.featureNames) row = context.featureNames.map((name) => {
      if (!(name in r.value)) throw new CellError('invalid-cell', `\`predict.input\`: ${where} has no column \`${name}\` (the model was trained on ${context.featureNames?.join(', ')})`, at);
      return toNumber((r.value as Record<string, unknown>)[name], `${where}, column \`${name}\``, at);
    });
    else row = Object.values(r.value).map((v) => toNumber(v, where, at));
    if (row.length !== width) throw new CellError('invalid-cell', `\`predict.input\`: ${where} has ${row.length} values; the model takes ${width}`, at);
    return { name: `${path.basename(shown)} ${r.where}`.trim() || String(i + 1), values: standardise(row, context) };
  });
}

function toNumber(v: unknown, where: string, at: { line: number; column: number }): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isFinite(n)) throw new CellError('invalid-cell', `\`predict.input\`: ${where}: ${JSON.stringify(v)} is not a number`, at);
  return n;
}

function csvRecords(text: string, shown: string, at: { line: number; column: number }): { where: string; value: Record<string, string> }[] {
  let parsed;
  try {
    parsed = parseCsv(text);
  } catch (e) {
    throw new CellError('invalid-cell', `\`predict.input\`: ${shown} ${(e as Error).message}`, at);
  }
  const [header, ...rows] = parsed.rows;
  if (!header) return [];
  return rows.map((r, i) => ({ where: `line ${parsed.lines[i + 1]}`, value: Object.fromEntries(header.map((h, j) => [h.trim(), r[j] ?? ''])) }));
}

function jsonRecords(text: string, ext: string, shown: string, at: { line: number; column: number }): { where: string; value: Record<string, unknown> | unknown[] }[] {
  try {
    if (ext === '.jsonl') {
      return text.split('\n').flatMap((line, i) => (line.trim() ? [{ where: `line ${i + 1}`, value: JSON.parse(line) }] : []));
    }
    const all = JSON.parse(text) as unknown;
    if (!Array.isArray(all)) throw new Error('expected a list of records');
    return all.map((value, i) => ({ where: `record ${i + 1}`, value }));
  } catch (e) {
    throw new CellError('invalid-cell', `\`predict.input\`: cannot read ${shown}: ${(e as Error).message}`, at);
  }
}

/** An image scaled to the model's input (nearest pixel), as grey or RGB values in [0, 1] like the image data sources. */
function readImage(file: string, shown: string, context: PredictContext, at: { line: number; column: number }): Sample {
  const shape = context.inputShape ?? [];
  if (shape.length !== 3 && shape.length !== 2) throw new CellError('invalid-cell', `\`predict.input\`: ${shown} is an image, but the model takes inputs of shape [${shape.join(', ')}]`, at);
  const [height, width, channels = 1] = shape;
  let image: { width: number; height: number; data: Uint8Array };
  try {
    const bytes = fs.readFileSync(file);
    image = path.extname(file).toLowerCase() === '.png' ? PNG.sync.read(bytes) : decodeJpeg(bytes, { useTArray: true, formatAsRGBA: true });
  } catch (e) {
    throw new CellError('invalid-cell', `\`predict.input\`: cannot decode ${shown}: ${(e as Error).message}`, at);
  }
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
