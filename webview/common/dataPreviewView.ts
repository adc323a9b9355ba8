// The data preview output: source, task, shapes, splits, a note, the class balance as bars and a few sample rows.
import { formatNumber, formatPercent, type DataPreviewPayload } from '../../src/shared/outputs';
import { htmlLang, viewText, type ViewLanguage, type ViewText } from '../../src/shared/viewText';
import {
  capRows,
  dataTable,
  formatCount,
  largest as maxOf,
  splitName,
  taskName,
  uniqueId,
  type ResultView,
} from './resultTables';
import { el } from './theme';

export const DATA_PREVIEW_STYLE = `
.bigmodel-data-preview dl.bm-facts { display: grid; grid-template-columns: max-content auto; gap: 1px 1em; margin: 0 0 0.8em; }
.bigmodel-data-preview dl.bm-facts dt { color: var(--vscode-descriptionForeground, inherit); }
.bigmodel-data-preview dl.bm-facts dd { margin: 0; font-variant-numeric: tabular-nums; }
.bigmodel-data-preview .bm-balance td.bm-bar-cell { width: 16em; padding-right: 12px; }
.bigmodel-data-preview .bm-bar { height: 0.75em; min-width: 1px; background: var(--vscode-charts-blue, #3794ff); border-radius: 1px; }
.bigmodel-data-preview .bm-balance tbody th { white-space: nowrap; }
`;

/** More rows than this are a scroll, not a preview. */
const SAMPLE_ROWS = 5;
const SAMPLE_COLUMNS = 12;

export function dataPreviewView(p: DataPreviewPayload, language: ViewLanguage = 'en'): ResultView {
  const t = viewText(language);
  const root = el('div', { class: 'bigmodel-result bigmodel-data-preview', lang: htmlLang(language) });
  root.append(el('div', { class: 'bm-title' }, p.source));
  const facts = el('dl', { class: 'bm-facts' });
  const fact = (k: string, v: string) => facts.append(el('dt', {}, k), el('dd', {}, v));
  fact(t('preview.task'), taskName(p.task, t));
  fact(t('preview.inputShape'), `[${p.inputShape.join(', ')}]`);
  if (p.classes)
    fact(
      t('preview.classes'),
      p.classes.length <= 12 ? `${p.classes.length}: ${p.classes.join(', ')}` : `${p.classes.length}`,
    );
  const splits = (['train', 'validation', 'test'] as const).filter((s) => typeof p.splits[s] === 'number');
  const total = splits.reduce((a, s) => a + (p.splits[s] ?? 0), 0);
  for (const s of splits) {
    const n = p.splits[s]!;
    const share = splits.length > 1 && total > 0;
    fact(
      splitName(s, t),
      share
        ? t('preview.samplesShare', { n: formatCount(n), share: formatPercent(n / total) })
        : t('preview.samples', { n: formatCount(n) }),
    );
  }
  if (p.note) fact(t('preview.note'), p.note);
  root.append(facts);
  if (p.classBalance && p.classBalance.length > 0) root.append(balanceTable(p.classBalance, t));
  if (p.sampleRows && p.sampleRows.length > 0) root.append(sampleTable(p.sampleRows, t));
  return { root };
}

function balanceTable(all: { label: string; count: number }[], t: ViewText): HTMLElement {
  const total = all.reduce((a, b) => a + b.count, 0);
  const counts = all.map((b) => b.count);
  const largest = maxOf(counts);
  const smallest = -maxOf(counts.map((c) => -c));
  const { rows: balance, note } = capRows(all, t);
  const table = el('table', { class: 'bm-balance' });
  const captionId = uniqueId('bm-balance');
  table.append(el('caption', { id: captionId }, t('preview.balance')));
  const head = el('tr');
  head.append(
    el('th', { scope: 'col' }, t('table.class')),
    el('td'),
    el('th', { scope: 'col', class: 'num' }, t('table.samples')),
    el('th', { scope: 'col', class: 'num' }, t('table.share')),
  );
  const tbody = el('tbody');
  for (const b of balance) {
    const tr = el('tr');
    const bar = el('div', { class: 'bm-bar', 'aria-hidden': 'true' });
    // Bars are relative to the largest class, so small differences stay visible; the share column is of the whole.
    bar.style.width = `${largest > 0 ? (100 * b.count) / largest : 0}%`;
    const barCell = el('td', { class: 'bm-bar-cell' });
    barCell.append(bar);
    tr.append(
      el('th', { scope: 'row' }, b.label),
      barCell,
      el('td', { class: 'num' }, formatCount(b.count)),
      el('td', { class: 'num' }, formatPercent(total > 0 ? b.count / total : 0)),
    );
    tbody.append(tr);
  }
  const thead = el('thead');
  thead.append(head);
  table.append(thead, tbody);
  const wrap = el('div');
  wrap.append(table);
  if (note) wrap.append(note);
  if (smallest > 0 && largest / smallest >= 3) {
    wrap.append(
      el(
        'p',
        { class: 'bm-warning', role: 'note' },
        t('preview.imbalanced', { ratio: (largest / smallest).toFixed(1) }),
      ),
    );
  }
  return wrap;
}

function sampleTable(rows: number[][], t: ViewText): HTMLElement {
  const width = maxOf(rows.map((r) => r.length));
  const cols = Math.min(width, SAMPLE_COLUMNS);
  const head = [t('preview.row'), ...Array.from({ length: cols }, (_, i) => `x${i}`), ...(width > cols ? ['…'] : [])];
  const body = rows
    .slice(0, SAMPLE_ROWS)
    .map((r, i) => [
      String(i + 1),
      ...r.slice(0, cols).map((v) => ({ num: Number.isInteger(v) ? String(v) : formatNumber(v) })),
      ...(width > cols ? ['…'] : []),
    ]);
  const scroller = el('div', { class: 'bm-scroll' });
  scroller.append(
    dataTable(t('preview.sampleRows', { shown: body.length, total: rows.length }), head, body, 'bm-samples'),
  );
  return scroller;
}
