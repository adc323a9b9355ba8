// Data too large or too odd to learn from is refused before it is expanded, with the sizes and the place named: a label
// with thousands of classes, an IDX file whose header (or gzip's size field) says it unzips past the budget, an image
// too large to decode, and a CSV whose quote never closes (read in one pass, at the line the quote opened). Every file
// is small: the headers say the sizes.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { parseCell } from '../../src/shared/cellSpec';
import { CellError } from '../../src/core/cellError';
import { disposeData, loadData } from '../../src/core/data';

describe('data budgets: refused before it is expanded, with sizes and place', function () {
  this.timeout(60000);
  let dir: string;
  before(async () => {
    await tf.setBackend('cpu');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bigmodel-budgets-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const load = (yaml: string, options: { tableBytes?: number; streamBytes?: number } = {}) => loadData(tf, parseCell(yaml), dir, options);
  function rejects(yaml: string, message: RegExp, line: number, options?: { tableBytes?: number; streamBytes?: number }): void {
    assert.throws(() => load(yaml, options), (e: unknown) => {
      assert.ok(e instanceof CellError, `a CellError, got ${String(e)}`);
      assert.match(e.message, message);
      assert.equal(e.position?.line, line, e.message);
      return true;
    });
  }

  describe('classes', () => {
    it('a label with 1,200 different names is refused at `label:`, asking whether it is an id', () => {
      const rows = Array.from({ length: 1200 }, (_, i) => `${i % 7},user-${i}`);
      fs.writeFileSync(path.join(dir, 'ids.csv'), ['x,who', ...rows].join('\n') + '\n');
      rejects('data:\n  train: ids.csv\n  label: who\n', /^the label `who` has 1200 different values in ids\.csv \(such as `user-0`, `user-1`, `user-10`\), too many to learn as classes \(at most 1000\): is it an id, or a number to predict written with text in it\?$/, 3);
    });

    it('1,200 different numbers are a quantity to predict, not classes', () => {
      const rows = Array.from({ length: 1200 }, (_, i) => `${i % 7},${(i * 1.5).toFixed(1)}`);
      fs.writeFileSync(path.join(dir, 'prices.csv'), ['x,price', ...rows].join('\n') + '\n');
      const data = load('data:\n  train: prices.csv\n  label: price\n');
      assert.equal(data.task, 'regression');
      disposeData(data);
    });
  });
});
