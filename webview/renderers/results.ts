// Notebook renderer for the data preview, model summary, evaluation and summary payloads: readable, accessible tables and charts.
import type { ActivationFunction, OutputItem } from 'vscode-notebook-renderer';
import { MIME, type DataPreviewPayload, type EvaluationPayload, type ModelSummaryPayload, type SummaryPayload } from '../../src/shared/outputs';
import { DATA_PREVIEW_STYLE, dataPreviewView } from '../common/dataPreviewView';
import { EVALUATION_STYLE, evaluationView } from '../common/evaluationView';
import { modelSummaryView } from '../common/modelSummaryView';
import { TABLE_STYLE, type ResultView } from '../common/resultTables';
import { SUMMARY_STYLE, summaryView } from '../common/summaryView';
import { el } from '../common/theme';

const STYLE = TABLE_STYLE + DATA_PREVIEW_STYLE + EVALUATION_STYLE + SUMMARY_STYLE;

/** What each output id shows now, so a second render of the same id replaces it and a chart is never leaked. */
const views = new Map<string, { element: HTMLElement; view: ResultView }>();

/** Payloads this version does not draw are shown as their plain data, never hidden. */
function plain(data: unknown, note?: string): ResultView {
  const root = el('div', { class: 'bigmodel-result bigmodel-plain' });
  if (note) root.append(el('p', { class: 'bm-muted' }, note));
  root.append(el('pre', {}, JSON.stringify(data, null, 2)));
  return { root };
}

type Post = ((message: unknown) => void) | undefined;

function viewOf(mime: string, data: unknown, post: Post): ResultView {
  const payload = data as { schema?: unknown } | null;
  if (typeof payload !== 'object' || payload === null) return plain(data, 'This output holds no BigModel payload.');
  if (payload.schema !== 1) return plain(data, `This output was written in schema ${String(payload.schema)}, which this version of BigModel Studio does not draw.`);
  switch (mime) {
    case MIME.dataPreview:
      return dataPreviewView(data as DataPreviewPayload);
    case MIME.modelSummary:
      return modelSummaryView(data as ModelSummaryPayload);
    case MIME.evaluation:
      return evaluationView(data as EvaluationPayload);
    case MIME.summary:
      return summaryView(data as SummaryPayload, post);
    default:
      return plain(data);
  }
}

function release(id: string): void {
  views.get(id)?.view.dispose?.();
  views.delete(id);
}

export const activate: ActivationFunction = (context) => ({
  renderOutputItem(item: OutputItem, element: HTMLElement) {
    release(item.id);
    let view: ResultView;
    let data: unknown;
    try {
      data = item.json();
      // postMessage exists only where the host can answer (package.json: requiresMessaging optional).
      view = viewOf(item.mime, data, context.postMessage && ((message) => context.postMessage?.(message)));
    } catch (err) {
      // A saved output from an older or hand-edited notebook must not break the whole notebook view.
      view = plain(data ?? item.text(), `This output could not be drawn: ${err instanceof Error ? err.message : String(err)}`);
    }
    element.replaceChildren(el('style', {}, STYLE), view.root);
    views.set(item.id, { element, view });
    view.mounted?.();
  },
  disposeOutputItem(id?: string) {
    if (id !== undefined) release(id);
    else for (const key of [...views.keys()]) release(key);
  },
});
