// A folder of a suite's own under the system's temporary folder, removed when the suite (or each test) ends: the
// `let dir; before(mkdtemp); after(rmSync)` that a dozen test files had each written out again.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suiteFixture, type Lifetime } from './suiteFixture';

/**
 * Call inside a `describe`; read the returned function inside a test or a hook, where the folder exists. With
 * `'each test'` every test gets a fresh, empty folder (for tests that must not see the files of the one before).
 */
export function scratchFolder(prefix: string, lifetime: Lifetime = 'suite'): () => string {
  return suiteFixture(
    `the scratch folder ${prefix}…`,
    () => fs.mkdtempSync(path.join(os.tmpdir(), prefix)),
    (folder) => fs.rmSync(folder, { recursive: true, force: true }),
    lifetime,
  );
}
