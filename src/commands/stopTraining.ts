// "BigModel: Stop Training": stops the active notebook's training after the current batch, keeping the weights.
import * as vscode from 'vscode';
import { activeBigModelNotebook, type CommandContext } from './context';

export async function stopTraining(ctx: CommandContext): Promise<boolean> {
  const editor = activeBigModelNotebook(vscode);
  const core = editor && (await ctx.cores.running(editor.notebook.uri));
  if (!core) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No training is running in the active notebook.'));
    return false;
  }
  core.stopTraining();
  return true;
}
