// "BigModel: New Notebook": an untitled notebook from one of the example templates.
import * as vscode from 'vscode';
import { parseNotebook } from '../shared/notebookFile';
import { toNotebookData } from '../notebook/serializer';
import type { CommandContext } from './context';

export const TEMPLATES = [
  { file: 'xor.bigmodel', label: () => vscode.l10n.t('Binary classifier on XOR points (trains in seconds)') },
];

export async function newNotebook(ctx: CommandContext, templateFile?: string): Promise<vscode.NotebookEditor | undefined> {
  let file = templateFile;
  if (!file) {
    const picked = await vscode.window.showQuickPick(
      TEMPLATES.map((t) => ({ label: t.label(), file: t.file })),
      { placeHolder: vscode.l10n.t('Start from which example?') },
    );
    if (!picked) return undefined;
    file = picked.file;
  }
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ctx.extensionUri, 'examples', file));
  const data = toNotebookData(parseNotebook(new TextDecoder().decode(bytes)));
  for (const cell of data.cells) cell.outputs = [];
  const notebook = await vscode.workspace.openNotebookDocument('bigmodel', data);
  return vscode.window.showNotebookDocument(notebook);
}
