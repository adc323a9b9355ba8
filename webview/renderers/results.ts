// Notebook renderer for the data preview, model summary, evaluation and summary payloads: readable tables.
import type { ActivationFunction, OutputItem } from 'vscode-notebook-renderer';
import { formatNumber, MIME, type DataPreviewPayload, type ModelSummaryPayload } from '../../src/shared/outputs';
import { el } from '../common/theme';

const STYLE = `
.bigmodel-result { font-family: var(--vscode-font-family); color: var(--vscode-editor-foreground); }
.bigmodel-result table { border-collapse: collapse; margin: 0.3em 0; }
.bigmodel-result th, .bigmodel-result td { text-align: left; padding: 2px 10px 2px 0; border-bottom: 1px solid var(--vscode-editorWidget-border, rgba(128,128,128,0.3)); }
.bigmodel-result td.num { text-align: right; font-variant-numeric: tabular-nums; }
.bigmodel-result caption { text-align: left; font-weight: 600; padding-bottom: 0.3em; }
`;

function table(caption: string, head: string[], rows: (string | number)[][]): HTMLTableElement {
  const t = el('table');
  t.append(el('caption', {}, caption));
  const tr = el('tr');
  for (const h of head) tr.append(el('th', { scope: 'col' }, h));
  t.append(tr);
  for (const r of rows) {
    const row = el('tr');
    for (const c of r) row.append(el('td', typeof c === 'number' ? { class: 'num' } : {}, typeof c === 'number' ? formatCount(c) : c));
    t.append(row);
  }
  return t;
}

function formatCount(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : formatNumber(n);
}

function dataPreview(p: DataPreviewPayload): HTMLElement {
  const root = el('div', { class: 'bigmodel-result bigmodel-data-preview' });
  const splits = Object.entries(p.splits).filter(([, v]) => v !== undefined) as [string, number][];
  root.append(el('div', {}, `${p.source} — ${p.task}, input shape [${p.inputShape.join(', ')}]${p.note ? ` — ${p.note}` : ''}`));
  root.append(table('Splits', ['split', 'samples'], splits));
  if (p.classes) root.append(el('div', {}, `classes: ${p.classes.join(', ')}`));
  return root;
}

function modelSummary(p: ModelSummaryPayload): HTMLElement {
  const root = el('div', { class: 'bigmodel-result bigmodel-model-summary' });
  root.append(table(
    `Model: ${formatCount(p.totalParams)} parameters (${(p.sizeBytes / 1024).toFixed(1)} KB)`,
    ['layer', 'type', 'output shape', 'parameters'],
    p.layers.map((l) => [l.name, l.type, `[${l.outputShape.map((d) => d ?? 'batch').join(', ')}]`, l.params]),
  ));
  return root;
}

/** Payloads this version does not draw yet are shown as their plain data, never hidden. */
function plain(data: unknown): HTMLElement {
  return el('pre', { class: 'bigmodel-result' }, JSON.stringify(data, null, 2));
}

export const activate: ActivationFunction = () => ({
  renderOutputItem(item: OutputItem, element: HTMLElement) {
    const data = item.json();
    const body = item.mime === MIME.dataPreview ? dataPreview(data) : item.mime === MIME.modelSummary ? modelSummary(data) : plain(data);
    element.replaceChildren(el('style', {}, STYLE), body);
  },
});
