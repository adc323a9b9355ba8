// The composition root: builds the extension's parts and hands each to VS Code to dispose.
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { TrainingController } from './notebook/controller';
import { CoreSessions } from './notebook/coreSessions';
import { BigModelSerializer, NOTEBOOK_TYPE } from './notebook/serializer';

/** What activate() returns: for tests and other extensions, the process id of a notebook's training core. */
export interface BigModelApi {
  corePid(notebook: vscode.Uri): Promise<number | undefined>;
}

export function activate(context: vscode.ExtensionContext): BigModelApi {
  const log = vscode.window.createOutputChannel('BigModel', { log: true });
  const corePath = vscode.Uri.joinPath(context.extensionUri, 'dist', 'core.js').fsPath;
  const cores = new CoreSessions(corePath, log);
  context.subscriptions.push(
    log,
    cores,
    vscode.workspace.registerNotebookSerializer(NOTEBOOK_TYPE, new BigModelSerializer(), { transientOutputs: false }),
    new TrainingController(cores),
    ...registerCommands({ cores, log, extensionUri: context.extensionUri, corePath }),
  );
  return { corePid: async (notebook) => (await cores.running(notebook))?.pid };
}

export function deactivate(): void {
  // Everything lives in context.subscriptions; VS Code disposes it, which ends the cores.
}
