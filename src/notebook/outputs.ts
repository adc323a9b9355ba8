// Converts the core's plain outputs into VS Code output items, and updates a running cell's outputs in place.
import * as vscode from 'vscode';
import { isJsonMime } from '../shared/notebookFile';
import type { CellOutput, CellOutputItem } from '../shared/protocol';

export function toOutputItem(item: CellOutputItem): vscode.NotebookCellOutputItem {
  if (isJsonMime(item.mime)) return vscode.NotebookCellOutputItem.json(item.data, item.mime);
  return vscode.NotebookCellOutputItem.text(String(item.data), item.mime);
}

/**
 * Shows a cell's outputs as they grow. An output whose MIME types match the one already shown at its index is
 * updated with replaceOutputItems, so a renderer redraws the same chart instead of building a new one each frame.
 */
export class LiveOutputs {
  private shown: vscode.NotebookCellOutput[] = [];
  /** The newest outputs not shown yet: an update that arrives while one is being applied replaces any older one. */
  private pending?: CellOutput[];
  private draining?: Promise<void>;

  constructor(private readonly execution: vscode.NotebookCellExecution) {}

  /**
   * Shows `outputs` once the update in flight is applied, skipping updates that a newer one made stale: when the
   * window draws slower than the core reports (a busy machine), the cell shows the latest state instead of falling
   * further and further behind a queue. Resolves when nothing newer is left to show.
   */
  show(outputs: CellOutput[]): Promise<void> {
    this.pending = outputs;
    this.draining ??= this.drain();
    return this.draining;
  }

  private async drain(): Promise<void> {
    for (;;) {
      const next = this.pending;
      if (!next) {
        this.draining = undefined;
        return;
      }
      this.pending = undefined;
      await this.apply(next).catch(() => {});
    }
  }

  private async apply(outputs: CellOutput[]): Promise<void> {
    const sameShape = (a: vscode.NotebookCellOutput, b: CellOutput) =>
      a.items.length === b.items.length && a.items.every((it, i) => it.mime === b.items[i].mime);
    if (outputs.length < this.shown.length || outputs.some((o, i) => this.shown[i] && !sameShape(this.shown[i], o))) {
      this.shown = outputs.map((o) => new vscode.NotebookCellOutput(o.items.map(toOutputItem)));
      await this.execution.replaceOutput(this.shown);
      return;
    }
    for (let i = 0; i < outputs.length; i++) {
      const items = outputs[i].items.map(toOutputItem);
      if (this.shown[i]) {
        await this.execution.replaceOutputItems(items, this.shown[i]);
      } else {
        const output = new vscode.NotebookCellOutput(items);
        this.shown.push(output);
        await this.execution.appendOutput(output);
      }
    }
  }
}
