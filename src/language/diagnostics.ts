// Problems of `bigmodel` cells as diagnostics, at the exact range of the token, updated as the cell is typed.
import * as vscode from 'vscode';
import { cellProblems, type CellCheckProblem, type ProblemCode } from './cellCheck';
import { formatModelTemplate, MODEL_TEMPLATES, type ModelProblemCode } from '../shared/modelCheck';

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

/** The problem in VS Code's display language (the English templates are cellCheck.ts's PROBLEM_TEMPLATES). */
export function problemMessage(p: CellCheckProblem): string {
  const a = p.args;
  // A model problem's text comes from the shared checker, which the core shows too. Its templates hold braces of
  // their own (`dense: { units: {0} }`), which vscode.l10n.t's formatting leaves unfilled.
  if (p.code in MODEL_TEMPLATES) return formatModelTemplate(p.code as ModelProblemCode, a);
  const messages: Record<Exclude<ProblemCode, ModelProblemCode>, () => string> = {
    'unknown-section': () => vscode.l10n.t('unknown section `{0}` (sections: {1})', ...a),
    'unknown-section-hint': () => vscode.l10n.t('unknown section `{0}` — did you mean `{1}`? (sections: {2})', ...a),
    'unknown-layer': () => vscode.l10n.t('unknown layer `{0}`', ...a),
    'unknown-layer-hint': () => vscode.l10n.t('unknown layer `{0}` — did you mean `{1}`?', ...a),
    'unknown-setting': () => vscode.l10n.t('unknown setting `{0}` ({1} settings: {2})', ...a),
    'unknown-setting-hint': () => vscode.l10n.t('unknown setting `{0}` — did you mean `{1}`? ({2} settings: {3})', ...a),
    'unknown-option': () => vscode.l10n.t('`{0}` has no option `{1}` (options: {2})', ...a),
    'unknown-option-hint': () => vscode.l10n.t('`{0}` has no option `{1}` — did you mean `{2}`?', ...a),
    'unknown-activation': () => vscode.l10n.t('unknown activation `{0}` (known: {1})', ...a),
    'unknown-activation-hint': () => vscode.l10n.t('unknown activation `{0}` — did you mean `{1}`?', ...a),
    'unknown-optimizer': () => vscode.l10n.t('unknown optimizer `{0}` (known: {1})', ...a),
    'unknown-optimizer-hint': () => vscode.l10n.t('unknown optimizer `{0}` — did you mean `{1}`?', ...a),
    'unknown-loss': () => vscode.l10n.t('unknown loss `{0}` (known: {1})', ...a),
    'unknown-loss-hint': () => vscode.l10n.t('unknown loss `{0}` — did you mean `{1}`?', ...a),
    'unknown-metric': () => vscode.l10n.t('unknown metric `{0}` (known: {1})', ...a),
    'unknown-metric-hint': () => vscode.l10n.t('unknown metric `{0}` — did you mean `{1}`?', ...a),
    'unknown-source': () => vscode.l10n.t('unknown data source `{0}` (built in: {1})', ...a),
    'unknown-source-hint': () => vscode.l10n.t('unknown data source `{0}` — did you mean `{1}`? (built in: {2})', ...a),
    'unknown-choice': () => vscode.l10n.t('`{0}` is one of {1}, got `{2}`', ...a),
    'unknown-choice-hint': () => vscode.l10n.t('`{0}` is one of {1}, got `{2}` — did you mean `{3}`?', ...a),
    'expect-integer': () => vscode.l10n.t('`{0}` must be a whole number, got `{1}`', ...a),
    'expect-number': () => vscode.l10n.t('`{0}` must be a number, got `{1}`', ...a),
    'expect-boolean': () => vscode.l10n.t('`{0}` must be true or false, got `{1}`', ...a),
    'expect-string': () => vscode.l10n.t('`{0}` must be a name or a path, got `{1}`', ...a),
    'expect-list': () => vscode.l10n.t('`{0}` must be a list such as `[a, b]`, got `{1}`', ...a),
    'expect-mapping': () => vscode.l10n.t('`{0}` must be a mapping of settings (key: value), got `{1}`', ...a),
    'expect-optimizer': () => vscode.l10n.t('`{0}` is an optimizer name such as `adam`, or one name with its options, got `{1}`', ...a),
    'expect-goal': () => vscode.l10n.t('`{0}` maps metrics to numbers, such as `accuracy: 0.9`, got `{1}`', ...a),
    'range-min': () => vscode.l10n.t('`{0}` must be ≥ {1}, got {2}', ...a),
    'range-above': () => vscode.l10n.t('`{0}` must be greater than {1}, got {2}', ...a),
    'range-max': () => vscode.l10n.t('`{0}` must be ≤ {1}, got {2}', ...a),
    'range-between': () => vscode.l10n.t('`{0}` must be between {1} and {2}, got {3}', ...a),
    'range-below': () => vscode.l10n.t('`{0}` must be ≥ {1} and less than {2}, got {3}', ...a),
    'unusually-high': () => vscode.l10n.t('`{0}: {1}` is unusually high; typical values are at most {2}', ...a),
    // parseCell's own wording (YAML syntax, the shape of a section or a layer item).
    cell: () => p.message,
  };
  return messages[p.code as Exclude<ProblemCode, ModelProblemCode>]();
}
