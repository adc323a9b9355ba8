// Your own images: `train:` a folder with one subfolder per class of PNG / JPEG files, decoded in pure JavaScript
// (pngjs, jpeg-js), resized to `imageSize:` when it is given, as `channels:` 3 (RGB) or 1 (grey).
import * as l10n from '@vscode/l10n';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import type { LoadedData, Table } from './dataset';
import { imageDimensions, MAX_IMAGE_PIXELS } from './imageHeader';
import { throwIfInterrupted } from '../interrupt';
import type { DataSettings } from './settings';

type FolderKey = 'train' | 'validation' | 'test';

const IMAGE_TYPES = ['.png', '.jpg', '.jpeg'];
/** Image types people have that the decoders do not read: named in the error rather than skipped silently. */
const OTHER_IMAGE_TYPES = ['.gif', '.bmp', '.webp', '.tif', '.tiff', '.heic', '.svg'];
/** jpeg-js refuses to allocate more than this for one image (a guard against a corrupt header asking for gigabytes). */
const MAX_DECODE_MB = 512;

interface RgbaImage {
  width: number;
  height: number;
  /** 4 bytes a pixel. */
  data: Uint8Array;
}

export function loadImageFolders(settings: DataSettings): LoadedData {
  const size = imageSizeOf(settings);
  const channels = settings.values.channels ?? 3;
  const scale = (settings.values.normalize ?? true) ? 1 / 255 : 1;
  const trainFolder = settings.existing('train', 'folder');
  const classes = classFolders(settings, 'train', trainFolder.absolute, trainFolder.shown);
  if (classes.length < 2) {
    settings.fail(
      'data',
      classes.length === 0
        ? l10n.t(
            '{0} has no subfolders: put the images of each class in a subfolder of its own, named after the class, with at least two classes',
            trainFolder.shown,
          )
        : l10n.t(
            '{0} has one subfolder ({1}): put the images of each class in a subfolder of its own, named after the class, with at least two classes',
            trainFolder.shown,
            classes[0],
          ),
      'train',
    );
  }
  if (classes.length === 2) orderBinary(settings, trainFolder.absolute, classes);
  else if (settings.has('positive'))
    settings.fail(
      'invalid-cell',
      l10n.t(
        '`data.positive` is for two classes, but {0} has {1} class folders: remove `positive:`',
        trainFolder.shown,
        classes.length,
      ),
      'positive',
    );
  const reader = new FolderReader(settings, size, channels, scale);
  const train = reader.read('train', trainFolder.absolute, trainFolder.shown, classes);
  const [height, width] = reader.size ?? [0, 0];
  const task = classes.length === 2 ? 'binary' : 'classification';
  const loaded: LoadedData = {
    source: path.basename(trainFolder.absolute),
    task,
    inputShape: [height, width, channels],
    classes,
    positive: task === 'binary' ? classes[1] : undefined,
    train,
    // Resizing and scaling are fixed rather than learned, but predict must repeat them: they travel with the model.
    pipeline: {
      version: 1,
      input: { kind: 'image', height, width, channels, scale },
      label: { task, classes, positive: task === 'binary' ? classes[1] : undefined },
    },
  };
  for (const key of ['validation', 'test'] as const) {
    if (!settings.has(key) || (key === 'validation' && typeof settings.values.validation !== 'string')) continue;
    const folder = settings.existing(key, 'folder');
    const found = classFolders(settings, key, folder.absolute, folder.shown);
    const unknown = found.find((c) => !classes.includes(c));
    if (unknown)
      settings.fail(
        'data',
        l10n.t(
          '{0}/{1} is not a class of {2} ({3}) — the model cannot learn it; rename or remove the folder',
          folder.shown,
          unknown,
          trainFolder.shown,
          classes.join(', '),
        ),
        key,
      );
    loaded[key] = reader.read(key, folder.absolute, folder.shown, classes, found);
  }
  const resized = size ? l10n.t(', resized to {0}×{1}', size[0], size[1]) : '';
  loaded.note =
    l10n.t(
      'images in {0}: {1} in {2} classes, {3}×{4}×{5}',
      trainFolder.shown,
      train.size,
      classes.length,
      height,
      width,
      channels,
    ) + resized;
  return loaded;
}

/**
 * Two class folders are a yes/no task: puts the positive class second (its probability is the model's output). It is
 * `positive:` when given, else the folder with fewer images (the case to find is usually the rarer one).
 */
function orderBinary(settings: DataSettings, folder: string, classes: string[]): void {
  const positive = settings.has('positive') ? String(settings.values.positive) : undefined;
  if (positive !== undefined && !classes.includes(positive)) {
    settings.fail(
      'invalid-cell',
      l10n.t(
        '`data.positive` is `{0}`, but the class folders are `{1}` and `{2}`: name one of them',
        positive,
        classes[0],
        classes[1],
      ),
      'positive',
    );
  }
  const count = (name: string) =>
    fs.readdirSync(path.join(folder, name)).filter((f) => IMAGE_TYPES.includes(path.extname(f).toLowerCase())).length;
  const chosen = positive ?? (count(classes[0]) < count(classes[1]) ? classes[0] : classes[1]);
  if (classes[0] === chosen) classes.reverse();
}

/** `imageSize: [height, width]` (or one number for a square). */
function imageSizeOf(settings: DataSettings): [number, number] | undefined {
  const v = settings.values.imageSize;
  return typeof v === 'number' ? [v, v] : v;
}

function classFolders(settings: DataSettings, key: FolderKey, folder: string, shown: string): string[] {
  const entries = fs.readdirSync(folder, { withFileTypes: true }).filter((e) => !e.name.startsWith('.'));
  const loose = entries.find((e) => e.isFile() && IMAGE_TYPES.includes(path.extname(e.name).toLowerCase()));
  if (loose)
    settings.fail(
      'data',
      l10n.t(
        '{0}/{1} lies directly in the folder: put each image in the subfolder of its class ({0}/<class>/{1})',
        shown,
        loose.name,
      ),
      key,
    );
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

class FolderReader {
  /** [height, width] of every image: the declared size, or the first image's. */
  size?: [number, number];
  private firstFile?: string;

  constructor(
    private readonly settings: DataSettings,
    private readonly declared: [number, number] | undefined,
    private readonly channels: number,
    private readonly scale: number,
  ) {
    this.size = declared;
  }

  read(key: FolderKey, folder: string, shown: string, classes: string[], present: string[] = classes): Table {
    const files: { file: string; label: number }[] = [];
    for (const name of present) {
      const dir = path.join(folder, name);
      const inside = fs
        .readdirSync(dir)
        .filter((f) => !f.startsWith('.'))
        .sort();
      const other = inside.find((f) => OTHER_IMAGE_TYPES.includes(path.extname(f).toLowerCase()));
      if (other)
        this.settings.fail(
          'data',
          l10n.t('{0}/{1}/{2}: only PNG and JPEG images can be read — convert it, or remove it', shown, name, other),
          key,
        );
      const images = inside.filter((f) => IMAGE_TYPES.includes(path.extname(f).toLowerCase()));
      if (images.length === 0)
        this.settings.fail(
          'data',
          l10n.t(
            '{0}/{1} is empty: the class `{1}` has no .png or .jpg images — add some, or remove the folder',
            shown,
            name,
          ),
          key,
        );
      for (const f of images) files.push({ file: path.join(name, f), label: classes.indexOf(name) });
    }
    let features: Float32Array | undefined;
    const labels = new Float32Array(files.length);
    files.forEach(({ file, label }, i) => {
      throwIfInterrupted(); // decoding a folder holds the core's main thread: an interrupt is seen between images
      const shownFile = `${shown}/${file.split(path.sep).join('/')}`;
      const pixels = this.pixels(key, path.join(folder, file), shownFile);
      features ??= new Float32Array(files.length * pixels.length);
      features.set(pixels, i * pixels.length);
      labels[i] = label;
    });
    return { features: features ?? new Float32Array(0), labels, size: files.length };
  }

  /** One image as height × width × channels values, scaled. */
  private pixels(key: FolderKey, file: string, shown: string): Float32Array {
    const image = this.decode(key, file, shown);
    if (!this.size) {
      this.size = [image.height, image.width];
      this.firstFile = shown;
    }
    const [height, width] = this.size;
    if (!this.declared && (image.height !== height || image.width !== width)) {
      this.settings.fail(
        'data',
        l10n.t(
          '{0} is {1}×{2} pixels but {3} is {4}×{5}: declare `imageSize: [{4}, {5}]` to resize every image to one size',
          shown,
          image.height,
          image.width,
          String(this.firstFile),
          height,
          width,
        ),
        key,
      );
    }
    return toPixels(image, height, width, this.channels, this.scale);
  }

  private decode(key: FolderKey, file: string, shown: string): RgbaImage {
    const bytes = fs.readFileSync(file);
    // From the header, before a decoder allocates 4 bytes a pixel for whatever size the file claims.
    const size = imageDimensions(bytes);
    if (size && size.width * size.height > MAX_IMAGE_PIXELS) {
      this.settings.fail(
        'data',
        l10n.t(
          '{0} is {1}×{2} pixels, more than an image may have here (8192×8192, {3} megapixels): scale it down before training, or remove it',
          shown,
          size.width,
          size.height,
          Math.round(MAX_IMAGE_PIXELS / 1e6),
        ),
        key,
      );
    }
    try {
      if (bytes[0] === 0x89 && bytes[1] === 0x50) {
        const png = PNG.sync.read(bytes);
        return { width: png.width, height: png.height, data: png.data };
      }
      if (bytes[0] === 0xff && bytes[1] === 0xd8) {
        const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: MAX_DECODE_MB });
        return { width: img.width, height: img.height, data: img.data };
      }
      throw new Error(l10n.t('it is neither a PNG nor a JPEG file, whatever its name says'));
    } catch (e) {
      return this.settings.fail(
        'data',
        l10n.t(
          '{0} cannot be decoded ({1}) — open and re-save it as PNG or JPEG, or remove it',
          shown,
          (e as Error).message,
        ),
        key,
      );
    }
  }
}

/** Bilinear resampling (pixel centres aligned, as tf.image.resizeBilinear with halfPixelCenters) into channels. */
export function toPixels(
  image: RgbaImage,
  height: number,
  width: number,
  channels: number,
  scale: number,
): Float32Array {
  const out = new Float32Array(height * width * channels);
  const sy = image.height / height;
  const sx = image.width / width;
  const at = (x: number, y: number, c: number) => image.data[(y * image.width + x) * 4 + c];
  for (let y = 0; y < height; y++) {
    const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), image.height - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, image.height - 1);
    const dy = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), image.width - 1);
      const x0 = Math.floor(fx);
      const x1 = Math.min(x0 + 1, image.width - 1);
      const dx = fx - x0;
      const rgb = [0, 1, 2].map(
        (c) =>
          (at(x0, y0, c) * (1 - dx) + at(x1, y0, c) * dx) * (1 - dy) +
          (at(x0, y1, c) * (1 - dx) + at(x1, y1, c) * dx) * dy,
      );
      const o = (y * width + x) * channels;
      if (channels === 1) out[o] = (0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]) * scale;
      else for (let c = 0; c < 3; c++) out[o + c] = rgb[c] * scale;
    }
  }
  return out;
}
