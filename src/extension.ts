// The composition root: builds the extension's parts and hands each to VS Code to dispose.
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { registerLanguageFeatures } from './language';
import { TrainingController } from './notebook/controller';
import { CoreSessions } from './notebook/coreSessions';
import { BigModelSerializer, NOTEBOOK_TYPE } from './notebook/serializer';
import { TrainingStatus } from './notebook/trainingStatus';

/** What activate() returns, for tests and other extensions: a notebook's core process id, the status bar text. */
export interface BigModelApi {
  corePid(notebook: vscode.Uri): Promise<number | undefined>;
  statusText(): string;
}

export function activate(context: vscode.ExtensionContext): BigModelApi {
  const log = vscode.window.createOutputChannel('BigModel', { log: true });
  const corePath = vscode.Uri.joinPath(context.extensionUri, 'dist', 'core.js').fsPath;
  const cores = new CoreSessions(corePath, log);
  const status = new TrainingStatus();
  context.subscriptions.push(
    log,
    cores,
    status,
    cores.onDidExit(({ exit }) => status.ended(exit.reason)),
    vscode.workspace.registerNotebookSerializer(NOTEBOOK_TYPE, new BigModelSerializer(), { transientOutputs: false }),
    new TrainingController(cores, status),
    ...registerCommands({ cores, log, extensionUri: context.extensionUri, corePath, status }),
  );
  context.subscriptions.push(...registerLanguageFeatures());
  return { corePid: async (notebook) => (await cores.running(notebook))?.pid, statusText: () => status.text };
}

export function deactivate(): void {
  // Everything lives in context.subscriptions; VS Code disposes it, which ends the cores.
}
