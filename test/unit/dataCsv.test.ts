// Your own CSV files: the parser, the task read from the labels, feature selection, train-only standardisation and every error.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { disposeData, type SessionData } from '../../src/core/data';
import { CsvSyntaxError, parseCsv } from '../../src/core/data/csv';
import { encodeLabels } from '../../src/core/data/values';
import { fixtures, loadIn, loadsData, near, rejects, values } from './dataLoading';

const load = loadIn(fixtures);

describe('data: CSV parser', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, over CRLF', () => {
    const { rows, lines } = parseCsv(fs.readFileSync(path.join(fixtures, 'quoted.csv'), 'utf8'));
    assert.deepEqual(rows[0], ['id', 'size, in cm', 'x', 'y "raw"', 'group', 'comment']);
    assert.deepEqual(rows[1], ['1', '1,5', '0.5', '10', 'b', 'says "hi", twice']);
    assert.deepEqual(rows[3][5], 'two\r\nlines');
    assert.deepEqual(rows[4], ['4', '4,5', '3.5', '40', 'a', '']);
    assert.deepEqual(lines, [1, 2, 3, 4, 6]);
  });

  it('skips a BOM, blank lines and the final newline, and keeps a trailing empty field', () => {
    const { rows, lines } = parseCsv('\ufeffa,b\n\n1,\n2,3');
    assert.deepEqual(rows, [
      ['a', 'b'],
      ['1', ''],
      ['2', '3'],
    ]);
    assert.deepEqual(lines, [1, 3, 4]);
    assert.deepEqual(parseCsv('a\r\n1\r\n').rows, [['a'], ['1']]);
  });

  it('reports an unclosed quote and a stray character after a quote with their line', () => {
    assert.throws(
      () => parseCsv('a,b\n1,"oops\n2,3\n'),
      (e: unknown) => e instanceof CsvSyntaxError && e.line === 2,
    );
    assert.throws(() => parseCsv('a,b\n"1"x,2\n'), /line 2: unexpected `x` after a closing quote/);
  });
});

describe('data: CSV labels and features', () => {
  const load = loadsData(fixtures);
  let d: SessionData;

  it('turns text labels into sorted classes, the last column being the label by default', () => {
    d = load('data: { train: animals.csv, shuffle: false, normalize: false }');
    assert.equal(d.task, 'classification');
    assert.deepEqual(d.classes, ['bird', 'cat', 'dog']);
    assert.deepEqual(d.featureNames, ['weight', 'height']);
    assert.deepEqual(d.train.xs.shape, [9, 2]);
    assert.deepEqual(values(d.train.ys).slice(0, 6), [0, 1, 0, 0, 0, 1]); // cat, dog as one-hot rows
    near(values(d.train.xs).slice(0, 2), [4.1, 25]);
    assert.equal(d.source, 'animals.csv');
    assert.match(d.note ?? '', /label `kind` \(3 classes\), 2 features/);
  });

  it('reads labels that are only 0 and 1 as binary', () => {
    d = load('data: { train: churn.csv }');
    assert.equal(d.task, 'binary');
    assert.deepEqual(d.train.ys.shape, [6, 1]);
  });

  it('reads a few integer labels as classes and other numbers as regression', () => {
    d = load('data: { train: grades.csv }');
    assert.equal(d.task, 'classification');
    assert.deepEqual(d.classes, ['1', '2', '3']);
    disposeData(d);
    d = load('data: { train: houses.csv, shuffle: false, normalize: false }');
    assert.equal(d.task, 'regression');
    assert.equal(d.classes, undefined);
    near(values(d.train.ys), [215.5, 289, 160.25, 349.9, 230]);
  });

  it('takes the label and the features named in the cell, from quoted headers', () => {
    d = load(
      `data:\n  train: quoted.csv\n  label: group\n  features: [x, 'y "raw"']\n  shuffle: false\n  normalize: false\n`,
    );
    assert.deepEqual(d.featureNames, ['x', 'y "raw"']);
    // Two text labels are a yes/no task; a tie of counts makes the later one (`b`) the positive class.
    assert.deepEqual([d.task, d.classes, d.positive], ['binary', ['a', 'b'], 'b']);
    near(values(d.train.xs), [0.5, 10, 1.5, 20, 2.5, 30, 3.5, 40]);
    near(values(d.train.ys), [1, 0, 1, 0]);
  });

  it('standardises with the training split only, and applies the same numbers to validation and test', () => {
    d = load(
      'data: { train: scale-train.csv, test: scale-test.csv, features: [x, y], label: label, validation: 0.2, shuffle: false }',
    );
    // Training rows x = 1..8: mean 4.5, std √5.25; y is constant, so it becomes 0 (its std counts as 1).
    const std = Math.sqrt(5.25);
    near(
      values(d.train.xs).filter((_, i) => i % 2 === 0),
      [1, 2, 3, 4, 5, 6, 7, 8].map((x) => (x - 4.5) / std),
    );
    near(values(d.validation!.xs), [(9 - 4.5) / std, 0, (10 - 4.5) / std, 0]);
    near(values(d.test!.xs), [(0 - 4.5) / std, 0, 0, -50]);
    near(values(d.test!.ys), [1, 0]);
    near(d.standardisation!.mean, [4.5, 100]);
    near(d.standardisation!.std, [std, 1]);
  });

  it('takes a validation file instead of a fraction, standardised with the whole training file', () => {
    d = load('data: { train: scale-train.csv, validation: scale-test.csv, features: [x], shuffle: false }');
    assert.deepEqual([d.train.size, d.validation?.size, d.test], [10, 2, undefined]);
    near(values(d.validation!.xs), [(0 - 5.5) / Math.sqrt(8.25), (4.5 - 5.5) / Math.sqrt(8.25)]);
  });

  it('reads a test file whose columns come in another order', () => {
    d = load('data: { train: scale-train.csv, test: scale-test.csv, normalize: false, shuffle: false }');
    near(values(d.test!.xs), [0, 100, 4.5, 50]);
  });
});

describe('data: CSV errors', () => {
  it('names the file, row and column of a value that is not a number', () => {
    rejects(load, 'data:\n  train: bad-number.csv\n', (e) => {
      assert.equal(e.category, 'data');
      assert.match(
        e.message,
        /bad-number.csv row 4, column `height`: `tall` is not a number — .*leave `height` out of `features:`/,
      );
      assert.equal(e.position?.line, 2);
    });
  });

  it('names the file, row and column of a missing value', () => {
    rejects(load, 'data:\n  train: missing-value.csv\n', (e) =>
      assert.match(e.message, /missing-value.csv row 3, column `weight`: the value is missing — fill it in/),
    );
  });

  it('reports an unknown label column at its line, with a suggestion', () => {
    rejects(load, 'data:\n  train: animals.csv\n  label: knid\n', (e) => {
      assert.match(
        e.message,
        /unknown label column `knid` — did you mean `kind`\? \(the columns of animals.csv: `weight`, `height`, `kind`\)/,
      );
      assert.deepEqual(e.position, { line: 3, column: 3 });
    });
  });

  it('reports an unknown feature at its own line in the list', () => {
    rejects(load, 'data:\n  train: animals.csv\n  features:\n    - weight\n    - hieght\n', (e) => {
      assert.match(e.message, /unknown column `hieght` — did you mean `height`\?/);
      assert.equal(e.position?.line, 5);
    });
  });

  it('reports a missing file with the path it looked at, at the key', () => {
    rejects(load, 'data:\n  source:\n  train: data/nope.csv\n', (e) => {
      assert.equal(e.category, 'data');
      assert.match(e.message, /file not found: `data\/nope.csv` \(looked at .*test\/fixtures\/data\/data\/nope.csv/);
      assert.equal(e.position?.line, 3);
    });
    rejects(load, 'data:\n  train: animals.csv\n  test: gone.csv\n', (e) => assert.equal(e.position?.line, 3));
  });

  it('reports a row with too many values, a quoted number in the wrong notation, and an unseen test class', () => {
    rejects(load, 'data: { train: ragged.csv }', (e) =>
      assert.match(e.message, /ragged.csv row 3 has 4 values but the header has 3 columns/),
    );
    rejects(load, 'data: { train: quoted.csv, label: group, features: ["size, in cm"] }', (e) =>
      assert.match(e.message, /quoted.csv row 2, column `size, in cm`: `1,5` is not a number/),
    );
    rejects(load, 'data: { train: animals.csv, test: animals-test-unseen.csv }', (e) =>
      assert.match(
        e.message,
        /animals-test-unseen.csv row 3, column `kind`: `fox` is not one of the classes in animals.csv/,
      ),
    );
  });

  it('refuses the label among the features, and a file that is not CSV', () => {
    rejects(load, 'data: { train: animals.csv, features: [weight, kind] }', (e) =>
      assert.match(e.message, /`kind` is the label/),
    );
    rejects(load, 'data: { train: ../notebooks/canonical.bigmodel }', (e) =>
      assert.match(
        e.message,
        /canonical.bigmodel`: unknown kind of data file — use .csv .*\.json.*\.jsonl.*\.idx.*folder of images/,
      ),
    );
  });
});

describe('data: label encoding', () => {
  it('sorts text classes and maps numbers by value', () => {
    const e = encodeLabels(['b', 'a', 'c', 'a']);
    assert.deepEqual([e.task, e.classes, e.encode('c')], ['classification', ['a', 'b', 'c'], 2]);
    const n = encodeLabels(['1', '0', '1.0']);
    assert.deepEqual([n.task, n.encode('1.0'), n.encode('2')], ['binary', 1, undefined]);
    assert.equal(encodeLabels(['1.5', '2', '3']).task, 'regression');
    assert.equal(encodeLabels(Array.from({ length: 40 }, (_, i) => String(i % 25))).task, 'regression');
  });
});
