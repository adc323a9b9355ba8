// Problems of `bigmodel` cells as diagnostics, at the exact range of the token, updated as the cell is typed. A
// notebook is checked in one pass (NotebookProblems): its cells' parses and the context the cells above give are
// cached, so a keystroke re-checks the edited cell and, when its data or model changed, the cells below it.
import * as vscode from 'vscode';
import { cellProblems, type CellCheckProblem } from '../shared/cellCheck';
import { DisposableStore, toDisposable } from '../shared/lifecycle';
import { NotebookProblems } from '../shared/notebookProblems';

/** Typing pauses this long before a notebook is checked again. */
const DEBOUNCE_MS = 200;

const checkers = new WeakMap<vscode.NotebookDocument, NotebookProblems>();

/** The notebook a cell's document belongs to: cell documents share their notebook's path (a fragment tells cells apart). */
function notebookOf(document: vscode.TextDocument): vscode.NotebookDocument | undefined {
  if (document.uri.scheme !== 'vscode-notebook-cell') return undefined;
  return vscode.workspace.notebookDocuments.find(
    (nb) => nb.uri.path === document.uri.path && nb.getCells().some((c) => c.document === document),
  );
}

function bigmodelCells(notebook: vscode.NotebookDocument): vscode.NotebookCell[] {
  return notebook.getCells().filter((c) => c.document.languageId === 'bigmodel');
}

/** Every bigmodel cell's problems, in order, from the notebook's cache (parsed and folded once per edit). */
function notebookProblems(notebook: vscode.NotebookDocument): {
  cells: vscode.NotebookCell[];
  problems: CellCheckProblem[][];
} {
  let checker = checkers.get(notebook);
  if (!checker) checkers.set(notebook, (checker = new NotebookProblems()));
  const cells = bigmodelCells(notebook);
  return { cells, problems: checker.update(cells.map((c) => c.document.getText())) };
}

/** The problems of one cell (or of a plain `bigmodel` file), with what the cells above it say of the data and model. */
export function problemsOf(document: vscode.TextDocument): CellCheckProblem[] {
  const notebook = notebookOf(document);
  if (!notebook) return cellProblems(document.getText());
  const { cells, problems } = notebookProblems(notebook);
  return problems[cells.findIndex((c) => c.document === document)] ?? [];
}

export class CellDiagnostics implements vscode.Disposable {
  private readonly store = new DisposableStore();
  private readonly collection = this.store.add(vscode.languages.createDiagnosticCollection('bigmodel'));
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();

  constructor() {
    // Disposed newest first: the timers still pending, then the listeners, then the collection.
    const listeners = [
      vscode.workspace.onDidOpenNotebookDocument((nb) =>
        this.schedule(nb.uri.toString(), () => this.updateNotebook(nb)),
      ),
      vscode.workspace.onDidChangeNotebookDocument((e) =>
        this.schedule(e.notebook.uri.toString(), () => this.updateNotebook(e.notebook)),
      ),
      vscode.workspace.onDidCloseNotebookDocument((nb) => this.forgetNotebook(nb)),
      vscode.workspace.onDidOpenTextDocument((d) => this.changed(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.changed(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
    ];
    for (const l of listeners) this.store.add(l);
    this.store.add(
      toDisposable(() => {
        for (const t of this.pending.values()) clearTimeout(t);
        this.pending.clear();
      }),
    );
    for (const nb of vscode.workspace.notebookDocuments) this.updateNotebook(nb);
    for (const d of vscode.workspace.textDocuments) if (d.uri.scheme !== 'vscode-notebook-cell') this.updateFile(d);
  }

  private changed(document: vscode.TextDocument): void {
    const notebook = notebookOf(document);
    // A cell's edit re-checks its notebook in one pass: the cells below read its data and model.
    if (notebook) this.schedule(notebook.uri.toString(), () => this.updateNotebook(notebook));
    else this.schedule(document.uri.toString(), () => this.updateFile(document));
  }

  private schedule(key: string, run: () => void): void {
    if (this.store.isDisposed) return; // an event already on its way when the extension was deactivated
    clearTimeout(this.pending.get(key));
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        run();
      }, DEBOUNCE_MS),
    );
  }

  private updateNotebook(notebook: vscode.NotebookDocument): void {
    if (notebook.isClosed) return;
    const { cells, problems } = notebookProblems(notebook);
    cells.forEach((c, i) => this.collection.set(c.document.uri, problems[i].map(toDiagnostic)));
    // A cell whose language changed away from bigmodel keeps no stale problems.
    for (const c of notebook.getCells())
      if (c.document.languageId !== 'bigmodel') this.collection.delete(c.document.uri);
  }

  private updateFile(document: vscode.TextDocument): void {
    if (document.languageId !== 'bigmodel' || document.isClosed) {
      this.collection.delete(document.uri);
      return;
    }
    this.collection.set(document.uri, cellProblems(document.getText()).map(toDiagnostic));
  }

  private forgetNotebook(notebook: vscode.NotebookDocument): void {
    clearTimeout(this.pending.get(notebook.uri.toString()));
    this.pending.delete(notebook.uri.toString());
    for (const c of notebook.getCells()) this.collection.delete(c.document.uri);
    checkers.delete(notebook);
  }

  private forget(uri: vscode.Uri): void {
    clearTimeout(this.pending.get(uri.toString()));
    this.pending.delete(uri.toString());
    this.collection.delete(uri);
  }

  dispose(): void {
    this.store.dispose();
  }
}

export function problemRange(p: CellCheckProblem): vscode.Range {
  return new vscode.Range(p.line - 1, p.column - 1, p.endLine - 1, p.endColumn - 1);
}

function toDiagnostic(p: CellCheckProblem): vscode.Diagnostic {
  const severity = p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
  const diagnostic = new vscode.Diagnostic(problemRange(p), p.message, severity);
  diagnostic.source = 'BigModel';
  diagnostic.code = p.code;
  return diagnostic;
}
