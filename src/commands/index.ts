// The command table: every command the extension contributes, registered in one place.
import * as vscode from 'vscode';
import { checkSetup } from './checkSetup';
import type { CommandFailures } from './commandFailures';
import type { CommandContext } from './context';
import { newNotebook } from './newNotebook';
import { restartCore } from './restartCore';
import { showDashboard } from './showDashboard';
import { stopTraining } from './stopTraining';
import { trainModel } from './trainModel';

/**
 * What a command does in an untrusted workspace (Restricted Mode): `refuse` (it would start or drive a training
 * core: it says why and does nothing), or `note` (it only shows a notebook or saved results: it does that, and says
 * that nothing will run). Each command must say which.
 */
type Untrusted = 'refuse' | 'note';

export const COMMANDS: Record<
  string,
  { run: (ctx: CommandContext, ...args: never[]) => unknown; untrusted: Untrusted }
> = {
  'bigmodel.trainModel': { run: trainModel, untrusted: 'refuse' },
  'bigmodel.newNotebook': { run: newNotebook, untrusted: 'note' },
  'bigmodel.stopTraining': { run: stopTraining, untrusted: 'refuse' },
  'bigmodel.showDashboard': { run: showDashboard, untrusted: 'note' },
  'bigmodel.checkSetup': { run: checkSetup, untrusted: 'refuse' },
  'bigmodel.restartCore': { run: restartCore, untrusted: 'refuse' },
};

/** Registers the table; a command that fails is shown and logged by `failures`, and returns undefined. */
export function registerCommands(ctx: CommandContext, failures: CommandFailures): vscode.Disposable[] {
  return Object.entries(COMMANDS).map(([id, { run, untrusted }]) =>
    vscode.commands.registerCommand(id, (...args: never[]) => {
      if (untrusted === 'refuse' && !ctx.trust.allowsRunning(id)) return undefined;
      if (untrusted === 'note') ctx.trust.noteRestricted(id);
      return failures.run(id, () => run(ctx, ...args));
    }),
  );
}
