// The model summary output: one row per layer with its output shape and parameters, and the totals.
import { formatPercent, type ModelSummaryPayload } from '../../src/shared/outputs';
import { htmlLang, viewText, type ViewLanguage } from '../../src/shared/viewText';
import { capRows, dataTable, formatBytes, formatCount, type ResultView } from './resultTables';
import { el } from './theme';

export function modelSummaryView(p: ModelSummaryPayload, language: ViewLanguage = 'en'): ResultView {
  const t = viewText(language);
  const root = el('div', { class: 'bigmodel-result bigmodel-model-summary', lang: htmlLang(language) });
  const frozen = p.totalParams - p.trainableParams;
  const title = t('model.title', {
    layers: p.layers.length,
    params: formatCount(p.totalParams),
    frozen: frozen > 0 ? t('model.frozen', { n: formatCount(frozen) }) : '',
    size: formatBytes(p.sizeBytes),
  });
  root.append(el('div', { class: 'bm-title' }, title));
  const table = dataTable(
    t('model.layers'),
    [t('model.layer'), t('model.type'), t('model.outputShape'), t('model.parameters'), t('table.share')],
    capRows(p.layers, t).rows.map((l) => [
      l.name,
      l.type,
      `[${l.outputShape.map((d) => d ?? t('model.batch')).join(', ')}]`,
      l.params,
      { num: p.totalParams > 0 ? formatPercent(l.params / p.totalParams) : '–' },
    ]),
    'bm-layers',
  );
  const foot = el('tfoot');
  const tr = el('tr');
  tr.append(
    el('th', { scope: 'row' }, t('model.total')),
    el('td'),
    el('td'),
    el('td', { class: 'num' }, formatCount(p.totalParams)),
    el('td'),
  );
  foot.append(tr);
  table.append(foot);
  const scroller = el('div', { class: 'bm-scroll' });
  scroller.append(table);
  root.append(scroller);
  const capped = capRows(p.layers, t).note;
  if (capped) root.append(capped);
  return { root };
}
