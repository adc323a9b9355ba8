// A `bigmodel` cell's problems: the decoder's (cellSpec.ts: names, kinds and ranges of values), and those that need
// more than one value: its layer stack's shapes and its loss against the data (modelCheck.ts), with what the cells
// above say of the data and the model. Pure (no VS Code): the editor's diagnostics, `bigmodel check` and the core
// refuse the same cells with the same words.
import { parseCell, type CellProblem, type CellRange, type CellSpec, type ParsedCell } from './cellSpec';
import {
  BUILTIN_DATA_FACTS,
  checkModel,
  checkOutput,
  modelOutput,
  notebookContext,
  type DataFacts,
  type ModelProblem,
  type NotebookContext,
} from './modelCheck';
import { problemFix } from './problemCatalog';

export type { CellFix, CellProblem as CellCheckProblem } from './cellSpec';
export { tokenAt } from './cellSpec';

/**
 * Every problem of a cell, in the order they stand. `earlier`: the sources of the notebook's bigmodel cells above this
 * one, whose data and model this cell's checks can use; `context`: what they say, when the caller has folded it already
 * (NotebookProblems does, once a pass). `cell` may be parsed already (parseCell), so that it is parsed once.
 */
export function cellProblems(
  cell: string | ParsedCell,
  earlier: readonly string[] = [],
  context?: NotebookContext,
): CellProblem[] {
  const parsed = typeof cell === 'string' ? parseCell(cell) : cell;
  const found = modelProblems(parsed, context ?? notebookContext(earlier.map((t) => parseCell(t).spec)));
  return [...parsed.problems, ...found].sort((a, b) => a.line - b.line || a.column - b.column);
}

function modelProblems(cell: ParsedCell, context: NotebookContext): CellProblem[] {
  const { spec } = cell;
  const written = cell.written(['train']);
  const train =
    written !== null && typeof written === 'object' && !Array.isArray(written)
      ? (written as Record<string, unknown>)
      : undefined;
  // The loss as written (a misspelt one too: it is not inferred past it); null without a train section here, where a
  // later cell chooses the loss, so none is presumed.
  const loss = train ? (isObject(train.loss) ? undefined : train.loss) : null;
  const lossAt = cell.range(['train', 'loss']) ?? (train ? cell.range(['train'], 'key') : undefined);
  const problems: CellProblem[] = [];
  const add = (p: ModelProblem, at: CellRange, fix?: CellProblem['fix']) =>
    problems.push({ code: p.code, args: p.args, message: p.message, severity: p.severity, ...at, fix });

  const layers = spec.model?.layers;
  if (layers && cell.layersComplete) {
    const facts = cellFacts(spec, context);
    if (spec.model?.input) facts.inputShape = spec.model.input;
    for (const p of checkModel(layers, facts, loss, { batchSize: spec.train?.batchSize })) {
      if (p.target.kind === 'loss') {
        add(p, lossAt ?? layers[layers.length - 1].places.name);
        continue;
      }
      const { places } = layers[p.target.index];
      const optionAt = p.target.option ? places.options[p.target.option] : undefined;
      const fix = problemFix(p.code, p.args);
      if (fix === 'insert-flatten') add(p, optionAt ?? places.name, places.flatten);
      else add(p, optionAt ?? places.name, fix !== undefined && optionAt ? { kind: 'replace', text: fix } : undefined);
    }
  } else if (train && lossAt && cell.range(['model'], 'key') === undefined && context.layers) {
    // A `train` cell below the model's cell: the model's own cell reports its layers against the data; here, what the
    // loss (named or inferred) needs of them.
    for (const p of checkOutput(modelOutput(context.layers), cellFacts(spec, context), loss)) {
      if (p.target.kind === 'loss' || p.code === 'needs-probabilities') add(p, lossAt);
    }
  }
  return problems;
}

/** The data this cell's checks can count on: its own `data` section, else the earlier cells'. */
function cellFacts(spec: CellSpec, context: NotebookContext): DataFacts {
  if (spec.data === undefined) return { ...context.facts };
  return { ...(spec.data.source !== undefined ? BUILTIN_DATA_FACTS[spec.data.source] : undefined) };
}

function isObject(v: unknown): boolean {
  return v !== null && typeof v === 'object';
}
