// The composition root: builds the extension's parts and hands each to VS Code to dispose.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { CommandFailures, type CommandFailure } from './commands/commandFailures';
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
import { DisposableStore } from './shared/lifecycle';

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
  /** The failures of commands shown to the user (and logged with their stacks), oldest first. */
  commandFailures(): CommandFailure[];
  /** The folder of the BigModel log's file (`BigModel.log`). */
  logFolder(): vscode.Uri;
}

export function activate(context: vscode.ExtensionContext): BigModelApi {
  // Shared code running here (parse problems in diagnostics, the client's messages) speaks VS Code's display language too.
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  // Lives with the extension (CONVENTIONS item 4): disposed newest first, the log last; what is added once it was
  // disposed (a late callback) is disposed at once instead of outliving the extension.
  const extension = new DisposableStore();
  context.subscriptions.push(extension);
  const log = extension.add(vscode.window.createOutputChannel('BigModel', { log: true }));
  const corePath = vscode.Uri.joinPath(context.extensionUri, 'dist', 'core.js').fsPath;
  const trust = new WorkspaceTrustGate();
  const launcher = new CoreLauncher(corePath, log, trust);
  const cores = extension.add(new CoreSessions(launcher, log));
  const status = extension.add(new TrainingStatus());
  const events = extension.add(new TrainingEvents());
  const dashboards = extension.add(new TrainingDashboards(context.extensionUri, events));
  const failures = new CommandFailures(log);
  extension.add(cores.onDidExit(({ exit }) => status.ended(exit.reason)));
  extension.add(
    vscode.workspace.registerNotebookSerializer(NOTEBOOK_TYPE, new BigModelSerializer(), { transientOutputs: false }),
  );
  extension.add(new TrainingController(cores, status, trust, log, events));
  const all = [
    ...registerCommands(
      { cores, launcher, trust, log, extensionUri: context.extensionUri, status, dashboards },
      failures,
    ),
    ...registerLanguageFeatures(),
    registerModelCardExport(log),
    registerRendererLanguage(),
  ];
  for (const d of all) extension.add(d);
  return {
    corePid: async (notebook) => (await cores.running(notebook))?.pid,
    statusText: () => status.text,
    dashboard: (notebook) => {
      const panel = dashboards.get(notebook);
      return panel && { posted: panel.posted, shown: panel.shown };
    },
    coreStarts: () => launcher.starts,
    trustNotices: () => [...trust.notices],
    commandFailures: () => [...failures.shown],
    logFolder: () => context.logUri,
  };
}

export function deactivate(): void {
  // Everything lives in the extension's store, in context.subscriptions; VS Code disposes it, which kills the cores
  // (CoreSessions.dispose). A core whose extension host dies without that ends itself when its IPC channel closes or
  // its parent pid goes.
}
