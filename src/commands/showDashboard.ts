// "BigModel: Show Training Dashboard": not built yet in this version, and it says so.
import * as vscode from 'vscode';

export async function showDashboard(): Promise<boolean> {
  void vscode.window.showInformationMessage(
    vscode.l10n.t('The training dashboard is not available in this version yet. The live loss curve is shown in the output of the training cell.'),
  );
  return false;
}
