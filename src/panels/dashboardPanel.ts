// One Training Dashboard webview panel for one notebook: its HTML (CSP with a nonce), the ready handshake, typed posts
// (paced and newest-only through DashboardOutbox).
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import {
  isWebviewMessage,
  type DashboardSnapshot,
  type DashboardState,
  type HostMessage,
  type WebviewMessage,
} from '../shared/dashboard';
import { DisposableStore, toDisposable } from '../shared/lifecycle';
import { DashboardOutbox } from './dashboardOutbox';

/** What the webview last said it drew: for tests, and for knowing that it is caught up. */
export interface DashboardShown {
  epochs: number;
  runs: number;
  state: string;
}

export class DashboardPanel implements vscode.Disposable {
  private readonly outbox: DashboardOutbox;
  private title?: string;
  /**
   * Disposed newest first: the outbox and the listeners, then `onDidDispose` fires and its emitter goes, then the
   * panel itself. Closing the panel disposes this, and disposing this closes the panel: the store makes it once.
   */
  private readonly store = new DisposableStore();
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;
  /** The last messages posted, for the in-host tests (bounded). */
  readonly posted: HostMessage[] = [];
  shown?: DashboardShown;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly notebookUri: vscode.Uri,
    extensionUri: vscode.Uri,
    private readonly onStop: () => void,
  ) {
    const webviewRoot = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
    panel.webview.options = {
      enableScripts: true,
      localResourceRoots: [webviewRoot, vscode.Uri.joinPath(extensionUri, 'media')],
    };
    this.store.add(panel);
    this.store.add(this.disposeEmitter);
    this.store.add(toDisposable(() => this.disposeEmitter.fire()));
    this.outbox = new DashboardOutbox((m) => this.post(m));
    panel.webview.html = dashboardHtml(panel.webview, vscode.Uri.joinPath(webviewRoot, 'dashboard', 'main.js'), {
      notebookUri: notebookUri.toString(),
    });
    this.store.add(panel.webview.onDidReceiveMessage((m: unknown) => this.receive(m)));
    // Hidden, the webview is gone (no retained context): it says `ready` again when shown, and gets everything then.
    this.store.add(
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.outbox.webviewGone();
      }),
    );
    this.store.add(panel.onDidDispose(() => this.dispose()));
    this.store.add(this.outbox);
  }

  private receive(m: unknown): void {
    if (!isWebviewMessage(m)) return;
    const message: WebviewMessage = m;
    switch (message.type) {
      case 'ready':
        this.outbox.webviewReady();
        break;
      case 'stop':
        this.onStop();
        this.outbox.postNow({ type: 'stopping' });
        break;
      case 'shown':
        this.shown = { epochs: message.epochs, runs: message.runs, state: message.state };
        break;
    }
  }

  /**
   * The dashboard's newest state. `liveOnly`: only the training payload moved on (a live update). Posted when the
   * webview is ready, newest only, at most ~8 a second (see DashboardOutbox).
   */
  show(snapshot: DashboardSnapshot, liveOnly = false): void {
    const title = vscode.l10n.t('Training: {0}', snapshot.notebookName);
    if (title !== this.title) this.panel.title = this.title = title;
    this.outbox.update(snapshot, liveOnly);
  }

  private post(message: HostMessage): Thenable<boolean> {
    this.posted.push(message);
    if (this.posted.length > 100) this.posted.splice(0, this.posted.length - 100);
    return this.panel.webview.postMessage(message);
  }

  dispose(): void {
    this.store.dispose();
  }
}

function dashboardHtml(webview: vscode.Webview, script: vscode.Uri, state: DashboardState): string {
  const nonce = randomBytes(16).toString('base64');
  // Scripts run only with the nonce. Styles allow inline: the component toolkit and Chart.js write styles at run
  // time, and the views never build markup from data (they set textContent).
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource} 'unsafe-inline'`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const lang = vscode.env.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
  const initial = JSON.stringify(state).replace(/</g, '\\u003c');
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${vscode.l10n.t('Training Dashboard')}</title>
</head>
<body>
<div id="dashboard" data-state="${escapeAttribute(initial)}"></div>
<script type="module" nonce="${nonce}" src="${webview.asWebviewUri(script).toString()}"></script>
</body>
</html>`;
}

function escapeAttribute(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
