// Images kept as their file's bytes until they are tensors (issue 18 item 5): the tensors hold exactly what decoding
// every image as float32 and then cutting `limit:`, the split and the shuffle out of it gave, on cpu and on wasm
// (where the bytes are scaled straight into the heap), for several limits, seeds and folds.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { PNG } from 'pngjs';
import { parseCell } from '../../src/shared/cellSpec';
import { parseNotebook } from '../../src/shared/notebookFile';
import { MIME, type DataPreviewPayload, type EvaluationPayload } from '../../src/shared/outputs';
import { CellError } from '../../src/core/cellError';
import { disposeData, loadData, type Split } from '../../src/core/data';
import { sampleFolder, SYSTEM_FOLDER } from '../../src/core/data/fashionMnist';
import { readIdx } from '../../src/core/data/idx';
import { planSplit, type SplitOptions } from '../../src/core/data/split';
import { scratchFolder } from './scratchFolder';

const hasFullSet = fs.existsSync(path.join(SYSTEM_FOLDER, 'train-images-idx3-ubyte.gz'));
const PIXELS = 28 * 28;

interface Decoded {
  features: Float32Array;
  labels: Uint8Array;
}

/** The way before: every image of the file as float32 (× 1/255), before anything is cut. */
function decodeAll(folder: string, split: 'train' | 't10k', scale: number): Decoded {
  const images = readIdx(path.join(folder, `${split}-images-idx3-ubyte.gz`), 3).values;
  const features = new Float32Array(images.length);
  for (let i = 0; i < images.length; i++) features[i] = images[i] * scale;
  return { features, labels: readIdx(path.join(folder, `${split}-labels-idx1-ubyte.gz`), 1).values };
}

/** Rows `rows` of `d`, in that order. */
function cut(d: Decoded, rows: ArrayLike<number>): Decoded {
  const features = new Float32Array(rows.length * PIXELS);
  const labels = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    features.set(d.features.subarray(rows[i] * PIXELS, (rows[i] + 1) * PIXELS), i * PIXELS);
    labels[i] = d.labels[rows[i]];
  }
  return { features, labels };
}

function sameAs(split: Split | undefined, expected: Decoded, what: string): void {
  assert.ok(split, `${what} exists`);
  assert.equal(split.size, expected.labels.length, `${what}: size`);
  const xs = split.xs.dataSync() as Float32Array;
  assert.ok(
    Buffer.from(xs.buffer, xs.byteOffset, xs.byteLength).equals(
      Buffer.from(expected.features.buffer, expected.features.byteOffset, expected.features.byteLength),
    ),
    `${what}: the same float32 pixels, to the bit, in the same order`,
  );
  const oneHot = new Float32Array(expected.labels.length * 10);
  expected.labels.forEach((l, i) => (oneHot[i * 10 + l] = 1));
  assert.deepEqual(Array.from(split.ys.dataSync()), Array.from(oneHot), `${what}: the same labels in the same order`);
}

interface Case {
  limit?: number;
  seed?: number;
  shuffle?: boolean;
  validation?: number;
  normalize?: boolean;
  fold?: { index: number; count: number };
}

function check(folder: string, c: Case, train: Decoded, test: Decoded, raw: { train: Decoded; test: Decoded }): void {
  const settings = [
    'source: fashion-mnist',
    `path: ${JSON.stringify(folder)}`,
    c.limit !== undefined && `limit: ${c.limit}`,
    c.seed !== undefined && `seed: ${c.seed}`,
    c.shuffle !== undefined && `shuffle: ${c.shuffle}`,
    c.validation !== undefined && `validation: ${c.validation}`,
    c.normalize !== undefined && `normalize: ${c.normalize}`,
  ].filter(Boolean);
  const options: SplitOptions = {
    shuffle: c.shuffle ?? true,
    seed: c.seed ?? 42,
    limit: c.limit ?? Infinity,
    validation: c.validation ?? 0,
    fold: c.fold,
  };
  const what = `${tf.getBackend()} ${JSON.stringify(c)}`;
  const d = loadData(tf, parseCell(`data: { ${settings.join(', ')} }`), process.cwd(), { fold: c.fold });
  try {
    const scaled = c.normalize === false ? raw : { train, test };
    const plan = planSplit(scaled.train.labels.length, scaled.train.labels, options);
    sameAs(d.train, cut(scaled.train, plan.train), `${what}: train`);
    if (plan.validation.length > 0) sameAs(d.validation, cut(scaled.train, plan.validation), `${what}: validation`);
    else assert.equal(d.validation, undefined, `${what}: no validation`);
    // Cross-validation measures the fold held out; otherwise the test file, whole, in file order.
    sameAs(d.test, c.fold ? cut(scaled.train, plan.heldOut) : scaled.test, `${what}: test`);
  } finally {
    disposeData(d);
  }
}

const CASES: Case[] = [
  {},
  { limit: 100 },
  { limit: 640, seed: 1 },
  { limit: 1000, seed: 7, validation: 0.1 },
  { limit: 500, shuffle: false, validation: 0.2 },
  { limit: 300, seed: 3, validation: 0.1, fold: { index: 1, count: 3 } },
  { limit: 200, normalize: false },
];

for (const backend of ['cpu', 'wasm']) {
  describe(`data: images as bytes until they are tensors, on ${backend}`, function () {
    before(async () => {
      setWasmPaths(
        path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm')) + path.sep,
      );
      await tf.setBackend(backend);
    });

    it('gives the shipped sample exactly as decoding all of it as float32 and cutting did', () => {
      const folder = sampleFolder()!;
      const raw = { train: decodeAll(folder, 'train', 1), test: decodeAll(folder, 't10k', 1) };
      const train = decodeAll(folder, 'train', 1 / 255);
      const test = decodeAll(folder, 't10k', 1 / 255);
      // The sample holds 2,000 training images: 5,000 is a limit above all of them.
      for (const c of [...CASES, { limit: 5000, seed: 11, validation: 0.15 }, { limit: 2000, seed: 5 }])
        check(folder, c, train, test, raw);
    });

    (hasFullSet ? it : it.skip)(
      `gives the full set exactly as decoding all of it as float32 and cutting did`,
      function () {
        this.timeout(300000);
        const raw = { train: decodeAll(SYSTEM_FOLDER, 'train', 1), test: decodeAll(SYSTEM_FOLDER, 't10k', 1) };
        const train = decodeAll(SYSTEM_FOLDER, 'train', 1 / 255);
        const test = decodeAll(SYSTEM_FOLDER, 't10k', 1 / 255);
        for (const c of [
          { limit: 640 },
          { limit: 3200, seed: 9, validation: 0.1 },
          { limit: 1200, seed: 2, validation: 0.1, fold: { index: 0, count: 4 } },
          { limit: 400, normalize: false },
          { limit: 70000, seed: 4 },
        ])
          check(SYSTEM_FOLDER, c, train, test, raw);
      },
    );
  });
}

describe('data: a damaged Fashion-MNIST file', () => {
  const folder = sampleFolder()!;
  const copy = (damage: (images: Buffer) => Buffer): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bigmodel-damaged-'));
    for (const f of fs.readdirSync(folder).filter((f) => f.endsWith('.gz')))
      fs.copyFileSync(path.join(folder, f), path.join(dir, f));
    const images = path.join(dir, 'train-images-idx3-ubyte.gz');
    fs.writeFileSync(images, damage(fs.readFileSync(images)));
    return dir;
  };
  const fails = (dir: string, pattern: RegExp) =>
    assert.throws(
      () => loadData(tf, parseCell(`data: { source: fashion-mnist, path: ${JSON.stringify(dir)}, limit: 10 }`)),
      (e: unknown) => e instanceof CellError && e.category === 'data' && pattern.test(e.message),
    );
  const file = (dir: string) => path.join(dir, 'train-images-idx3-ubyte.gz').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

  it('names the images file when its gzip stream is cut short, whatever the limit', () => {
    const dir = copy((b) => b.subarray(0, Math.floor(b.length / 2)));
    fails(dir, new RegExp(`^${file(dir)}: cannot be unzipped`));
  });

  it('names the images file when its gzip stream is corrupt', () => {
    const dir = copy((b) => {
      const bad = Buffer.from(b);
      for (let i = 200; i < 400; i++) bad[i] ^= 0x5a;
      return bad;
    });
    fails(dir, new RegExp(`^${file(dir)}: cannot be unzipped`));
  });

  it('names the images file when it unzips to fewer images than its header says', () => {
    const dir = copy((b) => {
      const bytes = gunzipSync(b);
      return gzipSync(bytes.subarray(0, bytes.length - PIXELS));
    });
    fails(dir, new RegExp(`^${file(dir)}: is cut short: the header says \\[2000 × 28 × 28\\]`));
  });
});

describe('data: nothing after the data cell needs the images it did not keep', () => {
  const dir = scratchFolder('bigmodel-image-bytes-');
  const cli = path.join(__dirname, '../../../dist/cli.js');

  it('trains, evaluates, cross-validates, exports and predicts on the sample in the core after a `limit:`ed data cell', function () {
    this.timeout(300000);
    const samples = path.join(dir(), 'samples');
    fs.mkdirSync(samples);
    for (const [name, shade] of [
      ['a.png', 0],
      ['b.png', 200],
    ] as const) {
      const image = new PNG({ width: 28, height: 28 });
      image.data.fill(shade);
      for (let i = 3; i < image.data.length; i += 4) image.data[i] = 255;
      fs.writeFileSync(path.join(samples, name), PNG.sync.write(image));
    }
    const cells = [
      `data: { source: fashion-mnist, path: ${JSON.stringify(sampleFolder())}, limit: 300, validation: 0.1 }`,
      'model:\n  layers:\n    - conv2d: { filters: 4, kernelSize: 3, activation: relu }\n    - maxPooling2d: { poolSize: 2 }\n    - flatten\n    - dense: { units: 10, activation: softmax }',
      'train: { epochs: 1, batchSize: 64 }\nevaluate:',
      'evaluate: { folds: 2 }',
      'export: { to: ./models/fashion }\npredict: { input: ./samples }',
    ];
    const file = path.join(dir(), 'nb.bigmodel');
    const nb = {
      bigmodel: 1,
      metadata: {},
      cells: cells.map((c) => ({ kind: 'code', language: 'bigmodel', source: c.split('\n'), outputs: [] })),
    };
    fs.writeFileSync(file, JSON.stringify(nb, null, 2) + '\n');
    const r = spawnSync(process.execPath, [cli, 'run', file, '--out', `${file}.out`], {
      encoding: 'utf8',
      timeout: 240000,
    });
    const output = r.stdout + r.stderr;
    assert.equal(r.status, 0, output);
    const executed = parseNotebook(fs.readFileSync(`${file}.out`, 'utf8'));
    const item = (mime: string, cell: number) =>
      executed.cells[cell].outputs?.flatMap((o) => o.items).find((i) => i.mime === mime)?.data;
    const preview = item(MIME.dataPreview, 0) as DataPreviewPayload;
    assert.deepEqual(preview.splits, { train: 270, validation: 30, test: 500 });
    assert.equal(
      preview.classBalance?.reduce((n, c) => n + c.count, 0),
      270,
      'the class balance counts the training rows kept',
    );
    const evaluation = item(MIME.evaluation, 2) as EvaluationPayload;
    assert.equal(evaluation.samples, 500);
    // Each class's 50 test images, as labelled in the test file: the labels came through whole.
    assert.deepEqual(
      evaluation.confusionMatrix?.values.map((row) => row.reduce((a, b) => a + b, 0)),
      new Array(10).fill(50),
    );
    assert.match(output, /2-fold cross-validation on 300 samples/);
    assert.ok(fs.existsSync(path.join(dir(), 'models/fashion/weights.bin')), 'the export wrote its weights');
    assert.match(output, /2 predictions \(classes: T-shirt\/top, [^\n]*\n1\. samples\/a\.png → /);
  });
});
