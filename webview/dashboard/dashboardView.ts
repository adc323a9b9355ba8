// The whole Training Dashboard drawn from the host's messages: live curves, then the evaluation and the summary,
// then the run history with Compare Runs. Pure DOM; main.ts wires it to the webview API.
import type { DashboardSnapshot, HostMessage } from '../../src/shared/dashboard';
import { dashboardText } from '../../src/shared/dashboardText';
import { readEvaluation, readRuns, readSummary, readTraining } from '../../src/shared/payloadRead';
import { htmlLang, viewText } from '../../src/shared/viewText';
import { DATA_PREVIEW_STYLE } from '../common/dataPreviewView';
import { EVALUATION_STYLE, evaluationView } from '../common/evaluationView';
import { TABLE_STYLE, unreadNote, type ResultView } from '../common/resultTables';
import { SUMMARY_STYLE, summaryView } from '../common/summaryView';
import { el } from '../common/theme';
import { COMPARE_STYLE, CompareView } from './compareView';
import { divider } from './components';
import { LIVE_STYLE, LiveView } from './liveView';

export const DASHBOARD_STYLE =
  TABLE_STYLE +
  DATA_PREVIEW_STYLE +
  EVALUATION_STYLE +
  SUMMARY_STYLE +
  LIVE_STYLE +
  COMPARE_STYLE +
  `
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

/** What could not be read of each payload of a snapshot (payloadRead.ts). */
interface Unread {
  training: string[];
  evaluation: string[];
  summary: string[];
}

/**
 * A host message's snapshot read at the edge: payloads come from the notebook's saved outputs and `metadata.runs`,
 * which a person or another version may have written. A payload of another schema is not drawn (as before).
 */
export function readSnapshot(data: unknown): { snapshot: DashboardSnapshot; unread: Unread } {
  const s = (typeof data === 'object' && data !== null ? data : {}) as Partial<
    Record<keyof DashboardSnapshot, unknown>
  >;
  const ofSchema1 = (p: unknown) => (p as { schema?: unknown } | null | undefined)?.schema === 1;
  const training = s.training === undefined || s.training === null ? undefined : readTraining(s.training);
  const evaluation = ofSchema1(s.evaluation) ? readEvaluation(s.evaluation) : undefined;
  const summary = ofSchema1(s.summary) ? readSummary(s.summary) : undefined;
  const snapshot: DashboardSnapshot = {
    language: s.language === 'zh-cn' ? 'zh-cn' : 'en',
    notebookName: typeof s.notebookName === 'string' ? s.notebookName : '',
    notebookUri: typeof s.notebookUri === 'string' ? s.notebookUri : '',
    running: s.running === true,
    training: training?.payload,
    evaluation: evaluation?.payload,
    summary: summary?.payload,
    runs: readRuns(s.runs ?? []).payload,
  };
  return {
    snapshot,
    unread: { training: training?.unread ?? [], evaluation: evaluation?.unread ?? [], summary: summary?.unread ?? [] },
  };
}

export class DashboardView {
  readonly root: HTMLElement;
  private live?: LiveView;
  private compare?: CompareView;
  private results: ResultView[] = [];
  private snapshot?: DashboardSnapshot;
  private unread: Unread = { training: [], evaluation: [], summary: [] };

  constructor(
    private readonly container: HTMLElement,
    private readonly callbacks: DashboardCallbacks,
    private picked: string[] = [],
  ) {
    this.root = el('div', { class: 'bigmodel-result bm-dashboard' });
    container.replaceChildren(this.root);
  }

  /** Draws a host message; what cannot be drawn is said in the dashboard instead of breaking it. */
  handle(message: HostMessage): void {
    try {
      this.draw(message);
    } catch (err) {
      const t = dashboardText(this.snapshot?.language ?? 'en');
      this.root.append(
        el(
          'p',
          { class: 'bm-message bm-failed', role: 'alert' },
          t('failed', { reason: err instanceof Error ? err.message : String(err) }),
        ),
      );
    }
  }

  private draw(message: HostMessage): void {
    switch (message.type) {
      case 'snapshot':
        this.render(readSnapshot(message.snapshot));
        break;
      case 'training': {
        if (!this.snapshot) return;
        const { payload: update, unread } = readTraining(message.payload);
        this.unread.training = unread;
        // With `from`, only the new epochs came: the ones before are those already shown.
        const from = message.from;
        const delta = typeof from === 'number' && Number.isInteger(from) && from >= 0;
        const payload = delta
          ? { ...update, epochs: [...(this.snapshot.training?.epochs ?? []).slice(0, from), ...update.epochs] }
          : update;
        // A new run begins: the previous run's evaluation and summary no longer belong beside these curves.
        if (payload.state === 'running' && this.snapshot.training?.state === 'done') {
          this.render({
            snapshot: { ...this.snapshot, training: payload, running: true, evaluation: undefined, summary: undefined },
            unread: { training: unread, evaluation: [], summary: [] },
          });
        } else {
          this.snapshot = { ...this.snapshot, training: payload, running: true };
          this.live?.show(payload, true, this.unread.training);
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
    if (this.snapshot) this.render({ snapshot: this.snapshot, unread: this.unread });
  }

  get shown(): DashboardShownState {
    return {
      epochs: Number(this.root.dataset.epochs ?? 0),
      runs: this.snapshot?.runs.length ?? 0,
      state: this.root.dataset.state ?? 'idle',
    };
  }

  private render(read: { snapshot: DashboardSnapshot; unread: Unread }): void {
    const s = read.snapshot;
    this.dispose();
    this.snapshot = s;
    this.unread = read.unread;
    const t = dashboardText(s.language);
    const vt = viewText(s.language);
    this.root.setAttribute('lang', htmlLang(s.language));
    const title = el('h1', {}, t('title', { notebook: s.notebookName }));
    this.live = new LiveView(t, this.callbacks.stop, s.language);
    const results = el('section', { class: 'bm-results' });
    if (s.evaluation) {
      const view = evaluationView(s.evaluation, s.language);
      const note = unreadNote(read.unread.evaluation, vt);
      if (note) view.root.prepend(note);
      this.results.push(view);
      results.append(el('h2', {}, t('section.evaluation')), view.root);
    }
    if (s.summary) {
      const view = summaryView(s.summary);
      const note = unreadNote(read.unread.summary, vt);
      if (note) view.root.prepend(note);
      this.results.push(view);
      results.append(el('h2', {}, t('section.summary')), view.root);
    }
    this.compare = new CompareView(t, s.language, new Set(this.picked), (picked) => {
      this.picked = picked;
      this.callbacks.pick(picked);
    });
    this.root.replaceChildren(title, this.live.root, results, divider(), this.compare.root);
    this.live.show(s.training, s.running, read.unread.training);
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
    this.root.dataset.results = [this.snapshot?.evaluation && 'evaluation', this.snapshot?.summary && 'summary']
      .filter(Boolean)
      .join(' ');
  }

  dispose(): void {
    this.live?.destroy();
    this.compare?.destroy();
    for (const r of this.results) r.dispose?.();
    this.results = [];
  }
}
