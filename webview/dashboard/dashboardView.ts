// The whole Training Dashboard drawn from the host's messages: live curves, then the evaluation and the summary,
// then the run history with Compare Runs. Pure DOM; main.ts wires it to the webview API.
import type { DashboardSnapshot, HostMessage } from '../../src/shared/dashboard';
import { dashboardText } from '../../src/shared/dashboardText';
import { htmlLang } from '../../src/shared/viewText';
import { DATA_PREVIEW_STYLE } from '../common/dataPreviewView';
import { EVALUATION_STYLE, evaluationView } from '../common/evaluationView';
import { TABLE_STYLE, type ResultView } from '../common/resultTables';
import { SUMMARY_STYLE, summaryView } from '../common/summaryView';
import { el } from '../common/theme';
import { COMPARE_STYLE, CompareView } from './compareView';
import { divider } from './components';
import { LIVE_STYLE, LiveView } from './liveView';

export const DASHBOARD_STYLE = TABLE_STYLE + DATA_PREVIEW_STYLE + EVALUATION_STYLE + SUMMARY_STYLE + LIVE_STYLE + COMPARE_STYLE + `
body { padding: 0 16px 24px; }
.bm-dashboard h1 { font-size: 1.3em; font-weight: 600; margin: 0.6em 0 0.4em; }
.bm-dashboard h2 { font-size: 1.1em; font-weight: 600; margin: 0.9em 0 0.4em; }
.bm-dashboard h4 { margin: 0.8em 0 0.3em; }
.bm-dashboard vscode-divider { margin: 0.8em 0; }
`;

/** What the dashboard says it shows, posted back to the host. */
export interface DashboardShownState {
  epochs: number;
  runs: number;
  state: string;
}

export interface DashboardCallbacks {
  stop: () => void;
  pick: (picked: string[]) => void;
}

export class DashboardView {
  readonly root: HTMLElement;
  private live?: LiveView;
  private compare?: CompareView;
  private results: ResultView[] = [];
  private snapshot?: DashboardSnapshot;

  constructor(
    private readonly container: HTMLElement,
    private readonly callbacks: DashboardCallbacks,
    private picked: string[] = [],
  ) {
    this.root = el('div', { class: 'bigmodel-result bm-dashboard' });
    container.replaceChildren(this.root);
  }

  handle(message: HostMessage): void {
    switch (message.type) {
      case 'snapshot':
        this.render(message.snapshot);
        break;
      case 'training': {
        if (!this.snapshot) return;
        // With `from`, only the new epochs came: the ones before are those already shown.
        const payload = message.from === undefined ? message.payload : { ...message.payload, epochs: [...(this.snapshot.training?.epochs ?? []).slice(0, message.from), ...message.payload.epochs] };
        // A new run begins: the previous run's evaluation and summary no longer belong beside these curves.
        if (payload.state === 'running' && this.snapshot.training?.state === 'done') this.render({ ...this.snapshot, training: payload, running: true, evaluation: undefined, summary: undefined });
        else {
          this.snapshot = { ...this.snapshot, training: payload, running: true };
          this.live?.show(payload, true);
          this.syncRoot();
        }
        break;
      }
      case 'stopping':
        this.live?.setState('stopping');
        this.syncRoot();
        break;
    }
  }

  /** Draws everything again, e.g. when the colour theme changes (charts read the theme's colours when built). */
  redraw(): void {
    if (this.snapshot) this.render(this.snapshot);
  }

  get shown(): DashboardShownState {
    return { epochs: Number(this.root.dataset.epochs ?? 0), runs: this.snapshot?.runs.length ?? 0, state: this.root.dataset.state ?? 'idle' };
  }

  private render(s: DashboardSnapshot): void {
    this.dispose();
    this.snapshot = s;
    const t = dashboardText(s.language);
    this.root.setAttribute('lang', htmlLang(s.language));
    const title = el('h1', {}, t('title', { notebook: s.notebookName }));
    this.live = new LiveView(t, this.callbacks.stop, s.language);
    const results = el('section', { class: 'bm-results' });
    if (s.evaluation?.schema === 1) {
      const view = evaluationView(s.evaluation, s.language);
      this.results.push(view);
      results.append(el('h2', {}, t('section.evaluation')), view.root);
    }
    if (s.summary?.schema === 1) {
      const view = summaryView(s.summary);
      this.results.push(view);
      results.append(el('h2', {}, t('section.summary')), view.root);
    }
    this.compare = new CompareView(t, s.language, new Set(this.picked), (picked) => {
      this.picked = picked;
      this.callbacks.pick(picked);
    });
    this.root.replaceChildren(title, this.live.root, results, divider(), this.compare.root);
    this.live.show(s.training, s.running);
    this.compare.show(s.runs);
    for (const r of this.results) r.mounted?.();
    this.syncRoot();
  }

  /** Mirrors the live state on the root, where the e2e test and screen-reader landmarks look. */
  private syncRoot(): void {
    if (!this.live) return;
    this.root.dataset.state = this.live.root.dataset.state ?? 'idle';
    this.root.dataset.epochs = this.live.root.dataset.epochs ?? '0';
    this.root.dataset.runs = String(this.snapshot?.runs.length ?? 0);
    this.root.dataset.results = [this.snapshot?.evaluation && 'evaluation', this.snapshot?.summary && 'summary'].filter(Boolean).join(' ');
  }

  dispose(): void {
    this.live?.destroy();
    this.compare?.destroy();
    for (const r of this.results) r.dispose?.();
    this.results = [];
  }
}
