// A `data` cell loaded in a test as the core's session loads it (parsed by the one decoder, cellSpec.ts, then
// loadData), with what the data tests had each written again: the fixtures folder, a tensor's values, closeness,
// the CellError a load fails with, and a suite's loaded tensors disposed after each test.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { CellError } from '../../src/core/cellError';
import { disposeData, loadData, type SessionData } from '../../src/core/data';
import { parseCell } from '../../src/shared/cellSpec';

export const fixtures = path.join(__dirname, '../../../test/fixtures/data');

/** Loads a `data` cell with relative paths from `folder` (none: only built-in sources resolve). */
export const loadIn = (folder?: string) => (yaml: string) => loadData(tf, parseCell(yaml), folder);

export const values = (t: tf.Tensor) => Array.from(t.dataSync());

/** As many numbers as expected, each within `eps`. */
export function near(actual: number[], expected: number[], eps = 1e-4): void {
  assert.ok(
    actual.length === expected.length && actual.every((v, i) => Math.abs(v - expected[i]) < eps),
    `${actual.join(', ')} ≈ ${expected.join(', ')}`,
  );
}

/** `load(yaml)` fails with a CellError that `check` accepts. */
export function rejects(load: (yaml: string) => unknown, yaml: string, check: (e: CellError) => void): void {
  assert.throws(
    () => load(yaml),
    (e: unknown) => {
      assert.ok(e instanceof CellError, `a CellError, got ${String(e)}`);
      check(e);
      return true;
    },
  );
}

/**
 * Call inside a `describe`: the cpu backend before its tests, and every data the returned loader made in a test
 * disposed after it (also when the test fails half-way, or disposed some itself: disposing twice is harmless).
 */
export function loadsData(folder?: string): (yaml: string) => SessionData {
  const loaded: SessionData[] = [];
  before(async () => {
    await tf.setBackend('cpu');
  });
  afterEach(() => {
    for (const d of loaded.splice(0)) disposeData(d);
  });
  const load = loadIn(folder);
  return (yaml) => {
    const d = load(yaml);
    loaded.push(d);
    return d;
  };
}
