// What the dashboard shows for a notebook, read from what the notebook already holds: its saved outputs and
// `metadata.runs`, and merged with live outputs while a cell trains.
import * as vscode from 'vscode';
import { dashboardLanguage, type DashboardSnapshot } from '../shared/dashboard';
import {
  MIME,
  type EvaluationPayload,
  type RunRecord,
  type SummaryPayload,
  type TrainingPayload,
} from '../shared/outputs';

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
export function savedPayloads(
  notebook: vscode.NotebookDocument,
): Pick<DashboardSnapshot, 'training' | 'evaluation' | 'summary'> {
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

/** The snapshot of a notebook with nothing in it yet. */
export function emptySnapshot(uri: vscode.Uri): DashboardSnapshot {
  return {
    language: dashboardLanguage(vscode.env.language),
    notebookName: uri.path.split('/').pop() || uri.toString(),
    notebookUri: uri.toString(),
    running: false,
    runs: [],
  };
}

export function snapshotOf(notebook: vscode.NotebookDocument, running: boolean): DashboardSnapshot {
  return { ...emptySnapshot(notebook.uri), running, ...savedPayloads(notebook), runs: runsOf(notebook) };
}
