// The built-in iris: Fisher's 150 flowers and a seeded, stratified 80/20 split.
import * as assert from 'node:assert/strict';
import { IRIS_CLASSES, irisRows, loadIris, stratifiedSplit } from '../../src/core/data/iris';
import { seededRandom } from '../../src/core/data/random';
import { floatFeatures } from '../../src/core/data/dataset';

const counts = (labels: ArrayLike<number>) => [0, 1, 2].map((c) => Array.from(labels).filter((l) => l === c).length);

describe('data: iris', () => {
  it("holds Fisher's 150 flowers, 50 of each species, with the published means", () => {
    const { features, labels } = irisRows();
    assert.equal(features.length, 150);
    assert.deepEqual(counts(labels), [50, 50, 50]);
    const mean = (c: number, f: number) =>
      features.filter((_, i) => labels[i] === c).reduce((s, r) => s + r[f], 0) / 50;
    // Fisher (1936) / scikit-learn: setosa 5.006 3.428 1.462 0.246; virginica petal length 5.552.
    assert.deepEqual(
      [0, 1, 2, 3].map((f) => +mean(0, f).toFixed(3)),
      [5.006, 3.428, 1.462, 0.246],
    );
    assert.equal(+mean(2, 2).toFixed(3), 5.552);
    assert.deepEqual(features[0], [5.1, 3.5, 1.4, 0.2]);
    assert.deepEqual(features[149], [5.9, 3.0, 5.1, 1.8]);
  });

  it('splits 120 / 30 with 40 / 10 of every species', () => {
    const d = loadIris(42);
    assert.deepEqual([d.train.size, d.test?.size], [120, 30]);
    assert.deepEqual(counts(d.train.labels), [40, 40, 40]);
    assert.deepEqual(counts(d.test?.labels ?? []), [10, 10, 10]);
    assert.deepEqual(d.classes, IRIS_CLASSES);
    assert.deepEqual(d.inputShape, [4]);
    assert.equal(floatFeatures(d.train.features).length, 480);
  });

  it('uses every flower once, and the seed decides which go to test', () => {
    const { labels } = irisRows();
    const a = stratifiedSplit(labels, 0.2, seededRandom(1));
    assert.deepEqual(
      [...a.train, ...a.test].sort((x, y) => x - y),
      labels.map((_, i) => i),
    );
    assert.deepEqual(stratifiedSplit(labels, 0.2, seededRandom(1)), a);
    assert.notDeepEqual(stratifiedSplit(labels, 0.2, seededRandom(2)).test, a.test);
  });

  it('mixes the species in the training order, so an unshuffled validation cut is not one species', () => {
    const d = loadIris(42);
    assert.ok(counts(d.train.labels.subarray(96)).every((n) => n > 0));
  });
});
