// The one catch around every command: a failure is shown to the user (its message and "Show Log") and written to the
// BigModel log with its stacks (the core's too, when it failed there), instead of vanishing into VS Code's console.
import * as vscode from 'vscode';
import { BigModelError, errorLogText, type ErrorCategory } from '../shared/bigModelError';

/** A failure that was shown: for the in-host tests, which cannot read notifications through the API. */
export interface CommandFailure {
  command: string;
  category: ErrorCategory;
  message: string;
}

const KEEP = 20;

export class CommandFailures {
  readonly shown: CommandFailure[] = [];

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** Runs a command's body: what it returns, or undefined when it failed (the failure is shown and logged). */
  async run<T>(command: string, body: () => T | Thenable<T>): Promise<T | undefined> {
    try {
      return await body();
    } catch (e) {
      this.report(command, e);
      return undefined;
    }
  }

  report(command: string, e: unknown): void {
    // A stop the user asked for is not a failure to show.
    if (e instanceof vscode.CancellationError || (e instanceof BigModelError && e.category === 'cancelled')) {
      this.log.info(`${command} stopped: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    const err = BigModelError.from(e);
    // Our own errors are written for the user; anything else (a bug) says which command it broke.
    const message =
      e instanceof BigModelError ? err.message : vscode.l10n.t('{0} failed: {1}', commandTitle(command), err.message);
    this.log.error(`${command} failed (${err.category}): ${errorLogText(e)}`);
    this.shown.push({ command, category: err.category, message });
    if (this.shown.length > KEEP) this.shown.splice(0, this.shown.length - KEEP);
    const showLog = vscode.l10n.t('Show Log');
    void Promise.resolve(vscode.window.showErrorMessage(message, showLog)).then((choice) => {
      if (choice === showLog) this.log.show(true);
    });
  }
}

/** The command's title as the Command Palette shows it (package.json, in the display language), else its id. */
function commandTitle(command: string): string {
  const contributed: unknown =
    vscode.extensions.getExtension('bigmodel.bigmodel-studio')?.packageJSON?.contributes?.commands;
  const entry = Array.isArray(contributed)
    ? (contributed as Record<string, unknown>[]).find((c) => c.command === command)
    : undefined;
  const title = entry && shownText(entry.title);
  if (!title) return command;
  const category = shownText(entry.category);
  return category ? `${category}: ${title}` : title;
}

/** A manifest text: a string, or `{ value, original }` where VS Code has translated it (another display language). */
function shownText(text: unknown): string | undefined {
  const value = typeof text === 'object' && text !== null ? (text as { value?: unknown }).value : text;
  return typeof value === 'string' && value !== '' && !value.startsWith('%') ? value : undefined;
}
