// The plain-language summary card: the generator's markdown drawn as DOM (headings, bold, lists; never innerHTML),
// a verdict badge, "Copy as Markdown", and "Export Model Card" (the host writes the file: renderers cannot).
import type { SummaryPayload } from '../../src/shared/outputs';
import { isVerdict } from '../../src/shared/payloadRead';
import type { ExportModelCardMessage } from '../../src/shared/rendererMessages';
import { htmlLang, viewText } from '../../src/shared/viewText';
import type { ResultView } from './resultTables';
import { el } from './theme';

export const SUMMARY_STYLE = `
.bigmodel-summary { max-width: 860px; line-height: 1.45; }
.bigmodel-summary h2 { font-size: 1.25em; margin: 0.2em 0 0.4em; }
.bigmodel-summary h3 { font-size: 1.05em; margin: 0.9em 0 0.3em; }
.bigmodel-summary ul { margin: 0.2em 0; padding-left: 1.3em; }
.bigmodel-summary .bm-verdict { display: inline-block; padding: 1px 8px; border-radius: 10px; font-weight: 600; margin-left: 0.5em;
  border: 1px solid var(--vscode-editorWidget-border, rgba(128,128,128,0.4)); }
.bigmodel-summary .bm-verdict.meets-goal { color: var(--vscode-testing-iconPassed, #73c991); }
.bigmodel-summary .bm-verdict.below-goal { color: var(--vscode-testing-iconFailed, #f14c4c); }
.bigmodel-summary .bm-actions { margin-top: 0.6em; }
.bigmodel-summary button { font: inherit; color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground);
  border: 1px solid var(--vscode-button-border, transparent); padding: 2px 8px; cursor: pointer; }
.bigmodel-summary button:focus-visible { outline: 1px solid var(--vscode-focusBorder); }
`;

/** `**bold**` spans as <strong>, the rest as text nodes. */
function inline(text: string): Node[] {
  return text
    .split(/(\*\*[^*]+\*\*)/)
    .filter(Boolean)
    .map((part) =>
      part.startsWith('**') && part.endsWith('**')
        ? el('strong', {}, part.slice(2, -2))
        : document.createTextNode(part),
    );
}

/** The generator writes a small markdown subset: `##`/`###` headings, `- ` lists and paragraphs. */
export function markdownToDom(markdown: string): HTMLElement[] {
  const out: HTMLElement[] = [];
  let list: HTMLUListElement | undefined;
  for (const line of markdown.split('\n')) {
    const item = /^- (.*)$/.exec(line);
    if (item) {
      list ??= el('ul');
      const li = el('li');
      li.append(...inline(item[1]));
      list.append(li);
      continue;
    }
    if (list) {
      out.push(list);
      list = undefined;
    }
    const heading = /^(#{2,3}) (.*)$/.exec(line);
    if (heading) out.push(el(heading[1].length === 2 ? 'h2' : 'h3', {}, heading[2]));
    else if (line.trim()) {
      const p = el('p');
      p.append(...inline(line));
      out.push(p);
    }
  }
  if (list) out.push(list);
  return out;
}

/**
 * `post` sends a message to the extension host; without it (no host, e.g. a static export of the notebook) there
 * is no "Export Model Card", and neither is there for a summary written before the generator added the card.
 * The card's badge and buttons are in the language its summary was written in, so the card reads as one piece.
 */
export function summaryView(p: SummaryPayload, post?: (message: ExportModelCardMessage) => void): ResultView {
  const lang = p.language === 'zh-cn' ? 'zh-cn' : 'en';
  const t = viewText(lang);
  const root = el('div', { class: 'bigmodel-result bigmodel-summary', lang: htmlLang(lang), role: 'article' });
  const body = markdownToDom(p.markdown);
  const title = body.find((n) => n.tagName === 'H2');
  // A verdict of a newer version is shown as written, without a colour.
  if (isVerdict(p.verdict)) title?.append(el('span', { class: `bm-verdict ${p.verdict}` }, t(`summary.${p.verdict}`)));
  else title?.append(el('span', { class: 'bm-verdict' }, String(p.verdict)));
  root.append(...body);
  const actions = el('div', { class: 'bm-actions' });
  const [copyLabel, copiedLabel] = [t('summary.copy'), t('summary.copied')];
  const copy = el('button', { type: 'button' }, copyLabel);
  copy.addEventListener('click', () => {
    void navigator.clipboard?.writeText(p.markdown).then(
      () => (copy.textContent = copiedLabel),
      () => (copy.textContent = copyLabel),
    );
  });
  actions.append(copy);
  if (post && p.modelCard) {
    const [exportLabel, exportTitle] = [t('summary.export'), t('summary.exportHint')];
    const card = p.modelCard;
    const exportButton = el('button', { type: 'button', title: exportTitle }, exportLabel);
    exportButton.addEventListener('click', () => post({ type: 'exportModelCard', markdown: card }));
    actions.append(' ', exportButton);
  }
  root.append(actions);
  return { root };
}
