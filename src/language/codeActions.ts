// Quick fixes for `bigmodel` cells: replace a misspelt name with the suggestion, insert a missing `flatten`.
import * as vscode from 'vscode';
import type { CellCheckProblem } from '../shared/cellCheck';
import { problemRange, problemsOf } from './diagnostics';

export class CellCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const problem of problemsOf(document)) {
      const at = problemRange(problem);
      if (!problem.fix || !at.intersection(range)) continue;
      const action = new vscode.CodeAction(title(problem), vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      if (problem.fix.kind === 'replace') action.edit.replace(document.uri, at, problem.fix.text);
      else
        action.edit.insert(
          document.uri,
          new vscode.Position(problem.fix.line - 1, problem.fix.column - 1),
          problem.fix.text,
        );
      action.diagnostics = context.diagnostics.filter((d) => d.code === problem.code && d.range.isEqual(at));
      action.isPreferred = true;
      actions.push(action);
    }
    return actions;
  }
}

function title(problem: CellCheckProblem): string {
  if (problem.fix?.kind === 'replace') return vscode.l10n.t('Change to `{0}`', problem.fix.text);
  return vscode.l10n.t('Insert `flatten` before `dense`');
}
