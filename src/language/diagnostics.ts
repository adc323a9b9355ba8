// Problems of `bigmodel` cells as diagnostics, at the exact range of the token, updated as the cell is typed.
import * as vscode from 'vscode';
import { cellProblems, type CellCheckProblem, type ProblemCode } from './cellCheck';

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
  const messages: Record<ProblemCode, () => string> = {
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
    'missing-flatten': () => vscode.l10n.t('`dense` after `{0}` gets a 2-D feature map, not a vector: insert `flatten` before it', ...a),
    'dense-on-image': () => vscode.l10n.t('`dense` gets {0} per sample, an image rather than a vector: insert `flatten` before it', ...a),
    'needs-image': () => vscode.l10n.t('`{0}` works on images (height × width × channels), but its input here is {1}: {2}', ...a),
    'needs-sequence': () => vscode.l10n.t('`{0}` works on sequences (steps × features), but its input here is {1}: {2}', ...a),
    'needs-ids': () => vscode.l10n.t('`embedding` takes one row of whole-number ids per sample, but its input here is {0}: put it first, on data of ids', ...a),
    'flatten-vector': () => vscode.l10n.t('`flatten` gets {0}, which is already a vector: remove it', ...a),
    'too-small': () => vscode.l10n.t('`{0}` needs at least {1} steps along each axis, but its input here is {2}: use a smaller `{3}` or `padding: same`', ...a),
    'reshape-size': () => vscode.l10n.t('`reshape` to {0} needs {1} values, but its input here is {2} ({3} values)', ...a),
    'heads-divide': () => vscode.l10n.t('`{0}` splits {1} features into {2} heads: `numHeads` must divide {1}', ...a),
    'output-not-vector': () => vscode.l10n.t('the model ends in {0} per sample, but each sample has one label: add `flatten` or `{1}` before the last `dense`', ...a),
    'units-classes': () => vscode.l10n.t('the last layer has {0} units, but the data has {1} classes: use `units: {1}`', ...a),
    'sigmoid-multiclass': () => vscode.l10n.t('one sigmoid unit can only tell two classes apart, but the data has {0}: end with `dense: { units: {0}, activation: softmax }`', ...a),
    'binary-units': () => vscode.l10n.t('the labels are yes/no (one 0 or 1 per sample), but the last layer has {0} units: end with `dense: { units: 1, activation: sigmoid }`', ...a),
    'regression-units': () => vscode.l10n.t('the labels are one number per sample (regression), but the last layer has {0} units: end with `dense: { units: 1 }`', ...a),
    'softmax-binary-loss': () => vscode.l10n.t('`binaryCrossentropy` scores each output on its own, but the last layer is a softmax over {0} units: use `loss: crossentropy`, or end with `dense: { units: 1, activation: sigmoid }`', ...a),
    'softmax-one-unit': () => vscode.l10n.t('a softmax over one unit always outputs 1, so nothing can be learned: use `activation: sigmoid` for yes/no, or one unit per class', ...a),
    'categorical-one-unit': () => vscode.l10n.t('`{0}` over one output is always 0, so nothing can be learned: use `binaryCrossentropy` (or `crossentropy`) for yes/no', ...a),
    'needs-probabilities': () => vscode.l10n.t('`{0}` needs probabilities, but the activation of the last layer is `{1}`: use `activation: {2}`', ...a),
    'loss-for-classes': () => vscode.l10n.t('`{0}` is for class labels, but the labels of this data are numbers (regression): use `meanSquaredError` or `meanAbsoluteError`', ...a),
    'squashed-regression': () => vscode.l10n.t('the labels are numbers (regression), but `{0}` squashes the output into {1}: leave out the activation of the last layer', ...a),
    'ids-not-whole': () => vscode.l10n.t('`embedding` looks up whole-number ids from 0, but the data has values such as {0}: set `normalize: false` in the data section so ids stay whole numbers', ...a),
    'ids-beyond-table': () => vscode.l10n.t('`embedding` has {0} rows (`inputDim`), but the data has ids up to {1}: use `inputDim: {2}`', ...a),
    // parseCell's own wording (YAML syntax, the shape of a section or a layer item).
    cell: () => p.message,
  };
  return messages[p.code]();
}
