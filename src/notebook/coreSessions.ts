// One training core per open notebook: started on its first run, ended when the notebook closes or the core dies.
import * as vscode from 'vscode';
import * as path from 'node:path';
import { nativePackageFolders } from '../client/packageFolders';
import { TrainingCore, type CoreExit } from '../client/trainingCore';
import type { BackendPreference } from '../shared/protocol';

export class CoreSessions implements vscode.Disposable {
  private readonly cores = new Map<string, Promise<TrainingCore>>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly exitEmitter = new vscode.EventEmitter<{ notebook: vscode.Uri; exit: CoreExit }>();
  /** A notebook's core ended (crash, kill or shutdown); its next run starts a fresh one. */
  readonly onDidExit = this.exitEmitter.event;

  constructor(
    private readonly corePath: string,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      this.exitEmitter,
      vscode.workspace.onDidCloseNotebookDocument((nb) => void this.end(nb.uri)),
    );
  }

  /** The notebook's core, started now if it has none. */
  get(notebook: vscode.NotebookDocument): Promise<TrainingCore> {
    const key = notebook.uri.toString();
    let core = this.cores.get(key);
    if (!core) {
      const settings = vscode.workspace.getConfiguration('bigmodel.training', notebook.uri);
      const folder = notebook.uri.scheme === 'file' ? path.dirname(notebook.uri.fsPath) : undefined;
      core = TrainingCore.start({
        corePath: this.corePath,
        backend: settings.get<BackendPreference>('backend', 'auto'),
        allowSoftwareGpu: settings.get<boolean>('allowSoftwareGpu', false),
        // Both machine settings (package.json): a workspace's own settings cannot name where code loads from.
        packageFolders: nativePackageFolders({
          packageFolder: settings.get<string>('packageFolder') || undefined,
          notebookFolder: folder,
          workspaceFolder: vscode.workspace.getWorkspaceFolder(notebook.uri)?.uri.fsPath,
          fromWorkspace: settings.get<boolean>('loadPackagesFromWorkspace', false),
        }),
        displayLanguage: vscode.env.language,
        notebookFolder: folder,
        log: (l) => this.log.info(l),
      });
      this.cores.set(key, core);
      core.then(
        (c) => {
          this.log.info(`core ${c.pid} for ${notebook.uri.fsPath}: ${c.info.backend} (${c.info.device})`);
          c.onExit((exit) => {
            if (this.cores.get(key) === core) this.cores.delete(key);
            this.log.warn(`core ${c.pid} ended: ${exit.reason}`);
            this.exitEmitter.fire({ notebook: notebook.uri, exit });
          });
        },
        () => this.cores.delete(key),
      );
    }
    return core;
  }

  /** The notebook's core if one is running (no new one is started). */
  async running(uri: vscode.Uri): Promise<TrainingCore | undefined> {
    const core = await this.cores.get(uri.toString())?.catch(() => undefined);
    return core?.running ? core : undefined;
  }

  async end(uri: vscode.Uri, how: 'shutdown' | 'kill' = 'shutdown'): Promise<boolean> {
    const core = await this.running(uri);
    this.cores.delete(uri.toString());
    if (!core) return false;
    if (how === 'kill') core.kill();
    else await core.dispose();
    return true;
  }

  dispose(): void {
    for (const core of this.cores.values()) void core.then((c) => c.dispose(), () => {});
    this.cores.clear();
    for (const d of this.disposables) d.dispose();
  }
}
