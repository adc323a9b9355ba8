// Opens and saves `.bigmodel` files through VS Code's notebook API, keeping every field it does not know.
import * as vscode from 'vscode';
import {
  isJsonMime,
  isTextMime,
  NotebookFormatError,
  parseNotebook,
  serializeNotebook,
  type CellFile,
  type NotebookFile,
  type OutputFile,
  type OutputItemFile,
} from '../shared/notebookFile';

export const NOTEBOOK_TYPE = 'bigmodel';

/** Cell and output metadata keys where fields this version does not know are kept for the next save. */
const EXTRA = 'bigmodel.extra';
const EXECUTION_EXTRA = 'bigmodel.executionExtra';

export class BigModelSerializer implements vscode.NotebookSerializer {
  deserializeNotebook(content: Uint8Array): vscode.NotebookData {
    let file: NotebookFile;
    try {
      file = parseNotebook(new TextDecoder().decode(content));
    } catch (e) {
      if (e instanceof NotebookFormatError) {
        // Throwing keeps VS Code from opening (and later saving over) a file we could not read.
        throw new Error(vscode.l10n.t('Cannot open this notebook: {0}', e.message));
      }
      throw e;
    }
    return toNotebookData(file);
  }

  serializeNotebook(data: vscode.NotebookData): Uint8Array {
    return new TextEncoder().encode(serializeNotebook(toNotebookFile(data)));
  }
}

export function toNotebookData(file: NotebookFile): vscode.NotebookData {
  const { cells, bigmodel: _version, ...top } = file;
  const data = new vscode.NotebookData(cells.map(toCellData));
  data.metadata = top; // `metadata` and any unknown top-level fields
  return data;
}

function toCellData(cell: CellFile): vscode.NotebookCellData {
  const { kind, language, source, outputs, execution, ...extra } = cell;
  const code = kind === 'code';
  const data = new vscode.NotebookCellData(
    code ? vscode.NotebookCellKind.Code : vscode.NotebookCellKind.Markup,
    source.join('\n'),
    code ? (language ?? 'bigmodel') : 'markdown',
  );
  data.outputs = (outputs ?? []).map(toCellOutput);
  const metadata: Record<string, unknown> = {};
  if (Object.keys(extra).length > 0) metadata[EXTRA] = extra;
  if (execution) {
    const { order, success, durationMs, ...rest } = execution;
    data.executionSummary = {
      executionOrder: order,
      success,
      timing: durationMs !== undefined ? { startTime: 0, endTime: durationMs } : undefined,
    };
    if (Object.keys(rest).length > 0) metadata[EXECUTION_EXTRA] = rest;
  }
  data.metadata = metadata;
  return data;
}

function toCellOutput(output: OutputFile): vscode.NotebookCellOutput {
  const { items, ...extra } = output;
  return new vscode.NotebookCellOutput(items.map(toOutputItem), Object.keys(extra).length > 0 ? { [EXTRA]: extra } : undefined);
}

function toOutputItem(item: OutputItemFile): vscode.NotebookCellOutputItem {
  if (item.encoding === 'base64') return new vscode.NotebookCellOutputItem(Buffer.from(String(item.data), 'base64'), item.mime);
  if (isJsonMime(item.mime)) return vscode.NotebookCellOutputItem.json(item.data, item.mime);
  return vscode.NotebookCellOutputItem.text(typeof item.data === 'string' ? item.data : JSON.stringify(item.data), item.mime);
}

export function toNotebookFile(data: vscode.NotebookData): NotebookFile {
  const top = (data.metadata ?? {}) as Record<string, unknown>;
  const metadata = (top.metadata ?? {}) as Record<string, unknown>;
  return { ...top, bigmodel: 1, metadata, cells: data.cells.map(toCellFile) };
}

function toCellFile(cell: vscode.NotebookCellData): CellFile {
  const meta = (cell.metadata ?? {}) as Record<string, unknown>;
  const extra = (meta[EXTRA] ?? {}) as Record<string, unknown>;
  const code = cell.kind === vscode.NotebookCellKind.Code;
  const file: CellFile = { kind: code ? 'code' : 'markdown', source: cell.value.split(/\r?\n/), ...extra };
  if (code) {
    file.language = cell.languageId;
    file.outputs = (cell.outputs ?? []).map(toOutputFile);
    const s = cell.executionSummary;
    if (s && (s.executionOrder !== undefined || s.success !== undefined)) {
      const timing = s.timing;
      file.execution = {
        order: s.executionOrder,
        success: s.success,
        durationMs: timing ? Math.round(timing.endTime - timing.startTime) : undefined,
        ...((meta[EXECUTION_EXTRA] ?? {}) as Record<string, unknown>),
      };
    }
  }
  return file;
}

function toOutputFile(output: vscode.NotebookCellOutput): OutputFile {
  const extra = (output.metadata?.[EXTRA] ?? {}) as Record<string, unknown>;
  return { items: output.items.map(toOutputItemFile), ...extra };
}

function toOutputItemFile(item: vscode.NotebookCellOutputItem): OutputItemFile {
  const text = () => new TextDecoder().decode(item.data);
  if (isJsonMime(item.mime)) {
    try {
      return { mime: item.mime, data: JSON.parse(text()) };
    } catch {
      /* not JSON after all: keep the bytes */
    }
  } else if (isTextMime(item.mime)) {
    return { mime: item.mime, data: text() };
  }
  return { mime: item.mime, encoding: 'base64', data: Buffer.from(item.data).toString('base64') };
}
