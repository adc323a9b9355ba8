// DOM that a live output redraws ~8 times a second, changed in place: a header of labelled facts and a table whose
// rows mostly stay the same between updates (rebuilding 100 rows each update cost several ms of a 16 ms frame).
import { el } from './theme';

const factLabels = new WeakMap<HTMLElement, string>();

/** `label: value` spans, then an optional message; only the text that changed is written. */
export function updateFacts(container: HTMLElement, facts: [string, string][], message?: string): void {
  const key = JSON.stringify([facts.map(([k]) => k), message !== undefined]);
  if (factLabels.get(container) !== key) {
    factLabels.set(container, key);
    container.replaceChildren(
      ...facts.map(([k]) => {
        const span = el('span');
        span.append(el('b', {}, `${k}: `), document.createTextNode(''));
        return span;
      }),
    );
    if (message !== undefined) container.append(el('span', { class: 'bm-message' }));
  }
  facts.forEach(([, v], i) => setText(container.children[i].lastChild as Text, v));
  if (message !== undefined) setText(container.lastElementChild!, message);
}

function setText(node: Node, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

/** A table of a caption, a header row and body rows; rows equal to the ones shown are kept, the rest replaced. */
export class LiveTable {
  private readonly caption = el('caption');
  private readonly head = el('tr');
  private columns = '';
  private rows: { key: string; tr: HTMLTableRowElement }[] = [];

  constructor(private readonly table: HTMLTableElement) {
    table.replaceChildren(this.caption, this.head);
  }

  update(caption: string, columns: string[], rows: string[][]): void {
    setText(this.caption, caption);
    const columnsKey = columns.join('\u0000');
    if (columnsKey !== this.columns) {
      this.columns = columnsKey;
      this.head.replaceChildren(...columns.map((h) => el('th', { scope: 'col' }, h)));
    }
    const keys = rows.map((r) => r.join('\u0000'));
    // A run grows at the end: keep the rows before the first one that differs, rebuild from there.
    let same = 0;
    while (same < keys.length && same < this.rows.length && keys[same] === this.rows[same].key) same++;
    for (const { tr } of this.rows.splice(same)) tr.remove();
    for (let i = same; i < rows.length; i++) {
      const tr = el('tr');
      for (const c of rows[i]) tr.append(el('td', {}, c));
      this.table.append(tr);
      this.rows.push({ key: keys[i], tr });
    }
  }
}
