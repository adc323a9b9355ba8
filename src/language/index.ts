// The editor that teaches: hovers, completions, diagnostics and quick fixes for `bigmodel` cells, and glossary
// hovers for TensorFlow.js names in the notebook's JavaScript and TypeScript cells.
import { totalmem } from 'node:os';
import * as vscode from 'vscode';
import { setMachineMemory } from '../shared/modelSize';
import { CellCodeActions } from './codeActions';
import { CellCompletionProvider } from './completion';
import { CellDiagnostics } from './diagnostics';
import { CellHoverProvider, ScriptHoverProvider } from './hover';

const CELLS: vscode.DocumentSelector = { language: 'bigmodel' };
const SCRIPT_CELLS: vscode.DocumentSelector = [
  { language: 'javascript', notebookType: 'bigmodel' },
  { language: 'typescript', notebookType: 'bigmodel' },
];

export function registerLanguageFeatures(): vscode.Disposable[] {
  // The core runs on this machine: the editor weighs a model against the same memory the core does (modelCheck.ts).
  setMachineMemory(totalmem());
  return [
    vscode.languages.registerHoverProvider(CELLS, new CellHoverProvider()),
    vscode.languages.registerHoverProvider(SCRIPT_CELLS, new ScriptHoverProvider()),
    vscode.languages.registerCompletionItemProvider(
      CELLS,
      new CellCompletionProvider(),
      ...CellCompletionProvider.triggers,
    ),
    vscode.languages.registerCodeActionsProvider(CELLS, new CellCodeActions(), {
      providedCodeActionKinds: CellCodeActions.kinds,
    }),
    new CellDiagnostics(),
  ];
}
