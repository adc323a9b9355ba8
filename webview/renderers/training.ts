// Notebook renderer for application/vnd.bigmodel.training+json: the live loss curve with its header and data table.
import type { ActivationFunction, OutputItem } from 'vscode-notebook-renderer';
import { tableEpochs } from '../../src/shared/epochSample';
import { formatNumber, type EpochRecord, type TrainingPayload } from '../../src/shared/outputs';
import { LiveTable, updateFacts } from '../common/liveDom';
import { el } from '../common/theme';
import { TrainingChart } from '../common/trainingChart';

interface View {
  root: HTMLElement;
  header: HTMLElement;
  chart: TrainingChart;
  table: LiveTable;
  csv: () => string;
}

const views = new Map<string, { element: HTMLElement; view: View }>();

const STYLE = `
.bigmodel-training { font-family: var(--vscode-font-family); color: var(--vscode-editor-foreground); }
.bigmodel-training .bm-header { display: flex; flex-wrap: wrap; gap: 0.25em 1.2em; margin: 0.2em 0 0.4em; font-size: 0.95em; }
.bigmodel-training .bm-header b { font-weight: 600; }
.bigmodel-training .bm-plot { position: relative; height: 260px; max-width: 860px; }
.bigmodel-training .bm-actions { display: flex; gap: 0.5em; margin-top: 0.3em; }
.bigmodel-training button { font: inherit; color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); border: 1px solid var(--vscode-button-border, transparent); padding: 2px 8px; cursor: pointer; }
.bigmodel-training button:focus-visible { outline: 1px solid var(--vscode-focusBorder); }
.bigmodel-training .bm-message { color: var(--vscode-errorForeground); }
.bm-sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

function describe(p: TrainingPayload): string {
  const last = p.epochs[p.epochs.length - 1];
  if (!last) return `Training on ${p.backend}: starting`;
  const val = last.val_loss !== undefined ? `, validation loss ${formatNumber(last.val_loss)}` : '';
  return `Training loss curve: epoch ${last.epoch} of ${p.totalEpochs}, loss ${formatNumber(last.loss)}${val}${p.state === 'done' ? `, ${p.stopped}` : ''}`;
}

function buildView(element: HTMLElement): View {
  element.replaceChildren();
  const style = el('style', {}, STYLE);
  const root = el('div', { class: 'bigmodel-training', role: 'figure' });
  const header = el('div', { class: 'bm-header', 'aria-live': 'polite' });
  const plot = el('div', { class: 'bm-plot' });
  const canvas = el('canvas', { 'aria-hidden': 'true' });
  plot.append(canvas);
  const table = el('table', { class: 'bm-sr-only' });
  const actions = el('div', { class: 'bm-actions' });
  const logButton = el('button', { type: 'button', 'aria-pressed': 'false' }, 'Log scale');
  const pngButton = el('button', { type: 'button' }, 'Export PNG');
  const csvButton = el('button', { type: 'button' }, 'Export CSV');
  actions.append(logButton, pngButton, csvButton);
  root.append(header, plot, actions, table);
  element.append(style, root);
  const chart = new TrainingChart(canvas);
  const view: View = { root, header, chart, table: new LiveTable(table), csv: () => '' };
  logButton.addEventListener('click', () => {
    chart.setLogScale(!chart.isLogScale);
    logButton.setAttribute('aria-pressed', String(chart.isLogScale));
  });
  pngButton.addEventListener('click', () => download('training.png', chart.toPng()));
  csvButton.addEventListener('click', () => download('training.csv', 'data:text/csv;charset=utf-8,' + encodeURIComponent(view.csv())));
  return view;
}

function download(name: string, href: string): void {
  const a = el('a', { href, download: name });
  a.click();
}

function render(view: View, p: TrainingPayload): void {
  const { root, header } = view;
  root.dataset.state = p.state;
  root.dataset.epochs = String(p.epochs.length);
  root.setAttribute('aria-label', describe(p));
  const parts: [string, string][] = [
    ['backend', p.backend],
    ['device', p.device],
    ['speed', `${Math.round(p.samplesPerSecond)} samples/s`],
  ];
  if (p.progress && p.state === 'running') {
    parts.push(['epoch', `${p.progress.epoch}/${p.totalEpochs} · batch ${p.progress.batch}/${p.progress.batchesPerEpoch}`]);
    parts.push(['ETA', `${Math.max(0, Math.round(p.progress.etaSeconds))} s`]);
  } else if (p.state === 'done') {
    parts.push(['stopped', p.stopped ?? 'completed']);
  }
  updateFacts(header, parts, p.message || undefined);
  view.chart.update(p);
  const names = view.chart.series.map((s) => s.name);
  const row = (e: EpochRecord) => [String(e.epoch), ...names.map((n) => (e[n] === undefined ? '' : String(e[n])))];
  // Built when asked for: a live update must not cost a pass over every epoch.
  view.csv = () => [['epoch', ...names].join(','), ...p.epochs.map((e) => row(e).join(','))].join('\n');
  // A screen reader reads the numbers from a table rather than the canvas: at most 100 evenly spaced epochs
  // (always the last), which stay the same between live updates but the last; Export CSV has every epoch.
  const shown = tableEpochs(p.epochs);
  const caption = shown.length < p.epochs.length
    ? `${describe(p)}. ${shown.length} of ${p.epochs.length} epochs shown; Export CSV has all of them.`
    : describe(p);
  view.table.update(caption, ['epoch', ...names], shown.map(row));
}


export const activate: ActivationFunction = () => ({
  renderOutputItem(item: OutputItem, element: HTMLElement) {
    const payload = item.json() as TrainingPayload;
    // A live run replaces this output's items many times: redraw the same chart rather than build a new one.
    let entry = views.get(item.id);
    if (!entry || entry.element !== element) {
      entry?.view.chart.destroy();
      entry = { element, view: buildView(element) };
      views.set(item.id, entry);
    }
    render(entry.view, payload);
  },
  disposeOutputItem(id?: string) {
    for (const [key, entry] of views) {
      if (id !== undefined && key !== id) continue;
      entry.view.chart.destroy();
      views.delete(key);
    }
  },
});
