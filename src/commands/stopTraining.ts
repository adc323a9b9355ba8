// "BigModel: Stop Training": stops the active notebook's training after the current batch, keeping the weights.
// The dashboard's Stop button calls it with its notebook.
import * as vscode from 'vscode';
import { activeBigModelNotebook, type CommandContext } from './context';

export async function stopTraining(ctx: CommandContext, notebookUri?: vscode.Uri): Promise<boolean> {
  const uri = notebookUri instanceof vscode.Uri ? notebookUri : activeBigModelNotebook(vscode)?.notebook.uri;
  const core = uri && (await ctx.cores.running(uri));
  if (!core) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No training is running in the active notebook.'));
    return false;
  }
  core.stopTraining();
  return true;
}
