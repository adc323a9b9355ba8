// The problems of every `bigmodel` cell of a notebook, kept up to date incrementally: each cell's text is parsed once per
// version, the context the cells above give (data facts, the last model's layers) is folded once in a pass, and a
// cell is checked again only when its text or that context changed. The editor's diagnostics run it on every edit.
import { cellProblems, type CellCheckProblem } from './cellCheck';
import { parseCell, type CellSpec, type ParsedCell } from './cellSpec';
import { notebookContext, type NotebookContext } from './modelCheck';

export class NotebookProblems {
  /** Text → the cell parsed: a cell typed into is parsed once per version, the others never again. */
  private readonly parsed = new Map<string, ParsedCell>();
  /** `context key + text` → problems: unchanged cells under an unchanged context are not checked again. */
  private readonly problems = new Map<string, CellCheckProblem[]>();

  /**
   * The problems of each cell, in order. `cells` are the notebook's bigmodel cells, top to bottom. Entries of texts
   * that are gone are dropped, so the caches hold one version of each cell.
   */
  update(cells: readonly string[]): CellCheckProblem[][] {
    const parsed = new Map<string, ParsedCell>();
    const problems = new Map<string, CellCheckProblem[]>();
    let context: NotebookContext = notebookContext([]);
    let contextKey = keyOf(context);
    const out = cells.map((text) => {
      const key = `${contextKey}\u0000${text}`;
      const cell = parsed.get(text) ?? this.parsed.get(text) ?? parseCell(text);
      parsed.set(text, cell);
      // Only the context's key is needed to check this cell: the text of the cells above is not re-read.
      const found = problems.get(key) ?? this.problems.get(key) ?? cellProblems(cell, undefined, context);
      problems.set(key, found);
      const spec = cell.spec;
      if (spec.data || spec.model) {
        context = foldContext(context, spec);
        contextKey = keyOf(context);
      }
      return found;
    });
    this.parsed.clear();
    for (const [k, v] of parsed) this.parsed.set(k, v);
    this.problems.clear();
    for (const [k, v] of problems) this.problems.set(k, v);
    return out;
  }
}

/** The context after one more cell: notebookContext's fold, one step at a time. */
function foldContext(context: NotebookContext, spec: CellSpec): NotebookContext {
  const next = notebookContext([spec]);
  return {
    facts: spec.data ? next.facts : { ...context.facts, ...next.facts },
    layers: next.layers ?? context.layers,
  };
}

function keyOf(context: NotebookContext): string {
  return JSON.stringify(context);
}
