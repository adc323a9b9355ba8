// The Training Dashboard webview's entry: says `ready`, draws what the host posts, keeps its state for a reload.
import type { DashboardState, HostMessage, WebviewMessage } from '../../src/shared/dashboard';
import { el } from '../common/theme';
import { onThemeChange } from '../common/themeWatch';
import { registerComponents } from './components';
import { DASHBOARD_STYLE, DashboardView } from './dashboardView';

interface WebviewApi {
  postMessage(message: WebviewMessage): void;
  getState(): DashboardState | undefined;
  setState(state: DashboardState): void;
}
declare function acquireVsCodeApi(): WebviewApi;

function isHostMessage(m: unknown): m is HostMessage {
  const type = (m as { type?: unknown } | null)?.type;
  return type === 'snapshot' || type === 'training' || type === 'stopping';
}

function start(): void {
  const vscode = acquireVsCodeApi();
  const container = document.getElementById('dashboard');
  if (!container) return;
  // The host writes the notebook into the page; a restored webview also has what the person picked to compare.
  const initial = JSON.parse(container.dataset.state || '{}') as DashboardState;
  const state: DashboardState = {
    ...initial,
    ...vscode.getState(),
    notebookUri: initial.notebookUri || vscode.getState()?.notebookUri || '',
  };
  vscode.setState(state);
  registerComponents();
  document.head.append(el('style', {}, DASHBOARD_STYLE));
  const view = new DashboardView(
    container,
    {
      stop: () => vscode.postMessage({ type: 'stop' }),
      pick: (compared) => vscode.setState({ ...state, compared }),
    },
    state.compared ?? [],
  );
  let reported = '';
  const report = () => {
    const shown = view.shown;
    const key = JSON.stringify(shown);
    if (key === reported) return;
    reported = key;
    vscode.postMessage({ type: 'shown', ...shown });
  };
  window.addEventListener('message', (e: MessageEvent) => {
    if (!isHostMessage(e.data)) return;
    view.handle(e.data);
    report();
  });
  onThemeChange(() => view.redraw());
  vscode.postMessage({ type: 'ready' });
}

start();
