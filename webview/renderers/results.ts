// Notebook renderer for the data preview, model summary, evaluation and summary payloads: readable, accessible tables and charts.
import type { ActivationFunction, OutputItem } from 'vscode-notebook-renderer';
import { MIME } from '../../src/shared/outputs';
import {
  readDataPreview,
  readEvaluation,
  readModelSummary,
  readSummary,
  type Reading,
} from '../../src/shared/payloadRead';
import { viewText, type ViewLanguage, type ViewText } from '../../src/shared/viewText';
import { DATA_PREVIEW_STYLE, dataPreviewView } from '../common/dataPreviewView';
import { EVALUATION_STYLE, evaluationView } from '../common/evaluationView';
import { modelSummaryView } from '../common/modelSummaryView';
import { RendererLanguage } from '../common/rendererLanguage';
import { TABLE_STYLE, unreadNote, type ResultView } from '../common/resultTables';
import { SUMMARY_STYLE, summaryView } from '../common/summaryView';
import { el } from '../common/theme';

const STYLE = TABLE_STYLE + DATA_PREVIEW_STYLE + EVALUATION_STYLE + SUMMARY_STYLE;

/** What each output id shows now, so a second render of the same id replaces it and a chart is never leaked. */
const views = new Map<string, { item: OutputItem; element: HTMLElement; view: ResultView }>();

/** Payloads this version does not draw are shown as their plain data, never hidden. */
function plain(data: unknown, note?: string): ResultView {
  const root = el('div', { class: 'bigmodel-result bigmodel-plain' });
  if (note) root.append(el('p', { class: 'bm-muted' }, note));
  root.append(el('pre', {}, JSON.stringify(data, null, 2)));
  return { root };
}

type Post = ((message: unknown) => void) | undefined;

function viewOf(mime: string, data: unknown, post: Post, language: ViewLanguage): ResultView {
  const t = viewText(language);
  const payload = data as { schema?: unknown } | null;
  if (typeof payload !== 'object' || payload === null) return plain(data, t('results.noPayload'));
  if (payload.schema !== 1) return plain(data, t('results.newerSchema', { schema: String(payload.schema) }));
  // Read at the edge: a field of the wrong type is left out and named, the rest is drawn.
  switch (mime) {
    case MIME.dataPreview:
      return drawn(readDataPreview(data), (p) => dataPreviewView(p, language), t);
    case MIME.modelSummary:
      return drawn(readModelSummary(data), (p) => modelSummaryView(p, language), t);
    case MIME.evaluation:
      return drawn(readEvaluation(data), (p) => evaluationView(p, language), t);
    case MIME.summary:
      return drawn(readSummary(data), (p) => summaryView(p, post), t);
    default:
      return plain(data);
  }
}

/** The view of what could be read, with a note naming what could not. */
function drawn<T>(reading: Reading<T>, view: (payload: T) => ResultView, t: ViewText): ResultView {
  const result = view(reading.payload);
  const note = unreadNote(reading.unread, t);
  if (note) result.root.prepend(note);
  return result;
}

function release(id: string): void {
  views.get(id)?.view.dispose?.();
  views.delete(id);
}

export const activate: ActivationFunction = (context) => {
  // postMessage exists only where the host can answer (package.json: requiresMessaging optional).
  const post: Post = context.postMessage && ((message) => context.postMessage?.(message));
  const draw = (item: OutputItem, element: HTMLElement) => {
    release(item.id);
    let view: ResultView;
    let data: unknown;
    try {
      data = item.json();
      view = viewOf(item.mime, data, post, language.language);
    } catch (err) {
      // A saved output from an older or hand-edited notebook must not break the whole notebook view.
      view = plain(
        data ?? item.text(),
        viewText(language.language)('results.failed', { reason: err instanceof Error ? err.message : String(err) }),
      );
    }
    element.replaceChildren(el('style', {}, STYLE), view.root);
    views.set(item.id, { item, element, view });
    view.mounted?.();
  };
  // Drawn in English at once; the host's answer draws every output on show again in the display language.
  const language = new RendererLanguage(context, () => {
    for (const { item, element } of [...views.values()]) draw(item, element);
  });
  return {
    renderOutputItem: draw,
    disposeOutputItem(id?: string) {
      if (id !== undefined) release(id);
      else for (const key of [...views.keys()]) release(key);
    },
  };
};
