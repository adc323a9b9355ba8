// Data too large or too odd to learn from is refused before it is expanded, with the sizes and the place named: a label
// with thousands of classes, an IDX file whose header (or gzip's size field) says it unzips past the budget, an image
// too large to decode, and a CSV whose quote never closes (read in one pass, at the line the quote opened). Every file
// is small: the headers say the sizes.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs';
import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { parseCell } from '../../src/shared/cellSpec';
import { CellError } from '../../src/core/cellError';
import { disposeData, loadData } from '../../src/core/data';
import { imageDimensions } from '../../src/core/data/imageHeader';
import { CsvSyntaxError } from '../../src/core/data/csv';
import { openRecords, RecordError } from '../../src/core/data/records';

const MB = 1024 * 1024;

/** An IDX file of unsigned bytes: the header for `dims`, then `body` (the values, or as many bytes as a test needs). */
function idx(dims: number[], body: Uint8Array): Buffer {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header[2] = 0x08;
  header[3] = dims.length;
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, body]);
}

/** gzip with an extra field of `extra` bytes before the data: the first kilobyte then holds no header to unzip. */
function gzipWithExtra(data: Uint8Array, extra: number): Buffer {
  const plain = gzipSync(data);
  const field = Buffer.alloc(2 + extra);
  field.writeUInt16LE(extra, 0);
  const head = Buffer.from(plain.subarray(0, 10));
  head[3] |= 0x04; // FEXTRA
  return Buffer.concat([head, field, plain.subarray(10)]);
}

describe('data budgets: refused before it is expanded, with sizes and place', function () {
  this.timeout(60000);
  let dir: string;
  before(async () => {
    await tf.setBackend('cpu');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bigmodel-budgets-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const load = (yaml: string, options: { tableBytes?: number; streamBytes?: number } = {}) =>
    loadData(tf, parseCell(yaml), dir, options);
  function rejects(
    yaml: string,
    message: RegExp,
    line: number,
    options?: { tableBytes?: number; streamBytes?: number },
  ): void {
    assert.throws(
      () => load(yaml, options),
      (e: unknown) => {
        assert.ok(e instanceof CellError, `a CellError, got ${String(e)}`);
        assert.match(e.message, message);
        assert.equal(e.position?.line, line, e.message);
        return true;
      },
    );
  }

  describe('classes', () => {
    it('a label with 1,200 different names is refused at `label:`, asking whether it is an id', () => {
      const rows = Array.from({ length: 1200 }, (_, i) => `${i % 7},user-${i}`);
      fs.writeFileSync(path.join(dir, 'ids.csv'), ['x,who', ...rows].join('\n') + '\n');
      rejects(
        'data:\n  train: ids.csv\n  label: who\n',
        /^the label `who` has 1200 different values in ids\.csv \(such as `user-0`, `user-1`, `user-10`\), too many to learn as classes \(at most 1000\): is it an id, or a number to predict written with text in it\?$/,
        3,
      );
    });

    it('1,200 different numbers are a quantity to predict, not classes', () => {
      const rows = Array.from({ length: 1200 }, (_, i) => `${i % 7},${(i * 1.5).toFixed(1)}`);
      fs.writeFileSync(path.join(dir, 'prices.csv'), ['x,price', ...rows].join('\n') + '\n');
      const data = load('data:\n  train: prices.csv\n  label: price\n');
      assert.equal(data.task, 'regression');
      disposeData(data);
    });
  });

  describe('IDX files', () => {
    const labels = () => fs.writeFileSync(path.join(dir, 'labels.idx'), idx([4], Uint8Array.from([0, 1, 0, 1])));

    it('a gzipped file whose header says 93 GB is refused from its first bytes, naming the sizes', () => {
      labels();
      fs.writeFileSync(path.join(dir, 'huge.idx.gz'), gzipSync(idx([100000, 1000, 1000], new Uint8Array(64))));
      const started = Date.now();
      rejects(
        'data:\n  train: [huge.idx.gz, labels.idx]\n',
        /^huge\.idx\.gz: is 93\.1 GB of values \(its header says \[100000 × 1000 × 1000\]\), more than the 1\.0 GB a training file may hold here: each value becomes a 32-bit number/,
        2,
        { tableBytes: 4 * 1024 * MB },
      );
      assert.ok(Date.now() - started < 2000);
    });

    it("without a header in its first kilobyte, gzip's size field refuses a file that unzips past the budget", () => {
      labels();
      fs.writeFileSync(
        path.join(dir, 'bomb.idx.gz'),
        gzipWithExtra(idx([4, 1000, 1000], new Uint8Array(4000000)), 2048),
      );
      rejects(
        'data:\n  train: [bomb.idx.gz, labels.idx]\n',
        /^bomb\.idx\.gz: is 3\.8 MB of values, more than the 1\.0 MB a training file may hold here/,
        2,
        { tableBytes: 4 * MB },
      );
    });

    it('a size field that lies does not get past: unzipping stops at the budget', () => {
      labels();
      const file = gzipWithExtra(idx([4, 1000, 1000], new Uint8Array(4000000)), 2048);
      file.writeUInt32LE(100, file.length - 4); // gzip's size field says 100 bytes
      fs.writeFileSync(path.join(dir, 'liar.idx.gz'), file);
      rejects(
        'data:\n  train: [liar.idx.gz, labels.idx]\n',
        /^liar\.idx\.gz: is more than 1\.0 MB of values, more than the 1\.0 MB a training file may hold here/,
        2,
        { tableBytes: 4 * MB },
      );
    });

    it('unzipping stops one byte past the size the header says: extra bytes are named without unzipping them', () => {
      labels();
      fs.writeFileSync(path.join(dir, 'extra.idx.gz'), gzipSync(idx([4, 2, 2], new Uint8Array(8 * MB))));
      rejects(
        'data:\n  train: [extra.idx.gz, labels.idx]\n',
        /^extra\.idx\.gz: has extra bytes: the header says \[4 × 2 × 2\] = 16 values, but it unzips to more$/,
        2,
      );
    });

    it('a file within the budget loads as before', () => {
      labels();
      fs.writeFileSync(path.join(dir, 'small.idx.gz'), gzipSync(idx([4, 2, 2], new Uint8Array(16).fill(255))));
      const data = load('data:\n  train: [small.idx.gz, labels.idx]\n', { tableBytes: 4 * MB });
      assert.deepEqual(data.inputShape, [2, 2, 1]);
      disposeData(data);
    });

    it('an uncompressed file larger than the budget is refused from its size', () => {
      labels();
      fs.writeFileSync(path.join(dir, 'plain.idx'), idx([4, 1000, 300], new Uint8Array(1200000)));
      rejects(
        'data:\n  train: [plain.idx, labels.idx]\n',
        /^plain\.idx: is 1\.1 MB of values \(its header says \[4 × 1000 × 300\]\), more than the 1\.0 MB/,
        2,
        { tableBytes: 4 * MB },
      );
    });
  });

  describe('images', () => {
    it('reads width and height from real PNG and JPEG headers', () => {
      const png = new PNG({ width: 7, height: 3 });
      assert.deepEqual(imageDimensions(PNG.sync.write(png)), { width: 7, height: 3 });
      const jpg = jpeg.encode({ width: 5, height: 9, data: new Uint8Array(5 * 9 * 4) }, 80).data;
      assert.deepEqual(imageDimensions(jpg), { width: 5, height: 9 });
      assert.equal(imageDimensions(Buffer.from('GIF89a')), undefined);
    });

    it('a PNG whose header says 20000 × 20000 is refused by name before it is decoded', () => {
      const folder = path.join(dir, 'pictures');
      for (const c of ['cats', 'dogs']) fs.mkdirSync(path.join(folder, c), { recursive: true });
      const small = PNG.sync.write(new PNG({ width: 4, height: 4 }));
      fs.writeFileSync(path.join(folder, 'dogs', 'd.png'), small);
      // A small PNG's bytes with its IHDR saying 20000 × 20000: a decoder would allocate 1.6 GB for it.
      const huge = Buffer.from(small);
      huge.writeUInt32BE(20000, 16);
      huge.writeUInt32BE(20000, 20);
      fs.writeFileSync(path.join(folder, 'cats', 'c.png'), huge);
      rejects(
        'data:\n  train: pictures\n',
        /^pictures\/cats\/c\.png is 20000×20000 pixels, more than an image may have here \(8192×8192, 67 megapixels\): scale it down/,
        2,
      );
    });

    it('a JPEG whose frame header says 9000 × 9000 is refused too', () => {
      const folder = path.join(dir, 'photos');
      for (const c of ['a', 'b']) fs.mkdirSync(path.join(folder, c), { recursive: true });
      const small = Buffer.from(jpeg.encode({ width: 4, height: 4, data: new Uint8Array(64) }, 80).data);
      fs.writeFileSync(path.join(folder, 'b', 'b.jpg'), small);
      const sof = small.indexOf(Buffer.from([0xff, 0xc0]));
      const huge = Buffer.from(small);
      huge.writeUInt16BE(9000, sof + 5);
      huge.writeUInt16BE(9000, sof + 7);
      fs.writeFileSync(path.join(folder, 'a', 'a.jpg'), huge);
      rejects('data:\n  train: photos\n', /^photos\/a\/a\.jpg is 9000×9000 pixels/, 2);
    });
  });

  describe('CSV read in chunks', () => {
    /** A few MB whose third line opens a quote that is never closed. */
    function unclosed(name: string, mb: number): string {
      const file = path.join(dir, name);
      fs.writeFileSync(file, 'x,y,z\n1,2,3\n4,"5,6\n' + '7,8,9\n'.repeat(Math.floor((mb * MB) / 6)));
      return file;
    }

    it('an unclosed quote near the start of 6 MB read in 8 KB chunks: one pass, and the error names the line it opened on', () => {
      const file = unclosed('unclosed.csv', 6);
      const started = Date.now();
      // Before, each chunk re-scanned everything pending since the quote: 6 MB in 8 KB chunks took seconds.
      assert.throws(
        () => openRecords(file, 'csv', 1000, 8 * 1024).forEach(() => undefined),
        (e: unknown) => {
          assert.ok(e instanceof CsvSyntaxError, String(e));
          assert.equal(e.message, 'line 3: a quoted value is never closed (a `"` is missing)');
          return true;
        },
      );
      const elapsed = Date.now() - started;
      assert.ok(elapsed < 1000, `${elapsed} ms`);
    });

    it('a quote that runs on past the longest record is refused as soon as it does, at its line', () => {
      const file = unclosed('runaway.csv', 3);
      assert.throws(
        () => openRecords(file, 'csv', 1000, 8 * 1024, MB).forEach(() => undefined),
        (e: unknown) => {
          assert.ok(e instanceof CsvSyntaxError, String(e));
          assert.equal(
            e.message,
            'line 3: a quoted value opens here and runs on for more than 1 MB: a closing `"` is missing',
          );
          return true;
        },
      );
      const lines = Array.from({ length: 3 }, () => '{"a": 1}').join('\n') + '\n' + '{"a": "' + 'x'.repeat(2 * MB);
      fs.writeFileSync(path.join(dir, 'long.jsonl'), lines);
      assert.throws(
        () => openRecords(path.join(dir, 'long.jsonl'), 'jsonl', 1000, 8 * 1024, MB).forEach(() => undefined),
        (e: unknown) => {
          assert.ok(e instanceof RecordError, String(e));
          assert.equal(e.message, 'line 4: a record runs on for more than 1 MB without a line break');
          return true;
        },
      );
    });

    it('through a data cell: the file, the line and the key that named it', () => {
      unclosed('cell.csv', 1);
      rejects('data:\n  train: cell.csv\n', /^cell\.csv line 3: a quoted value is never closed/, 2, {
        streamBytes: 1000,
      });
    });
  });
});
