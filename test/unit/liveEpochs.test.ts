// A run's stored history keeps at most 200 epochs, the first, the last and the best among them.
import * as assert from 'node:assert/strict';
import { historySample, HISTORY_POINTS } from '../../src/shared/epochSample';

describe('a run\'s stored history', () => {
  const curve = (n: number, best: number) => Array.from({ length: n }, (_, i) => ({ epoch: i + 1, loss: 1 / (i + 1), val_loss: i === best ? 0.01 : 1 + Math.abs(i - best) / n, val_accuracy: i === best + 3 ? 0.99 : 0.5 }));

  it('keeps every epoch of a short run', () => {
    const short = curve(150, 40);
    assert.deepEqual(historySample(short), short);
  });

  it('keeps at most 200 epochs of a long one, in order, with the first, the last and the best', () => {
    const long = curve(10000, 4321);
    const kept = historySample(long);
    assert.ok(kept.length <= HISTORY_POINTS && kept.length >= HISTORY_POINTS - 1, `${kept.length}`);
    assert.equal(kept[0], long[0]);
    assert.equal(kept[kept.length - 1], long[9999]);
    assert.ok(kept.includes(long[4321]), 'the lowest val_loss');
    assert.ok(kept.every((e, i) => i === 0 || e.epoch > kept[i - 1].epoch));
    assert.ok(historySample(long, { name: 'val_accuracy', mode: 'max' }).includes(long[4324]), 'the monitored figure, highest');
  });
});
