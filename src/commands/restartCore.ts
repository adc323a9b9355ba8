// "BigModel: Restart Training Core": ends the active notebook's core; the next run starts a fresh one.
import * as vscode from 'vscode';
import { activeBigModelNotebook, type CommandContext } from './context';

export async function restartCore(ctx: CommandContext): Promise<boolean> {
  const editor = activeBigModelNotebook(vscode);
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a BigModel notebook first.'));
    return false;
  }
  const ended = await ctx.cores.end(editor.notebook.uri, 'kill');
  void vscode.window.showInformationMessage(
    ended
      ? vscode.l10n.t('The training core was ended; the next run starts a fresh one.')
      : vscode.l10n.t('No training core was running for this notebook.'),
  );
  return ended;
}
