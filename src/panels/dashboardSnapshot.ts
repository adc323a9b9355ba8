// What the dashboard shows for a notebook, read from what the notebook already holds: its saved outputs and
// `metadata.runs`, and merged with live outputs while a cell trains.
import * as vscode from 'vscode';
import { dashboardLanguage, type DashboardSnapshot } from '../shared/dashboard';
import { MIME, type EvaluationPayload, type RunRecord, type SummaryPayload, type TrainingPayload } from '../shared/outputs';
import type { CellOutput } from '../shared/protocol';

export function runsOf(notebook: vscode.NotebookDocument): RunRecord[] {
  const inner = (notebook.metadata as { metadata?: { runs?: unknown } }).metadata;
  return Array.isArray(inner?.runs) ? (inner.runs as RunRecord[]) : [];
}

function decode(item: vscode.NotebookCellOutputItem): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(item.data));
  } catch {
    return undefined;
  }
}

/** The last training, evaluation and summary payloads in the notebook's cells, in cell order. */
export function savedPayloads(notebook: vscode.NotebookDocument): Pick<DashboardSnapshot, 'training' | 'evaluation' | 'summary'> {
  const found: Pick<DashboardSnapshot, 'training' | 'evaluation' | 'summary'> = {};
  for (const cell of notebook.getCells()) {
    for (const item of cell.outputs.flatMap((o) => o.items)) {
      if (item.mime === MIME.training) found.training = decode(item) as TrainingPayload;
      else if (item.mime === MIME.evaluation) found.evaluation = decode(item) as EvaluationPayload;
      else if (item.mime === MIME.summary) found.summary = decode(item) as SummaryPayload;
    }
  }
  return found;
}

export function snapshotOf(notebook: vscode.NotebookDocument, running: boolean): DashboardSnapshot {
  return {
    language: dashboardLanguage(vscode.env.language),
    notebookName: notebook.uri.path.split('/').pop() || notebook.uri.toString(),
    notebookUri: notebook.uri.toString(),
    running,
    ...savedPayloads(notebook),
    runs: runsOf(notebook),
  };
}

/**
 * Merges a running cell's outputs into the snapshot. A training payload that starts a new run clears the previous
 * run's evaluation and summary, so the dashboard never shows a confusion matrix from another run beside live curves.
 */
export function mergeOutputs(snapshot: DashboardSnapshot, outputs: CellOutput[]): DashboardSnapshot {
  const next = { ...snapshot };
  for (const item of outputs.flatMap((o) => o.items)) {
    if (item.mime === MIME.training) {
      const p = item.data as TrainingPayload;
      const previous = snapshot.training;
      if (p.state === 'running' && (!previous || previous.state === 'done' || p.epochs.length < previous.epochs.length)) {
        next.evaluation = undefined;
        next.summary = undefined;
      }
      next.training = p;
    } else if (item.mime === MIME.evaluation) next.evaluation = item.data as EvaluationPayload;
    else if (item.mime === MIME.summary) next.summary = item.data as SummaryPayload;
  }
  return next;
}
