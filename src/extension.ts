// The composition root: builds the extension's parts and hands each to VS Code to dispose.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { registerLanguageFeatures } from './language';
import { TrainingController } from './notebook/controller';
import { CoreSessions } from './notebook/coreSessions';
import { registerModelCardExport } from './notebook/modelCardExport';
import { registerRendererLanguage } from './notebook/rendererLanguage';
import { BigModelSerializer, NOTEBOOK_TYPE } from './notebook/serializer';
import { TrainingStatus } from './notebook/trainingStatus';
import { TrainingEvents } from './notebook/trainingEvents';
import { TrainingDashboards } from './panels/trainingDashboards';
import type { DashboardShown } from './panels/dashboardPanel';
import type { HostMessage } from './shared/dashboard';

/** What activate() returns, for tests and other extensions: a notebook's core process id, the status bar text. */
export interface BigModelApi {
  corePid(notebook: vscode.Uri): Promise<number | undefined>;
  statusText(): string;
  /** The Training Dashboard of a notebook, if open: what the host posted and what the webview said it drew. */
  dashboard(notebook: vscode.Uri): { posted: HostMessage[]; shown?: DashboardShown } | undefined;
}

export function activate(context: vscode.ExtensionContext): BigModelApi {
  // Shared code running here (parse problems in diagnostics, the client's messages) speaks VS Code's display language too.
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  const log = vscode.window.createOutputChannel('BigModel', { log: true });
  const corePath = vscode.Uri.joinPath(context.extensionUri, 'dist', 'core.js').fsPath;
  const cores = new CoreSessions(corePath, log);
  const status = new TrainingStatus();
  const events = new TrainingEvents();
  const dashboards = new TrainingDashboards(context.extensionUri, events);
  context.subscriptions.push(
    log,
    cores,
    status,
    events,
    dashboards,
    cores.onDidExit(({ exit }) => status.ended(exit.reason)),
    vscode.workspace.registerNotebookSerializer(NOTEBOOK_TYPE, new BigModelSerializer(), { transientOutputs: false }),
    new TrainingController(cores, status, events),
    ...registerCommands({ cores, log, extensionUri: context.extensionUri, corePath, status, dashboards }),
  );
  context.subscriptions.push(...registerLanguageFeatures());
  context.subscriptions.push(registerModelCardExport(log), registerRendererLanguage());
  return {
    corePid: async (notebook) => (await cores.running(notebook))?.pid,
    statusText: () => status.text,
    dashboard: (notebook) => {
      const panel = dashboards.get(notebook);
      return panel && { posted: panel.posted, shown: panel.shown };
    },
  };
}

export function deactivate(): void {
  // Everything lives in context.subscriptions; VS Code disposes it, which ends the cores.
}
