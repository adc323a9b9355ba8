// A table larger than the streaming threshold is read in chunks: the same numbers as a whole read, in a JavaScript heap
// smaller than the file, where a whole read (the text and every parsed field at once) runs out of memory.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { parseCell } from '../../src/shared/cellSpec';
import { disposeData, loadData } from '../../src/core/data';
import { openRecords } from '../../src/core/data/records';
import { buildModel } from '../../src/core/modelBuilder';
import { train } from '../../src/core/trainer';
import type { TrainingPayload } from '../../src/shared/outputs';

const out = path.join(__dirname, '../..');

/** Loads `file` in a fresh Node process (no TensorFlow.js) and reports its rows, a checksum and the peak memory the load added. */
const HEAP_MB = 16;
const CHILD = `
const path = require('node:path');
const { parseCell } = require(path.join(process.env.OUT, 'src/shared/cellSpec.js'));
const { DataSettings } = require(path.join(process.env.OUT, 'src/core/data/settings.js'));
const { loadTable } = require(path.join(process.env.OUT, 'src/core/data/tabular.js'));
const cell = parseCell('data: { train: ' + JSON.stringify(process.env.FILE) + ', label: churned }');
global.gc();
const base = process.memoryUsage().rss;
const loaded = loadTable(new DataSettings(cell, '/'), Number(process.env.STREAM_BYTES), Infinity, { shuffle: false, seed: 42, limit: Infinity, validation: 0 });
const peak = process.resourceUsage().maxRSS * 1024;
let sum = 0;
for (let i = 0; i < loaded.train.features.length; i += 97) sum += loaded.train.features[i];
console.log(JSON.stringify({ rows: loaded.train.size, width: loaded.inputShape[0], sum, added: peak - base, note: loaded.note, task: loaded.task }));
`;

type ChildResult = { rows: number; width: number; sum: number; added: number; note: string; task: string };

/** Runs the load with the JavaScript heap (old space) capped at `heapMb`; undefined when it ran out of memory. */
function loadInChild(file: string, streamBytes: number, heapMb?: number): ChildResult | undefined {
  const limit = heapMb ? [`--max-old-space-size=${heapMb}`] : [];
  const r = spawnSync(process.execPath, ['--expose-gc', ...limit, '-e', CHILD], {
    encoding: 'utf8',
    env: { ...process.env, OUT: out, FILE: file, STREAM_BYTES: String(streamBytes) },
    timeout: 300000,
  });
  if (r.status !== 0 && /heap out of memory|Allocation failed/i.test(r.stderr)) return undefined;
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

describe('data: large files are streamed', () => {
  let dir: string;
  let file: string;
  let size: number;
  const rows = 300000;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bigmodel-stream-'));
    file = path.join(dir, 'big.csv');
    // 8 measurements with 6 decimals and a 0/1 label: about 90 bytes a row, 27 MB; written in pieces.
    const fd = fs.openSync(file, 'w');
    fs.writeSync(fd, 'a,b,c,d,e,f,g,h,churned\n');
    let block = '';
    for (let r = 0; r < rows; r++) {
      const v = Array.from({ length: 8 }, (_, c) => (((r * 7919 + c * 104729) % 1000003) / 1000.0).toFixed(6));
      block += `${v.join(',')},${r % 2}\n`;
      if (block.length > 1 << 20) {
        fs.writeSync(fd, block);
        block = '';
      }
    }
    fs.writeSync(fd, block);
    fs.closeSync(fd);
    size = fs.statSync(file).size;
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads a file over the threshold in chunks, with the same rows as a whole read, in a heap smaller than the file', () => {
    assert.ok(size > 20e6, `a large file: ${size} bytes`);
    const streamed = loadInChild(file, 4 * 1024 * 1024, HEAP_MB);
    assert.ok(streamed, `the streamed read fits in a ${HEAP_MB} MB heap for a ${(size / 1e6).toFixed(1)} MB file`);
    assert.equal(
      loadInChild(file, Number.MAX_SAFE_INTEGER, HEAP_MB),
      undefined,
      `a whole read does not fit in ${HEAP_MB} MB`,
    );
    const whole = loadInChild(file, Number.MAX_SAFE_INTEGER);
    assert.ok(whole);
    assert.equal(streamed.rows, rows);
    assert.equal(streamed.width, 8);
    assert.equal(streamed.task, 'binary');
    assert.equal(streamed.sum, whole.sum, 'the same numbers either way');
    assert.match(streamed.note, /read in chunks/);
    assert.doesNotMatch(whole.note, /read in chunks/);
    // Whether each read fits in the capped heap is the test; how much resident memory each adds is a measurement
    // (it swings with the machine's load and GC timing), so it is not asserted here.
  });

  it('trains from the file in batches when the table is too large to hold, with validation and `limit:` rows drawn across the whole file', async () => {
    await tf.setBackend('cpu');
    const file = path.join(dir, 'wide.csv');
    fs.writeFileSync(
      file,
      `x,y,label\n${Array.from({ length: 3000 }, (_, i) => `${i},${i % 7},${i % 7 >= 3 ? 1 : 0}`).join('\n')}\n`,
    );
    // 2 features + the label, 4 bytes each: 12 bytes a row; a 4,000-byte budget holds 333 rows.
    const limits = { streamBytes: 1000, tableBytes: 4000 };
    const load = (yaml: string) => loadData(tf, parseCell(yaml), dir, limits);

    // `limit:` rows that do not fit either: a random 1,000 of the 3,000, read from the file, and the run says it is partial.
    const limited = load('data:\n  train: wide.csv\n  limit: 1000\n');
    try {
      assert.equal(limited.trainStream?.size, 1000);
      assert.deepEqual(limited.partial, { reason: 'limit', usedRows: 1000, totalRows: 3000 });
      const xs: number[] = [];
      await (limited.trainStream!.dataset(500) as tf.data.Dataset<{ xs: tf.Tensor; ys: tf.Tensor }>).forEachAsync(
        (b) => {
          const x = b.xs.arraySync() as number[][];
          const { mean, std } = limited.standardisation!;
          xs.push(...x.map((r) => r[0] * std[0] + mean[0]));
          tf.dispose([b.xs, b.ys]);
        },
      );
      assert.equal(xs.length, 1000);
      assert.ok(Math.min(...xs) < 300 && Math.max(...xs) > 2700, 'rows from the whole file, not its first 1,000');
    } finally {
      disposeData(limited);
    }
    const first = load('data: { train: wide.csv, limit: 100, shuffle: false, normalize: false }');
    try {
      assert.equal(first.train.size, 100);
      assert.equal(first.trainStream, undefined);
      assert.deepEqual(Array.from(first.train.xs.dataSync()).slice(196, 200), [98, 0, 99, 1]);
      assert.deepEqual(first.partial, { reason: 'limit', usedRows: 100, totalRows: 3000 });
    } finally {
      disposeData(first);
    }

    const d = load('data: { train: wide.csv, validation: 0.1, seed: 3 }');
    try {
      assert.ok(d.trainStream);
      assert.equal(d.validation?.size, 166, 'validation: at most half of what fits');
      assert.equal(d.trainStream.size, 3000 - 166);
      assert.ok(d.train.size <= 166, `an in-memory sample of ${d.train.size} rows`);
      assert.match(d.note ?? '', /2,834 training rows read from the file in batches each epoch/);
      // Validation is drawn across the whole file (not its first rows), and the standardisation is the training rows'.
      const { mean, std } = d.standardisation!;
      const validationX = (d.validation!.xs.arraySync() as number[][]).map((r) => r[0] * std[0] + mean[0]);
      assert.ok(
        Math.min(...validationX) < 300 && Math.max(...validationX) > 2700,
        'validation rows from the whole file',
      );
      const trainingMean = (4498500 - validationX.reduce((a, b) => a + b, 0)) / 2834; // Σx over 0..2999 = 4,498,500
      assert.ok(Math.abs(mean[0] - trainingMean) < 1e-3, `${mean[0]} against ${trainingMean}`);
      const model = buildModel(
        tf,
        parseCell(
          'model:\n  layers:\n    - dense: { units: 8, activation: relu }\n    - dense: { units: 1, activation: sigmoid }',
        ),
        d,
      );
      const cell = parseCell('train: { epochs: 3, batchSize: 100, learningRate: 0.05 }');
      const reports: TrainingPayload[] = [];
      const tensorsBefore = tf.memory().numTensors;
      const result = await train(tf, cell, model, d, { backend: 'cpu', device: 'cpu' }, { stopRequested: false }, (p) =>
        reports.push(structuredClone(p)),
      );
      assert.equal(result.payload.stopped, 'completed');
      assert.equal(result.payload.epochs.length, 3);
      // Progress goes out at most every 125 ms, so not every batch is seen; the epoch's length is the file's.
      const progress = reports.map((p) => p.progress).filter((p) => p !== undefined);
      assert.ok(progress.length > 0, 'progress was reported');
      assert.ok(
        progress.every((p) => p.batchesPerEpoch === Math.ceil(2834 / 100)),
        'every training row of the file, not the sample, in each epoch',
      );
      assert.ok(
        result.payload.epochs[2].val_loss! < result.payload.epochs[0].val_loss!,
        JSON.stringify(result.payload.epochs),
      );
      assert.ok(tf.memory().numTensors - tensorsBefore < 40, 'the batches are disposed');
      model.dispose();
    } finally {
      disposeData(d);
    }
  });

  it('cuts chunks only between records, so quoted line breaks and line numbers survive a chunk boundary', () => {
    const small = path.join(dir, 'quoted.csv');
    const records = Array.from({ length: 2000 }, (_, i) => `${i},"note ${i}\nsecond line, with comma",${i % 2}`);
    fs.writeFileSync(small, `id,note,label\n${records.join('\n')}\n`);
    const source = openRecords(small, 'csv', 1000, 4096); // ~75 KB in 4 KB chunks: many boundaries, some inside quotes
    assert.equal(source.streamed, true);
    assert.deepEqual(source.header, ['id', 'note', 'label']);
    const seen: { fields: string[]; line: number }[] = [];
    source.forEach((fields, line) => seen.push({ fields, line }));
    assert.equal(seen.length, 2000);
    seen.forEach((s, i) =>
      assert.deepEqual(s, {
        fields: [String(i), `note ${i}\nsecond line, with comma`, String(i % 2)],
        line: 2 + i * 2,
      }),
    );

    const jsonl = path.join(dir, 'records.jsonl');
    fs.writeFileSync(
      jsonl,
      Array.from({ length: 3000 }, (_, i) => JSON.stringify({ id: i, text: 'é'.repeat(i % 7), label: i % 2 })).join(
        '\n',
      ) + '\n',
    );
    const lines: number[] = [];
    openRecords(jsonl, 'jsonl', 1000, 1000).forEach((fields, line) => {
      assert.equal(fields[1], 'é'.repeat(Number(fields[0]) % 7)); // a two-byte character split across chunks is decoded whole
      lines.push(line);
    });
    assert.deepEqual(
      lines,
      Array.from({ length: 3000 }, (_, i) => i + 1),
    );
  });
});
