// What VS Code keeps of the notebook data a serializer hands it, until it asks for the data again to save: the extension
// host's classes and type converters (vscode src/vs/workbench/api/common/extHostTypes.ts, extHostTypeConverters.ts)
// written out for plain Node, so the serializer's round trip is tested against the same changes VS Code makes.
import type { CellData, ExecutionSummaryData, NotebookData, OutputData } from '../../src/notebook/notebookData';

/** Metadata crosses to the renderer process and back as JSON. */
const overIpc = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

/** vscode's `normalizeMimeType(mime, true)`: the NotebookCellOutputItem constructor throws where it gives undefined. */
export function normalizeMimeType(mime: string): string | undefined {
  const match = /^(.+)\/(.+?)(;.+)?$/.exec(mime);
  return match ? `${match[1].toLowerCase()}/${match[2].toLowerCase()}${match[3] ?? ''}` : undefined;
}

const TEXT_STREAMS = ['application/vnd.code.notebook.stdout', 'application/vnd.code.notebook.stderr'];

/** NotebookCellOutput's constructor: the first item of each MIME type wins (text streams may repeat). */
function output(o: OutputData): OutputData {
  const seen = new Set<string>();
  const items = o.items.flatMap((item) => {
    const mime = normalizeMimeType(item.mime);
    if (!mime)
      throw new Error(`INVALID mime type: ${item.mime}. Must be in the format "type/subtype[;optionalparameter]"`);
    if (seen.has(mime) && !TEXT_STREAMS.includes(mime)) return [];
    seen.add(mime);
    return [{ mime, data: new Uint8Array(item.data) }];
  });
  return { items, metadata: overIpc(o.metadata) };
}

/** NotebookCellExecutionSummary.from, then .to, with the internal metadata over IPC in between. */
function summary(s: ExecutionSummaryData | undefined): ExecutionSummaryData {
  const internal = overIpc({
    lastRunSuccess: s?.success,
    runStartTime: s?.timing?.startTime,
    runEndTime: s?.timing?.endTime,
    executionOrder: s?.executionOrder,
  });
  return {
    timing:
      typeof internal.runStartTime === 'number' && typeof internal.runEndTime === 'number'
        ? { startTime: internal.runStartTime, endTime: internal.runEndTime }
        : undefined,
    executionOrder: internal.executionOrder,
    success: internal.lastRunSuccess,
  };
}

export interface EditorOptions {
  /** The line end the cell editors use (VS Code's `files.eol`, or the one a cell's text had). */
  eol?: '\n' | '\r\n';
}

/** The notebook as VS Code hands it back to `serializeNotebook` when nothing was edited. */
export function throughVscode(data: NotebookData, options: EditorOptions = {}): NotebookData {
  const cells = data.cells.map((c): CellData => ({
    kind: c.kind,
    value: options.eol === '\r\n' ? c.value.replace(/\r\n|\r|\n/g, '\r\n') : c.value,
    languageId: c.languageId,
    outputs: c.outputs.map(output),
    metadata: overIpc(c.metadata) ?? {},
    executionSummary: summary(c.executionSummary),
  }));
  return { cells, metadata: overIpc(data.metadata) ?? {} };
}
