// The Training Dashboard panels, one per notebook: opened by the commands, fed by the controller's events, and
// brought back after a window reload by the panel serializer.
import * as vscode from 'vscode';
import { DASHBOARD_VIEW_TYPE, mergeOutputs, type DashboardSnapshot, type DashboardState } from '../shared/dashboard';
import { MIME, type TrainingPayload } from '../shared/outputs';
import type { TrainingEvents } from '../notebook/trainingEvents';
import { disposeAll, DisposableStore, toDisposable } from '../shared/lifecycle';
import { DashboardPanel } from './dashboardPanel';
import { emptySnapshot, runsOf, snapshotOf } from './dashboardSnapshot';

interface Entry {
  panel: DashboardPanel;
  notebook?: vscode.NotebookDocument;
  snapshot?: DashboardSnapshot;
}

export class TrainingDashboards implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly store = new DisposableStore();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly events: TrainingEvents,
  ) {
    this.store.add(
      vscode.window.registerWebviewPanelSerializer(DASHBOARD_VIEW_TYPE, {
        deserializeWebviewPanel: (panel, state: DashboardState | undefined) => this.restore(panel, state),
      }),
    );
    this.store.add(
      events.onDidShowOutputs(({ notebook, outputs }) => {
        const entry = this.entry(notebook);
        if (!entry) return;
        entry.snapshot = mergeOutputs(this.current(entry, notebook), outputs);
        const items = outputs.flatMap((o) => o.items);
        const training = items.find((i) => i.mime === MIME.training)?.data as TrainingPayload | undefined;
        // Live epochs go as small updates (the new epochs only); evaluation and summary (or a finished run) as a whole snapshot.
        const onlyLiveTraining =
          training?.state === 'running' && items.every((i) => i.mime !== MIME.evaluation && i.mime !== MIME.summary);
        entry.panel.show(entry.snapshot, onlyLiveTraining);
      }),
    );
    this.store.add(events.onDidChangeCellState(({ notebook }) => this.refresh(notebook)));
    this.store.add(events.onDidRecordRun(({ notebook }) => this.refresh(notebook)));
    // Disposed first (the store goes newest first): the open panels, before the listeners that feed them.
    this.store.add(
      toDisposable(() => {
        const panels = [...this.entries.values()].map((e) => e.panel);
        this.entries.clear();
        disposeAll(panels);
      }),
    );
  }

  /** Opens (or reveals) the dashboard of a notebook beside it. */
  show(notebook: vscode.NotebookDocument, preserveFocus = true): DashboardPanel {
    const key = notebook.uri.toString();
    const existing = this.entries.get(key);
    if (existing) {
      existing.notebook = notebook;
      // Where the person put it: revealing Beside again would move it each time.
      existing.panel.panel.reveal(existing.panel.panel.viewColumn, preserveFocus);
      this.refresh(notebook);
      return existing.panel;
    }
    const panel = vscode.window.createWebviewPanel(
      DASHBOARD_VIEW_TYPE,
      vscode.l10n.t('Training Dashboard'),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus },
      { retainContextWhenHidden: false },
    );
    return this.attach(panel, notebook.uri, notebook);
  }

  /** The dashboard open for a notebook, if any. */
  get(notebook: vscode.Uri): DashboardPanel | undefined {
    return this.entries.get(notebook.toString())?.panel;
  }

  private async restore(panel: vscode.WebviewPanel, state: DashboardState | undefined): Promise<void> {
    if (!state?.notebookUri) {
      panel.dispose();
      return;
    }
    const uri = vscode.Uri.parse(state.notebookUri);
    const notebook =
      vscode.workspace.notebookDocuments.find((nb) => nb.uri.toString() === uri.toString()) ??
      (await Promise.resolve(vscode.workspace.openNotebookDocument(uri)).catch(() => undefined));
    this.attach(panel, uri, notebook);
  }

  private attach(
    webviewPanel: vscode.WebviewPanel,
    uri: vscode.Uri,
    notebook: vscode.NotebookDocument | undefined,
  ): DashboardPanel {
    const key = uri.toString();
    this.entries.get(key)?.panel.dispose();
    const panel = new DashboardPanel(
      webviewPanel,
      uri,
      this.extensionUri,
      () => void vscode.commands.executeCommand('bigmodel.stopTraining', uri),
    );
    const entry: Entry = { panel, notebook };
    this.entries.set(key, entry);
    panel.onDidDispose(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    if (notebook) this.refresh(notebook);
    // A restored dashboard whose notebook is gone (moved or deleted) says which notebook it was, with nothing to show.
    else panel.show(emptySnapshot(uri));
    return panel;
  }

  private entry(notebook: vscode.NotebookDocument): Entry | undefined {
    const entry = this.entries.get(notebook.uri.toString());
    if (entry) entry.notebook = notebook;
    return entry;
  }

  private current(entry: Entry, notebook: vscode.NotebookDocument): DashboardSnapshot {
    return entry.snapshot ?? snapshotOf(notebook, this.events.isRunning(notebook.uri));
  }

  /** Re-reads the running state and run history; while a run goes on, its live payloads are kept. */
  private refresh(notebook: vscode.NotebookDocument): void {
    const entry = this.entry(notebook);
    if (!entry) return;
    const running = this.events.isRunning(notebook.uri);
    // The live snapshot began as the saved one and has each newer payload merged in; a new run cleared the old results.
    entry.snapshot = entry.snapshot
      ? { ...entry.snapshot, running, runs: runsOf(notebook) }
      : snapshotOf(notebook, running);
    entry.panel.show(entry.snapshot);
  }

  dispose(): void {
    this.store.dispose();
  }
}
