// The model summary output: one row per layer with its output shape and parameters, and the totals.
import { formatPercent, type ModelSummaryPayload } from '../../src/shared/outputs';
import { dataTable, formatBytes, formatCount, type ResultView } from './resultTables';
import { el } from './theme';

export function modelSummaryView(p: ModelSummaryPayload): ResultView {
  const root = el('div', { class: 'bigmodel-result bigmodel-model-summary' });
  const frozen = p.totalParams - p.trainableParams;
  const title = `Model: ${p.layers.length} layers, ${formatCount(p.totalParams)} parameters${frozen > 0 ? ` (${formatCount(frozen)} not trainable)` : ''}, ${formatBytes(p.sizeBytes)}`;
  root.append(el('div', { class: 'bm-title' }, title));
  const table = dataTable(
    'Layers',
    ['layer', 'type', 'output shape', 'parameters', 'share'],
    p.layers.map((l) => [
      l.name,
      l.type,
      `[${l.outputShape.map((d) => d ?? 'batch').join(', ')}]`,
      l.params,
      { num: p.totalParams > 0 ? formatPercent(l.params / p.totalParams) : '–' },
    ]),
    'bm-layers',
  );
  const foot = el('tfoot');
  const tr = el('tr');
  tr.append(el('th', { scope: 'row' }, 'total'), el('td'), el('td'), el('td', { class: 'num' }, formatCount(p.totalParams)), el('td'));
  foot.append(tr);
  table.append(foot);
  const scroller = el('div', { class: 'bm-scroll' });
  scroller.append(table);
  root.append(scroller);
  return { root };
}
