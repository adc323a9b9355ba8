// The built-in `fashion-mnist`: the full set where it is installed, else the small sample shipped with the extension.
import * as l10n from '@vscode/l10n';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LoadedData, Table } from './dataset';
import { IdxError, readIdx } from './idx';
import type { DataSettings } from './settings';

export const FASHION_CLASSES = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
];
/** Where Debian's and Ubuntu's `dataset-fashion-mnist` package installs the files. */
export const SYSTEM_FOLDER = '/usr/share/datasets/fashion-mnist';
export const FOLDER_ENV = 'BIGMODEL_FASHION_MNIST_DIR';
const SAMPLE_FOLDER = path.join('examples', 'data', 'fashion-mnist-sample');
const FULL_TRAIN_SIZE = 60000;

const FILE_NAMES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
};
type Files = Record<keyof typeof FILE_NAMES, string>;

interface Found {
  folder: string;
  files: Files;
  sample: boolean;
  /** Why the sample was used although a folder was named. */
  why?: string;
}

/** The four files in `folder` (each gzipped or not), or the names of those missing. */
function filesIn(folder: string): { files: Files } | { missing: string[] } {
  const files: Partial<Files> = {};
  const missing: string[] = [];
  for (const [key, base] of Object.entries(FILE_NAMES) as [keyof Files, string][]) {
    const found = [`${base}.gz`, base].map((f) => path.join(folder, f)).find((f) => fs.existsSync(f));
    if (found) files[key] = found;
    else missing.push(`${base}.gz`);
  }
  return missing.length > 0 ? { missing } : { files: files as Files };
}

/** The shipped sample: beside the bundle (`dist/../examples`) or, for transpiled tests, some folders further up. */
export function sampleFolder(start: string = __dirname): string | undefined {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, SAMPLE_FOLDER);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** `data.path` first; then the folder in BIGMODEL_FASHION_MNIST_DIR, or the system folder; then the sample. */
function locate(settings: DataSettings, env: NodeJS.ProcessEnv): Found {
  if (settings.has('path')) {
    const folder = settings.existing('path', 'folder').absolute;
    const inFolder = filesIn(folder);
    if ('missing' in inFolder)
      settings.fail(
        'data',
        l10n.t('{0} has no Fashion-MNIST files: missing {1}', folder, inFolder.missing.join(', ')),
        'path',
      );
    return { folder, files: inFolder.files, sample: false };
  }
  const named = env[FOLDER_ENV];
  const folder = named ? path.resolve(named) : SYSTEM_FOLDER;
  const inFolder = filesIn(folder);
  if ('files' in inFolder) return { folder, files: inFolder.files, sample: false };
  const sample = sampleFolder();
  const inSample = sample ? filesIn(sample) : undefined;
  if (!sample || !inSample || 'missing' in inSample) {
    settings.fail(
      'data',
      l10n.t(
        'Fashion-MNIST not found: nothing in {0} and no sample beside BigModel Studio — install dataset-fashion-mnist, or set `data.path` to a folder with the IDX files',
        folder,
      ),
      'source',
    );
  }
  return {
    folder: sample,
    files: inSample.files,
    sample: true,
    why: named ? l10n.t('{0}={1} has no Fashion-MNIST files', FOLDER_ENV, named) : undefined,
  };
}

export function loadFashionMnist(settings: DataSettings, env: NodeJS.ProcessEnv = process.env): LoadedData {
  const found = locate(settings, env);
  const scale = (settings.values.normalize ?? true) ? 1 / 255 : 1;
  let train: Table & { shape: number[] };
  let test: Table & { shape: number[] };
  try {
    train = readImages(found.files.trainImages, found.files.trainLabels, scale);
    test = readImages(found.files.testImages, found.files.testLabels, scale);
  } catch (e) {
    if (e instanceof IdxError) settings.fail('data', e.message, settings.has('path') ? 'path' : 'source');
    throw e;
  }
  if (train.shape.join() !== test.shape.join()) {
    settings.fail(
      'data',
      l10n.t(
        '{0}: training images are {1} but test images {2}',
        found.folder,
        train.shape.join('×'),
        test.shape.join('×'),
      ),
      settings.has('path') ? 'path' : 'source',
    );
  }
  const count = (n: number) => n.toLocaleString('en-US');
  let note: string;
  if (found.sample) {
    note = found.why
      ? l10n.t(
          'the {0}-image sample shipped with BigModel Studio: install dataset-fashion-mnist for the full set ({1})',
          count(train.size),
          found.why,
        )
      : l10n.t(
          'the {0}-image sample shipped with BigModel Studio: install dataset-fashion-mnist for the full set',
          count(train.size),
        );
  } else if (train.size === FULL_TRAIN_SIZE) {
    note = l10n.t('full Fashion-MNIST from {0}', found.folder);
  } else {
    note = l10n.t(
      'Fashion-MNIST from {0} ({1} train / {2} test images)',
      found.folder,
      count(train.size),
      count(test.size),
    );
  }
  const strip = (t: Table): Table => ({ features: t.features, labels: t.labels, size: t.size });
  return {
    source: 'fashion-mnist',
    task: 'classification',
    inputShape: train.shape,
    classes: FASHION_CLASSES,
    train: strip(train),
    test: strip(test),
    note,
  };
}

/**
 * One split as its file's bytes (47 MB for 60,000 images), each × `scale` once it is a tensor: the pixels become
 * float32 only there (`featuresTensor` in ./index), never as a second copy in JavaScript.
 */
function readImages(imagesFile: string, labelsFile: string, scale: number): Table & { shape: number[] } {
  const images = readIdx(imagesFile, 3);
  const [count, rows, columns] = images.dims;
  const features = { bytes: images.values, scale };
  const labelBytes = readIdx(labelsFile, 1);
  if (labelBytes.dims[0] !== count) {
    throw new IdxError(
      labelsFile,
      l10n.t('has {0} labels but {1} has {2} images', labelBytes.dims[0], path.basename(imagesFile), count),
    );
  }
  const labels = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const label = labelBytes.values[i];
    if (label >= FASHION_CLASSES.length)
      throw new IdxError(
        labelsFile,
        l10n.t('label {0} at position {1} is not a class (0–{2})', label, i + 1, FASHION_CLASSES.length - 1),
      );
    labels[i] = label;
  }
  return { features, labels, size: count, shape: [rows, columns, 1] };
}
