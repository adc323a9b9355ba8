// The status bar item of a BigModel notebook: which backend and device train it, and what training is doing now.
import * as vscode from 'vscode';
import type { CoreInfo } from '../shared/protocol';
import type { StopReason, TrainingPayload } from '../shared/outputs';
import { DisposableStore } from '../shared/lifecycle';

export class TrainingStatus implements vscode.Disposable {
  private readonly store = new DisposableStore();
  private readonly item = this.store.add(
    vscode.window.createStatusBarItem('bigmodel.training', vscode.StatusBarAlignment.Left, 50),
  );
  private readonly progressEmitter = this.store.add(new vscode.EventEmitter<TrainingPayload>());
  /** Every training update the controller shows (the Train Model command follows it in a notification). */
  readonly onDidTrain = this.progressEmitter.event;

  constructor() {
    this.item.name = vscode.l10n.t('BigModel Training');
    this.item.command = 'bigmodel.checkSetup';
    this.notStarted();
    this.store.add(vscode.window.onDidChangeActiveNotebookEditor((e) => this.showFor(e)));
    this.showFor(vscode.window.activeNotebookEditor);
  }

  /** The item's text, for tests (the status bar itself cannot be read through the API). */
  get text(): string {
    return this.item.text;
  }

  notStarted(): void {
    this.item.text = `$(circuit-board) ${vscode.l10n.t('BigModel: not started')}`;
    this.item.tooltip = vscode.l10n.t(
      'The training core starts when you run a cell. Click to check the training setup.',
    );
  }

  ready(info: CoreInfo): void {
    this.item.text = `$(circuit-board) ${info.backend}`;
    this.item.tooltip = vscode.l10n.t(
      'BigModel trains on {0}: {1}. Click to check the training setup.',
      info.backend,
      info.device,
    );
  }

  training(p: TrainingPayload): void {
    this.progressEmitter.fire(p);
    if (p.state === 'done') {
      this.item.text = `$(circuit-board) ${p.backend} · ${endedText(p.stopped ?? 'completed', p.epochs.length)}`;
      return;
    }
    const progress = p.progress;
    const done = progress ? (progress.epoch - 1 + progress.batch / progress.batchesPerEpoch) / p.totalEpochs : 0;
    const eta = progress ? vscode.l10n.t('ETA {0} s', Math.max(0, Math.round(progress.etaSeconds))) : '';
    this.item.text = `$(sync~spin) ${p.backend} · ${vscode.l10n.t('epoch {0}/{1}', progress?.epoch ?? 1, p.totalEpochs)} · ${Math.round(done * 100)}%${eta ? ` · ${eta}` : ''}`;
    this.item.tooltip = vscode.l10n.t(
      'Training on {0}: {1}. Interrupt the cell to stop after this batch and keep the weights.',
      p.backend,
      p.device,
    );
  }

  ended(reason: string): void {
    this.item.text = `$(warning) ${vscode.l10n.t('BigModel: core stopped')}`;
    this.item.tooltip = vscode.l10n.t('The training core stopped: {0}. The next run starts a new one.', reason);
  }

  private showFor(editor: vscode.NotebookEditor | undefined): void {
    if (editor?.notebook.notebookType === 'bigmodel') this.item.show();
    else this.item.hide();
  }

  dispose(): void {
    this.store.dispose();
  }
}

/** How a run ended, for the status bar, in the display language (the reason itself is a code, never shown as is). */
function endedText(reason: StopReason, epochs: number): string {
  switch (reason) {
    case 'completed':
      return vscode.l10n.t('completed {0} epochs', epochs);
    case 'cancelled':
      return vscode.l10n.t('stopped after {0} epochs', epochs);
    case 'early-stopping':
      return vscode.l10n.t('stopped early after {0} epochs (no more improvement)', epochs);
    case 'diverged':
      return vscode.l10n.t('diverged after {0} epochs', epochs);
  }
}
