// Every example notebook trains in the editor: opened from the workspace, Run All through the controller, on small
// limits (one or two epochs, at most 2,000 Fashion-MNIST images) edited into the open notebook and never saved.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'bigmodel.bigmodel-studio';
const EVALUATION_MIME = 'application/vnd.bigmodel.evaluation+json';
const EXAMPLES = ['xor.bigmodel', 'breast-cancer.bigmodel', 'fashion-mnist-mlp.bigmodel', 'fashion-mnist-cnn.bigmodel', 'recommender.bigmodel', 'transformer-text.bigmodel'];

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Lowers `epochs:` and caps Fashion-MNIST, in the open notebook only. */
async function makeQuick(nb: vscode.NotebookDocument): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  for (const cell of nb.getCells()) {
    const doc = cell.document;
    for (let line = 0; line < doc.lineCount; line++) {
      const text = doc.lineAt(line).text;
      const epochs = /^(\s*epochs:\s*)\d+\s*$/.exec(text);
      if (epochs) edit.replace(doc.uri, doc.lineAt(line).range, `${epochs[1]}2`);
      if (/^\s*source:\s*fashion-mnist\s*$/.test(text)) edit.insert(doc.uri, doc.lineAt(line).range.end, '\n  limit: 2000');
    }
  }
  assert.ok(await vscode.workspace.applyEdit(edit));
}

describe('the example notebooks in a VS Code extension host', function () {
  this.timeout(600000);

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
  });

  for (const name of EXAMPLES) {
    it(`${name}: Run All trains, evaluates and summarises`, async () => {
      const folder = vscode.workspace.workspaceFolders?.[0];
      assert.ok(folder, 'a workspace folder is open');
      const nb = await vscode.workspace.openNotebookDocument(vscode.Uri.joinPath(folder.uri, name));
      await vscode.window.showNotebookDocument(nb);
      await makeQuick(nb);
      await vscode.commands.executeCommand('notebook.selectKernel', { id: 'bigmodel-core', extension: EXTENSION_ID });
      const code = nb.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code);
      const started = Date.now();
      await vscode.commands.executeCommand('notebook.execute', nb.uri);
      // Ran here (not a run saved in the file): ended after Run All started. A failed cell stops the ones after it.
      const ranHere = (c: vscode.NotebookCell) => c.executionSummary?.success !== undefined && (c.executionSummary.timing?.endTime ?? 0) >= started;
      await waitFor(`every cell of ${name} to finish`, () => (code.every(ranHere) || code.some((c) => ranHere(c) && c.executionSummary?.success === false) ? true : undefined), 540000);
      const failed = code.filter((c) => !ranHere(c) || c.executionSummary?.success !== true).map((c) => {
        const error = c.outputs.flatMap((o) => o.items).find((i) => i.mime === 'application/vnd.code.notebook.error');
        return `cell ${c.index}: ${error ? new TextDecoder().decode(error.data).slice(0, 300) : 'no error output'}`;
      });
      assert.deepEqual(failed, [], `${name} ran without errors`);
      const evaluation = code.flatMap((c) => c.outputs).flatMap((o) => o.items).find((i) => i.mime === EVALUATION_MIME);
      assert.ok(evaluation, `${name} shows an evaluation`);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  }
});
