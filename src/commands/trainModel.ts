// "BigModel: Train Model": runs the active notebook's cells up to and including the first one that trains,
// with a progress notification (epoch, percent, ETA) whose Cancel stops after the current batch, and the Training
// Dashboard beside the notebook.
import * as vscode from 'vscode';
import type { TrainingPayload } from '../shared/outputs';
import { activeBigModelNotebook, type CommandContext } from './context';
import { newNotebook } from './newNotebook';

export async function trainModel(ctx: CommandContext): Promise<boolean> {
  const editor = activeBigModelNotebook(vscode) ?? (await newNotebook(ctx));
  if (!editor) return false;
  const cells = editor.notebook.getCells();
  const trainIndex = cells.findIndex(
    (c) => c.kind === vscode.NotebookCellKind.Code && /^train\s*:/m.test(c.document.getText()),
  );
  if (trainIndex < 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('This notebook has no cell with a `train:` section to run.'));
    return false;
  }
  const notebook = editor.notebook;
  ctx.dashboards.show(notebook);
  const run = vscode.commands.executeCommand('notebook.cell.execute', {
    ranges: [{ start: 0, end: trainIndex + 1 }],
    document: notebook.uri,
  });
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Training the model'), cancellable: true },
    (progress, token) =>
      new Promise<void>((resolve) => {
        let reported = 0;
        const update = (p: TrainingPayload) => {
          const fraction =
            p.state === 'done'
              ? 1
              : p.progress
                ? (p.progress.epoch - 1 + p.progress.batch / p.progress.batchesPerEpoch) / p.totalEpochs
                : 0;
          const message =
            p.progress && p.state === 'running'
              ? vscode.l10n.t(
                  'epoch {0}/{1} · {2}% · ETA {3} s',
                  p.progress.epoch,
                  p.totalEpochs,
                  Math.round(fraction * 100),
                  Math.max(0, Math.round(p.progress.etaSeconds)),
                )
              : vscode.l10n.t('epoch {0}/{1}', p.epochs.length, p.totalEpochs);
          progress.report({ message, increment: Math.max(0, fraction * 100 - reported) });
          reported = Math.max(reported, fraction * 100);
        };
        const listener = ctx.status.onDidTrain(update);
        const cancel = token.onCancellationRequested(
          () => void ctx.cores.running(notebook.uri).then((c) => c?.stopTraining()),
        );
        void Promise.resolve(run).finally(() => {
          listener.dispose();
          cancel.dispose();
          resolve();
        });
      }),
  );
  return true;
}
