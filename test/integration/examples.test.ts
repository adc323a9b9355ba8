// Every example notebook trains in the editor: Run All through the controller on a copy beside the example with small
// limits (two epochs, at most 2,000 Fashion-MNIST images); the example itself is left as shipped.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from './wait';

const EXTENSION_ID = 'bigmodel.bigmodel-studio';
const EVALUATION_MIME = 'application/vnd.bigmodel.evaluation+json';
const EXAMPLES = [
  'xor.bigmodel',
  'breast-cancer.bigmodel',
  'churn.bigmodel',
  'fashion-mnist-mlp.bigmodel',
  'fashion-mnist-cnn.bigmodel',
  'recommender.bigmodel',
  'transformer-text.bigmodel',
];

/**
 * A quick copy of an example beside it (so its data paths still resolve): `epochs:` lowered to 2 and Fashion-MNIST
 * capped at 2,000 images. The example itself is never opened for editing: VS Code for the Web saves edits by itself.
 */
async function quickCopy(folder: vscode.Uri, name: string): Promise<vscode.Uri> {
  const file = JSON.parse(
    new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, name))),
  ) as { cells: { source?: string[] }[] };
  for (const cell of file.cells) {
    cell.source = (cell.source ?? []).flatMap((line) => {
      if (/^\s*epochs:\s*\d+\s*$/.test(line)) return [line.replace(/\d+/, '2')];
      if (/^\s*source:\s*fashion-mnist\s*$/.test(line)) return [line, '  limit: 2000'];
      return [line];
    });
  }
  const copy = vscode.Uri.joinPath(folder, `quick-${name}`);
  await vscode.workspace.fs.writeFile(copy, new TextEncoder().encode(JSON.stringify(file, null, 2)));
  return copy;
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
      const copy = await quickCopy(folder.uri, name);
      const nb = await vscode.workspace.openNotebookDocument(copy);
      await vscode.window.showNotebookDocument(nb);
      await vscode.commands.executeCommand('notebook.selectKernel', { id: 'bigmodel-core', extension: EXTENSION_ID });
      const code = nb.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code);
      const started = Date.now();
      await vscode.commands.executeCommand('notebook.execute', nb.uri);
      // Ran here (not a run saved in the file): ended after Run All started. A failed cell stops the ones after it.
      const ranHere = (c: vscode.NotebookCell) =>
        c.executionSummary?.success !== undefined && (c.executionSummary.timing?.endTime ?? 0) >= started;
      await waitFor(
        `every cell of ${name} to finish`,
        () =>
          code.every(ranHere) || code.some((c) => ranHere(c) && c.executionSummary?.success === false)
            ? true
            : undefined,
        540000,
      );
      const failed = code
        .filter((c) => !ranHere(c) || c.executionSummary?.success !== true)
        .map((c) => {
          const error = c.outputs.flatMap((o) => o.items).find((i) => i.mime === 'application/vnd.code.notebook.error');
          return `cell ${c.index}: ${error ? new TextDecoder().decode(error.data).slice(0, 300) : 'no error output'}`;
        });
      assert.deepEqual(failed, [], `${name} ran without errors`);
      const evaluation = code
        .flatMap((c) => c.outputs)
        .flatMap((o) => o.items)
        .find((i) => i.mime === EVALUATION_MIME);
      assert.ok(evaluation, `${name} shows an evaluation`);
      if (name === 'churn.bigmodel') {
        // A yes/no label written as words is a binary task with `yes` as the positive class, and the exported model
        // scores raw rows (a plan the training rows never had among them).
        const items = code.flatMap((c) => c.outputs).flatMap((o) => o.items);
        const preview = JSON.parse(
          new TextDecoder().decode(items.find((i) => i.mime === 'application/vnd.bigmodel.data-preview+json')!.data),
        );
        assert.deepEqual([preview.task, preview.classes, preview.positive], ['binary', ['no', 'yes'], 'yes']);
        const predictions = items
          .filter((i) => i.mime === 'text/plain')
          .map((i) => new TextDecoder().decode(i.data))
          .find((t) => t.startsWith('4 predictions'));
        assert.match(
          predictions ?? '',
          /^4 predictions \(classes: no, yes\)\n1\. new-customers\.csv line 2 → (yes|no)/,
        );
      }
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await vscode.workspace.fs.delete(copy);
    });
  }
});
