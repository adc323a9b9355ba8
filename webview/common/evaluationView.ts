// The evaluation output: metrics, the confusion matrix as a heat map, the most confused pairs, per-class scores and the ROC curve.
import {
  confusionRowShares,
  formatNumber,
  formatPercent,
  metricLabel,
  mostConfusedPairs,
  type EvaluationPayload,
} from '../../src/shared/outputs';
import { htmlLang, viewText, type ViewLanguage, type ViewText } from '../../src/shared/viewText';
import { capRows, dataTable, formatCount, splitName, uniqueId, type ResultView } from './resultTables';
import { RocChart } from './rocChart';
import { el } from './theme';

export const EVALUATION_STYLE = `
.bigmodel-evaluation .bm-row { display: flex; flex-wrap: wrap; gap: 0.5em 2.5em; align-items: flex-start; }
.bigmodel-evaluation table.bm-confusion { border-collapse: separate; border-spacing: 2px; }
.bigmodel-evaluation .bm-confusion th, .bigmodel-evaluation .bm-confusion td { border: none; padding: 3px 6px; }
.bigmodel-evaluation .bm-confusion thead th { vertical-align: bottom; text-align: center; max-width: 7em; }
.bigmodel-evaluation .bm-confusion thead th.bm-axis { font-weight: normal; color: var(--vscode-descriptionForeground, inherit); border-bottom: 1px solid var(--vscode-editorWidget-border, rgba(128, 128, 128, 0.3)); }
.bigmodel-evaluation .bm-confusion tbody th { text-align: right; padding-right: 8px; white-space: nowrap; }
.bigmodel-evaluation .bm-confusion td {
  --bm-hue: var(--vscode-charts-orange, #d18616);
  text-align: center; min-width: 4.2em; font-variant-numeric: tabular-nums;
  background-color: color-mix(in srgb, var(--bm-hue) var(--bm-heat, 0%), transparent);
  outline: 1px solid var(--vscode-editorWidget-border, rgba(128, 128, 128, 0.25)); outline-offset: -1px;
}
.bigmodel-evaluation .bm-confusion td.bm-diagonal { --bm-hue: var(--vscode-charts-blue, #3794ff); font-weight: 600; outline: 2px solid var(--vscode-charts-blue, #3794ff); outline-offset: -2px; }
.bigmodel-evaluation .bm-confusion td .bm-count { display: block; }
.bigmodel-evaluation .bm-confusion td .bm-share { display: block; font-size: 0.85em; font-weight: normal; }
.bigmodel-evaluation .bm-confusion td.bm-zero { color: var(--vscode-descriptionForeground, inherit); outline-color: transparent; }
.bigmodel-evaluation .bm-confusion td.bm-corner { background: none; outline: none; }
.bigmodel-evaluation .bm-legend { font-size: 0.9em; color: var(--vscode-descriptionForeground, inherit); margin: 0 0 0.8em; }
.bigmodel-evaluation .bm-swatch { display: inline-block; width: 0.8em; height: 0.8em; vertical-align: -0.05em; margin: 0 0.3em 0 0.8em; }
.bigmodel-evaluation .bm-swatch.bm-correct { background: color-mix(in srgb, var(--vscode-charts-blue, #3794ff) 45%, transparent); outline: 2px solid var(--vscode-charts-blue, #3794ff); outline-offset: -2px; }
.bigmodel-evaluation .bm-swatch.bm-wrong { background: color-mix(in srgb, var(--vscode-charts-orange, #d18616) 45%, transparent); }
.bigmodel-evaluation ol.bm-pairs { margin: 0.2em 0 0.8em; padding-left: 1.6em; }
.bigmodel-evaluation figure { margin: 0; }
.bigmodel-evaluation figcaption { font-weight: 600; margin-bottom: 0.3em; }
.bigmodel-evaluation .bm-roc-plot { position: relative; width: 340px; max-width: 100%; height: 340px; }
`;

/** Most-used metrics first; anything else keeps the payload's order after them. */
const METRIC_ORDER = ['accuracy', 'balancedAccuracy', 'precision', 'recall', 'f1', 'auc', 'mae', 'rmse', 'r2', 'loss'];

/**
 * The heat of a cell: none for an empty one, otherwise 6–45 % of the theme colour (text on it stays readable in light
 * and dark themes), growing with the square root of the row share so that a 5 % confusion still shows beside a 95 % diagonal.
 */
function heat(share: number, count: number): string {
  return count > 0 ? `${Math.round(6 + Math.sqrt(Math.min(1, Math.max(0, share))) * 39)}%` : '0%';
}

/** `language`: the display language of the notebook renderer or the dashboard. */
export function evaluationView(p: EvaluationPayload, language: ViewLanguage = 'en'): ResultView {
  const t = viewText(language);
  const root = el('div', { class: 'bigmodel-result bigmodel-evaluation', lang: htmlLang(language) });
  root.append(
    el(
      'div',
      { class: 'bm-title' },
      t('evaluation.title', { split: splitName(p.on, t), samples: formatCount(p.samples) }),
    ),
  );
  if (p.choseEpoch) root.append(el('p', { class: 'bm-muted bm-chose-epoch' }, t('evaluation.choseEpoch')));
  if (p.positive !== undefined)
    root.append(el('p', { class: 'bm-muted bm-positive' }, t('evaluation.positive', { label: p.positive })));
  const row = el('div', { class: 'bm-row' });
  root.append(row);
  row.append(metricsTable(p, t));
  let chart: RocChart | undefined;
  let canvas: HTMLCanvasElement | undefined;
  let rocNote: HTMLElement | undefined;
  let rocPoints: HTMLDetailsElement | undefined;
  if (p.roc && p.roc.fpr.length > 0) {
    const roc = rocFigure(p, t);
    ({ canvas, note: rocNote, points: rocPoints } = roc);
    row.append(roc.figure);
  }
  if (p.confusionMatrix && p.confusionMatrix.labels.length > 0) {
    root.append(...confusionSection(p.confusionMatrix, t));
  }
  if (p.perClass && p.perClass.length > 0) {
    const { rows, note } = capRows(p.perClass, t);
    root.append(
      dataTable(
        t('evaluation.perClass'),
        [
          t('table.class'),
          t('evaluation.precision'),
          t('evaluation.recall'),
          t('evaluation.f1'),
          t('evaluation.support'),
        ],
        rows.map((c) => [
          c.label,
          { num: score(c.precision) },
          { num: score(c.recall) },
          { num: score(c.f1) },
          c.support,
        ]),
        'bm-per-class',
      ),
    );
    if (note) root.append(note);
  }
  return {
    root,
    mounted() {
      if (!canvas || !p.roc) return;
      try {
        chart = RocChart.draw(canvas, p.roc, t);
      } catch {
        chart = undefined;
      }
      if (!chart) {
        // No 2D canvas here: the points table is the curve, so open it.
        canvas.parentElement?.remove();
        rocNote?.classList.remove('bm-sr-only');
        if (rocPoints) rocPoints.open = true;
      }
    },
    dispose() {
      chart?.destroy();
      chart = undefined;
    },
  };
}

function score(v: number): string {
  return Number.isFinite(v) ? v.toFixed(3) : '–';
}

/** Each metric, and beside it what a model that learned nothing scores on the same samples (when the payload says). */
function metricsTable(p: EvaluationPayload, t: ViewText): HTMLTableElement {
  const rank = (k: string) => (METRIC_ORDER.includes(k) ? METRIC_ORDER.indexOf(k) : METRIC_ORDER.length);
  const entries = capRows(
    Object.entries(p.metrics).sort(([a], [b]) => rank(a) - rank(b)),
    t,
  ).rows;
  const shown = (k: string, v: number) => ({
    num: k === 'accuracy' && Number.isFinite(v) ? `${formatNumber(v)} (${formatPercent(v)})` : formatNumber(v),
  });
  const b = p.baseline;
  const heads = [t('evaluation.metric'), t('evaluation.value')];
  if (b)
    heads.push(
      b.kind === 'majority'
        ? t('evaluation.baselineMajority', { label: b.label ?? '' })
        : t('evaluation.baselineMean', { value: b.value === undefined ? '' : formatNumber(b.value) }),
    );
  return dataTable(
    t('evaluation.metrics'),
    heads,
    entries.map(([k, v]) => {
      const row: Parameters<typeof dataTable>[2][number] = [metricLabel(k), shown(k, v)];
      if (b) row.push(b.metrics[k] === undefined ? '' : shown(k, b.metrics[k]));
      return row;
    }),
    'bm-metrics',
  );
}

/** More classes than this make a matrix nobody reads (and thousands of cells to draw): the first ones are shown. */
const MAX_CLASSES = 50;

function confusionSection(m: NonNullable<EvaluationPayload['confusionMatrix']>, t: ViewText): HTMLElement[] {
  const shares = confusionRowShares(m.values);
  const labels = m.labels.slice(0, MAX_CLASSES);
  const n = labels.length;
  const table = el('table', { class: 'bm-confusion' });
  const caption = el('caption', {}, t('confusion.caption'));
  // The axis headers say this to the eye; a screen reader hears it with the caption.
  caption.append(el('span', { class: 'bm-sr-only' }, t('confusion.captionDetail')));
  table.append(caption);
  const thead = el('thead');
  const axisRow = el('tr');
  axisRow.append(
    el('td', { class: 'bm-corner' }),
    el('th', { scope: 'colgroup', colspan: String(n), class: 'bm-axis' }, t('confusion.predicted')),
  );
  const labelRow = el('tr');
  labelRow.append(el('th', { scope: 'col', class: 'bm-axis' }, t('confusion.true')));
  for (const label of labels) labelRow.append(el('th', { scope: 'col' }, label));
  thead.append(axisRow, labelRow);
  const tbody = el('tbody');
  labels.forEach((label, r) => {
    const tr = el('tr');
    tr.append(el('th', { scope: 'row' }, label));
    for (let c = 0; c < n; c++) {
      const count = m.values[r]?.[c] ?? 0;
      const share = shares[r]?.[c] ?? 0;
      const classes = [r === c ? 'bm-diagonal' : '', count === 0 ? 'bm-zero' : ''].filter(Boolean).join(' ');
      const td = el('td', classes ? { class: classes } : {});
      td.dataset.count = String(count);
      td.dataset.share = String(share);
      td.style.setProperty('--bm-heat', heat(share, count));
      td.append(
        el('span', { class: 'bm-count' }, formatCount(count)),
        el('span', { class: 'bm-share' }, formatPercent(share)),
      );
      tr.append(td);
    }
    tbody.append(tr);
  });
  table.append(thead, tbody);
  // A wide matrix scrolls on its own; a scrolling region must be reachable by keyboard.
  const scroller = el('div', {
    class: 'bm-scroll',
    role: 'region',
    tabindex: '0',
    'aria-label': t('confusion.caption'),
  });
  scroller.append(table);
  if (m.labels.length > n)
    scroller.append(
      el(
        'p',
        { class: 'bm-muted bm-capped' },
        t('confusion.capped', { shown: n, total: formatCount(m.labels.length) }),
      ),
    );

  const legend = el('div', { class: 'bm-legend', 'aria-hidden': 'true' }, t('confusion.legend'));
  legend.append(
    el('span', { class: 'bm-swatch bm-correct' }),
    document.createTextNode(t('confusion.correct')),
    el('span', { class: 'bm-swatch bm-wrong' }),
    document.createTextNode(t('confusion.confused')),
  );

  const pairs = mostConfusedPairs(m, 3);
  const headingId = uniqueId('bm-pairs');
  const heading = el('div', { class: 'bm-subtitle', id: headingId }, t('confusion.mostConfused'));
  const list = el('ol', { class: 'bm-pairs', 'aria-labelledby': headingId });
  for (const pair of pairs) {
    list.append(
      el(
        'li',
        {},
        t('confusion.pair', {
          actual: pair.actual,
          predicted: pair.predicted,
          count: formatCount(pair.count),
          share: formatPercent(pair.shareOfActual),
        }),
      ),
    );
  }
  const section = el('div', { class: 'bm-confused' });
  section.append(heading, pairs.length > 0 ? list : el('p', { class: 'bm-muted' }, t('confusion.none')));
  return [scroller, legend, section];
}

function rocFigure(
  p: EvaluationPayload,
  t: ViewText,
): { figure: HTMLElement; canvas: HTMLCanvasElement; note: HTMLElement; points: HTMLDetailsElement } {
  const roc = p.roc!;
  const auc = p.metrics.auc;
  const figure = el('figure', { class: 'bm-roc' });
  figure.append(
    el('figcaption', {}, auc === undefined ? t('roc.caption') : t('roc.captionAuc', { auc: formatNumber(auc) })),
  );
  const plot = el('div', { class: 'bm-roc-plot' });
  const label =
    auc === undefined
      ? t('roc.aria', { n: roc.fpr.length })
      : t('roc.ariaAuc', { n: roc.fpr.length, auc: formatNumber(auc) });
  const canvas = el('canvas', { role: 'img', 'aria-label': label });
  plot.append(canvas);
  const note = el('p', { class: 'bm-muted bm-sr-only' }, t('roc.noCanvas'));
  const points = el('details', { class: 'bm-roc-points' });
  const { rows, note: capped } = capRows(roc.fpr, t);
  points.append(
    el('summary', {}, t('roc.points', { n: roc.fpr.length })),
    dataTable(
      t('roc.pointsCaption'),
      [t('roc.point'), t('roc.falsePositiveRate'), t('roc.truePositiveRate')],
      rows.map((f, i) => [String(i + 1), { num: score(f) }, { num: score(roc.tpr[i]) }]),
      'bm-roc-table',
    ),
  );
  if (capped) points.append(capped);
  figure.append(plot, note, points);
  return { figure, canvas, note, points };
}
