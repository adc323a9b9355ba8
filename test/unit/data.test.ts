// The data layer's common path: choosing the source, the settings every source shares, and the tensors it makes.
import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { parseCell } from '../../src/shared/cellSpec';
import { BUILTIN_SOURCES, disposeData } from '../../src/core/data';
import { prepare } from '../../src/core/data/prepare';
import { floatFeatures, type LoadedData } from '../../src/core/data/dataset';
import { loadIn, rejects } from './dataLoading';

const load = loadIn();

/** The decoder's first error (cellSpec.ts): the core runs no cell that has one, so such a setting never reaches loadData. */
function refused(yaml: string): { message: string; line: number } {
  const [problem] = parseCell(yaml).problems.filter((p) => p.severity === 'error');
  assert.ok(problem, `refused: ${yaml}`);
  return problem;
}

describe('data: sources and shared settings', () => {
  before(async () => {
    await tf.setBackend('cpu');
  });

  it('lists every built-in source', () => {
    assert.deepEqual([...BUILTIN_SOURCES].sort(), ['blobs', 'fashion-mnist', 'iris', 'spiral', 'xor']);
  });

  it('keeps the synthetic sources as they were: xor is binary with a label column', () => {
    const d = load('data: { source: xor, validation: 0.2 }');
    assert.equal(d.task, 'binary');
    assert.deepEqual([d.train.size, d.validation?.size, d.test?.size], [800, 200, 300]);
    assert.deepEqual(d.train.xs.shape, [800, 2]);
    assert.deepEqual(d.train.ys.shape, [800, 1]);
    disposeData(d);
  });

  it('makes one-hot labels for classification and counts the classes', () => {
    const d = load('data: { source: spiral, limit: 90 }');
    assert.deepEqual(d.train.ys.shape, [90, 3]);
    assert.deepEqual(
      d.classBalance?.reduce((n, c) => n + c.count, 0),
      90,
    );
    disposeData(d);
  });

  it('applies limit, then validation, to every source', () => {
    const d = load('data: { source: iris, limit: 50, validation: 0.2 }');
    assert.deepEqual([d.train.size, d.validation?.size, d.test?.size], [40, 10, 30]);
    disposeData(d);
  });

  it('disposes every tensor it made', () => {
    const before = tf.memory().numTensors;
    disposeData(load('data: { source: blobs, validation: 0.1 }'));
    assert.equal(tf.memory().numTensors, before);
  });

  it('shuffles the same way for the same seed, and another way for another seed', () => {
    const first = (seed: number) => {
      const d = load(`data: { source: iris, seed: ${seed}, normalize: false }`);
      const row = Array.from(d.train.xs.dataSync().slice(0, 4));
      disposeData(d);
      return row;
    };
    assert.deepEqual(first(3), first(3));
    assert.notDeepEqual(first(3), first(4));
  });

  it('shuffles rows in place as an index shuffle would (features stay with their labels)', () => {
    const loaded: LoadedData = {
      source: 't',
      task: 'regression',
      inputShape: [2],
      train: {
        features: Float32Array.from([0, 0, 1, 10, 2, 20, 3, 30, 4, 40]),
        labels: Float32Array.from([0, 1, 2, 3, 4]),
        size: 5,
      },
    };
    const p = prepare(loaded, { shuffle: true, seed: 1, limit: Infinity, validation: 0, normalize: false });
    const labels = Array.from(p.train.labels);
    assert.deepEqual([...labels].sort(), [0, 1, 2, 3, 4]);
    assert.notDeepEqual(labels, [0, 1, 2, 3, 4]);
    labels.forEach((l, i) =>
      assert.deepEqual(Array.from(floatFeatures(p.train.features).subarray(i * 2, i * 2 + 2)), [l, l * 10]),
    );
  });

  it('keeps at least one row on each side of the validation cut', () => {
    const d = load('data: { source: xor, limit: 3, validation: 0.1 }');
    assert.deepEqual([d.train.size, d.validation?.size], [2, 1]);
    disposeData(d);
  });

  it('names an unknown source with a suggestion at its line', () => {
    const p = refused('data:\n  source: irsi\n');
    assert.match(p.message, /unknown data source `irsi` — did you mean `iris`\?/);
    assert.equal(p.line, 2);
  });

  it('asks for a source or a train file when there is neither', () => {
    rejects(load, 'data:\n  limit: 10\n', (e) => assert.match(e.message, /needs a `source`.*or a `train:` file/));
  });

  it('rejects an unknown data setting with a suggestion', () => {
    const p = refused('data:\n  source: iris\n  valdation: 0.2\n');
    assert.match(p.message, /unknown setting `data.valdation` — did you mean `validation`\?/);
    assert.equal(p.line, 3);
  });

  it('rejects settings of the wrong type at their line', () => {
    const p = refused('data:\n  source: xor\n  shuffle: maybe\n');
    assert.match(p.message, /`data.shuffle` must be true or false/);
    assert.equal(p.line, 3);
    assert.match(refused('data:\n  source: xor\n  validation: 2\n').message, /between 0 and 0.9/);
    assert.match(
      refused('data:\n  train: people.csv\n  features: []\n').message,
      /`data.features` must be a list such as `\[a, b\]`, got `\[\]`/,
    );
  });

  it('rejects file settings on a built-in source', () => {
    rejects(load, 'data:\n  source: iris\n  label: species\n', (e) => {
      assert.match(e.message, /`data.label` is for your own files/);
      assert.equal(e.position?.line, 3);
    });
  });

  it('renames classes with `classes:` and checks their number', () => {
    const d = load('data: { source: xor, classes: [same, different] }');
    assert.deepEqual(d.classes, ['same', 'different']);
    disposeData(d);
    rejects(load, 'data:\n  source: iris\n  classes: [a, b]\n', (e) => {
      assert.match(e.message, /2 names for 3 classes/);
      assert.equal(e.position?.line, 3);
    });
  });
});
