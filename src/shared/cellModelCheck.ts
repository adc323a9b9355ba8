// The model checks of modelCheck.ts on a parsed cell, at lines and columns, for `bigmodel check` (which has no editor):
// the data is what the cell or the notebook's earlier cells say of it (built-in sources, `model.input`).
import { LAYER_ALIASES } from './cellSchema';
import type { CellProblem, CellSpec, ParsedCell } from './cellSpec';
import { BUILTIN_DATA_FACTS, checkModel, checkOutput, modelOutput, notebookContext, type DataFacts, type ModelProblem } from './modelCheck';

export function cellModelProblems(cell: ParsedCell, earlier: readonly CellSpec[]): CellProblem[] {
  const context = notebookContext(earlier);
  const { spec } = cell;
  let facts: DataFacts = context.facts;
  if (spec.data) {
    const source = spec.data.source;
    facts = { ...(typeof source === 'string' ? BUILTIN_DATA_FACTS[source] : undefined) };
  }
  const input = spec.model?.input;
  if (Array.isArray(input) && input.every((d) => typeof d === 'number' && d > 0)) facts = { ...facts, inputShape: input as number[] };
  const layers = spec.model?.layers;
  const loss = spec.train ? spec.train.loss : null;
  const at = (p: ModelProblem) => {
    if (p.target.kind === 'loss' || !layers) return spec.train && 'loss' in spec.train ? cell.locate(['train', 'loss']) : cell.locate(['train']);
    const layer = layers[p.target.index];
    if (p.target.option) {
      for (const name of [layer.type, ...Object.keys(LAYER_ALIASES).filter((a) => LAYER_ALIASES[a] === layer.type)]) {
        const option = cell.locate(['model', 'layers', p.target.index, name, p.target.option]);
        const own = cell.locate(['model', 'layers', p.target.index, name]);
        if (option.line !== own.line || option.column !== own.column) return option;
      }
    }
    return { line: layer.line, column: layer.column };
  };
  let problems: ModelProblem[] = [];
  if (layers && layers.length > 0) problems = checkModel(layers, facts, loss);
  else if (spec.train && context.layers) {
    // A train cell below its model: what its loss (named or inferred) needs of that model's last layer.
    problems = checkOutput(modelOutput(context.layers), facts, spec.train.loss).filter((p) => p.target.kind === 'loss' || p.code === 'needs-probabilities');
    problems = problems.map((p) => ({ ...p, target: { kind: 'loss' } }));
  }
  return problems.map((p) => ({ message: p.message, severity: p.severity, ...at(p) }));
}
