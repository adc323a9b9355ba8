// The live part of the dashboard: state and Stop, backend/device/speed/ETA, the curves and the current metrics.
import type { DashboardLanguage } from '../../src/shared/dashboard';
import type { dashboardText } from '../../src/shared/dashboardText';
import { formatNumber, isStopReason, metricLabel, type TrainingPayload } from '../../src/shared/outputs';
import { el } from '../common/theme';
import { seriesOf, TrainingChart } from '../common/trainingChart';
import { button, setDisabled } from './components';

type Text = ReturnType<typeof dashboardText>;

export type LiveState = 'idle' | 'running' | 'stopping' | 'done';

export const LIVE_STYLE = `
.bm-live .bm-status { display: flex; align-items: center; gap: 1em; margin: 0.2em 0 0.6em; }
.bm-live .bm-state { font-weight: 600; }
.bm-live .bm-facts { display: flex; flex-wrap: wrap; gap: 0.3em 1.6em; margin: 0 0 0.6em; }
.bm-live .bm-facts dt { font-size: 0.85em; color: var(--vscode-descriptionForeground); }
.bm-live .bm-facts dd { margin: 0; font-variant-numeric: tabular-nums; }
.bm-live .bm-plot { position: relative; height: 280px; max-width: 960px; }
.bm-live table.bm-metrics { border-collapse: collapse; margin-top: 0.6em; }
.bm-live table.bm-metrics th, .bm-live table.bm-metrics td { text-align: left; padding: 2px 12px 2px 0; font-variant-numeric: tabular-nums; }
.bm-live .bm-message { color: var(--vscode-errorForeground); }
`;

export class LiveView {
  readonly root = el('section', { class: 'bm-live', 'aria-labelledby': 'bm-live-title' });
  private readonly state = el('span', { class: 'bm-state', role: 'status', 'aria-live': 'polite' });
  private readonly stop: HTMLElement;
  private readonly facts = el('dl', { class: 'bm-facts' });
  private readonly metrics = el('table', { class: 'bm-metrics' });
  private readonly message = el('p', { class: 'bm-message' });
  private readonly chart: TrainingChart;
  private current: LiveState = 'idle';
  private payload?: TrainingPayload;

  constructor(
    private readonly t: Text,
    onStop: () => void,
    language: DashboardLanguage = 'en',
  ) {
    this.stop = button(
      t('stop'),
      () => {
        this.setState('stopping');
        onStop();
      },
      { appearance: 'primary', title: t('stop.hint') },
    );
    this.stop.classList.add('bm-stop');
    const status = el('div', { class: 'bm-status' });
    status.append(this.state, this.stop);
    const plot = el('div', { class: 'bm-plot' });
    const canvas = el('canvas', { 'aria-hidden': 'true' });
    plot.append(canvas);
    this.root.append(
      el('h2', { id: 'bm-live-title' }, t('section.curves')),
      status,
      this.facts,
      plot,
      this.message,
      this.metrics,
    );
    this.chart = new TrainingChart(canvas, false, language);
  }

  /** The training payload on show, and whether a run is going on (from the host, which sees the cells run). */
  show(p: TrainingPayload | undefined, running: boolean, unread: readonly string[] = []): void {
    this.payload = p;
    // The host knows whether a cell runs; the payload knows whether this training finished.
    const state: LiveState =
      p?.state === 'done' ? 'done' : running ? (this.current === 'stopping' ? 'stopping' : 'running') : 'idle';
    this.setState(state);
    this.root.dataset.epochs = String(p?.epochs.length ?? 0);
    this.facts.replaceChildren(...this.factsOf(p));
    const note =
      unread.length > 0
        ? this.t('unread', { fields: unread.slice(0, 5).join(', ') + (unread.length > 5 ? ', …' : '') })
        : '';
    this.message.textContent = [p?.message, note].filter(Boolean).join(' ');
    this.metrics.replaceChildren(...this.metricRows(p));
    if (p) this.chart.update(p);
  }

  setState(state: LiveState): void {
    this.current = state;
    this.root.dataset.state = state;
    const t = this.t;
    // A reason of a newer version is shown as written.
    const reason = this.payload?.stopped ?? 'completed';
    const stopped = isStopReason(reason) ? t(`stopped.${reason}`) : String(reason);
    this.state.textContent =
      state === 'running'
        ? t('state.running')
        : state === 'stopping'
          ? t('state.stopping')
          : state === 'done'
            ? t('state.done', { stopped })
            : t('state.idle');
    setDisabled(this.stop, state !== 'running');
    this.stop.hidden = state === 'idle' || state === 'done';
  }

  private factsOf(p: TrainingPayload | undefined): HTMLElement[] {
    if (!p) return [];
    const t = this.t;
    const pairs: [string, string][] = [
      [t('metric.backend'), p.backend],
      [t('metric.device'), p.device],
      [
        t('metric.epoch'),
        `${p.progress && p.state === 'running' ? p.progress.epoch : p.epochs.length}/${p.totalEpochs}`,
      ],
      [t('metric.speed'), t('unit.samplesPerSecond', { n: Math.round(p.samplesPerSecond) })],
    ];
    if (p.progress && p.state === 'running')
      pairs.push([t('metric.eta'), t('unit.seconds', { n: Math.max(0, Math.round(p.progress.etaSeconds)) })]);
    return pairs.map(([k, v]) => {
      const div = el('div');
      div.append(el('dt', {}, k), el('dd', {}, v));
      return div;
    });
  }

  private metricRows(p: TrainingPayload | undefined): HTMLElement[] {
    const last = p?.epochs[p.epochs.length - 1];
    if (!p || !last) return [];
    const rows = seriesOf([last]).map((s) => {
      const tr = el('tr');
      tr.append(el('th', { scope: 'row' }, metricLabel(s.name)), el('td', {}, formatNumber(last[s.name])));
      return tr;
    });
    return [
      el('caption', { class: 'bm-caption' }, `${this.t('section.metrics')} (${this.t('epoch')} ${last.epoch})`),
      ...rows,
    ];
  }

  destroy(): void {
    this.chart.destroy();
  }
}
