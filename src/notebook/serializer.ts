// Opens and saves `.bigmodel` files through VS Code's notebook API, keeping every field it does not know
// (the conversion, with what it keeps where, is src/notebook/notebookData.ts).
import * as vscode from 'vscode';
import { NotebookFormatError, parseNotebook, serializeNotebook } from '../shared/notebookFile';
import { toNotebookData, toNotebookFile, type CellData, type NotebookData } from './notebookData';

export const NOTEBOOK_TYPE = 'bigmodel';

export class BigModelSerializer implements vscode.NotebookSerializer {
  deserializeNotebook(content: Uint8Array): vscode.NotebookData {
    let file;
    try {
      file = parseNotebook(new TextDecoder().decode(content));
    } catch (e) {
      if (e instanceof NotebookFormatError) {
        // Throwing keeps VS Code from opening (and later saving over) a file we could not read.
        throw new Error(vscode.l10n.t('Cannot open this notebook: {0}', e.message));
      }
      throw e;
    }
    return toVscode(toNotebookData(file));
  }

  serializeNotebook(data: vscode.NotebookData): Uint8Array {
    return new TextEncoder().encode(serializeNotebook(toNotebookFile(fromVscode(data))));
  }
}

function toVscode(data: NotebookData): vscode.NotebookData {
  const notebook = new vscode.NotebookData(
    data.cells.map((c) => {
      const kind = c.kind === 'code' ? vscode.NotebookCellKind.Code : vscode.NotebookCellKind.Markup;
      const cell = new vscode.NotebookCellData(kind, c.value, c.languageId);
      cell.outputs = c.outputs.map(
        (o) =>
          new vscode.NotebookCellOutput(
            o.items.map((i) => new vscode.NotebookCellOutputItem(i.data, i.mime)),
            o.metadata,
          ),
      );
      cell.metadata = c.metadata;
      cell.executionSummary = c.executionSummary;
      return cell;
    }),
  );
  notebook.metadata = data.metadata;
  return notebook;
}

function fromVscode(data: vscode.NotebookData): NotebookData {
  return {
    metadata: (data.metadata ?? {}) as Record<string, unknown>,
    cells: data.cells.map((c): CellData => ({
      kind: c.kind === vscode.NotebookCellKind.Code ? 'code' : 'markup',
      value: c.value,
      languageId: c.languageId,
      outputs: (c.outputs ?? []).map((o) => ({
        items: o.items.map((i) => ({ mime: i.mime, data: i.data })),
        metadata: o.metadata,
      })),
      metadata: (c.metadata ?? {}) as Record<string, unknown>,
      executionSummary: c.executionSummary,
    })),
  };
}
