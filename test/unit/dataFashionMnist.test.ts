// Fashion-MNIST: IDX parsing, the shipped sample, the full set where it is installed, and which one the note names.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs';
import { parseCell } from '../../src/shared/cellSpec';
import { CellError } from '../../src/core/cellError';
import { disposeData, loadData } from '../../src/core/data';
import {
  FASHION_CLASSES,
  FOLDER_ENV,
  loadFashionMnist,
  sampleFolder,
  SYSTEM_FOLDER,
} from '../../src/core/data/fashionMnist';
import { floatFeatures, type ByteFeatures } from '../../src/core/data/dataset';
import { IdxError, parseIdx, readIdx } from '../../src/core/data/idx';
import { DataSettings } from '../../src/core/data/settings';

const settings = (yaml: string, folder = process.cwd()) => new DataSettings(parseCell(yaml), folder);
const hasFullSet = fs.existsSync(path.join(SYSTEM_FOLDER, 'train-images-idx3-ubyte.gz'));
const SAMPLE_NOTE =
  /^the 2,000-image sample shipped with BigModel Studio: install dataset-fashion-mnist for the full set/;

describe('data: IDX files', () => {
  const header = (magic: number, ...dims: number[]) => {
    const b = Buffer.alloc(4 + 4 * dims.length);
    b.writeUInt32BE(magic, 0);
    dims.forEach((d, i) => b.writeUInt32BE(d, 4 + 4 * i));
    return b;
  };

  it('reads the dimensions and values of an IDX array', () => {
    const idx = parseIdx(Buffer.concat([header(0x801, 3), Buffer.from([7, 8, 9])]), 'labels', 1);
    assert.deepEqual(idx.dims, [3]);
    assert.deepEqual(Array.from(idx.values), [7, 8, 9]);
  });

  it('names the file when the magic number, the dimensions or the size are wrong', () => {
    assert.throws(
      () => parseIdx(Buffer.from('PK\u0003\u0004'), 'a.idx', 1),
      (e: unknown) => e instanceof IdxError && /^a.idx: is not an IDX file/.test(e.message),
    );
    assert.throws(
      () => parseIdx(Buffer.concat([header(0x803, 1, 1, 1), Buffer.from([0])]), 'labels.idx', 1),
      /labels.idx: has 3 dimensions where 1 were expected \(magic number 2051, expected 2049\)/,
    );
    assert.throws(
      () => parseIdx(Buffer.concat([header(0x801, 5), Buffer.from([1, 2])]), 'short.idx', 1),
      /short.idx: is cut short: the header says \[5\] = 5 values but there are 2/,
    );
    assert.throws(() => parseIdx(header(0xd01, 1), 'float.idx', 1), /float.idx: holds IDX type 0x0d/);
  });

  it('reports a gzip file that is cut short, naming it', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bigmodel-idx-')), 'train-labels-idx1-ubyte.gz');
    fs.writeFileSync(file, gzipSync(Buffer.concat([header(0x801, 100), Buffer.alloc(100)])).subarray(0, 20));
    assert.throws(
      () => readIdx(file, 1),
      (e: unknown) => e instanceof IdxError && e.message.startsWith(`${file}: cannot be unzipped`),
    );
  });

  it('reads the shipped sample: 2,000 + 500 images of 28 × 28, 200 + 50 of each class', () => {
    const folder = sampleFolder();
    assert.ok(folder, 'the sample is found by walking up from the code');
    const images = readIdx(path.join(folder, 'train-images-idx3-ubyte.gz'), 3);
    assert.deepEqual(images.dims, [2000, 28, 28]);
    const labels = readIdx(path.join(folder, 'train-labels-idx1-ubyte.gz'), 1).values;
    assert.deepEqual(
      FASHION_CLASSES.map((_, c) => labels.filter((l) => l === c).length),
      new Array(10).fill(200),
    );
    const test = readIdx(path.join(folder, 't10k-labels-idx1-ubyte.gz'), 1).values;
    assert.deepEqual(
      FASHION_CLASSES.map((_, c) => test.filter((l) => l === c).length),
      new Array(10).fill(50),
    );
  });

  (hasFullSet ? it : it.skip)(`reads the full set from ${SYSTEM_FOLDER}: 60,000 + 10,000 images`, () => {
    assert.deepEqual(readIdx(path.join(SYSTEM_FOLDER, 'train-images-idx3-ubyte.gz'), 3).dims, [60000, 28, 28]);
    assert.deepEqual(readIdx(path.join(SYSTEM_FOLDER, 't10k-labels-idx1-ubyte.gz'), 1).dims, [10000]);
  });
});

describe('data: fashion-mnist', () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'bigmodel-empty-'));
  before(async () => {
    await tf.setBackend('cpu');
  });

  it('falls back to the sample and says so when the named folder has no files', () => {
    const d = loadFashionMnist(settings('data: fashion-mnist'), { [FOLDER_ENV]: empty });
    assert.match(d.note ?? '', SAMPLE_NOTE);
    assert.match(d.note ?? '', new RegExp(`${FOLDER_ENV}=.* has no Fashion-MNIST files`));
    assert.deepEqual([d.train.size, d.test?.size], [2000, 500]);
    assert.deepEqual(d.inputShape, [28, 28, 1]);
    assert.deepEqual(d.classes, FASHION_CLASSES);
    const features = floatFeatures(d.train.features);
    assert.equal(features.length, 2000 * 784);
    assert.ok(features.every((v) => v >= 0 && v <= 1) && features.some((v) => v === 1));
  });

  it('keeps pixels in 0–255 with normalize: false', () => {
    const d = loadFashionMnist(settings('data: { source: fashion-mnist, normalize: false }'), { [FOLDER_ENV]: empty });
    assert.equal(Math.max(...floatFeatures(d.train.features).subarray(0, 784 * 10)), 255);
  });

  it('becomes tensors of [n, 28, 28, 1] with one-hot labels through loadData', () => {
    const saved = process.env[FOLDER_ENV];
    process.env[FOLDER_ENV] = empty;
    try {
      const d = loadData(tf, parseCell('data: { source: fashion-mnist, validation: 0.1 }'));
      assert.deepEqual(d.train.xs.shape, [1800, 28, 28, 1]);
      assert.deepEqual(d.validation?.ys.shape, [200, 10]);
      assert.deepEqual(d.test?.xs.shape, [500, 28, 28, 1]);
      assert.match(d.note ?? '', SAMPLE_NOTE);
      disposeData(d);
    } finally {
      if (saved === undefined) delete process.env[FOLDER_ENV];
      else process.env[FOLDER_ENV] = saved;
    }
  });

  it('reads a folder given as data.path, relative to the notebook, and says how many images it has', () => {
    const folder = sampleFolder()!;
    const d = loadFashionMnist(
      settings(`data: { source: fashion-mnist, path: ${path.basename(folder)} }`, path.dirname(folder)),
      {},
    );
    assert.equal(d.note, `Fashion-MNIST from ${folder} (2,000 train / 500 test images)`);
  });

  it('reports a data.path that is not there, or has no files, at its line', () => {
    const check = (yaml: string, pattern: RegExp) =>
      assert.throws(
        () => loadFashionMnist(settings(yaml), {}),
        (e: unknown) =>
          e instanceof CellError && e.category === 'data' && e.position?.line === 3 && pattern.test(e.message),
      );
    check(
      'data:\n  source: fashion-mnist\n  path: /no/such/folder\n',
      /folder not found: `\/no\/such\/folder` \(looked at \/no\/such\/folder/,
    );
    check(
      `data:\n  source: fashion-mnist\n  path: ${empty}\n`,
      /has no Fashion-MNIST files: missing train-images-idx3-ubyte.gz/,
    );
  });

  (hasFullSet ? it : it.skip)(`uses the full set from ${SYSTEM_FOLDER} when nothing else is named`, function () {
    this.timeout(60000);
    const d = loadFashionMnist(settings('data: fashion-mnist'), {});
    assert.equal(d.note, `full Fashion-MNIST from ${SYSTEM_FOLDER}`);
    assert.deepEqual([d.train.size, d.test?.size], [60000, 10000]);
    assert.equal((d.train.features as ByteFeatures).bytes.length, 60000 * 784);
  });

  // A child process, so the figure is this load's own peak: the 60,000 images as one Float32Array (188 MB) on cpu, or
  // in the wasm heap (the file's bytes scaled into it, no copy in JavaScript); the core must stay under 1.5 GB.
  (hasFullSet ? it : it.skip)('loads and tensorises the full set with a peak RSS under 1.5 GB', function () {
    this.timeout(120000);
    const modules = {
      tf: require.resolve('@tensorflow/tfjs'),
      wasm: require.resolve('@tensorflow/tfjs-backend-wasm'),
      cell: require.resolve('../../src/shared/cellSpec'),
      data: require.resolve('../../src/core/data'),
    };
    const script = `
      const m = ${JSON.stringify(modules)};
      const tf = require(m.tf), path = require('node:path');
      require(m.wasm).setWasmPaths(path.join(path.dirname(m.wasm), path.sep));
      (async () => {
        await tf.setBackend(process.argv[1]);
        const d = require(m.data).loadData(tf, require(m.cell).parseCell('data: { source: fashion-mnist, validation: 0.1 }'));
        console.log(JSON.stringify({ size: d.train.size + d.validation.size, peakMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
      })();`;
    for (const backend of ['cpu', 'wasm']) {
      const child = spawnSync(process.execPath, ['-e', script, backend], {
        encoding: 'utf8',
        env: { ...process.env, [FOLDER_ENV]: '' },
      });
      const line = child.stdout.split('\n').find((l) => l.startsWith('{'));
      assert.ok(line, `the child reported its memory: ${child.stderr}`);
      const { size, peakMB } = JSON.parse(line) as { size: number; peakMB: number };
      assert.equal(size, 60000);
      assert.ok(peakMB < 1536, `peak RSS on ${backend}: ${peakMB} MB`);
      // On wasm the images go from their file's bytes straight into the heap: 390 MB here, 553 MB when a float32
      // copy of them (188 MB) was made in JavaScript first (issue 18 item 5).
      if (backend === 'wasm') assert.ok(peakMB < 470, `peak RSS on wasm: ${peakMB} MB, as if a float32 copy were made`);
      console.log(`      peak RSS loading + tensorising 60,000 images on ${backend}: ${peakMB} MB`);
    }
  });
});
