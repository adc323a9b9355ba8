// "Export Model Card" on the summary card: the results renderer posts the card's Markdown; the host asks where to
// save it and writes it there. Only the save dialog's answer, which asks itself before replacing a file, may overwrite.
import * as os from 'node:os';
import * as vscode from 'vscode';
import { errorLogText } from '../shared/bigModelError';
import { isExportModelCard, RESULTS_RENDERER_ID } from '../shared/rendererMessages';

/** `<notebook>.model-card.md` beside a saved notebook; in the first workspace folder (or home) for an untitled one. */
export function suggestedCardUri(notebook: vscode.Uri): vscode.Uri {
  const name =
    notebook.path
      .split('/')
      .pop()
      ?.replace(/\.bigmodel$/, '') || 'model';
  const file = `${name}.model-card.md`;
  if (notebook.scheme !== 'untitled') return vscode.Uri.joinPath(notebook, '..', file);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return vscode.Uri.joinPath(folder ?? vscode.Uri.file(os.homedir()), file);
}

/**
 * Writes the card where the user says: the save dialog (which confirms replacing a file) unless `target` names the
 * file, as a script or test does; a named file that exists already is never replaced. Undefined when cancelled.
 */
export async function saveModelCard(
  markdown: string,
  suggested: vscode.Uri,
  target?: vscode.Uri,
): Promise<vscode.Uri | undefined> {
  let uri = target;
  if (!uri) {
    uri = await vscode.window.showSaveDialog({
      defaultUri: suggested,
      filters: { [vscode.l10n.t('Markdown')]: ['md'] },
      saveLabel: vscode.l10n.t('Export Model Card'),
      title: vscode.l10n.t('Export Model Card'),
    });
    if (!uri) return undefined;
  } else if (await exists(uri)) {
    throw new Error(
      vscode.l10n.t(
        '{0} already exists and was left as it is: export again and choose another name, or confirm replacing it in the save dialog.',
        uri.fsPath,
      ),
    );
  }
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(markdown));
  return uri;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** Listens to the results renderer for "Export Model Card"; the user hears of the result in a notification. */
export function registerModelCardExport(log: vscode.LogOutputChannel): vscode.Disposable {
  const messaging = vscode.notebooks.createRendererMessaging(RESULTS_RENDERER_ID);
  return messaging.onDidReceiveMessage(async ({ editor, message }) => {
    if (!isExportModelCard(message)) return;
    try {
      const uri = await saveModelCard(message.markdown, suggestedCardUri(editor.notebook.uri));
      if (!uri) return;
      const open = vscode.l10n.t('Open');
      const choice = await vscode.window.showInformationMessage(
        vscode.l10n.t('Model card saved to {0}.', vscode.workspace.asRelativePath(uri)),
        open,
      );
      if (choice === open) await vscode.window.showTextDocument(uri);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      log.error(`Export Model Card: ${errorLogText(err)}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('The model card was not saved: {0}', reason));
    }
  });
}
