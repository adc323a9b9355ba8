// A folder of a suite's own under the system's temporary folder, removed when the suite (or each test) ends: the
// `let dir; before(mkdtemp); after(rmSync)` that a dozen test files had each written out again.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Call inside a `describe`; read the returned function inside a test or a hook, where the folder exists. With
 * `'each test'` every test gets a fresh, empty folder (for tests that must not see the files of the one before).
 */
export function scratchFolder(prefix: string, lifetime: 'suite' | 'each test' = 'suite'): () => string {
  let folder: string | undefined;
  const make = () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  };
  const remove = () => {
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
    folder = undefined;
  };
  if (lifetime === 'suite') {
    before(make);
    after(remove);
  } else {
    beforeEach(make);
    afterEach(remove);
  }
  return () => {
    if (!folder) throw new Error(`the scratch folder ${prefix}… is read outside its tests (read it in a test or a hook)`);
    return folder;
  };
}
