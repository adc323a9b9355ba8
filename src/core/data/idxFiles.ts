// Your own IDX files (the MNIST family's format, gzipped or not): `train: [images, labels]`, or the images file alone
// when its labels lie beside it under the MNIST naming (`…-images-idx3-ubyte` → `…-labels-idx1-ubyte`).
import * as l10n from '@vscode/l10n';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LoadedData, Table } from './dataset';
import { IdxError, parseIdx, readIdxBytes } from './idx';
import { notFound, type CellPath, type DataSettings } from './settings';

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

/** `tableBytes`: the most the training values may take as float32, so each file may unzip to a quarter of it. */
export function loadIdxFiles(settings: DataSettings, tableBytes = Infinity): LoadedData {
  const scale = (settings.values.normalize ?? true) ? 1 / 255 : 1;
  const maxBytes = Math.floor(tableBytes / Float32Array.BYTES_PER_ELEMENT);
  const train = readPair(settings, 'train', scale, maxBytes);
  const maxLabel = train.table.labels.reduce((m, v) => Math.max(m, v), 0);
  const classCount = maxLabel + 1;
  if (classCount < 2)
    settings.fail('data', l10n.t('{0} has only label 0: there is nothing to learn', train.labelsFile.shown), 'train');
  const classes = Array.from({ length: classCount }, (_, i) => String(i));
  const loaded: LoadedData = {
    source: path.basename(train.imagesFile.shown),
    task: classCount === 2 ? 'binary' : 'classification',
    inputShape: train.shape,
    classes,
    train: train.table,
  };
  for (const key of ['validation', 'test'] as const) {
    if (
      key === 'validation' &&
      !Array.isArray(settings.values.validation) &&
      typeof settings.values.validation !== 'string'
    )
      continue;
    if (!settings.has(key)) continue;
    const other = readPair(settings, key, scale, maxBytes);
    if (other.shape.join() !== train.shape.join()) {
      settings.fail(
        'data',
        l10n.t(
          '{0} holds samples of shape [{1}] but {2} [{3}] — {4} data needs the same shape',
          other.imagesFile.shown,
          other.shape.join(', '),
          train.imagesFile.shown,
          train.shape.join(', '),
          key,
        ),
        key,
      );
    }
    const unseen = other.table.labels.findIndex((l) => l >= classCount);
    if (unseen >= 0) {
      settings.fail(
        'data',
        l10n.t(
          '{0} label {1} at position {2} is not a class of {3} (0–{4}) — the model cannot learn it',
          other.labelsFile.shown,
          other.table.labels[unseen],
          unseen + 1,
          train.labelsFile.shown,
          maxLabel,
        ),
        key,
      );
    }
    loaded[key] = other.table;
  }
  loaded.note = l10n.t(
    'IDX files {0} and {1}: {2} samples of shape [{3}], {4} classes',
    train.imagesFile.shown,
    train.labelsFile.shown,
    train.table.size,
    train.shape.join(', '),
    classCount,
  );
  return loaded;
}

interface Pair {
  imagesFile: CellPath;
  labelsFile: CellPath;
  table: Table;
  shape: number[];
}

function readPair(settings: DataSettings, key: FileKey, scale: number, maxBytes: number): Pair {
  const { imagesFile, labelsFile } = locatePair(settings, key);
  try {
    const images = readAnyIdx(imagesFile.absolute, imagesFile.shown, maxBytes);
    if (images.dims.length < 2 || images.dims.length > 4) {
      throw new IdxError(
        imagesFile.shown,
        images.dims.length === 1
          ? l10n.t(
              'has 1 dimension; samples need 2 (count × features), 3 (count × height × width) or 4 (… × channels) — is it the labels file?',
            )
          : l10n.t(
              'has {0} dimensions; samples need 2 (count × features), 3 (count × height × width) or 4 (… × channels) — is it the labels file?',
              images.dims.length,
            ),
      );
    }
    const labels = readAnyIdx(labelsFile.absolute, labelsFile.shown, maxBytes);
    if (labels.dims.length !== 1)
      throw new IdxError(
        labelsFile.shown,
        l10n.t(
          'has {0} dimensions; labels are one number per sample (1 dimension) — are images and labels swapped?',
          labels.dims.length,
        ),
      );
    const [count, ...rest] = images.dims;
    if (labels.dims[0] !== count)
      throw new IdxError(
        labelsFile.shown,
        l10n.t(
          'has {0} labels but {1} has {2} samples — they must pair one to one',
          labels.dims[0],
          imagesFile.shown,
          count,
        ),
      );
    // The file's bytes, scaled as they become a tensor (./index): no float32 copy of the images in JavaScript.
    const features = { bytes: images.values, scale };
    const shape = rest.length === 2 ? [...rest, 1] : rest;
    return {
      imagesFile,
      labelsFile,
      table: { features, labels: Float32Array.from(labels.values), size: count },
      shape,
    };
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
  const candidates = [guess, guess.replace(/\.gz$/i, ''), guess.endsWith('.gz') ? guess : `${guess}.gz`].filter(
    (c) => c !== base,
  );
  const found = candidates.map((c) => path.join(path.dirname(imagesFile.absolute), c)).find((c) => fs.existsSync(c));
  if (!found) {
    settings.fail(
      'data',
      l10n.t(
        '{0}: no labels file found beside it (looked for {1}) — name both: `{2}: [{0}, <labels file>]`',
        imagesFile.shown,
        candidates[0],
        key,
      ),
      key,
    );
  }
  return {
    imagesFile,
    labelsFile: { shown: path.join(path.dirname(imagesFile.shown), path.basename(found)), absolute: found },
  };
}

function existingItem(settings: DataSettings, key: FileKey, index: number): CellPath {
  const shown = String((settings.values[key] as unknown[])[index]);
  const absolute = path.resolve(settings.folder, shown);
  if (!fs.statSync(absolute, { throwIfNoEntry: false })?.isFile()) {
    settings.fail('data', notFound('file', shown, absolute), key, index);
  }
  return { shown, absolute };
}

/** An IDX array of unsigned bytes of whatever rank its header says, refused before unzipping when too large. */
function readAnyIdx(file: string, shown: string, maxBytes: number): { dims: number[]; values: Uint8Array } {
  const bytes = readIdxBytes(file, shown, maxBytes, l10n.t('cannot be unzipped ({0}); the file may be incomplete'));
  return parseIdx(bytes, shown, bytes.length >= 4 ? bytes[3] : 0);
}
