// The error a cell run through the real core fails with: the one error type, or the test fails saying what came instead.
import * as assert from 'node:assert/strict';
import { BigModelError } from '../../src/shared/bigModelError';

export async function cellFailure(p: Promise<unknown>): Promise<BigModelError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof BigModelError, `a cell error, not ${String(e)}`);
    return e;
  }
  assert.fail('the cell should have failed');
}
