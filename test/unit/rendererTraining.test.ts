// The training renderer's screen-reader table (src/shared/epochSample.ts) stays small on a long run, and keeps the epochs that matter.
import * as assert from 'node:assert/strict';
import type { EpochRecord } from '../../src/shared/outputs';
import { tableEpochs } from '../../src/shared/epochSample';

const run = (n: number): EpochRecord[] => Array.from({ length: n }, (_, i) => ({ epoch: i + 1, loss: 1 / (i + 1) }));

describe('the training renderer table', () => {
  it('lists every epoch of a short run', () => {
    assert.deepEqual(tableEpochs(run(100)).map((e) => e.epoch), run(100).map((e) => e.epoch));
  });

  it('lists 100 evenly spaced epochs of a long run, ending with the last', () => {
    const shown = tableEpochs(run(100000)).map((e) => e.epoch);
    assert.equal(shown.length, 100);
    assert.equal(shown[shown.length - 1], 100000);
    assert.equal(shown[0], 1000);
    const gaps = new Set(shown.slice(1).map((e, i) => e - shown[i]));
    assert.deepEqual([...gaps], [1000]);
  });

  it('never repeats an epoch when the run is just over the limit', () => {
    const shown = tableEpochs(run(101)).map((e) => e.epoch);
    assert.equal(new Set(shown).size, 100);
    assert.equal(shown[99], 101);
  });
});
