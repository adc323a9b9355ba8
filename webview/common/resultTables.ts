// Accessible tables and small formatting helpers shared by the result renderers (data preview, model, evaluation).
import { formatNumber } from '../../src/shared/outputs';
import type { ViewText } from '../../src/shared/viewText';
import { el } from './theme';

/** A drawn output: its DOM, what to do once it is in the document, and what to release when it goes. */
export interface ResultView {
  root: HTMLElement;
  mounted?: () => void;
  dispose?: () => void;
}

/** A number already formatted for display, still right-aligned like a number. */
export interface Num {
  num: string;
}
export type Cell = string | number | Num;

export function formatCount(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : formatNumber(n);
}

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return formatNumber(bytes);
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A split's name in the view's language; one this version does not know stays as written. */
export function splitName(split: string, t: ViewText): string {
  return split === 'train' || split === 'validation' || split === 'test' ? t(`split.${split}`) : split;
}

/** A task's name in the view's language; one this version does not know stays as written. */
export function taskName(task: string, t: ViewText): string {
  return task === 'classification' || task === 'binary' || task === 'regression' ? t(`task.${task}`) : task;
}

/** More rows than this are not a table to read: the view shows the first ones and says how many there are. */
export const MAX_ROWS = 500;

/** The first `max` rows, and the note that says so when there are more. */
export function capRows<T>(rows: readonly T[], t: ViewText, max = MAX_ROWS): { rows: T[]; note?: HTMLElement } {
  if (rows.length <= max) return { rows: [...rows] };
  return {
    rows: rows.slice(0, max),
    note: el(
      'p',
      { class: 'bm-muted bm-capped' },
      t('table.capped', { shown: formatCount(max), total: formatCount(rows.length) }),
    ),
  };
}

/** Which fields of a payload could not be read (payloadRead.ts), naming at most five. */
export function unreadText(unread: readonly string[], t: ViewText): string | undefined {
  if (unread.length === 0) return undefined;
  return t('results.unread', { fields: unread.slice(0, 5).join(', ') + (unread.length > 5 ? ', …' : '') });
}

export function unreadNote(unread: readonly string[], t: ViewText): HTMLElement | undefined {
  const text = unreadText(unread, t);
  return text === undefined ? undefined : el('p', { class: 'bm-warning bm-unread', role: 'note' }, text);
}

/** The largest of many numbers (Math.max(...list) runs out of stack on a list of a few hundred thousand). */
export function largest(values: readonly number[]): number {
  let max = -Infinity;
  for (const v of values) if (v > max) max = v;
  return max;
}

let lastId = 0;
/** Ids for aria-labelledby: every output of a notebook shares one document, so they must be unique across outputs. */
export function uniqueId(prefix: string): string {
  return `${prefix}-${++lastId}`;
}

function cellText(c: Cell): { text: string; num: boolean } {
  if (typeof c === 'number') return { text: formatCount(c), num: true };
  if (typeof c === 'string') return { text: c, num: false };
  return { text: c.num, num: true };
}

/** A table with a caption and column headers; the first cell of each row is that row's header. */
export function dataTable(caption: string, head: string[], rows: Cell[][], className = ''): HTMLTableElement {
  const t = el('table', className ? { class: className } : {});
  t.append(el('caption', {}, caption));
  const thead = el('thead');
  const tr = el('tr');
  head.forEach((h, i) => {
    const numeric = i > 0 && rows.some((r) => cellText(r[i] ?? '').num);
    tr.append(el('th', numeric ? { scope: 'col', class: 'num' } : { scope: 'col' }, h));
  });
  thead.append(tr);
  const tbody = el('tbody');
  for (const r of rows) {
    const row = el('tr');
    r.forEach((c, i) => {
      const { text, num } = cellText(c);
      row.append(
        el(i === 0 ? 'th' : 'td', { ...(i === 0 ? { scope: 'row' } : {}), ...(num ? { class: 'num' } : {}) }, text),
      );
    });
    tbody.append(row);
  }
  t.append(thead, tbody);
  return t;
}

/** Styles every result renderer shares; colours come from the VS Code theme, literals only as fallbacks. */
export const TABLE_STYLE = `
.bigmodel-result { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size, 13px); color: var(--vscode-editor-foreground); line-height: 1.4; }
.bigmodel-result table { border-collapse: collapse; margin: 0.3em 0 0.8em; }
.bigmodel-result th, .bigmodel-result td { text-align: left; padding: 2px 12px 2px 0; border-bottom: 1px solid var(--vscode-editorWidget-border, rgba(128, 128, 128, 0.3)); }
.bigmodel-result thead th { font-weight: 600; border-bottom-color: var(--vscode-editor-foreground, currentColor); }
.bigmodel-result tbody th { font-weight: normal; }
.bigmodel-result .num { text-align: right; font-variant-numeric: tabular-nums; }
.bigmodel-result caption { text-align: left; font-weight: 600; padding-bottom: 0.3em; }
.bigmodel-result thead td { border-bottom-color: var(--vscode-editor-foreground, currentColor); }
.bigmodel-result .bm-muted { color: var(--vscode-descriptionForeground, inherit); }
.bigmodel-result .bm-title { font-weight: 600; font-size: 1.05em; margin: 0.2em 0 0.4em; }
.bigmodel-result .bm-subtitle { font-weight: 600; margin: 0.4em 0 0.2em; }
.bigmodel-result .bm-warning { color: var(--vscode-editorWarning-foreground, inherit); }
.bigmodel-result details > summary { cursor: pointer; color: var(--vscode-textLink-foreground, inherit); margin: 0.2em 0; }
.bigmodel-result :focus-visible { outline: 1px solid var(--vscode-focusBorder, currentColor); outline-offset: 1px; }
.bigmodel-result .bm-scroll { overflow-x: auto; max-width: 100%; }
.bigmodel-result .bm-sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
