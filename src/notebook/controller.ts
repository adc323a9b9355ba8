// The BigModel notebook controller: runs cells in order in the notebook's core; interrupt stops after this batch.
import * as vscode from 'vscode';
import { BigModelError, errorLogText } from '../shared/bigModelError';
import { DisposableStore } from '../shared/lifecycle';
import { NOTEBOOK_TYPE } from './serializer';
import type { CoreSessions } from './coreSessions';
import { LiveOutputs } from './outputs';
import { NotebookRunQueue } from './runQueue';
import type { WorkspaceTrustGate } from './workspaceTrust';
import type { TrainingStatus } from './trainingStatus';
import type { TrainingEvents } from './trainingEvents';
import { MIME, type RunRecord, type TrainingPayload } from '../shared/outputs';
import type { CellOutput } from '../shared/protocol';

export const CONTROLLER_ID = 'bigmodel-core';

/** Appends a finished training run to the notebook's `metadata.runs` (run history; saved with the file). */
async function recordRun(notebook: vscode.NotebookDocument, run: RunRecord): Promise<void> {
  const top = notebook.metadata as Record<string, unknown>;
  const metadata = { ...((top.metadata ?? {}) as Record<string, unknown>) };
  metadata.runs = [...((metadata.runs as unknown[] | undefined) ?? []), run];
  const edit = new vscode.WorkspaceEdit();
  edit.set(notebook.uri, [vscode.NotebookEdit.updateNotebookMetadata({ ...top, metadata })]);
  await vscode.workspace.applyEdit(edit);
}

/** Adds the per-epoch curve and the cells that made the run, so the dashboard can overlay runs and show what changed. */
function withHistoryAndCells(
  run: RunRecord,
  outputs: CellOutput[],
  notebook: vscode.NotebookDocument,
  cell: vscode.NotebookCell,
): RunRecord {
  const training = outputs.flatMap((o) => o.items).find((i) => i.mime === MIME.training)?.data as
    TrainingPayload | undefined;
  const cells = notebook
    .getCells(new vscode.NotebookRange(0, cell.index + 1))
    .filter((c) => c.kind === vscode.NotebookCellKind.Code)
    .map((c) => c.document.getText());
  return { ...run, history: run.history ?? training?.epochs, cells: run.cells ?? cells };
}

const LANGUAGES = ['bigmodel', 'javascript', 'typescript'];

/**
 * After an interrupt, how long the core has to answer before it counts as stuck in a step that cannot pause (a
 * synchronous data load, a script cell's `while (true) {}`) and is ended. A training core answers between batches.
 */
export const UNRESPONSIVE_AFTER_INTERRUPT_MS = 5000;

/** The cell a notebook is running now, and what its interrupts did. */
interface RunningCell {
  cell: vscode.NotebookCell;
  /** Stop was asked once: the next interrupt ends the core. */
  stopAsked: boolean;
  /** The core was ended because it did not answer after the interrupt. */
  endedUnresponsive: boolean;
}

export class TrainingController implements vscode.Disposable {
  private readonly controller: vscode.NotebookController;
  private executionOrder = 0;
  /** Each notebook's runs, one cell at a time, in the order they were asked for. */
  private readonly queues = new Map<string, NotebookRunQueue>();
  private readonly running = new Map<string, RunningCell>();
  private readonly store = new DisposableStore();

  constructor(
    private readonly cores: CoreSessions,
    private readonly status: TrainingStatus,
    private readonly trust: WorkspaceTrustGate,
    private readonly log: vscode.LogOutputChannel,
    private readonly events?: TrainingEvents,
  ) {
    this.controller = this.store.add(
      vscode.notebooks.createNotebookController(CONTROLLER_ID, NOTEBOOK_TYPE, vscode.l10n.t('BigModel Training Core')),
    );
    this.controller.supportedLanguages = LANGUAGES;
    this.controller.supportsExecutionOrder = true;
    this.controller.description = vscode.l10n.t('TensorFlow.js, in a separate process');
    this.controller.executeHandler = (cells, notebook) => this.execute(cells, notebook);
    this.controller.interruptHandler = (notebook) => this.interrupt(notebook);
    // The only kernel for .bigmodel notebooks: say so, so Run All never stops at a kernel picker.
    const prefer = (nb: vscode.NotebookDocument) => {
      if (nb.notebookType === NOTEBOOK_TYPE)
        this.controller.updateNotebookAffinity(nb, vscode.NotebookControllerAffinity.Preferred);
    };
    vscode.workspace.notebookDocuments.forEach(prefer);
    this.store.add(vscode.workspace.onDidOpenNotebookDocument(prefer));
    // A closed notebook's core ends (CoreSessions); its queued cells must not start another.
    this.store.add(
      vscode.workspace.onDidCloseNotebookDocument((nb) => {
        this.queues.get(nb.uri.toString())?.dropQueued();
        this.queues.delete(nb.uri.toString());
      }),
    );
  }

  private execute(cells: vscode.NotebookCell[], notebook: vscode.NotebookDocument): Promise<void> {
    const key = notebook.uri.toString();
    let queue = this.queues.get(key);
    if (!queue) this.queues.set(key, (queue = new NotebookRunQueue()));
    // Like Jupyter's Run All: a failed or interrupted cell ends its run (and an interrupt the runs queued behind it).
    return queue.enqueue(cells, (cell) => this.runCell(cell, notebook));
  }

  private async runCell(cell: vscode.NotebookCell, notebook: vscode.NotebookDocument): Promise<boolean> {
    let execution: vscode.NotebookCellExecution;
    try {
      execution = this.controller.createNotebookCellExecution(cell);
    } catch {
      return true; // already running or queued by an earlier request: it runs there, once
    }
    execution.executionOrder = ++this.executionOrder;
    execution.start(Date.now());
    await execution.clearOutput();
    if (!this.trust.allowsRunning('controller')) {
      return this.fail(
        execution,
        new BigModelError(
          'cancelled',
          vscode.l10n.t(
            'This workspace is not trusted, so BigModel Studio runs nothing in it. Trust the workspace to train.',
          ),
        ),
      );
    }
    if (execution.token.isCancellationRequested) return this.end(execution, false);
    const live = new LiveOutputs(execution);
    const key = notebook.uri.toString();
    const running: RunningCell = { cell, stopAsked: false, endedUnresponsive: false };
    this.running.set(key, running);
    this.events?.cellState({ notebook, cell, running: true });
    try {
      const core = await this.cores.get(notebook);
      this.status.ready(core.info);
      const listener = core.onCellOutputs((p) => {
        if (p.cellId !== cell.document.uri.toString()) return;
        void live.show(p.outputs);
        this.showTraining(p.outputs);
        this.events?.showOutputs({ notebook, cell, outputs: p.outputs });
      });
      try {
        const result = await core.runCell(
          { cellId: cell.document.uri.toString(), language: cell.document.languageId, source: cell.document.getText() },
          execution.token,
        );
        await live.show(result.outputs);
        this.showTraining(result.outputs);
        this.events?.showOutputs({ notebook, cell, outputs: result.outputs });
        if (result.run) {
          const run = withHistoryAndCells(result.run, result.outputs, notebook, cell);
          await recordRun(notebook, run);
          this.events?.recordedRun(notebook, run);
        }
      } finally {
        listener.dispose();
      }
      return this.end(execution, true);
    } catch (e) {
      if (e instanceof BigModelError && e.outputs) {
        await live.show(e.outputs);
        this.events?.showOutputs({ notebook, cell, outputs: e.outputs });
      }
      if (running.endedUnresponsive) {
        return this.fail(
          execution,
          new BigModelError(
            'cancelled',
            vscode.l10n.t(
              'interrupted: the training core did not answer within {0} s (a step that cannot pause, such as loading data or a loop in a script cell), so it was ended. The next run starts a fresh core; run the cells above again.',
              UNRESPONSIVE_AFTER_INTERRUPT_MS / 1000,
            ),
            undefined,
            undefined,
            { cause: e },
          ),
        );
      }
      return this.fail(execution, e);
    } finally {
      if (this.running.get(key) === running) this.running.delete(key);
      this.events?.cellState({ notebook, cell, running: false });
    }
  }

  private showTraining(outputs: CellOutput[]): void {
    const training = outputs.flatMap((o) => o.items).find((i) => i.mime === MIME.training);
    if (training) this.status.training(training.data as TrainingPayload);
  }

  private async fail(execution: vscode.NotebookCellExecution, e: unknown): Promise<boolean> {
    const err = e instanceof Error ? e : new Error(String(e));
    const position = e instanceof BigModelError ? e.position : undefined;
    const where = position ? vscode.l10n.t('line {0}, column {1}: ', position.line, position.column) : '';
    // The stack of a cell error is the core's, not the user's: the cell shows the message alone, the log the stacks.
    const shown = { name: e instanceof BigModelError ? 'BigModel' : err.name, message: where + err.message, stack: '' };
    await execution.appendOutput(new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.error(shown)]));
    const cell = `${execution.cell.notebook.uri.fsPath} cell ${execution.cell.index + 1}`;
    // A stop the user asked for is news; a mistake in the cell is the user's to fix (a warning); anything else is ours.
    const category = e instanceof BigModelError ? e.category : 'internal';
    const line = `${cell} failed (${category}): ${where}${errorLogText(e)}`;
    if (category === 'cancelled') this.log.info(line);
    else if (category === 'internal') this.log.error(line);
    else this.log.warn(line);
    return this.end(execution, false);
  }

  private end(execution: vscode.NotebookCellExecution, success: boolean): boolean {
    execution.end(success, Date.now());
    return success;
  }

  /**
   * First interrupt: the running cell stops after its batch (the weights are kept) and the cells queued behind it are
   * dropped; a core that does not answer within a few seconds is stuck and is ended. Second interrupt: the core ends.
   */
  private async interrupt(notebook: vscode.NotebookDocument): Promise<void> {
    const key = notebook.uri.toString();
    this.queues.get(key)?.dropQueued();
    const running = this.running.get(key);
    const core = await this.cores.running(notebook.uri);
    if (!core || !running) return;
    if (running.stopAsked) {
      await this.cores.end(notebook.uri, 'kill');
      return;
    }
    running.stopAsked = true;
    core.stopTraining();
    const answered = await core.responsive(UNRESPONSIVE_AFTER_INTERRUPT_MS);
    if (!answered && core.running && this.running.get(key) === running) {
      running.endedUnresponsive = true;
      await this.cores.end(notebook.uri, 'kill');
    }
  }

  dispose(): void {
    this.store.dispose();
  }
}
