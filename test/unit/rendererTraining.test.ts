// The training renderer's screen-reader table (src/shared/epochSample.ts) stays small on a long run, and keeps the epochs that matter.
import * as assert from 'node:assert/strict';
import type { EpochRecord } from '../../src/shared/outputs';
import { tableEpochs } from '../../src/shared/epochSample';

const run = (n: number): EpochRecord[] => Array.from({ length: n }, (_, i) => ({ epoch: i + 1, loss: 1 / (i + 1) }));

describe('the training renderer table', () => {
  it('lists every epoch of a short run', () => {
    assert.deepEqual(
      tableEpochs(run(100)).map((e) => e.epoch),
      run(100).map((e) => e.epoch),
    );
  });

  it('lists 100 evenly spaced epochs of a long run, ending with the last', () => {
    const shown = tableEpochs(run(100000)).map((e) => e.epoch);
    assert.equal(shown.length, 100);
    assert.equal(shown[shown.length - 1], 100000);
    assert.equal(shown[0], 1000);
    const gaps = new Set(shown.slice(1).map((e, i) => e - shown[i]));
    assert.deepEqual([...gaps], [1000]);
  });

  it('never repeats an epoch when the run is just over the limit, and still spans the run', () => {
    const shown = tableEpochs(run(101)).map((e) => e.epoch);
    assert.deepEqual(shown, [...Array.from({ length: 50 }, (_, i) => 2 * (i + 1)), 101]);
  });

  it('keeps the rows between live updates but the last, so a growing run rebuilds one row', () => {
    const all = run(20001);
    for (let n = 101; n < 20000; n += n < 1000 ? 1 : 97) {
      const before = tableEpochs(all.slice(0, n)).map((e) => e.epoch);
      const after = tableEpochs(all.slice(0, n + 1)).map((e) => e.epoch);
      assert.ok(after.length <= 100 && after[after.length - 1] === n + 1, `${n + 1} epochs`);
      if (Math.ceil(n / 100) !== Math.ceil((n + 1) / 100)) continue; // the step grows every 100 × step epochs
      assert.deepEqual(
        after.slice(0, -1),
        before.slice(0, n % Math.ceil(n / 100) === 0 ? before.length : -1),
        `${n} to ${n + 1} epochs`,
      );
    }
  });
});
