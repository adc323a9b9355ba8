// One notebook's session in the core: its data, model and history, and the running of one cell against them.
import type { LayersModel } from '@tensorflow/tfjs';
import { parseCell, type ParsedCell } from '../shared/cellSpec';
import { MIME, trainingText, type DataPreviewPayload, type TrainingPayload } from '../shared/outputs';
import type { CellOutput, RunCellParams } from '../shared/protocol';
import type { ChosenBackend } from './backends';
import { CellError } from './cellError';
import { disposeData, loadData, type SessionData } from './data';
import { buildModel, describeModel, modelSummaryText } from './modelBuilder';
import { train, type TrainingControl } from './trainer';

export interface TrainingRecord {
  startedAt: string;
  durationMs: number;
  backend: string;
  device: string;
  epochs: number;
  stopped: string;
  final: Record<string, number>;
}

export class Session {
  data?: SessionData;
  model?: LayersModel;
  history: Record<string, number[]> = {};
  readonly runs: TrainingRecord[] = [];
  private control?: TrainingControl;

  constructor(readonly backend: ChosenBackend) {}

  /** Stop the training in flight (if any) after its current batch. */
  stopTraining(): void {
    if (this.control) this.control.stopRequested = true;
  }

  async runCell(params: RunCellParams, emit: (outputs: CellOutput[]) => void): Promise<CellOutput[]> {
    if (params.language !== 'bigmodel') {
      throw new CellError('invalid-cell', `${params.language} cells are not available in this version yet; use a bigmodel cell`);
    }
    const cell = parseCell(params.source);
    const errors = cell.problems.filter((p) => p.severity === 'error');
    if (errors.length > 0) {
      const first = errors[0];
      const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : '';
      throw new CellError('invalid-cell', first.message + more, { line: first.line, column: first.column });
    }
    const outputs: CellOutput[] = [];
    for (const section of cell.spec.sections) {
      if (section === 'data') outputs.push(this.runData(cell));
      else if (section === 'model') outputs.push(this.runModel(cell));
      else if (section === 'train') outputs.push(await this.runTrain(cell, (live) => emit([...outputs, live])));
      else throw new CellError('invalid-cell', `the \`${section}\` section is not available in this version yet; remove it to run the rest of the cell`, cell.locate([section]));
      emit([...outputs]);
    }
    return outputs;
  }

  private runData(cell: ParsedCell): CellOutput {
    const data = loadData(this.backend.tf, cell);
    disposeData(this.data);
    this.data = data;
    const preview: DataPreviewPayload = {
      schema: 1, source: data.source, task: data.task, inputShape: data.inputShape, classes: data.classes,
      splits: { train: data.train.size, validation: data.validation?.size, test: data.test?.size }, note: data.note,
    };
    const parts = [`${data.train.size} train`, data.validation && `${data.validation.size} validation`, data.test && `${data.test.size} test`].filter(Boolean);
    const classes = data.classes ? `, ${data.classes.length} classes` : '';
    const text = `${data.source}: ${parts.join(' / ')} samples of shape [${data.inputShape.join(', ')}]${classes} (${data.task})`;
    return { items: [{ mime: MIME.dataPreview, data: preview }, { mime: 'text/plain', data: text }] };
  }

  private runModel(cell: ParsedCell): CellOutput {
    const model = buildModel(this.backend.tf, cell, this.data);
    this.model?.dispose();
    this.model = model;
    const summary = describeModel(model);
    return { items: [{ mime: MIME.modelSummary, data: summary }, { mime: 'text/plain', data: modelSummaryText(summary) }] };
  }

  private async runTrain(cell: ParsedCell, live: (o: CellOutput) => void): Promise<CellOutput> {
    if (!this.data) throw new CellError('invalid-cell', 'there is no data to train on: run a cell with a `data` section first', cell.locate(['train']));
    if (!this.model) throw new CellError('invalid-cell', 'there is no model to train: run a cell with a `model` section first', cell.locate(['train']));
    const control: TrainingControl = { stopRequested: false };
    this.control = control;
    const toOutput = (p: TrainingPayload): CellOutput => ({ items: [{ mime: MIME.training, data: p }, { mime: 'text/plain', data: trainingText(p) }] });
    const startedAt = new Date().toISOString();
    try {
      const { backend, device } = this.backend;
      const result = await train(this.backend.tf, cell, this.model, this.data, { backend, device }, control, (p) => live(toOutput(p)));
      this.history = result.history;
      const last = result.payload.epochs[result.payload.epochs.length - 1] ?? { epoch: 0, loss: NaN };
      const { epoch: _epoch, ...final } = last;
      this.runs.push({ startedAt, durationMs: result.durationMs, backend, device, epochs: result.payload.epochs.length, stopped: result.payload.stopped ?? 'completed', final });
      const output = toOutput(result.payload);
      if (result.payload.stopped === 'diverged') throw new CellError('training', `training stopped: ${result.payload.message}`, cell.locate(['train']), [output]);
      return output;
    } finally {
      this.control = undefined;
    }
  }

  dispose(): void {
    disposeData(this.data);
    this.model?.dispose();
  }
}
