// Entry point the extension host loads (extensionTestsPath): runs the in-host mocha suites, prints the closing line.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 120000, reporter: 'spec' });
  // run-in-host.js --grep: one part of the suite, e.g. the language tests again in another display language.
  if (process.env.BIGMODEL_TEST_GREP) mocha.grep(process.env.BIGMODEL_TEST_GREP);
  for (const f of fs.readdirSync(__dirname)) if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // The plain closing line the harness and CI read.
      console.log(`${runner.stats?.passes ?? 0} passed, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} in-host tests failed`));
      else resolve();
    });
  });
}
