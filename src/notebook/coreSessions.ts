// One training core per open notebook: started on its first run, ended when the notebook closes or the core dies.
import * as vscode from 'vscode';
import type { CoreExit, TrainingCore } from '../client/trainingCore';
import { DisposableStore, toDisposable } from '../shared/lifecycle';
import type { CoreLauncher } from './coreLauncher';

export class CoreSessions implements vscode.Disposable {
  private readonly cores = new Map<string, Promise<TrainingCore>>();
  /**
   * Lives with the extension: the listeners, and a kill for every core started and not yet ended, so that dispose
   * ends them at once, without awaiting anything (and a core that finishes starting after that is killed as it comes).
   */
  private readonly store = new DisposableStore();
  private readonly exitEmitter = this.store.add(new vscode.EventEmitter<{ notebook: vscode.Uri; exit: CoreExit }>());
  /** A notebook's core ended (crash, kill or shutdown); its next run starts a fresh one. */
  readonly onDidExit = this.exitEmitter.event;

  constructor(
    private readonly launcher: CoreLauncher,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.store.add(vscode.workspace.onDidCloseNotebookDocument((nb) => void this.end(nb.uri)));
  }

  /** The notebook's core, started now if it has none (rejects in an untrusted workspace). */
  get(notebook: vscode.NotebookDocument): Promise<TrainingCore> {
    const key = notebook.uri.toString();
    let core = this.cores.get(key);
    if (!core) {
      core = this.launcher.start('controller', notebook.uri);
      this.cores.set(key, core);
      core.then(
        (c) => {
          // Started while the extension was being deactivated: the store kills it at once.
          const kill = this.store.add(toDisposable(() => c.kill()));
          if (this.store.isDisposed) return;
          this.log.info(`core ${c.pid} for ${notebook.uri.fsPath}: ${c.info.backend} (${c.info.device})`);
          c.untilExit(
            c.onExit((exit) => {
              this.store.release(kill);
              if (this.cores.get(key) === core) this.cores.delete(key);
              this.log.warn(`core ${c.pid} ended: ${exit.reason}`);
              this.exitEmitter.fire({ notebook: notebook.uri, exit });
            }),
          );
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

  /**
   * Deactivation (window closed or reloaded, extension host shutting down): kill every core now. A polite shutdown
   * would need the host to wait, which it may not; a core whose host dies anyway ends itself (src/core/watchdog.ts).
   */
  dispose(): void {
    this.cores.clear();
    this.store.dispose();
  }
}
