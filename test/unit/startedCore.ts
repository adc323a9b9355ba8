// A real training core for a suite of tests, started from the built dist/core.js as the extension starts it and
// disposed afterwards: what the core's test files had each written out again.
import * as path from 'node:path';
import { TrainingCore } from '../../src/client/trainingCore';

export const corePath = path.join(__dirname, '../../../dist/core.js');

/**
 * Call inside a `describe`: a core (backend `auto`) started before the suite's tests, or before each test with
 * `'each test'` (for tests that leave a core changed or dead). Read the returned function inside a test or a hook.
 */
export function startedCore(lifetime: 'suite' | 'each test' = 'suite'): () => TrainingCore {
  let core: TrainingCore | undefined;
  const start = async () => {
    core = await TrainingCore.start({ corePath, backend: 'auto' });
  };
  const stop = async () => {
    await core?.dispose();
    core = undefined;
  };
  if (lifetime === 'suite') {
    before(start);
    after(stop);
  } else {
    beforeEach(start);
    afterEach(stop);
  }
  return () => {
    if (!core) throw new Error('the training core is read outside its tests (read it in a test or a hook)');
    return core;
  };
}
