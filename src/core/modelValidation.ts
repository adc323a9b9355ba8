// Checks a model against the loaded data before it is built or trained (src/shared/modelCheck.ts), and reports the
// first problem at its line and column in the cell.
import * as l10n from '@vscode/l10n';
import type { LayersModel } from '@tensorflow/tfjs';
import type { LayerSpec, ParsedCell } from '../shared/cellSpec';
import { LAYER_ALIASES } from '../shared/cellSchema';
import {
  checkModel,
  checkOutput,
  inferLoss,
  type DataFacts,
  type ModelOutput,
  type ModelProblem,
} from '../shared/modelCheck';
import { CellError } from './cellError';
import type { SessionData } from './data';

export function dataFacts(data: SessionData | undefined, inputShape?: number[]): DataFacts {
  return { inputShape: inputShape ?? data?.inputShape, task: data?.task, classes: data?.classes?.length };
}

/** The range of the training inputs, which an embedding first in the stack looks up as ids. */
function idRange(data: SessionData): DataFacts['ids'] {
  const values = data.train.xs.dataSync();
  let min = Infinity;
  let max = -Infinity;
  let whole = true;
  let example = 0;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
    if (whole && !Number.isInteger(v)) {
      whole = false;
      example = v;
    }
  }
  return whole ? { min, max, whole } : { min: example, max: example, whole };
}

/** Before building: every layer's shape on this data, and the loss of a `train` section in the same cell. */
export function validateModel(cell: ParsedCell, layers: LayerSpec[], facts: DataFacts, data?: SessionData): void {
  // Without a train section here, the loss is chosen by a later cell: null, so no loss is presumed.
  const loss = cell.spec.train ? cell.spec.train.loss : null;
  const ids =
    layers[0]?.type === 'embedding' && data && facts.inputShape === data.inputShape ? idRange(data) : undefined;
  const batchSize = cell.spec.train?.batchSize;
  // The model's size is weighed against this machine's memory (set where the core starts) before tf builds anything.
  const problems = checkModel(layers, { ...facts, ids }, loss, {
    batchSize: typeof batchSize === 'number' ? batchSize : undefined,
  });
  fail(cell, problems, (p) => {
    if (p.target.kind === 'loss')
      return cell.spec.train && 'loss' in cell.spec.train ? cell.locate(['train', 'loss']) : cell.locate(['train']);
    const layer = layers[p.target.index];
    return p.target.option
      ? optionAt(cell, p.target.index, layer, p.target.option)
      : { line: layer.line, column: layer.column };
  });
}

/** Before training a model (perhaps built in another cell): its output and the loss fit this data's labels. */
export function validateTraining(cell: ParsedCell, model: LayersModel, data: SessionData): string {
  const output = outputOf(model);
  const given = cell.spec.train?.loss;
  const problems = checkOutput(output, dataFacts(data), given);
  // A problem of the model's last layer belongs to the model's cell: say so, at this cell's `train`.
  fail(
    cell,
    problems,
    (p) => (p.target.kind === 'loss' && given !== undefined ? cell.locate(['train', 'loss']) : cell.locate(['train'])),
    (p) =>
      p.target.kind === 'layer' ? l10n.t("the model's last layer does not fit this data: {0}", p.message) : p.message,
  );
  const loss = inferLoss(given, data.task, output) ?? 'meanSquaredError';
  // Classification labels are one-hot here, so the sparse cross-entropy is the categorical one; yes/no labels are one
  // class number per sample, so a 2-unit softmax over them takes the sparse one.
  if (loss === 'sparseCategoricalCrossentropy' && data.task === 'classification') return 'categoricalCrossentropy';
  if (loss === 'categoricalCrossentropy' && data.task === 'binary' && output.units === 2)
    return 'sparseCategoricalCrossentropy';
  return loss;
}

/** What a built model ends in: the units and activation of its last layers, and its output shape. */
export function outputOf(model: LayersModel): ModelOutput {
  const out: ModelOutput = { shape: (model.outputs[0].shape as (number | null)[]).slice(1) };
  for (let i = model.layers.length - 1; i >= 0; i--) {
    const layer = model.layers[i];
    const config = layer.getConfig() as { units?: number; activation?: string };
    const type = layer.getClassName();
    if (type === 'Dropout') continue;
    if (type === 'Activation') {
      if (out.activation === undefined) {
        out.activation = config.activation;
        out.activationLayer = i;
      }
      continue;
    }
    if (type === 'Dense') {
      out.units = config.units;
      out.unitsLayer = i;
      if (out.activation === undefined) {
        out.activation = config.activation;
        out.activationLayer = i;
      }
    }
    break;
  }
  return out;
}

function fail(
  cell: ParsedCell,
  problems: ModelProblem[],
  where: (p: ModelProblem) => { line: number; column: number },
  text = (p: ModelProblem) => p.message,
): void {
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length === 0) return;
  const first = errors[0];
  const message =
    errors.length === 1
      ? text(first)
      : errors.length === 2
        ? l10n.t('{0} (and 1 more problem)', text(first))
        : l10n.t('{0} (and {1} more problems)', text(first), errors.length - 1);
  throw new CellError('invalid-cell', message, where(first));
}

/** The option of layer `index` as written (under its name or an alias), or the layer's name when it is not written. */
function optionAt(cell: ParsedCell, index: number, layer: LayerSpec, option: string): { line: number; column: number } {
  const names = [layer.type, ...Object.keys(LAYER_ALIASES).filter((a) => LAYER_ALIASES[a] === layer.type)];
  for (const name of names) {
    const at = cell.locate(['model', 'layers', index, name, option]);
    const layerAt = cell.locate(['model', 'layers', index, name]);
    if (at.line !== layerAt.line || at.column !== layerAt.column) return at;
  }
  return { line: layer.line, column: layer.column };
}
