// Notebook renderer for application/vnd.bigmodel.training+json: the live loss curve with its header and data table.
import type { ActivationFunction, OutputItem } from 'vscode-notebook-renderer';
import { tableEpochs } from '../../src/shared/epochSample';
import { trainingCsv } from '../../src/shared/csv';
import { formatNumber, type EpochRecord, type TrainingPayload } from '../../src/shared/outputs';
import { readTraining } from '../../src/shared/payloadRead';
import { htmlLang, stopReasonLabel, viewText, type ViewLanguage, type ViewText } from '../../src/shared/viewText';
import { RendererLanguage } from '../common/rendererLanguage';
import { LiveTable, updateFacts } from '../common/liveDom';
import { unreadText } from '../common/resultTables';
import { el } from '../common/theme';
import { TrainingChart } from '../common/trainingChart';

interface View {
  root: HTMLElement;
  header: HTMLElement;
  chart: TrainingChart;
  table: LiveTable;
  csv: () => string;
  /** The language it is drawn in, and what to relabel when the host tells another. */
  t: ViewText;
  buttons: { log: HTMLElement; png: HTMLElement; csv: HTMLElement };
  payload?: TrainingPayload;
  /** The payload's fields that could not be read (payloadRead.ts). */
  unread: string[];
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

function describe(p: TrainingPayload, t: ViewText): string {
  const last = p.epochs[p.epochs.length - 1];
  if (!last) return t('training.starting', { backend: p.backend });
  const val =
    last.val_loss !== undefined ? t('training.describeValidation', { loss: formatNumber(last.val_loss) }) : '';
  const stopped = p.state === 'done' ? t('training.describeStopped', { stopped: stopReasonLabel(p.stopped, t) }) : '';
  return (
    t('training.describe', { epoch: last.epoch, total: p.totalEpochs, loss: formatNumber(last.loss) }) + val + stopped
  );
}

function buildView(element: HTMLElement, language: ViewLanguage): View {
  element.replaceChildren();
  const style = el('style', {}, STYLE);
  const root = el('div', { class: 'bigmodel-training', role: 'figure' });
  const header = el('div', { class: 'bm-header', 'aria-live': 'polite' });
  const plot = el('div', { class: 'bm-plot' });
  const canvas = el('canvas', { 'aria-hidden': 'true' });
  plot.append(canvas);
  const table = el('table', { class: 'bm-sr-only' });
  const actions = el('div', { class: 'bm-actions' });
  const logButton = el('button', { type: 'button', 'aria-pressed': 'false' });
  const pngButton = el('button', { type: 'button' });
  const csvButton = el('button', { type: 'button' });
  actions.append(logButton, pngButton, csvButton);
  root.append(header, plot, actions, table);
  element.append(style, root);
  const chart = new TrainingChart(canvas);
  const view: View = {
    root,
    header,
    chart,
    table: new LiveTable(table),
    csv: () => '',
    t: viewText(language),
    buttons: { log: logButton, png: pngButton, csv: csvButton },
    unread: [],
  };
  relabel(view, language);
  logButton.addEventListener('click', () => {
    chart.setLogScale(!chart.isLogScale);
    logButton.setAttribute('aria-pressed', String(chart.isLogScale));
  });
  pngButton.addEventListener('click', () => download('training.png', chart.toPng()));
  csvButton.addEventListener('click', () =>
    download('training.csv', 'data:text/csv;charset=utf-8,' + encodeURIComponent(view.csv())),
  );
  return view;
}

/** The buttons and the chart's axes in a language; render() draws the rest in `view.t`. */
function relabel(view: View, language: ViewLanguage): void {
  const t = (view.t = viewText(language));
  view.root.setAttribute('lang', htmlLang(language));
  view.buttons.log.textContent = t('training.logScale');
  view.buttons.png.textContent = t('training.exportPng');
  view.buttons.csv.textContent = t('training.exportCsv');
  view.chart.setLanguage(language);
}

function download(name: string, href: string): void {
  const a = el('a', { href, download: name });
  a.click();
}

function render(view: View, p: TrainingPayload, unread: string[]): void {
  const { root, header, t } = view;
  view.payload = p;
  view.unread = unread;
  root.dataset.state = p.state;
  root.dataset.epochs = String(p.epochs.length);
  const described = describe(p, t);
  root.setAttribute('aria-label', described);
  const parts: [string, string][] = [
    [t('training.backend'), p.backend],
    [t('training.device'), p.device],
    [t('training.speed'), t('training.samplesPerSecond', { n: Math.round(p.samplesPerSecond) })],
  ];
  if (p.progress && p.state === 'running') {
    parts.push([
      t('training.epoch'),
      t('training.progress', {
        epoch: p.progress.epoch,
        total: p.totalEpochs,
        batch: p.progress.batch,
        batches: p.progress.batchesPerEpoch,
      }),
    ]);
    parts.push([t('training.eta'), t('training.seconds', { n: Math.max(0, Math.round(p.progress.etaSeconds)) })]);
  } else if (p.state === 'done') {
    parts.push([t('training.stopped'), stopReasonLabel(p.stopped, t)]);
  }
  updateFacts(header, parts, [p.message, unreadText(unread, t)].filter(Boolean).join(' ') || undefined);
  view.chart.update(p);
  const names = view.chart.series.map((s) => s.name);
  const row = (e: EpochRecord) => [String(e.epoch), ...names.map((n) => (e[n] === undefined ? '' : String(e[n])))];
  // Built when asked for: a live update must not cost a pass over every epoch. Quoted and safe to open (csv.ts).
  view.csv = () => trainingCsv(p.epochs, names);
  // A screen reader reads the numbers from a table rather than the canvas: at most 100 evenly spaced epochs
  // (always the last), which stay the same between live updates but the last; Export CSV has every epoch.
  const shown = tableEpochs(p.epochs);
  const caption =
    shown.length < p.epochs.length
      ? t('training.tableSample', { describe: described, shown: shown.length, total: p.epochs.length })
      : described;
  view.table.update(caption, [t('chart.epoch'), ...names], shown.map(row));
}

export const activate: ActivationFunction = (context) => {
  // Drawn in English at once; the host's answer relabels every output on show and draws its last payload again.
  const language = new RendererLanguage(context, (answer) => {
    for (const [id, { element, view }] of views) {
      try {
        relabel(view, answer);
        if (view.payload) render(view, view.payload, view.unread);
      } catch (err) {
        fail(id, element, view.payload, err, answer);
      }
    }
  });
  /** What cannot be drawn is shown as its data with the reason, never left to break the notebook's outputs. */
  const fail = (id: string, element: HTMLElement, data: unknown, err: unknown, lang = language.language) => {
    views.get(id)?.view.chart.destroy();
    views.delete(id);
    const reason = err instanceof Error ? err.message : String(err);
    const root = el('div', { class: 'bigmodel-training' });
    root.append(
      el('p', { class: 'bm-message' }, viewText(lang)('results.failed', { reason })),
      el('pre', {}, typeof data === 'string' ? data : JSON.stringify(data, null, 2)),
    );
    element.replaceChildren(el('style', {}, STYLE), root);
  };
  return {
    renderOutputItem(item: OutputItem, element: HTMLElement) {
      let data: unknown;
      try {
        data = item.json();
        const { payload, unread } = readTraining(data);
        // A live run replaces this output's items many times: redraw the same chart rather than build a new one.
        let entry = views.get(item.id);
        if (!entry || entry.element !== element) {
          entry?.view.chart.destroy();
          entry = { element, view: buildView(element, language.language) };
          views.set(item.id, entry);
        }
        render(entry.view, payload, unread);
      } catch (err) {
        fail(item.id, element, data ?? item.text(), err);
      }
    },
    disposeOutputItem(id?: string) {
      for (const [key, entry] of views) {
        if (id !== undefined && key !== id) continue;
        entry.view.chart.destroy();
        views.delete(key);
      }
    },
  };
};
