// In an untrusted workspace nothing runs: VS Code asks for trust rather than executing, and no training core starts.
// Only meaningful in the pass `npm test` makes with `run-in-host.js --workspace-trust`, where the folder is not trusted;
// in the trusted passes it is pending rather than silently green.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'bigmodel.bigmodel-studio';
const UNTRUSTED_PASS = process.env.BIGMODEL_TEST_UNTRUSTED === '1';

type Api = { corePid(uri: vscode.Uri): Promise<number | undefined> };

describe('an untrusted workspace', function () {
  let api: Api;

  before(async function () {
    if (!UNTRUSTED_PASS) this.skip();
    api = (await vscode.extensions.getExtension(EXTENSION_ID)!.activate()) as Api;
  });

  it('is really untrusted in this pass, and the extension still activates (limited support)', () => {
    assert.equal(vscode.workspace.isTrusted, false);
    assert.ok(api, 'the extension activated');
  });

  it('runs nothing: VS Code asks for trust instead of executing, and no core starts', async () => {
    // A new notebook, so that no run saved in a file can look like one made here.
    const cells = ['data:\n  source: xor\n  seed: 42', 'model:\n  layers:\n    - dense: { units: 8, activation: relu }\n    - dense: { units: 1, activation: sigmoid }', 'train:\n  epochs: 2'];
    const nb = await vscode.workspace.openNotebookDocument('bigmodel', new vscode.NotebookData(cells.map((c) => new vscode.NotebookCellData(vscode.NotebookCellKind.Code, c, 'bigmodel'))));
    await vscode.window.showNotebookDocument(nb);
    // VS Code's notebook execution asks for workspace trust (a modal that says running a cell runs code from this
    // workspace) and executes nothing while it is refused: the command does not settle, so it is not awaited.
    void vscode.commands.executeCommand('notebook.cell.execute', { ranges: [{ start: 0, end: 3 }], document: nb.uri });
    void vscode.commands.executeCommand('bigmodel.trainModel');
    await new Promise((r) => setTimeout(r, 5000));
    for (const cell of nb.getCells()) {
      assert.equal(cell.executionSummary?.success, undefined, `cell ${cell.index} did not run`);
    }
    assert.equal(await api.corePid(nb.uri), undefined, 'no training core was started');
    // Should a run reach the controller anyway, it refuses with the reason (src/notebook/controller.ts).
  });
});
