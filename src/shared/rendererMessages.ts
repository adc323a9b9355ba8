// Messages between the results renderer and the extension host (notebook renderer messaging): renderers cannot
// write files, so "Export Model Card" posts the card to the host, which asks where to save it.

/** The `notebookRenderer` id in package.json whose messages the host listens to. */
export const RESULTS_RENDERER_ID = 'bigmodel-results';

export interface ExportModelCardMessage {
  type: 'exportModelCard';
  /** The card as the summary generator wrote it. */
  markdown: string;
}

export function isExportModelCard(message: unknown): message is ExportModelCardMessage {
  const m = message as Partial<ExportModelCardMessage> | null;
  return typeof m === 'object' && m !== null && m.type === 'exportModelCard' && typeof m.markdown === 'string' && m.markdown.length > 0;
}
