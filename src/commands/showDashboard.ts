// "BigModel: Show Training Dashboard": opens the dashboard of the active notebook beside it (its live run, or the
// last run from the saved outputs and run history).
import * as vscode from 'vscode';
import { activeBigModelNotebook, type CommandContext } from './context';

export async function showDashboard(ctx: CommandContext, notebookUri?: vscode.Uri): Promise<boolean> {
  const notebook = notebookUri
    ? vscode.workspace.notebookDocuments.find((nb) => nb.uri.toString() === notebookUri.toString())
    : activeBigModelNotebook(vscode)?.notebook;
  if (!notebook) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Open a BigModel notebook first: the dashboard shows its training.'),
    );
    return false;
  }
  ctx.dashboards.show(notebook);
  return true;
}
