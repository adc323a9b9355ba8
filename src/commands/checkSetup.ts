// "BigModel: Check Training Setup": starts a core and reports every backend it tried, and why, and the GPU adapter it found.
import * as vscode from 'vscode';
import type { TrainingCore } from '../client/trainingCore';
import { UntrustedWorkspaceError } from '../notebook/coreLauncher';
import { BigModelError } from '../shared/bigModelError';
import { adapterText } from '../shared/gpuAdapterText';
import type { CoreInfo } from '../shared/protocol';
import { activeBigModelNotebook, type CommandContext } from './context';

export async function checkSetup(ctx: CommandContext): Promise<CoreInfo | undefined> {
  let core: TrainingCore | undefined;
  try {
    // The active notebook's settings and folders, as its own core would have them; else the first workspace folder's.
    core = await ctx.launcher.start('bigmodel.checkSetup', activeBigModelNotebook(vscode)?.notebook.uri);
    const info = core.info;
    ctx.log.info(
      vscode.l10n.t('Training setup: {0} on {1} (TensorFlow.js {2})', info.backend, info.device, info.tfjsVersion),
    );
    for (const c of info.checks) {
      ctx.log.info(`  ${c.usable ? '✓' : '✗'} ${c.name}: ${c.reason}`);
      if (c.adapter) ctx.log.info(`    ${adapterText(c.adapter)}`);
    }
    ctx.log.show(true);
    void vscode.window.showInformationMessage(
      vscode.l10n.t('BigModel trains on {0} ({1}). Details are in the BigModel output.', info.backend, info.device),
    );
    return info;
  } catch (e) {
    if (e instanceof UntrustedWorkspaceError) return undefined; // the launcher said so, with Manage Workspace Trust
    // Shown and logged, with the core's stack as the cause, by the commands' one catch (commandFailures.ts).
    const err = BigModelError.from(e);
    throw new BigModelError(
      err.category,
      vscode.l10n.t('The training core could not start: {0}', err.message),
      undefined,
      undefined,
      { cause: err },
    );
  } finally {
    await core?.dispose();
  }
}
