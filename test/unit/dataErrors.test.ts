// Malformed data of every kind is refused with a message naming the file, the row or line, the column or field and
// what to do, at the cell line of the setting that named the file — and the file is left as it was.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { parseCell } from '../../src/shared/cellSpec';
import { CellError } from '../../src/core/cellError';
import { disposeData, loadData } from '../../src/core/data';

const fixtures = path.join(__dirname, '../../../test/fixtures/data');
const load = (yaml: string) => loadData(tf, parseCell(yaml), fixtures);

/** Every fixture's bytes before the tests: none may change. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) {
      const file = path.join(e.parentPath ?? e.path, e.name);
      out.set(file, fs.readFileSync(file).toString('base64'));
    }
  }
  return out;
}

function rejects(yaml: string, message: RegExp, line?: number): void {
  assert.throws(
    () => load(yaml),
    (e: unknown) => {
      assert.ok(e instanceof CellError, `a CellError, got ${String(e)}`);
      assert.match(e.message, message);
      if (line !== undefined) assert.equal(e.position?.line, line, `at cell line ${line}: ${e.message}`);
      return true;
    },
  );
}

describe('data: malformed files are refused with file, place and a fix', () => {
  let original: Map<string, string>;
  before(async () => {
    await tf.setBackend('cpu');
    original = snapshot(fixtures);
  });
  after(() => assert.deepEqual(snapshot(fixtures), original, 'no fixture was written to'));

  it('JSONL: a line that is not JSON, by line', () => {
    rejects(
      'data:\n  train: people-broken.jsonl\n',
      /people-broken.jsonl line 3: not valid JSON \(.*\) — each line of a .jsonl file is one JSON object/,
      2,
    );
  });

  it('JSONL: a ragged record with a field the first lacks', () => {
    rejects(
      'data: { train: people-ragged.jsonl }',
      /people-ragged.jsonl line 2: field `coupon` is not in the first record \(`age`, `plan`, `spend`, `churned`\) — every record needs the same fields/,
    );
  });

  it('JSON: a nested value, by line and field', () => {
    rejects(
      'data: { train: people-nested.json }',
      /people-nested.json line 4: field `spend` holds an object; .* flatten it/,
    );
  });

  it('JSON: a missing field is a missing value, by line and field', () => {
    rejects(
      'data: { train: people-missing.json }',
      /people-missing.json line 3, field `spend`: the value is missing — fill it in, remove the row, or leave `spend` out of `features:`/,
    );
  });

  it('JSON: text in a number field says how to declare it categorical', () => {
    rejects(
      'data: { train: people.json }',
      /people.json line 2, field `plan`: `basic` is not a number — .*list it in `categorical:`/,
    );
  });

  it('categorical: a category the training rows never had, in the test file, is read as unknown (all zeros), not refused', () => {
    const d = load('data: { train: people.jsonl, test: people-test.jsonl, categorical: [plan], label: churned }');
    try {
      assert.deepEqual(d.featureNames, ['age', 'plan=basic', 'plan=family', 'plan=premium', 'spend']);
      const test = d.test!.xs.arraySync() as number[][];
      assert.deepEqual(test[0].slice(1, 4), [0, 0, 1], 'premium is the third category');
      assert.deepEqual(test[1].slice(1, 4), [0, 0, 0], 'student: no category of the training rows');
      assert.match(d.note ?? '', /1 categories outside the training rows were read as unknown/);
    } finally {
      disposeData(d);
    }
  });

  it('categorical: a column that is not a feature, at its line in the list', () => {
    rejects(
      'data:\n  train: people.json\n  features: [age]\n  categorical:\n    - plan\n',
      /`plan` is listed in `categorical:` but is not one of the features \(age\)/,
      5,
    );
  });

  it('text: a text column beside other features, and an empty text', () => {
    rejects(
      'data:\n  train: reviews.csv\n  text: review\n  features: [review, sentiment]\n',
      /`sentiment` is the label|text column is the model's only input/,
    );
    fs.writeFileSync(path.join(tmpDir(), 'empty-review.csv'), 'review,sentiment\ngood,positive\n"",negative\n');
    assert.throws(
      () => loadData(tf, parseCell('data: { train: empty-review.csv, text: review }'), tmpDir()),
      /empty-review.csv row 3, column `review`: the text is empty — fill it in or remove the row/,
    );
  });

  it('IDX: a file cut short, labels that do not pair with the images, and no labels beside the images', () => {
    rejects(
      'data: { train: digits-short-images-idx3-ubyte }',
      /digits-short-images-idx3-ubyte: is cut short: the header says \[6 × 4 × 4\] = 96 values but there are 24/,
    );
    rejects(
      'data: { train: [digits-test-images.idx, digits-fewer-labels.idx] }',
      /digits-fewer-labels.idx: has 5 labels but digits-test-images.idx has 3 samples/,
    );
    rejects(
      'data: { train: [digits-test-labels.idx, digits-test-images.idx] }',
      /digits-test-labels.idx: has 1 dimension; .* is it the labels file\?/,
    );
    fs.copyFileSync(path.join(fixtures, 'digits-test-images.idx'), path.join(tmpDir(), 'lonely-images.idx'));
    assert.throws(
      () => loadData(tf, parseCell('data: { train: lonely-images.idx }'), tmpDir()),
      /lonely-images.idx: no labels file found beside it \(looked for lonely-labels.idx\) — name both: `train: \[lonely-images.idx, <labels file>\]`/,
    );
    rejects('data:\n  train:\n    - digits-test-images.idx\n    - nope.idx\n', /file not found: `nope.idx`/, 4);
  });

  it('images: an empty class folder, an undecodable image, a size mismatch without imageSize, an unknown test class', () => {
    rejects(
      'data: { train: colours-empty }',
      /colours-empty\/blue is empty: the class `blue` has no .png or .jpg images — add some, or remove the folder/,
    );
    rejects(
      'data: { train: colours-broken }',
      /colours-broken\/blue\/a.png cannot be decoded \(.*\) — open and re-save it as PNG or JPEG, or remove it/,
    );
    rejects(
      'data: { train: colours-sizes }',
      /colours-sizes\/red\/b.png is 12×10 pixels but colours-sizes\/red\/a.png is 8×8: declare `imageSize: \[8, 8\]` to resize every image to one size/,
    );
    rejects(
      'data: { train: colours, test: colours-unseen }',
      /colours-unseen\/green is not a class of colours \(blue, red\)/,
    );
    rejects(
      'data: { train: colours-test/red }',
      /colours-test\/red\/d.png lies directly in the folder: put each image in the subfolder of its class/,
    );
  });

  it("settings: a bad imageSize, channels and encoding at their lines, refused by the cell's decoder before any load", () => {
    // The core runs no cell with an error (session.ts), and the editor and `bigmodel check` show the same.
    const refused = (yaml: string) =>
      parseCell(yaml)
        .problems.filter((p) => p.severity === 'error')
        .map((p) => `${p.line} ${p.message}`);
    assert.deepEqual(refused('data:\n  train: colours\n  imageSize: [8]\n'), [
      '3 `data.imageSize` must be a list of 2 values, such as `[64, 64]`, got `[8]`',
    ]);
    assert.deepEqual(refused('data:\n  train: colours\n  channels: 2\n'), [
      '3 `data.channels` is one of `1`, `3`, got `2`',
    ]);
    assert.match(
      refused('data:\n  train: people.json\n  categorical: plan\n  encoding: hot\n')[0],
      /^4 `data.encoding` is one of `onehot`, `index`, got `hot`/,
    );
    rejects('data:\n  source: iris\n  categorical: [x]\n', /`data.categorical` is for your own files/, 3);
  });
});

let tmp: string | undefined;
function tmpDir(): string {
  tmp ??= fs.mkdtempSync(path.join(os.tmpdir(), 'bigmodel-data-'));
  return tmp;
}
