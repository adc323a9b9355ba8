// The Training Dashboard's messages between the extension host (src/panels) and its webview (webview/dashboard).
import { MIME, type EvaluationPayload, type RunRecord, type SummaryPayload, type TrainingPayload } from './outputs';
import type { CellOutput } from './protocol';

/** The view type of the dashboard panel: `registerWebviewPanelSerializer` and `onWebviewPanel:` name it. */
export const DASHBOARD_VIEW_TYPE = 'bigmodel.trainingDashboard';

export type DashboardLanguage = 'en' | 'zh-cn';

/** Everything the dashboard shows for one notebook: the latest run's payloads and the run history. */
export interface DashboardSnapshot {
  language: DashboardLanguage;
  /** The notebook's file name, e.g. `xor.bigmodel`. */
  notebookName: string;
  notebookUri: string;
  /** Whether a training cell of this notebook is running now. */
  running: boolean;
  training?: TrainingPayload;
  evaluation?: EvaluationPayload;
  summary?: SummaryPayload;
  runs: RunRecord[];
}

/** Host → webview. Nothing is posted before the webview says `ready`. */
export type HostMessage =
  | { type: 'snapshot'; snapshot: DashboardSnapshot }
  /**
   * A live training update (at most ~8 a second). With `from`, `payload.epochs` holds only the run's epochs from that
   * index on, and the webview keeps the ones before: a long run's history is not posted again with every update.
   */
  | { type: 'training'; payload: TrainingPayload; from?: number }
  | { type: 'stopping' };

/**
 * Webview → host. `shown` reports what the webview drew (epochs on the curve, runs listed, training state), so the
 * host knows it is caught up; the in-host tests read it.
 */
export type WebviewMessage =
  { type: 'ready' } | { type: 'stop' } | { type: 'shown'; epochs: number; runs: number; state: string };

/** What the webview keeps across a window reload (`vscode.setState`), read back by the panel serializer. */
export interface DashboardState {
  notebookUri: string;
  /** The runs picked for comparison, by start time. */
  compared?: string[];
}

export function isWebviewMessage(m: unknown): m is WebviewMessage {
  const type = (m as { type?: unknown } | null)?.type;
  if (type === 'ready' || type === 'stop') return true;
  const shown = m as { epochs?: unknown; runs?: unknown; state?: unknown };
  return (
    type === 'shown' &&
    typeof shown.epochs === 'number' &&
    typeof shown.runs === 'number' &&
    typeof shown.state === 'string'
  );
}

export function dashboardLanguage(vscodeLanguage: string): DashboardLanguage {
  return vscodeLanguage.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';
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
      if (
        p.state === 'running' &&
        (!previous || previous.state === 'done' || p.epochs.length < previous.epochs.length)
      ) {
        next.evaluation = undefined;
        next.summary = undefined;
      }
      next.training = p;
    } else if (item.mime === MIME.evaluation) next.evaluation = item.data as EvaluationPayload;
    else if (item.mime === MIME.summary) next.summary = item.data as SummaryPayload;
  }
  return next;
}
