// What the controller shows in a notebook's cells, as events: the dashboard follows a run through these rather than
// opening a second connection to the core.
import * as vscode from 'vscode';
import type { CellOutput } from '../shared/protocol';
import type { RunRecord } from '../shared/outputs';
import { DisposableStore } from '../shared/lifecycle';

export interface CellOutputsShown {
  notebook: vscode.NotebookDocument;
  cell: vscode.NotebookCell;
  outputs: CellOutput[];
}

export interface CellRunState {
  notebook: vscode.NotebookDocument;
  cell: vscode.NotebookCell;
  running: boolean;
}

export class TrainingEvents implements vscode.Disposable {
  private readonly store = new DisposableStore();
  private readonly outputsEmitter = this.store.add(new vscode.EventEmitter<CellOutputsShown>());
  private readonly cellEmitter = this.store.add(new vscode.EventEmitter<CellRunState>());
  private readonly runEmitter = this.store.add(
    new vscode.EventEmitter<{ notebook: vscode.NotebookDocument; run: RunRecord }>(),
  );
  /** A running cell's outputs as the core sent them (live while training, then the final ones). */
  readonly onDidShowOutputs = this.outputsEmitter.event;
  /** A cell started or ended (also on failure). */
  readonly onDidChangeCellState = this.cellEmitter.event;
  /** A finished training run was added to the notebook's `metadata.runs`. */
  readonly onDidRecordRun = this.runEmitter.event;
  /** Cells running now, by notebook URI. */
  private readonly runningCells = new Map<string, Set<vscode.NotebookCell>>();

  showOutputs(e: CellOutputsShown): void {
    this.outputsEmitter.fire(e);
  }

  cellState(e: CellRunState): void {
    const key = e.notebook.uri.toString();
    const cells = this.runningCells.get(key) ?? new Set();
    if (e.running) cells.add(e.cell);
    else cells.delete(e.cell);
    if (cells.size > 0) this.runningCells.set(key, cells);
    else this.runningCells.delete(key);
    this.cellEmitter.fire(e);
  }

  recordedRun(notebook: vscode.NotebookDocument, run: RunRecord): void {
    this.runEmitter.fire({ notebook, run });
  }

  isRunning(notebook: vscode.Uri): boolean {
    return this.runningCells.has(notebook.toString());
  }

  dispose(): void {
    this.store.dispose();
  }
}
