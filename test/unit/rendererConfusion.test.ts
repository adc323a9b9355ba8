// The pure helpers behind the evaluation renderer: row shares, the most confused pairs and their wording.
import * as assert from 'node:assert/strict';
import { confusionRowShares, formatPercent, metricLabel, mostConfusedPairs } from '../../src/shared/outputs';

const matrix = {
  labels: ['cat', 'dog', 'bird'],
  values: [
    [50, 3, 7],
    [12, 30, 8],
    [0, 5, 45],
  ],
};

describe('renderer helpers: confusion matrix', () => {
  it('gives each cell as a share of its true class', () => {
    const shares = confusionRowShares(matrix.values);
    assert.deepEqual(shares[1], [0.24, 0.6, 0.16]);
    assert.equal(shares[0][2], 7 / 60);
    for (const row of shares) assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-12);
  });

  it('gives zeros, not NaN, for a class with no samples', () => {
    assert.deepEqual(
      confusionRowShares([
        [0, 0],
        [1, 3],
      ]),
      [
        [0, 0],
        [0.25, 0.75],
      ],
    );
  });

  it('lists the off-diagonal cells with the most samples, largest first', () => {
    const pairs = mostConfusedPairs(matrix);
    assert.deepEqual(
      pairs.map((p) => [p.actual, p.predicted, p.count]),
      [
        ['dog', 'cat', 12],
        ['dog', 'bird', 8],
        ['cat', 'bird', 7],
      ],
    );
    assert.equal(pairs[0].shareOfActual, 0.24);
    assert.equal(
      mostConfusedPairs(matrix, 10).length,
      5,
      'five non-zero off-diagonal cells; the empty one is left out',
    );
  });

  it('keeps matrix order between equal counts and ignores the diagonal', () => {
    const pairs = mostConfusedPairs({
      labels: ['a', 'b', 'c'],
      values: [
        [90, 2, 2],
        [2, 99, 0],
        [0, 0, 99],
      ],
    });
    assert.deepEqual(
      pairs.map((p) => `${p.actual}>${p.predicted}`),
      ['a>b', 'a>c', 'b>a'],
    );
    assert.deepEqual(
      mostConfusedPairs({
        labels: ['a', 'b'],
        values: [
          [5, 0],
          [0, 5],
        ],
      }),
      [],
    );
  });

  it('names metrics as people write them and formats shares', () => {
    assert.deepEqual(['auc', 'r2', 'mae', 'rmse', 'accuracy', 'loss'].map(metricLabel), [
      'AUC',
      'R²',
      'MAE',
      'RMSE',
      'accuracy',
      'loss',
    ]);
    assert.equal(formatPercent(0.1867), '18.7%');
    assert.equal(formatPercent(1), '100.0%');
    assert.equal(formatPercent(NaN), '–');
  });
});
