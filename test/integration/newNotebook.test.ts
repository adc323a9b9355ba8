// "BigModel: New Notebook" in a real extension host: each seed-model template opens as an untitled notebook whose
// cells are the template's, introduced in VS Code's display language.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SEED_MODELS } from '../../src/shared/seedModels';

const EXTENSION_ID = 'bigmodel.bigmodel-studio';

/** The template titles as the user should see them: from the extension's own Chinese bundle when VS Code runs in Chinese. */
function expectedTitle(english: string): string {
  if (!vscode.env.language.toLowerCase().startsWith('zh')) return english;
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension);
  const bundle = JSON.parse(
    fs.readFileSync(path.join(extension.extensionPath, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8'),
  ) as Record<string, string>;
  assert.ok(bundle[english], `the zh-cn bundle translates "${english}"`);
  return bundle[english];
}

const TITLES: Record<string, string> = {
  'binary-classifier': 'Binary classifier (yes/no)',
  mlp: 'MLP (784-500-10)',
  cnn: 'CNN for images',
  recommender: 'Embedding recommender (user × item)',
  'text-transformer': 'Transformer text classifier',
};

describe('New Notebook from a template (in host)', () => {
  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
  });

  // An untitled notebook with cells is unsaved: revert before closing, or VS Code asks whether to save it.
  afterEach(async () => {
    for (let i = 0; i < 10 && vscode.window.activeNotebookEditor?.notebook.isUntitled; i++) {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  for (const model of SEED_MODELS) {
    it(`opens the "${model.id}" template as an untitled notebook with the template's cells`, async () => {
      const editor = await vscode.commands.executeCommand<vscode.NotebookEditor | undefined>(
        'bigmodel.newNotebook',
        model.id,
      );
      assert.ok(editor, 'the command returns the notebook editor it opened');
      assert.equal(
        vscode.window.activeNotebookEditor?.notebook.uri.toString(),
        editor.notebook.uri.toString(),
        'the new notebook is the active one',
      );
      const nb = editor.notebook;
      assert.equal(nb.notebookType, 'bigmodel');
      assert.equal(nb.isUntitled, true, 'nothing is written until the user saves');
      const [intro, ...code] = nb.getCells();
      assert.equal(intro.kind, vscode.NotebookCellKind.Markup);
      assert.equal(intro.document.getText().split('\n')[0], `# ${expectedTitle(TITLES[model.id])}`);
      assert.deepEqual(
        code.map((c) => c.document.languageId),
        model.cells.map(() => 'bigmodel'),
      );
      assert.deepEqual(
        code.map((c) => c.document.getText()),
        model.cells,
      );
      assert.equal(
        model.needsFiles.every((f) => intro.document.getText().includes(f)),
        true,
        'the introduction names the files to add',
      );
    });
  }

  it('Train Model with no notebook open offers the templates, and trains the one picked', async function () {
    this.timeout(180000);
    // Read through a function: the editor changes under the commands, which the type checker cannot see.
    const active = (): vscode.NotebookEditor | undefined => vscode.window.activeNotebookEditor;
    while (active()) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const trained = Promise.resolve(vscode.commands.executeCommand<boolean>('bigmodel.trainModel'));
    // Choose the first template in the quick pick, as a user pressing Enter does.
    for (let i = 0; i < 60 && !active(); i++) {
      await new Promise((r) => setTimeout(r, 500));
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
    const nb = active()?.notebook;
    assert.ok(nb?.isUntitled, 'the picked template opened as an untitled notebook');
    const first = SEED_MODELS[0];
    assert.deepEqual(
      nb
        .getCells()
        .slice(1)
        .map((c) => c.document.getText()),
      first.cells,
    );
    assert.equal(await trained, true);
    const trainCell = nb.getCells().findIndex((c) => /^train:/m.test(c.document.getText()));
    const outputs = nb.cellAt(trainCell).outputs.flatMap((o) => o.items.map((i) => i.mime));
    assert.ok(
      outputs.includes('application/vnd.bigmodel.training+json'),
      `the training cell shows its curve (outputs: ${outputs.join(', ')})`,
    );
  });

  it('opens nothing for a template that does not exist', async () => {
    const before = new Set(vscode.workspace.notebookDocuments.map((d) => d.uri.toString()));
    const editor = await vscode.commands.executeCommand('bigmodel.newNotebook', 'no-such-model');
    assert.equal(editor, undefined);
    assert.deepEqual(
      vscode.workspace.notebookDocuments.filter((d) => !before.has(d.uri.toString())),
      [],
      'no new notebook',
    );
  });
});
