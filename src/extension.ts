// The composition root: builds the extension's parts and hands each to VS Code to dispose.
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { TrainingController } from './notebook/controller';
import { CoreSessions } from './notebook/coreSessions';
import { BigModelSerializer, NOTEBOOK_TYPE } from './notebook/serializer';

export function activate(context: vscode.ExtensionContext): void {
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
}

export function deactivate(): void {
  // Everything lives in context.subscriptions; VS Code disposes it, which ends the cores.
}
