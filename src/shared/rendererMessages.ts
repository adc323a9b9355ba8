// Messages between the notebook renderers and the extension host (notebook renderer messaging): renderers cannot
// write files, so "Export Model Card" posts the card to the host, which asks where to save it; and renderers cannot
// read VS Code's display language, so they ask the host for it and draw in English until it answers.
import type { ViewLanguage } from './viewText';

/** The `notebookRenderer` ids in package.json whose messages the host listens to. */
export const RESULTS_RENDERER_ID = 'bigmodel-results';
export const TRAINING_RENDERER_ID = 'bigmodel-training';

export interface ExportModelCardMessage {
  type: 'exportModelCard';
  /** The card as the summary generator wrote it. */
  markdown: string;
}

/** Renderer to host: which display language should I draw in? */
export interface LanguageRequestMessage {
  type: 'language/get';
}

/** Host to the renderer of one notebook editor: the display language, normalised. */
export interface LanguageMessage {
  type: 'language';
  language: ViewLanguage;
}

export function isExportModelCard(message: unknown): message is ExportModelCardMessage {
  const m = message as Partial<ExportModelCardMessage> | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    m.type === 'exportModelCard' &&
    typeof m.markdown === 'string' &&
    m.markdown.length > 0
  );
}

export function isLanguageRequest(message: unknown): message is LanguageRequestMessage {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'language/get';
}

export function isLanguageMessage(message: unknown): message is LanguageMessage {
  const m = message as Partial<LanguageMessage> | null;
  return (
    typeof m === 'object' && m !== null && m.type === 'language' && (m.language === 'en' || m.language === 'zh-cn')
  );
}
