// Restricted Mode: nothing of the workspace runs before the user trusts it. Every path that could start a training
// core asks here first; a refusal says why and offers VS Code's Manage Workspace Trust.
import * as vscode from 'vscode';

/** What the gate told the user, newest last (tests read it through the extension's API). */
export interface TrustNotice {
  /** The command or part that asked (`bigmodel.trainModel`, `controller`, `core`). */
  source: string;
  message: string;
}

export class WorkspaceTrustGate {
  readonly notices: TrustNotice[] = [];

  get trusted(): boolean {
    return vscode.workspace.isTrusted;
  }

  /** True in a trusted workspace; otherwise tells the user that nothing runs here, and returns false. */
  allowsRunning(source: string): boolean {
    if (this.trusted) return true;
    this.notify(
      source,
      vscode.l10n.t(
        'This workspace is not trusted, so BigModel Studio runs nothing in it. Trust the workspace to train.',
      ),
    );
    return false;
  }

  /** For what shows a notebook without running it (a new notebook, a dashboard of saved runs): says nothing will run. */
  noteRestricted(source: string): void {
    if (this.trusted) return;
    this.notify(
      source,
      vscode.l10n.t(
        'This workspace is not trusted: BigModel Studio shows notebooks and their saved results, but runs nothing until you trust it.',
      ),
    );
  }

  private notify(source: string, message: string): void {
    this.notices.push({ source, message });
    if (this.notices.length > 100) this.notices.shift();
    const manage = vscode.l10n.t('Manage Workspace Trust');
    // Not awaited: the notification stays until the user dismisses it, and the command has nothing more to do.
    void vscode.window.showWarningMessage(message, manage).then((picked) => {
      if (picked === manage) void vscode.commands.executeCommand('workbench.trust.manage');
    });
  }
}
