// A real training core for a suite of tests, started from the built dist/core.js as the extension starts it and
// disposed afterwards: what the core's test files had each written out again.
import * as path from 'node:path';
import { TrainingCore } from '../../src/client/trainingCore';
import { suiteFixture, type Lifetime } from './suiteFixture';

export const corePath = path.join(__dirname, '../../../dist/core.js');

/**
 * Call inside a `describe`: a core (backend `auto`) started before the suite's tests, or before each test with
 * `'each test'` (for tests that leave a core changed or dead). Read the returned function inside a test or a hook.
 */
export function startedCore(lifetime: Lifetime = 'suite'): () => TrainingCore {
  return suiteFixture(
    'the training core',
    () => TrainingCore.start({ corePath, backend: 'auto' }),
    (core) => core.dispose(),
    lifetime,
  );
}
