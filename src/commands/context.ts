// What every command may use: the notebook cores, the log, and the extension's own files.
import type * as vscode from 'vscode';
import type { CoreSessions } from '../notebook/coreSessions';
import type { TrainingStatus } from '../notebook/trainingStatus';
import type { TrainingDashboards } from '../panels/trainingDashboards';

export interface CommandContext {
  cores: CoreSessions;
  log: vscode.LogOutputChannel;
  extensionUri: vscode.Uri;
  corePath: string;
  status: TrainingStatus;
  dashboards: TrainingDashboards;
}

export function activeBigModelNotebook(vscodeApi: typeof vscode): vscode.NotebookEditor | undefined {
  const editor = vscodeApi.window.activeNotebookEditor;
  return editor?.notebook.notebookType === 'bigmodel' ? editor : undefined;
}
