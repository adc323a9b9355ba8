// "BigModel: Train Model": runs the active notebook's cells up to and including the first one that trains.
import * as vscode from 'vscode';
import { activeBigModelNotebook, type CommandContext } from './context';
import { newNotebook } from './newNotebook';

export async function trainModel(ctx: CommandContext): Promise<boolean> {
  const editor = activeBigModelNotebook(vscode) ?? (await newNotebook(ctx));
  if (!editor) return false;
  const cells = editor.notebook.getCells();
  const trainIndex = cells.findIndex((c) => c.kind === vscode.NotebookCellKind.Code && /^train\s*:/m.test(c.document.getText()));
  if (trainIndex < 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('This notebook has no cell with a `train:` section to run.'));
    return false;
  }
  await vscode.commands.executeCommand('notebook.cell.execute', {
    ranges: [{ start: 0, end: trainIndex + 1 }],
    document: editor.notebook.uri,
  });
  return true;
}
