// A chart's points kept between live updates: only new epochs are read, and another run starts over.
import * as assert from 'node:assert/strict';
import { CurvePoints, orderedSeries } from '../../src/shared/curvePoints';
import type { EpochRecord } from '../../src/shared/outputs';

const epoch = (n: number, more: Partial<EpochRecord> = {}): EpochRecord => ({ epoch: n, loss: 1 / n, val_loss: 1.1 / n, accuracy: 1 - 1 / (n + 1), ...more });

describe('curve points', () => {
  it('orders losses first, validation after training, then the metrics', () => {
    assert.deepEqual(orderedSeries(['val_accuracy', 'accuracy', 'val_loss', 'loss']).map((s) => [s.name, s.axis]),
      [['loss', 'loss'], ['val_loss', 'loss'], ['accuracy', 'metric'], ['val_accuracy', 'metric']]);
  });

  it('appends the epochs a live update adds, and skips values that are not finite', () => {
    const curves = new CurvePoints();
    const epochs = [epoch(1), epoch(2)];
    curves.sync(epochs);
    epochs.push(epoch(3, { val_loss: Number.NaN }));
    curves.sync(epochs);
    assert.deepEqual(curves.of('loss').map((p) => p.x), [1, 2, 3]);
    assert.deepEqual(curves.of('val_loss').map((p) => p.x), [1, 2]);
    assert.equal(curves.of('loss')[2].y, 1 / 3);
    assert.deepEqual(curves.series.map((s) => s.name), ['loss', 'val_loss', 'accuracy']);
  });

  it('starts over for another run, shorter or with other epochs', () => {
    const curves = new CurvePoints();
    curves.sync([epoch(1), epoch(2), epoch(3)]);
    curves.sync([epoch(1, { loss: 9 })]);
    assert.deepEqual(curves.of('loss'), [{ x: 1, y: 9 }]);
    curves.sync([epoch(1), epoch(2), epoch(3)]);
    curves.sync([epoch(5), epoch(6), epoch(7), epoch(8)]);
    assert.deepEqual(curves.of('loss').map((p) => p.x), [5, 6, 7, 8]);
  });

  it('hands out a copy, so a chart library changing it leaves the curve alone', () => {
    const curves = new CurvePoints();
    curves.sync([epoch(1), epoch(2)]);
    curves.of('loss').length = 0;
    assert.equal(curves.of('loss').length, 2);
  });
});
