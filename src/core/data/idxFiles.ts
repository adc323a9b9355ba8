// Your own IDX files (the MNIST family's format, gzipped or not): `train: [images, labels]`, or the images file alone
// when its labels lie beside it under the MNIST naming (`…-images-idx3-ubyte` → `…-labels-idx1-ubyte`).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { LoadedData, Table } from './dataset';
import { IdxError, parseIdx } from './idx';
import type { CellPath, DataSettings } from './settings';

type FileKey = 'train' | 'validation' | 'test';

/** A file name that says IDX: `.idx`, `.idx3`, `-ubyte`, optionally gzipped. */
export function isIdxName(file: string): boolean {
  return /(\.idx\d?|[-_.]idx\d-ubyte|-ubyte)(\.gz)?$/i.test(file);
}

/** Whether the setting names IDX data: a list of two files, or one file with an IDX name. */
export function namesIdx(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 2 && value.every((v) => typeof v === 'string');
  return typeof value === 'string' && isIdxName(value);
}

export function loadIdxFiles(settings: DataSettings): LoadedData {
  const scale = settings.boolean('normalize', true) ? 1 / 255 : 1;
  const train = readPair(settings, 'train', scale);
  const maxLabel = train.table.labels.reduce((m, v) => Math.max(m, v), 0);
  const classCount = maxLabel + 1;
  if (classCount < 2) settings.fail('data', `${train.labelsFile.shown} has only label 0: there is nothing to learn`, 'train');
  const classes = Array.from({ length: classCount }, (_, i) => String(i));
  const loaded: LoadedData = {
    source: path.basename(train.imagesFile.shown),
    task: classCount === 2 ? 'binary' : 'classification',
    inputShape: train.shape,
    classes,
    train: train.table,
  };
  for (const key of ['validation', 'test'] as const) {
    if (key === 'validation' && !Array.isArray(settings.values.validation) && typeof settings.values.validation !== 'string') continue;
    if (!settings.has(key)) continue;
    const other = readPair(settings, key, scale);
    if (other.shape.join() !== train.shape.join()) {
      settings.fail('data', `${other.imagesFile.shown} holds samples of shape [${other.shape.join(', ')}] but ${train.imagesFile.shown} [${train.shape.join(', ')}] — ${key} data needs the same shape`, key);
    }
    const unseen = other.table.labels.findIndex((l) => l >= classCount);
    if (unseen >= 0) {
      settings.fail('data', `${other.labelsFile.shown} label ${other.table.labels[unseen]} at position ${unseen + 1} is not a class of ${train.labelsFile.shown} (0–${maxLabel}) — the model cannot learn it`, key);
    }
    loaded[key] = other.table;
  }
  loaded.note = `IDX files ${train.imagesFile.shown} and ${train.labelsFile.shown}: ${train.table.size} samples of shape [${train.shape.join(', ')}], ${classCount} classes`;
  return loaded;
}

interface Pair {
  imagesFile: CellPath;
  labelsFile: CellPath;
  table: Table;
  shape: number[];
}

function readPair(settings: DataSettings, key: FileKey, scale: number): Pair {
  const { imagesFile, labelsFile } = locatePair(settings, key);
  try {
    const images = readAnyIdx(imagesFile.absolute, imagesFile.shown);
    if (images.dims.length < 2 || images.dims.length > 4) {
      throw new IdxError(imagesFile.shown, `has ${images.dims.length} dimension${images.dims.length === 1 ? '' : 's'}; samples need 2 (count × features), 3 (count × height × width) or 4 (… × channels) — is it the labels file?`);
    }
    const labels = readAnyIdx(labelsFile.absolute, labelsFile.shown);
    if (labels.dims.length !== 1) throw new IdxError(labelsFile.shown, `has ${labels.dims.length} dimensions; labels are one number per sample (1 dimension) — are images and labels swapped?`);
    const [count, ...rest] = images.dims;
    if (labels.dims[0] !== count) throw new IdxError(labelsFile.shown, `has ${labels.dims[0]} labels but ${imagesFile.shown} has ${count} samples — they must pair one to one`);
    const features = new Float32Array(images.values.length);
    for (let i = 0; i < features.length; i++) features[i] = images.values[i] * scale;
    const shape = rest.length === 2 ? [...rest, 1] : rest;
    return { imagesFile, labelsFile, table: { features, labels: Float32Array.from(labels.values), size: count }, shape };
  } catch (e) {
    if (e instanceof IdxError) settings.fail('data', e.message, key);
    throw e;
  }
}

function locatePair(settings: DataSettings, key: FileKey): { imagesFile: CellPath; labelsFile: CellPath } {
  const value = settings.values[key];
  if (Array.isArray(value)) {
    return { imagesFile: existingItem(settings, key, 0), labelsFile: existingItem(settings, key, 1) };
  }
  const imagesFile = settings.existing(key, 'file');
  const base = path.basename(imagesFile.absolute);
  const guess = base.replace(/images/i, (m) => (m === 'IMAGES' ? 'LABELS' : 'labels')).replace(/idx[234]/i, 'idx1');
  const candidates = [guess, guess.replace(/\.gz$/i, ''), guess.endsWith('.gz') ? guess : `${guess}.gz`].filter((c) => c !== base);
  const found = candidates.map((c) => path.join(path.dirname(imagesFile.absolute), c)).find((c) => fs.existsSync(c));
  if (!found) {
    settings.fail('data', `${imagesFile.shown}: no labels file found beside it (looked for ${candidates[0]}) — name both: \`${key}: [${imagesFile.shown}, <labels file>]\``, key);
  }
  return { imagesFile, labelsFile: { shown: path.join(path.dirname(imagesFile.shown), path.basename(found)), absolute: found } };
}

function existingItem(settings: DataSettings, key: FileKey, index: number): CellPath {
  const shown = String((settings.values[key] as unknown[])[index]);
  const absolute = path.resolve(settings.folder, shown);
  if (!fs.statSync(absolute, { throwIfNoEntry: false })?.isFile()) {
    settings.fail('data', `file not found: \`${shown}\` (looked at ${absolute}; relative paths start from the notebook's folder)`, key, index);
  }
  return { shown, absolute };
}

/** An IDX array of unsigned bytes of whatever rank its header says. */
function readAnyIdx(file: string, shown: string): { dims: number[]; values: Uint8Array } {
  let bytes: Uint8Array = fs.readFileSync(file);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (e) {
      throw new IdxError(shown, `cannot be unzipped (${(e as Error).message}); the file may be incomplete`);
    }
  }
  return parseIdx(bytes, shown, bytes.length >= 4 ? bytes[3] : 0);
}
