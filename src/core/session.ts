// One notebook's session in the core: its data, model and history, and the running of one cell against them.
import { createHash } from 'node:crypto';
import { totalmem } from 'node:os';
import { resolve } from 'node:path';
import * as l10n from '@vscode/l10n';
import type { LayersModel } from '@tensorflow/tfjs';
import { cellProblems } from '../shared/cellCheck';
import { parseCell, type ParsedCell } from '../shared/cellSpec';
import { historySample } from '../shared/epochSample';
import { setMachineMemory } from '../shared/modelSize';
import {
  evaluationText,
  MIME,
  summaryText,
  trainingText,
  type DataPreviewPayload,
  type RunRecord,
  type TrainingPayload,
} from '../shared/outputs';
import type { AllowWriteParams, CellOutput, RunCellParams, RunCellResult } from '../shared/protocol';
import type { ChosenBackend } from './backends';
import { CellError } from './cellError';
import { clearInterrupt, LoadInterrupted } from './interrupt';
import { insideRoots, realTarget } from './writePlaces';
import { disposeData, loadData, type SessionData } from './data';
import { buildModel, describeModel, modelSummaryText } from './modelBuilder';
import { evaluate } from './evaluate';
import { crossValidate, crossValidationText, type CrossValidationCells } from './crossValidate';
import { withSeed } from './seed';
import { summarize, type RunPayloads } from './summarize';
import { train, type TrainingControl } from './trainer';
import { displayOutput } from './display';
import { exportModel, loadModelOfCell, type ExportedInfo } from './modelFiles';
import { contextOf, runPredict } from './predict';
import { historyOf, runScriptCell, scriptSession } from './scriptCell';

export class Session {
  data?: SessionData;
  model?: LayersModel;
  history: Record<string, number[]> = {};
  private control?: TrainingControl;
  /** The seed of the last data cell: model building and training use it unless they name their own. */
  private seed?: number;
  /** Sources of the cells that made the data and the model, for a run's spec hash. */
  private specSources: { data?: string; model?: string } = {};
  /** The last payloads of each kind, which a `summary` section reads. */
  private payloads: RunPayloads = {};
  /** The last model and train cells: `evaluate: { folds }` builds and trains a fresh model per fold from them. */
  private cvCells: CrossValidationCells = {};
  /** The script cell running now: interrupting aborts it. */
  private script?: AbortController;
  /** What an export recorded beside a model that `model: { load }` read (its fitted pipeline): predict uses it. */
  private loadedInfo?: ExportedInfo;
  /**
   * `loaded`: the model came from `model: { load }` and has not been trained here since, so its inputs follow its own
   * saved pipeline, whatever data cell ran; `session`: built or trained here, on this session's data.
   */
  private modelOrigin: 'loaded' | 'session' = 'session';
  /** The source of the last data cell: cross-validation reloads it per fold, fitting the pipeline on each fold's rows. */
  private dataCell?: ParsedCell;

  constructor(
    readonly backend: ChosenBackend,
    /** VS Code's display language (or the CLI's locale): `summary.language: auto` follows it. */
    private readonly displayLanguage = 'en',
    /** Where writes need no question (StartCoreParams.writeRoots), and who answers the question elsewhere. */
    private readonly writes: { roots?: string[]; allow?: (p: AllowWriteParams) => Promise<boolean> } = {},
  ) {
    // Models are weighed against this machine's memory before they are built (modelCheck.ts).
    setMachineMemory(totalmem());
  }

  /** Stop the training in flight (if any) after its current batch. */
  stopTraining(): void {
    if (this.control) this.control.stopRequested = true;
    if (this.script) {
      this.script.abort();
      if (this.model) this.model.stopTraining = true; // a model.fit inside the script stops after its batch
    }
  }

  async runCell(params: RunCellParams, emit: (outputs: CellOutput[]) => void): Promise<RunCellResult> {
    if (params.language === 'javascript' || params.language === 'typescript')
      return this.runScript(params.language, params.source, emit);
    if (params.language !== 'bigmodel') {
      throw new CellError(
        'invalid-cell',
        l10n.t('{0} cells are not available in this version yet; use a bigmodel cell', params.language),
      );
    }
    const cell = parseCell(params.source);
    // The editor's and `bigmodel check`'s checks, so a misspelt key never runs with its default (`epochz: 3`).
    const errors = cellProblems(cell).filter((p) => p.severity === 'error');
    if (errors.length > 0) {
      const first = errors[0];
      const text = first.message;
      const message =
        errors.length === 1
          ? text
          : errors.length === 2
            ? l10n.t('{0} (and 1 more problem)', text)
            : l10n.t('{0} (and {1} more problems)', text, errors.length - 1);
      throw new CellError('invalid-cell', message, { line: first.line, column: first.column });
    }
    const outputs: CellOutput[] = [];
    let run: RunRecord | undefined;
    for (const section of cell.spec.sections) {
      if (section === 'data') outputs.push(this.runData(cell, params.source));
      else if (section === 'model') outputs.push(await this.runModel(cell, params.source));
      else if (section === 'train') {
        const trained = await this.runTrain(cell, params.source, (live) => emit([...outputs, live]));
        outputs.push(trained.output);
        run = trained.run;
      } else if (section === 'evaluate') outputs.push(await this.runEvaluate(cell));
      else if (section === 'summary') outputs.push(await this.runSummary(cell));
      else if (section === 'export') outputs.push(await this.runExport(cell));
      else if (section === 'predict') outputs.push(await this.runPredict(cell));
      else
        throw new CellError(
          'invalid-cell',
          l10n.t(
            'the `{0}` section is not available in this version yet; remove it to run the rest of the cell',
            section,
          ),
          cell.locate([section]),
        );
      emit([...outputs]);
    }
    return { outputs, run };
  }

  private runData(cell: ParsedCell, source: string): CellOutput {
    const data = loadInterruptibly(() => loadData(this.backend.tf, cell), cell);
    disposeData(this.data);
    this.data = data;
    this.dataCell = cell;
    this.specSources = { data: source };
    const seed = cell.spec.data?.seed;
    this.seed = typeof seed === 'number' ? seed : undefined;
    const preview: DataPreviewPayload = {
      schema: 1,
      source: data.source,
      task: data.task,
      inputShape: data.inputShape,
      classes: data.classes,
      // A table read from its file in batches trains on all its rows, not on the sample held in memory.
      splits: {
        train: data.trainStream?.size ?? data.train.size,
        validation: data.validation?.size,
        test: data.test?.size,
      },
      note: data.note,
      classBalance: data.classBalance,
      positive: data.positive,
      partial: data.partial,
    };
    this.payloads = { data: preview };
    const parts = [
      l10n.t('{0} train', data.trainStream?.size ?? data.train.size),
      data.validation && l10n.t('{0} validation', data.validation.size),
      data.test && l10n.t('{0} test', data.test.size),
    ].filter(Boolean);
    const shape = data.inputShape.join(', ');
    let text =
      data.task === 'binary' && data.positive !== undefined
        ? l10n.t(
            '{0}: {1} samples of shape [{2}], yes/no: `{3}` is the positive class, `{4}` the other',
            data.source,
            parts.join(' / '),
            shape,
            data.positive,
            data.classes?.find((c) => c !== data.positive) ?? '',
          )
        : data.classes
          ? l10n.t(
              '{0}: {1} samples of shape [{2}], {3} classes ({4})',
              data.source,
              parts.join(' / '),
              shape,
              data.classes.length,
              data.task,
            )
          : l10n.t('{0}: {1} samples of shape [{2}] ({3})', data.source, parts.join(' / '), shape, data.task);
    if (data.partial) {
      text += l10n.t(
        ' — a part of the data: {0} of its {1} training rows (`limit:`)',
        data.partial.usedRows.toLocaleString('en-US'),
        data.partial.totalRows.toLocaleString('en-US'),
      );
    }
    return {
      items: [
        { mime: MIME.dataPreview, data: preview },
        { mime: 'text/plain', data: text },
      ],
    };
  }

  private async runModel(cell: ParsedCell, source: string): Promise<CellOutput> {
    const seed = cell.spec.model?.seed;
    const loaded = await loadModelOfCell(this.backend.tf, cell);
    const model =
      loaded?.model ??
      (await withSeed(typeof seed === 'number' ? seed : this.seed, () => buildModel(this.backend.tf, cell, this.data)));
    this.loadedInfo = loaded?.info;
    this.modelOrigin = loaded ? 'loaded' : 'session';
    this.model?.dispose();
    this.model = model;
    this.specSources.model = source;
    this.cvCells = { model: cell };
    const summary = describeModel(model);
    this.payloads = { data: this.payloads.data, model: summary };
    return {
      items: [
        { mime: MIME.modelSummary, data: summary },
        { mime: 'text/plain', data: modelSummaryText(summary) },
      ],
    };
  }

  private async runTrain(
    cell: ParsedCell,
    source: string,
    live: (o: CellOutput) => void,
  ): Promise<{ output: CellOutput; run: RunRecord }> {
    const { data, model } = this.requireTrained(cell, ['train']);
    const control: TrainingControl = { stopRequested: false };
    this.control = control;
    this.cvCells.train = cell;
    const toOutput = (p: TrainingPayload): CellOutput => ({
      items: [
        { mime: MIME.training, data: p },
        { mime: 'text/plain', data: trainingText(p) },
      ],
    });
    const startedAt = new Date().toISOString();
    const seed = cell.spec.train?.seed;
    try {
      const { backend, device, parallel } = this.backend;
      const result = await withSeed(typeof seed === 'number' ? seed : this.seed, () =>
        train(this.backend.tf, cell, model, data, { backend, device, parallel }, control, (p) => live(toOutput(p))),
      );
      this.history = historyOf(result.payload.epochs); // spec section 2: { epoch: [...], loss: [...], … } in the payload's names
      this.modelOrigin = 'session'; // its weights now fit this session's data and its pipeline
      const output = toOutput(result.payload);
      this.payloads = {
        ...this.payloads,
        training: result.payload,
        trainingDurationMs: result.durationMs,
        evaluation: undefined,
      };
      if (result.payload.stopped === 'diverged')
        throw new CellError(
          'training',
          l10n.t('training stopped: {0}', result.payload.message ?? ''),
          cell.locate(['train']),
          [output],
        );
      // The figures of the weights the model has now: the kept epoch's when early stopping put the best weights back.
      const { epoch: _epoch, ...final } = result.finalEpoch ?? { epoch: 0, loss: NaN };
      const run: RunRecord = {
        specHash: createHash('sha256')
          .update(`${this.specSources.data}\n---\n${this.specSources.model}\n---\n${source}`)
          .digest('hex')
          .slice(0, 12),
        startedAt,
        durationMs: result.durationMs,
        backend,
        device,
        hyperparameters: result.hyperparameters,
        epochs: result.payload.epochs.length,
        stopped: result.payload.stopped ?? 'completed',
        final,
        // The curve for comparing runs, at most ~200 points however long the run: it is saved in the notebook file.
        history: historySample(result.payload.epochs, result.payload.monitor),
      };
      return { output, run };
    } finally {
      this.control = undefined;
    }
  }

  private async runEvaluate(cell: ParsedCell): Promise<CellOutput> {
    if (cell.spec.evaluate?.folds !== undefined) return this.runCrossValidation(cell);
    const { data, model } = this.requireTrained(cell, ['evaluate']);
    // Validation that early stopping watched chose the epoch (and the weights kept): its figures are not unseen data's.
    const monitor = this.payloads.training?.monitor?.name;
    const payload = await evaluate(this.backend.tf, cell, model, data, {
      choseEpoch: monitor?.startsWith('val_') ?? false,
    });
    this.payloads.evaluation = payload;
    return {
      items: [
        { mime: MIME.evaluation, data: payload },
        { mime: 'text/plain', data: evaluationText(payload) },
      ],
    };
  }

  private async runCrossValidation(cell: ParsedCell): Promise<CellOutput> {
    if (!this.data)
      throw new CellError(
        'invalid-cell',
        l10n.t('there is no data yet: run a cell with a `data` section first'),
        cell.locate(['evaluate']),
      );
    const control: TrainingControl = { stopRequested: false };
    this.control = control;
    try {
      const { backend, device, parallel } = this.backend;
      const dataCell = this.dataCell;
      if (!dataCell)
        throw new CellError(
          'invalid-cell',
          l10n.t('cross-validation reloads the data of a `data` section for each fold: run one first'),
          cell.locate(['evaluate']),
        );
      const loadFold = (index: number, count: number) =>
        loadInterruptibly(() => loadData(this.backend.tf, dataCell, undefined, { fold: { index, count } }), cell);
      const payload = await crossValidate(
        this.backend.tf,
        cell,
        this.cvCells,
        this.data,
        loadFold,
        { backend, device, parallel, seed: this.seed },
        control,
      );
      this.payloads.evaluation = payload;
      return {
        items: [
          { mime: MIME.evaluation, data: payload },
          { mime: 'text/plain', data: crossValidationText(payload) },
        ],
      };
    } finally {
      this.control = undefined;
    }
  }

  private async runSummary(cell: ParsedCell): Promise<CellOutput> {
    const payload = await summarize(this.backend.tf, cell, this.payloads, this.model, this.data, this.displayLanguage);
    return {
      items: [
        { mime: MIME.summary, data: payload },
        { mime: 'text/plain', data: summaryText(payload) },
      ],
    };
  }

  private async runScript(
    language: 'javascript' | 'typescript',
    source: string,
    emit: (outputs: CellOutput[]) => void,
  ): Promise<RunCellResult> {
    const tf = this.backend.tf;
    const script = new AbortController();
    this.script = script;
    const adopt = (model: LayersModel) => {
      this.model = model; // the replaced model is not disposed: the cell may still use its layers
      this.loadedInfo = undefined;
      this.modelOrigin = 'session';
      this.specSources.model = source;
      this.payloads = { data: this.payloads.data, model: describeModel(model) };
    };
    try {
      const session = scriptSession(tf, this, adopt, script.signal);
      const outputs = await runScriptCell(language, source, {
        tf,
        session,
        render: (v) => displayOutput(tf, v),
        signal: script.signal,
        emit,
      });
      return { outputs };
    } finally {
      this.script = undefined;
    }
  }

  private async runExport(cell: ParsedCell): Promise<CellOutput> {
    const model = this.requireModel(cell, ['export']);
    const to = cell.spec.export?.to;
    const at = cell.locate(['export', 'to']);
    if (to === undefined || to.trim() === '') {
      throw new CellError(
        'invalid-cell',
        l10n.t('`export` needs `to:`, the folder to write the model into, e.g. `to: ./models/my-model`'),
        cell.locate(['export']),
      );
    }
    const target = realTarget(resolve(to));
    if (!insideRoots(target, this.writes.roots) && !(await this.writes.allow?.({ target, setting: 'export.to' }))) {
      throw new CellError(
        'invalid-cell',
        l10n.t(
          '`export.to`: {0} is outside the workspace ({1}), so nothing was written: export inside it, or allow the write (the editor asks; `bigmodel run --allow-outside`)',
          target,
          (this.writes.roots ?? []).join(', '),
        ),
        at,
      );
    }
    const overwrite = cell.spec.export?.overwrite ?? false;
    const info: ExportedInfo = { ...this.modelInfo(), exportedBy: 'BigModel Studio' };
    const result = await exportModel(this.backend.tf, model, target, info, { overwrite, shownPath: to, at });
    const files = result.files.map((f) => `${f.name} (${(f.bytes / 1024).toFixed(1)} KB)`).join(', ');
    return {
      items: [
        {
          mime: 'text/plain',
          data: l10n.t(
            'exported the model to {0}: {1} — TensorFlow.js layers format; {2} or tf.loadLayersModel reads it',
            to,
            files,
            `\`model: { load: ${to} }\``,
          ),
        },
      ],
    };
  }

  private async runPredict(cell: ParsedCell): Promise<CellOutput> {
    const model = this.requireModel(cell, ['predict']);
    return runPredict(this.backend.tf, cell, model, contextOf(this.modelInfo(), model));
  }

  /**
   * What the model's inputs and outputs mean: a loaded model's own saved pipeline (never the current data cell's
   * statistics), else the pipeline fitted on this session's training rows.
   */
  private modelInfo(): Omit<ExportedInfo, 'exportedBy'> | undefined {
    const d = this.data;
    if (this.modelOrigin === 'loaded' || !d) return this.loadedInfo;
    return {
      task: d.task,
      classes: d.classes,
      inputShape: d.inputShape,
      featureNames: d.featureNames,
      standardisation: d.standardisation,
      pipeline: d.pipeline,
    };
  }

  private requireModel(cell: ParsedCell, at: string[]): LayersModel {
    if (!this.model)
      throw new CellError(
        'invalid-cell',
        l10n.t('there is no model yet: run a cell with a `model` section (or `model: { load: … }`) first'),
        cell.locate(at),
      );
    return this.model;
  }

  private requireTrained(cell: ParsedCell, at: string[]): { data: SessionData; model: LayersModel } {
    if (!this.data)
      throw new CellError(
        'invalid-cell',
        l10n.t('there is no data yet: run a cell with a `data` section first'),
        cell.locate(at),
      );
    if (!this.model)
      throw new CellError(
        'invalid-cell',
        l10n.t('there is no model yet: run a cell with a `model` section first'),
        cell.locate(at),
      );
    return { data: this.data, model: this.model };
  }

  dispose(): void {
    disposeData(this.data);
    this.model?.dispose();
    this.backend.parallel?.dispose(); // the replicas' threads; a later fit on this backend starts them again
  }
}

/**
 * A data load that an interrupt ends between rows (src/core/interrupt.ts): the cell is cancelled, and the session keeps
 * the data and model it had before.
 */
function loadInterruptibly<T>(load: () => T, cell: ParsedCell): T {
  clearInterrupt();
  try {
    return load();
  } catch (e) {
    if (e instanceof LoadInterrupted)
      throw new CellError(
        'cancelled',
        l10n.t('interrupted while loading the data: the data and model of the cells before are kept'),
        cell.locate(['data']),
      );
    throw e;
  }
}
