// A chart's points kept between live updates: only new epochs are read, another run starts over, and a long curve
// is downsampled to the lowest and highest point of each bucket as it grows.
import * as assert from 'node:assert/strict';
import { CURVE_BUCKETS, CurvePoints, DownsampledCurve, orderedSeries, type Point } from '../../src/shared/curvePoints';
import type { EpochRecord } from '../../src/shared/outputs';

const epoch = (n: number, more: Partial<EpochRecord> = {}): EpochRecord => ({
  epoch: n,
  loss: 1 / n,
  val_loss: 1.1 / n,
  accuracy: 1 - 1 / (n + 1),
  ...more,
});

describe('curve points', () => {
  it('orders losses first, validation after training, then the metrics', () => {
    assert.deepEqual(
      orderedSeries(['val_accuracy', 'accuracy', 'val_loss', 'loss']).map((s) => [s.name, s.axis]),
      [
        ['loss', 'loss'],
        ['val_loss', 'loss'],
        ['accuracy', 'metric'],
        ['val_accuracy', 'metric'],
      ],
    );
  });

  it('appends the epochs a live update adds, and skips values that are not finite', () => {
    const curves = new CurvePoints();
    const epochs = [epoch(1), epoch(2)];
    curves.sync(epochs);
    epochs.push(epoch(3, { val_loss: Number.NaN }));
    curves.sync(epochs);
    assert.deepEqual(
      curves.of('loss').map((p) => p.x),
      [1, 2, 3],
    );
    assert.deepEqual(
      curves.of('val_loss').map((p) => p.x),
      [1, 2],
    );
    assert.equal(curves.of('loss')[2].y, 1 / 3);
    assert.deepEqual(
      curves.series.map((s) => s.name),
      ['loss', 'val_loss', 'accuracy'],
    );
  });

  it('starts over for another run, shorter or with other epochs', () => {
    const curves = new CurvePoints();
    curves.sync([epoch(1), epoch(2), epoch(3)]);
    curves.sync([epoch(1, { loss: 9 })]);
    assert.deepEqual(curves.of('loss'), [{ x: 1, y: 9 }]);
    curves.sync([epoch(1), epoch(2), epoch(3)]);
    curves.sync([epoch(5), epoch(6), epoch(7), epoch(8)]);
    assert.deepEqual(
      curves.of('loss').map((p) => p.x),
      [5, 6, 7, 8],
    );
  });

  it('hands out a copy, so a chart library changing it leaves the curve alone', () => {
    const curves = new CurvePoints();
    curves.sync([epoch(1), epoch(2)]);
    curves.of('loss').length = 0;
    assert.equal(curves.of('loss').length, 2);
  });

  it('hands a 100,000-epoch curve to the chart as at most two points a bucket, with the extremes and the last point', () => {
    const curves = new CurvePoints();
    const epochs: EpochRecord[] = [];
    // A noisy falling loss with one spike and one dip in the middle.
    for (let n = 1; n <= 100000; n++)
      epochs.push({
        epoch: n,
        loss: 1 / Math.sqrt(n) + 0.01 * Math.sin(n * 1.7) + (n === 54321 ? 5 : n === 77777 ? -1 : 0),
      });
    for (let n = 0; n < epochs.length; n += 997) curves.sync(epochs.slice(0, n)); // grown by live updates
    curves.sync(epochs);
    const shown = curves.of('loss');
    assert.ok(shown.length <= 2 * CURVE_BUCKETS + 2, `${shown.length} points`);
    assert.ok(shown.length > CURVE_BUCKETS, `${shown.length} points`);
    assert.deepEqual(shown[0], { x: 1, y: epochs[0].loss });
    assert.deepEqual(shown[shown.length - 1], { x: 100000, y: epochs[99999].loss });
    assert.ok(
      shown.some((p) => p.x === 54321),
      'the spike',
    );
    assert.ok(
      shown.some((p) => p.x === 77777),
      'the dip',
    );
    assert.ok(
      shown.every((p, i) => i === 0 || p.x > shown[i - 1].x),
      'in epoch order',
    );
  });

  it('downsamples point by point the same as from scratch: min and max of each bucket of a power-of-two width', () => {
    const y = (i: number) => Math.sin(i / 3) * Math.cos(i / 17) + ((i * 7919) % 13) / 40;
    for (const buckets of [4, 7, 50]) {
      const curve = new DownsampledCurve(buckets);
      const all: Point[] = [];
      for (let i = 0; i < 1500; i++) {
        const p = { x: i + 1, y: Math.round(y(i) * 8) / 8 }; // rounded, so there are ties
        all.push(p);
        curve.push(p);
        if (i % 37 === 0 || i > 1490)
          assert.deepEqual(curve.points(), fromScratch(all, buckets), `${buckets} buckets, ${i + 1} points`);
      }
    }
  });

  it('keeps every point of a curve shorter than its buckets', () => {
    const curve = new DownsampledCurve(10);
    const points = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3].map((y, i) => ({ x: i, y }));
    points.forEach((p) => curve.push(p));
    assert.deepEqual(curve.points(), points);
  });
});

/** The reference: the smallest power-of-two width with at most `buckets` buckets; each bucket's first lowest and first highest point, in order; the first and the last point. */
function fromScratch(points: Point[], buckets: number): Point[] {
  let width = 1;
  while (Math.ceil(points.length / width) > buckets) width *= 2;
  const out: Point[] = [points[0]];
  for (let start = 0; start < points.length; start += width) {
    const bucket = points.slice(start, start + width);
    const min = bucket.reduce((a, b) => (b.y < a.y ? b : a));
    const max = bucket.reduce((a, b) => (b.y > a.y ? b : a));
    for (const p of min.x <= max.x ? [min, max] : [max, min]) if (out[out.length - 1] !== p) out.push(p);
  }
  if (out[out.length - 1] !== points[points.length - 1]) out.push(points[points.length - 1]);
  return out;
}
