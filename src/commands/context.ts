// What every command may use: the notebook cores, the log, and the extension's own files.
import type * as vscode from 'vscode';
import type { CoreLauncher } from '../notebook/coreLauncher';
import type { CoreSessions } from '../notebook/coreSessions';
import type { WorkspaceTrustGate } from '../notebook/workspaceTrust';
import type { TrainingStatus } from '../notebook/trainingStatus';
import type { TrainingDashboards } from '../panels/trainingDashboards';

export interface CommandContext {
  cores: CoreSessions;
  /** Starts a core outside a notebook's session (Check Training Setup). */
  launcher: CoreLauncher;
  trust: WorkspaceTrustGate;
  log: vscode.LogOutputChannel;
  extensionUri: vscode.Uri;
  status: TrainingStatus;
  dashboards: TrainingDashboards;
}

export function activeBigModelNotebook(vscodeApi: typeof vscode): vscode.NotebookEditor | undefined {
  const editor = vscodeApi.window.activeNotebookEditor;
  return editor?.notebook.notebookType === 'bigmodel' ? editor : undefined;
}
