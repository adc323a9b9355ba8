// Starts training cores: the one place the extension does, so that the workspace's trust, the package folders and the
// memory limit are decided once, from the settings, for the controller and for Check Training Setup alike.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { nativePackageFolders } from '../client/packageFolders';
import { TrainingCore } from '../client/trainingCore';
import type { BackendPreference } from '../shared/protocol';
import type { WorkspaceTrustGate } from './workspaceTrust';

export const DEFAULT_MEMORY_LIMIT_MB = 4096;

/** A core was asked for in a workspace that is not trusted: nothing started. */
export class UntrustedWorkspaceError extends Error {
  constructor() {
    super(
      vscode.l10n.t(
        'This workspace is not trusted, so BigModel Studio runs nothing in it. Trust the workspace to train.',
      ),
    );
    this.name = 'UntrustedWorkspaceError';
  }
}

export class CoreLauncher {
  private count = 0;

  constructor(
    private readonly corePath: string,
    private readonly log: vscode.LogOutputChannel,
    private readonly trust: WorkspaceTrustGate,
  ) {}

  /** How many core processes this extension host has started (tests: none in an untrusted workspace). */
  get starts(): number {
    return this.count;
  }

  /**
   * Starts a core for a notebook, or without one for the first workspace folder (Check Training Setup). `source`
   * names who asked, for the trust notice. Rejects without starting anything in an untrusted workspace.
   */
  async start(source: string, notebook?: vscode.Uri): Promise<TrainingCore> {
    if (!this.trust.allowsRunning(source)) throw new UntrustedWorkspaceError();
    const firstFolder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const folderUri = notebook
      ? notebook.scheme === 'file'
        ? vscode.Uri.file(path.dirname(notebook.fsPath))
        : undefined
      : firstFolder;
    const notebookFolder = folderUri?.scheme === 'file' ? folderUri.fsPath : undefined;
    const workspaceFolder = folderUri && vscode.workspace.getWorkspaceFolder(folderUri)?.uri;
    const settings = vscode.workspace.getConfiguration('bigmodel.training', notebook ?? firstFolder);
    this.count++;
    return TrainingCore.start({
      corePath: this.corePath,
      backend: settings.get<BackendPreference>('backend', 'auto'),
      allowSoftwareGpu: settings.get<boolean>('allowSoftwareGpu', false),
      // Both machine settings (package.json): a workspace's own settings cannot name where code loads from.
      packageFolders: nativePackageFolders({
        packageFolder: settings.get<string>('packageFolder') || undefined,
        notebookFolder,
        workspaceFolder: workspaceFolder?.scheme === 'file' ? workspaceFolder.fsPath : undefined,
        fromWorkspace: settings.get<boolean>('loadPackagesFromWorkspace', false),
      }),
      memoryLimitMb: settings.get<number>('memoryLimitMB', DEFAULT_MEMORY_LIMIT_MB),
      displayLanguage: vscode.env.language,
      notebookFolder,
      // Exports land in the workspace without a question; elsewhere (symlinks resolved) only if the user says so.
      writeRoots: (vscode.workspace.workspaceFolders ?? [])
        .filter((f) => f.uri.scheme === 'file')
        .map((f) => f.uri.fsPath)
        .concat(notebookFolder && !workspaceFolder ? [notebookFolder] : []),
      allowWrite: async ({ target, setting }) => {
        const write = vscode.l10n.t('Write There');
        const choice = await vscode.window.showWarningMessage(
          vscode.l10n.t('`{0}` would write outside the workspace, to {1}. Write there?', setting, target),
          { modal: true },
          write,
        );
        return choice === write;
      },
      log: (l) => this.log.info(l),
    });
  }
}
