// In an untrusted workspace nothing runs: VS Code asks for trust rather than executing, no command starts a training
// core, and no package of the workspace loads. Only meaningful in the pass `npm test` makes with `run-in-host.js
// --workspace-trust`, where the folder is not trusted; in the trusted passes it is pending rather than silently green.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { coreProcesses, plantedRuns, plantPackage } from './coreProcesses';

const EXTENSION_ID = 'bigmodel.bigmodel-studio';
const UNTRUSTED_PASS = process.env.BIGMODEL_TEST_UNTRUSTED === '1';

type Api = {
  corePid(uri: vscode.Uri): Promise<number | undefined>;
  coreStarts(): number;
  trustNotices(): { source: string; message: string }[];
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('an untrusted workspace', function () {
  let api: Api;
  let extensionPath: string;
  let folder: string;

  before(async function () {
    if (!UNTRUSTED_PASS) this.skip();
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    api = (await extension.activate()) as Api;
    extensionPath = extension.extensionPath;
    folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
  });

  it('is really untrusted in this pass, and the extension still activates (limited support)', () => {
    assert.equal(vscode.workspace.isTrusted, false);
    assert.ok(api, 'the extension activated');
  });

  it('runs nothing: VS Code asks for trust instead of executing, and no core starts', async () => {
    // A new notebook, so that no run saved in a file can look like one made here.
    const cells = [
      'data:\n  source: xor\n  seed: 42',
      'model:\n  layers:\n    - dense: { units: 8, activation: relu }\n    - dense: { units: 1, activation: sigmoid }',
      'train:\n  epochs: 2',
    ];
    const nb = await vscode.workspace.openNotebookDocument(
      'bigmodel',
      new vscode.NotebookData(
        cells.map((c) => new vscode.NotebookCellData(vscode.NotebookCellKind.Code, c, 'bigmodel')),
      ),
    );
    await vscode.window.showNotebookDocument(nb);
    // VS Code's notebook execution asks for workspace trust (a modal that says running a cell runs code from this
    // workspace) and executes nothing while it is refused: the command does not settle, so it is not awaited.
    void vscode.commands.executeCommand('notebook.cell.execute', { ranges: [{ start: 0, end: 3 }], document: nb.uri });
    await sleep(5000);
    for (const cell of nb.getCells()) {
      assert.equal(cell.executionSummary?.success, undefined, `cell ${cell.index} did not run`);
    }
    assert.equal(await api.corePid(nb.uri), undefined, 'no training core was started');
    // Should a run reach the controller anyway, it refuses with the reason (src/notebook/controller.ts).
  });

  it('every contributed command starts no core, loads no workspace package, and says the workspace is not trusted', async () => {
    // The attack of issue 16: a package beside the notebooks (and one in the folder above) that runs when loaded.
    const marker = path.join(folder, '..', 'bigmodel-planted-untrusted.txt');
    const planted = [folder, path.dirname(folder)];
    for (const f of planted)
      for (const pkg of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node', 'webgpu']) plantPackage(f, pkg, marker);
    try {
      // A BigModel notebook of the workspace in front: the commands that act on the active notebook have one.
      const nb = await vscode.workspace.openNotebookDocument(vscode.Uri.file(path.join(folder, 'xor.bigmodel')));
      await vscode.window.showNotebookDocument(nb);
      const contributed = (
        vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.commands as { command: string }[]
      ).map((c) => c.command);
      assert.ok(contributed.length >= 6);
      for (const id of contributed) {
        const before = api.trustNotices().length;
        // New Notebook's argument skips its quick pick; the others take none from the palette.
        await vscode.commands.executeCommand(id, ...(id === 'bigmodel.newNotebook' ? ['binary-classifier'] : []));
        const said = api.trustNotices().slice(before);
        assert.ok(
          said.some((n) => n.source === id && /not trusted/.test(n.message)),
          `${id} says the workspace is not trusted (it said ${JSON.stringify(said)})`,
        );
      }
      await sleep(2000); // a core that was started would be up by now
      assert.equal(api.coreStarts(), 0, 'no core was started');
      assert.deepEqual(coreProcesses(extensionPath), [], 'no core process runs');
      assert.deepEqual(plantedRuns(marker), [], 'no planted package ran');
      // The refusals offer VS Code's own trust editor.
      assert.ok((await vscode.commands.getCommands(true)).includes('workbench.trust.manage'));
    } finally {
      for (const f of planted) fs.rmSync(path.join(f, 'node_modules'), { recursive: true, force: true });
      fs.rmSync(marker, { force: true });
    }
  });
});
