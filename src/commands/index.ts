// The command table: every command the extension contributes, registered in one place.
import * as vscode from 'vscode';
import { checkSetup } from './checkSetup';
import type { CommandContext } from './context';
import { newNotebook } from './newNotebook';
import { restartCore } from './restartCore';
import { showDashboard } from './showDashboard';
import { stopTraining } from './stopTraining';
import { trainModel } from './trainModel';

export const COMMANDS: Record<string, (ctx: CommandContext, ...args: never[]) => unknown> = {
  'bigmodel.trainModel': trainModel,
  'bigmodel.newNotebook': newNotebook,
  'bigmodel.stopTraining': stopTraining,
  'bigmodel.showDashboard': showDashboard,
  'bigmodel.checkSetup': checkSetup,
  'bigmodel.restartCore': restartCore,
};

export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  return Object.entries(COMMANDS).map(([id, run]) => vscode.commands.registerCommand(id, (...args: never[]) => run(ctx, ...args)));
}
