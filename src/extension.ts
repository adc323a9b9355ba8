// The composition root: builds the extension's parts and hands each to VS Code to dispose.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { registerLanguageFeatures } from './language';
import { TrainingController } from './notebook/controller';
import { CoreLauncher } from './notebook/coreLauncher';
import { CoreSessions } from './notebook/coreSessions';
import { registerModelCardExport } from './notebook/modelCardExport';
import { registerRendererLanguage } from './notebook/rendererLanguage';
import { BigModelSerializer, NOTEBOOK_TYPE } from './notebook/serializer';
import { TrainingStatus } from './notebook/trainingStatus';
import { TrainingEvents } from './notebook/trainingEvents';
import { WorkspaceTrustGate, type TrustNotice } from './notebook/workspaceTrust';
import { TrainingDashboards } from './panels/trainingDashboards';
import type { DashboardShown } from './panels/dashboardPanel';
import type { HostMessage } from './shared/dashboard';

/** What activate() returns, for tests and other extensions: a notebook's core process id, the status bar text. */
export interface BigModelApi {
  corePid(notebook: vscode.Uri): Promise<number | undefined>;
  statusText(): string;
  /** The Training Dashboard of a notebook, if open: what the host posted and what the webview said it drew. */
  dashboard(notebook: vscode.Uri): { posted: HostMessage[]; shown?: DashboardShown } | undefined;
  /** How many training cores this extension host has started. */
  coreStarts(): number;
  /** What Restricted Mode told the user, and which command or part it was for. */
  trustNotices(): TrustNotice[];
}

export function activate(context: vscode.ExtensionContext): BigModelApi {
  // Shared code running here (parse problems in diagnostics, the client's messages) speaks VS Code's display language too.
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  const log = vscode.window.createOutputChannel('BigModel', { log: true });
  const corePath = vscode.Uri.joinPath(context.extensionUri, 'dist', 'core.js').fsPath;
  const trust = new WorkspaceTrustGate();
  const launcher = new CoreLauncher(corePath, log, trust);
  const cores = new CoreSessions(launcher, log);
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
    new TrainingController(cores, status, trust, events),
    ...registerCommands({ cores, launcher, trust, log, extensionUri: context.extensionUri, status, dashboards }),
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
    coreStarts: () => launcher.starts,
    trustNotices: () => [...trust.notices],
  };
}

export function deactivate(): void {
  // Everything lives in context.subscriptions; VS Code disposes it, which kills the cores (CoreSessions.dispose). A core
  // whose extension host dies without that ends itself when its IPC channel closes or its parent pid goes.
}
