// "BigModel: Check Training Setup": starts a core and reports every backend it tried, and why.
import * as vscode from 'vscode';
import { nativePackageFolders } from '../client/packageFolders';
import { TrainingCore } from '../client/trainingCore';
import type { BackendPreference, CoreInfo } from '../shared/protocol';
import type { CommandContext } from './context';

export async function checkSetup(ctx: CommandContext): Promise<CoreInfo | undefined> {
  const settings = vscode.workspace.getConfiguration('bigmodel.training');
  const backend = settings.get<BackendPreference>('backend', 'auto');
  const allowSoftwareGpu = settings.get<boolean>('allowSoftwareGpu', false);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const notebookFolder = folder?.scheme === 'file' ? folder.fsPath : undefined;
  const packageFolders = nativePackageFolders({
    packageFolder: settings.get<string>('packageFolder') || undefined,
    notebookFolder,
    workspaceFolder: notebookFolder,
    fromWorkspace: settings.get<boolean>('loadPackagesFromWorkspace', false),
  });
  let core: TrainingCore | undefined;
  try {
    core = await TrainingCore.start({ corePath: ctx.corePath, backend, allowSoftwareGpu, packageFolders, notebookFolder });
    const info = core.info;
    ctx.log.info(vscode.l10n.t('Training setup: {0} on {1} (TensorFlow.js {2})', info.backend, info.device, info.tfjsVersion));
    for (const c of info.checks) ctx.log.info(`  ${c.usable ? '✓' : '✗'} ${c.name}: ${c.reason}`);
    ctx.log.show(true);
    void vscode.window.showInformationMessage(vscode.l10n.t('BigModel trains on {0} ({1}). Details are in the BigModel output.', info.backend, info.device));
    return info;
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The training core could not start: {0}', (e as Error).message));
    return undefined;
  } finally {
    await core?.dispose();
  }
}
