// Run history and Compare Runs: the notebook's runs with checkboxes; the picked runs' curves overlaid, the
// hyperparameters that changed, and each cell's text diff between consecutive picked runs.
import type { dashboardText } from '../../src/shared/dashboardText';
import { formatNumber, metricLabel, type RunRecord } from '../../src/shared/outputs';
import { cellChanges, changedHyperparameters, hasChanges } from '../../src/shared/runCompare';
import { viewText } from '../../src/shared/viewText';
import { dataTable } from '../common/resultTables';
import { el } from '../common/theme';
import { CompareChart, overlaySeries, type RunCurves } from './compareChart';
import { checkbox } from './components';

type Text = ReturnType<typeof dashboardText>;

export const COMPARE_STYLE = `
.bm-runs ul.bm-run-list { list-style: none; padding: 0; margin: 0.3em 0; }
.bm-runs ul.bm-run-list li { margin: 0.2em 0; }
.bm-runs .bm-compare-plot { position: relative; height: 260px; max-width: 960px; margin: 0.6em 0; }
.bm-runs pre.bm-diff { font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); margin: 0.3em 0 0.8em; padding: 0.4em;
  background: var(--vscode-textCodeBlock-background, rgba(128,128,128,0.1)); overflow-x: auto; }
.bm-runs .bm-diff .bm-added { background: var(--vscode-diffEditor-insertedTextBackground, rgba(155,185,85,0.2)); display: block; }
.bm-runs .bm-diff .bm-removed { background: var(--vscode-diffEditor-removedTextBackground, rgba(255,0,0,0.2)); display: block; }
.bm-runs .bm-diff .bm-same { display: block; opacity: 0.75; }
`;

/** The most runs the list shows (the latest ones), and the most compared at once (more curves are not readable). */
const MAX_RUNS = 100;
const MAX_COMPARED = 10;

/** "loss 0.0123, accuracy 0.98" from a run's final metrics (validation ones left out: the curve shows them). */
function finalText(run: RunRecord): string {
  return Object.entries(run.final ?? {})
    .filter(([k, v]) => !k.startsWith('val_') && Number.isFinite(v))
    .slice(0, 3)
    .map(([k, v]) => `${metricLabel(k)} ${formatNumber(v)}`)
    .join(', ');
}

function when(iso: string, language: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString(language === 'zh-cn' ? 'zh-CN' : 'en-US', { dateStyle: 'medium', timeStyle: 'short' });
}

export class CompareView {
  readonly root = el('section', { class: 'bm-runs', 'aria-labelledby': 'bm-runs-title' });
  private readonly list = el('ul', { class: 'bm-run-list' });
  private readonly comparison = el('div', { class: 'bm-comparison', 'aria-live': 'polite' });
  private chart?: CompareChart;
  private runs: RunRecord[] = [];

  constructor(
    private readonly t: Text,
    private readonly language: string,
    /** Picked runs, by start time; kept in the webview state so a reload keeps the comparison. */
    private picked: Set<string>,
    private readonly onPick: (picked: string[]) => void,
  ) {
    this.root.append(el('h2', { id: 'bm-runs-title' }, t('section.runs')), this.list, this.comparison);
  }

  show(runs: RunRecord[]): void {
    this.runs = runs;
    this.root.dataset.runs = String(runs.length);
    const known = new Set(runs.map((r) => r.startedAt));
    this.picked = new Set([...this.picked].filter((k) => known.has(k)));
    if (runs.length === 0) {
      this.list.replaceChildren(el('li', { class: 'bm-muted' }, this.t('runs.none')));
      this.drawComparison();
      return;
    }
    // A notebook's history can grow to thousands of runs (or be written so): list the latest, as many as one reads.
    const first = Math.max(0, runs.length - MAX_RUNS);
    const capped =
      first > 0
        ? [el('li', { class: 'bm-muted bm-capped' }, this.t('runs.capped', { shown: MAX_RUNS, total: runs.length }))]
        : [];
    this.list.replaceChildren(
      ...capped,
      ...runs.slice(first).map((run, shown) => {
        const i = first + shown;
        const li = el('li');
        const label = this.t('runs.label', {
          n: i + 1,
          when: when(run.startedAt, this.language),
          epochs: run.epochs,
          final: finalText(run),
        });
        const box = checkbox(label, this.picked.has(run.startedAt), (on) => {
          if (on) this.picked.add(run.startedAt);
          else this.picked.delete(run.startedAt);
          this.onPick([...this.picked]);
          this.drawComparison();
        });
        box.dataset.run = String(i + 1);
        li.append(box);
        return li;
      }),
    );
    this.drawComparison();
  }

  private drawComparison(): void {
    this.chart?.destroy();
    this.chart = undefined;
    const t = this.t;
    // Runs are picked by start time; hand-edited runs may share one, so a tick could pick thousands: compare a few.
    const all = this.runs.map((run, i) => ({ run, n: i + 1 })).filter((r) => this.picked.has(r.run.startedAt));
    const picked = all.slice(0, MAX_COMPARED);
    this.comparison.dataset.compared = picked.map((p) => p.n).join(',');
    if (picked.length < 2) {
      this.comparison.replaceChildren(
        ...(this.runs.length >= 2 ? [el('p', { class: 'bm-muted' }, t('runs.pick'))] : []),
      );
      return;
    }
    const parts: HTMLElement[] = [el('h3', {}, t('section.compare'))];
    if (all.length > picked.length)
      parts.push(
        el('p', { class: 'bm-muted bm-capped' }, t('compare.capped', { shown: picked.length, total: all.length })),
      );

    const curves: RunCurves[] = picked
      .filter((p) => p.run.history?.length)
      .map((p) => ({
        label: (metric) => t('compare.curve', { metric: metricLabel(metric), n: p.n }),
        history: p.run.history ?? [],
      }));
    for (const p of picked)
      if (!p.run.history?.length) parts.push(el('p', { class: 'bm-muted' }, t('runs.noHistory', { n: p.n })));
    let canvas: HTMLCanvasElement | undefined;
    if (curves.length > 0) {
      const plot = el('div', {
        class: 'bm-compare-plot',
        role: 'img',
        'data-series': overlaySeries(curves)
          .map((s) => s.label)
          .join('|'),
      });
      plot.setAttribute(
        'aria-label',
        overlaySeries(curves)
          .map((s) => `${s.label}: ${formatNumber(s.points[s.points.length - 1].y)}`)
          .join('; '),
      );
      canvas = el('canvas', { 'aria-hidden': 'true' });
      plot.append(canvas);
      parts.push(plot);
    }

    const changed = changedHyperparameters(picked.map((p) => p.run));
    parts.push(el('h4', {}, t('compare.hyperparameters')));
    if (changed.length === 0) parts.push(el('p', { class: 'bm-hp-same' }, t('compare.sameHyperparameters')));
    else {
      const head = [t('compare.setting'), ...picked.map((p) => t('compare.run', { n: p.n }))];
      parts.push(
        dataTable(
          t('compare.hyperparameters'),
          head,
          changed.map((c) => [c.name, ...c.values.map((v) => v ?? t('notRecorded'))]),
          'bm-hyperparameters',
        ),
      );
    }

    for (let i = 1; i < picked.length; i++) parts.push(...this.cellDiff(picked[i - 1], picked[i]));
    this.comparison.replaceChildren(...parts);
    if (canvas)
      this.chart = new CompareChart(
        canvas,
        curves,
        t('epoch'),
        viewText(this.language === 'zh-cn' ? 'zh-cn' : 'en')('chart.loss'),
      );
  }

  private cellDiff(a: { run: RunRecord; n: number }, b: { run: RunRecord; n: number }): HTMLElement[] {
    const t = this.t;
    const title = el('h4', {}, t('compare.cells', { a: a.n, b: b.n }));
    const cells = cellChanges(a.run, b.run);
    if (!cells) return [title, el('p', { class: 'bm-muted' }, t('compare.noCells'))];
    const changedCells = cells.filter(hasChanges);
    if (changedCells.length === 0) return [title, el('p', { class: 'bm-cells-same' }, t('compare.sameCells'))];
    return [
      title,
      ...changedCells.map((lines) => {
        const pre = el('pre', { class: 'bm-diff' });
        pre.append(
          ...lines.map((l) =>
            el(
              'span',
              { class: `bm-${l.kind}` },
              `${l.kind === 'added' ? '+ ' : l.kind === 'removed' ? '- ' : '  '}${l.text}`,
            ),
          ),
        );
        return pre;
      }),
    ];
  }

  destroy(): void {
    this.chart?.destroy();
  }
}
