// Problems of `bigmodel` cells as diagnostics, at the exact range of the token, updated as the cell is typed.
import * as vscode from 'vscode';
import { cellProblems, problemMessage, type CellCheckProblem } from '../shared/cellCheck';

/** Typing pauses this long before a cell is checked again. */
const DEBOUNCE_MS = 200;

export class CellDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('bigmodel');
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((d) => this.update(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
    ];
    for (const d of vscode.workspace.textDocuments) this.update(d);
  }

  private schedule(document: vscode.TextDocument): void {
    // The cells below an edited cell read its data and model: check them again too.
    for (const later of laterCells(document)) this.scheduleOne(later);
    this.scheduleOne(document);
  }

  private scheduleOne(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(key, setTimeout(() => {
      this.pending.delete(key);
      this.update(document);
    }, DEBOUNCE_MS));
  }

  private update(document: vscode.TextDocument): void {
    if (document.languageId !== 'bigmodel' || document.isClosed) {
      this.collection.delete(document.uri);
      return;
    }
    this.collection.set(document.uri, cellProblems(document.getText(), earlierCells(document)).map(toDiagnostic));
  }

  private forget(uri: vscode.Uri): void {
    clearTimeout(this.pending.get(uri.toString()));
    this.pending.delete(uri.toString());
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const t of this.pending.values()) clearTimeout(t);
    this.pending.clear();
    for (const s of this.subscriptions) s.dispose();
    this.collection.dispose();
  }
}

/** The notebook cell that a document is, with its notebook, or undefined for a plain file. */
function cellOf(document: vscode.TextDocument): { cells: vscode.NotebookCell[]; index: number } | undefined {
  for (const notebook of vscode.workspace.notebookDocuments) {
    const cells = notebook.getCells();
    const index = cells.findIndex((c) => c.document === document);
    if (index >= 0) return { cells, index };
  }
  return undefined;
}

/** The sources of the bigmodel cells above a cell, whose data and model its checks use. */
export function earlierCells(document: vscode.TextDocument): string[] {
  const at = cellOf(document);
  if (!at) return [];
  return at.cells.slice(0, at.index).filter((c) => c.document.languageId === 'bigmodel').map((c) => c.document.getText());
}

function laterCells(document: vscode.TextDocument): vscode.TextDocument[] {
  const at = cellOf(document);
  if (!at) return [];
  return at.cells.slice(at.index + 1).filter((c) => c.document.languageId === 'bigmodel').map((c) => c.document);
}

export function problemRange(p: CellCheckProblem): vscode.Range {
  return new vscode.Range(p.line - 1, p.column - 1, p.endLine - 1, p.endColumn - 1);
}

function toDiagnostic(p: CellCheckProblem): vscode.Diagnostic {
  const severity = p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
  const diagnostic = new vscode.Diagnostic(problemRange(p), problemMessage(p), severity);
  diagnostic.source = 'BigModel';
  diagnostic.code = p.code;
  return diagnostic;
}

/** The problem in VS Code's display language: the shared catalog, which the core and `bigmodel check` show too. */
export { problemMessage } from '../shared/cellCheck';
