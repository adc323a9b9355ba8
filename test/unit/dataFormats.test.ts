// Your own data in every format the `data` section reads: JSON and JSONL records, categorical and text columns,
// IDX files and image folders — each through loadData, the function the core's session calls, into real tensors.
import * as assert from 'node:assert/strict';
import { disposeData, type SessionData } from '../../src/core/data';
import { fixtures, loadsData, near, values } from './dataLoading';

describe('data: your own files in every format', () => {
  const load = loadsData(fixtures);
  let d: SessionData;

  it('reads a JSON array of records, the last field being the label', () => {
    d = load('data: { train: people.json, features: [age, spend], shuffle: false, normalize: false }');
    assert.equal(d.task, 'binary');
    assert.deepEqual(d.featureNames, ['age', 'spend']);
    near(values(d.train.xs).slice(0, 4), [31, 20.5, 45, 80]);
    near(values(d.train.ys), [0, 1, 0, 1, 0, 1]);
    assert.equal(d.source, 'people.json');
  });

  it('reads JSONL (blank lines skipped, true/false as 1/0) with a JSONL test file whose fields come in another order', () => {
    d = load(
      'data: { train: people.jsonl, test: people-test.jsonl, features: [age, spend], label: churned, shuffle: false, normalize: false }',
    );
    assert.deepEqual([d.train.size, d.test?.size], [4, 2]);
    near(values(d.train.ys), [0, 1, 0, 1]);
    near(values(d.test!.xs), [40, 75, 19, 10]);
    near(values(d.test!.ys), [1, 0]);
  });

  it('one-hot encodes categorical columns with the training categories, and leaves them out of standardisation', () => {
    d = load('data: { train: people.json, label: churned, categorical: [plan], shuffle: false }');
    assert.deepEqual(d.featureNames, ['age', 'plan=basic', 'plan=family', 'plan=premium', 'spend']);
    assert.deepEqual(d.inputShape, [5]);
    assert.deepEqual(d.categories, { plan: ['basic', 'family', 'premium'] });
    const rows = values(d.train.xs);
    assert.deepEqual(rows.slice(1, 4), [1, 0, 0]); // basic, not standardised
    assert.deepEqual(rows.slice(6, 9), [0, 0, 1]); // premium
    near([rows[0]], [(31 - 36) / Math.sqrt(((31 - 36) ** 2 + 9 ** 2 + 14 ** 2 + 15 ** 2 + 2 ** 2 + 7 ** 2) / 6)]); // age is standardised
    assert.deepEqual(d.standardisation?.std.slice(1, 4), [1, 1, 1]);
  });

  it('encodes a categorical column as its category index when asked', () => {
    d = load(
      'data: { train: people.json, label: churned, features: [plan], categorical: plan, encoding: index, shuffle: false }',
    );
    assert.deepEqual(d.inputShape, [1]);
    assert.deepEqual(values(d.train.xs), [0, 2, 0, 1, 2, 1]);
  });

  it('turns a text column into padded token-id sequences with the vocabulary size the model needs', () => {
    d = load('data: { train: reviews.csv, text: review, maxLength: 5, vocabularySize: 50, shuffle: false }');
    // Two label values are a yes/no task; `positive`/`negative` say which is which.
    assert.deepEqual([d.task, d.classes, d.positive], ['binary', ['negative', 'positive'], 'positive']);
    assert.deepEqual(d.inputShape, [5]);
    assert.equal(d.train.xs.dtype, 'int32');
    assert.ok(d.text);
    assert.equal(d.text.vocabularySize, d.text.vocabulary.length);
    assert.deepEqual(d.text.vocabulary.slice(0, 4), ['[PAD]', '[UNK]', 'boring', 'wonderful']);
    const ids = values(d.train.xs);
    const id = (w: string) => d!.text!.vocabulary.indexOf(w);
    assert.deepEqual(ids.slice(0, 5), [id('a'), id('wonderful'), id('moving'), id('film'), 0]); // "A wonderful, moving film" + padding
    assert.deepEqual(ids.slice(10, 15), [id('wonderful'), id('acting'), id('wonderful'), id('story'), 0]);
    assert.equal(d.standardisation, undefined); // token ids are never standardised
    assert.match(d.note ?? '', /text `review` as 5 token ids \(vocabulary of \d+\)/);
  });

  it('reads IDX images with their labels found beside them by name, and an uncompressed IDX pair as a test split', () => {
    d = load(
      'data: { train: digits-train-images-idx3-ubyte.gz, test: [digits-test-images.idx, digits-test-labels.idx], shuffle: false }',
    );
    assert.equal(d.task, 'classification');
    assert.deepEqual(d.inputShape, [4, 4, 1]);
    assert.deepEqual(d.classes, ['0', '1', '2']);
    assert.deepEqual(d.train.xs.shape, [6, 4, 4, 1]);
    near(values(d.train.xs).slice(0, 4), [1, 1, 0, 0]); // class 0 is lit on the left, scaled to [0, 1]
    assert.deepEqual(values(d.train.ys).slice(0, 6), [1, 0, 0, 0, 1, 0]);
    assert.equal(d.test?.size, 3);
  });

  it('reads a folder of PNG and JPEG images, one subfolder per class, and a test folder', () => {
    d = load('data: { train: colours, test: colours-test, shuffle: false }');
    assert.equal(d.task, 'binary');
    assert.deepEqual(d.classes, ['blue', 'red']);
    assert.deepEqual(d.inputShape, [8, 8, 3]);
    assert.equal(d.train.size, 6);
    const first = values(d.train.xs).slice(0, 3); // blue/a.png
    near(first, [20 / 255, 20 / 255, 220 / 255]);
    const jpegPixel = values(d.train.xs).slice(8 * 8 * 3, 8 * 8 * 3 + 3); // blue/b.jpeg, lossy
    near(jpegPixel, [20 / 255, 20 / 255, 220 / 255], 0.06);
    assert.deepEqual(values(d.train.ys), [0, 0, 0, 1, 1, 1]);
    assert.equal(d.test?.size, 2);
  });

  it('resizes every image to the declared size, in grey when asked', () => {
    d = load('data: { train: colours-sizes, imageSize: [4, 6], channels: 1, shuffle: false }');
    assert.deepEqual(d.inputShape, [4, 6, 1]);
    assert.deepEqual(d.train.xs.shape, [3, 4, 6, 1]);
    const blue = values(d.train.ys).indexOf(d.classes!.indexOf('blue'));
    near(values(d.train.xs).slice(blue * 24, blue * 24 + 1), [(0.299 * 20 + 0.587 * 20 + 0.114 * 220) / 255]);
  });

  it('takes a validation file, folder or IDX pair in place of a fraction', () => {
    d = load('data: { train: people.jsonl, validation: people-test.jsonl, features: [age], label: churned }');
    assert.deepEqual([d.train.size, d.validation?.size], [4, 2]);
    disposeData(d);
    d = load('data: { train: colours, validation: colours-test }');
    assert.deepEqual([d.train.size, d.validation?.size], [6, 2]);
    disposeData(d);
    d = load(
      'data: { train: digits-train-images-idx3-ubyte.gz, validation: [digits-test-images.idx, digits-test-labels.idx] }',
    );
    assert.deepEqual([d.train.size, d.validation?.size, d.test], [6, 3, undefined]);
  });
});
