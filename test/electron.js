// The same in-host suite in desktop VS Code via @vscode/test-electron, where VS Code can be downloaded
// (not on our offline CI machines, which use code-server: see test/run-all.sh). Run `node esbuild.mjs --tests` first.
const path = require('node:path');
const fs = require('node:fs');
const { runTests } = require('@vscode/test-electron');

const root = path.join(__dirname, '..');
const workspace = path.join(root, '.run', 'workspace');
fs.mkdirSync(workspace, { recursive: true });
for (const dir of ['examples', 'test/fixtures/notebooks']) {
  for (const f of fs.readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.bigmodel')))
    fs.copyFileSync(path.join(root, dir, f), path.join(workspace, f));
}
runTests({
  extensionDevelopmentPath: root,
  extensionTestsPath: path.join(root, 'out', 'test', 'integration', 'index.js'),
  launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
}).catch((e) => {
  console.error(e);
  process.exit(1);
});
