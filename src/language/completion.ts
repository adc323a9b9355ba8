// Completions in `bigmodel` cells: section names, the keys of the section (or layer) the cursor is in, layer names
// after `- ` in `model.layers`, and the values a key takes; each documented with its glossary entry.
import * as vscode from 'vscode';
import { keysAt, LAYERS, SECTION_KEYS, SECTIONS, valueAt, valueNames } from '../shared/cellSchema';
import {
  findTerm,
  glossaryLanguage,
  kindLabel,
  termMarkdown,
  termText,
  type GlossaryLanguage,
} from '../shared/glossary';
import { inComment, positionIn, wordAt } from './cellContext';

export class CellCompletionProvider implements vscode.CompletionItemProvider {
  /** A space after `- `, `key:` or `{` opens the list. */
  static readonly triggers = [' '];

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    const lineText = document.lineAt(position.line).text;
    if (inComment(lineText, position.character)) return [];
    const where = positionIn(document.getText(), position.line, position.character);
    const word = wordAt(lineText, position.character);
    const start = word && word.start < position.character ? word.start : position.character;
    const range = new vscode.Range(position.line, start, position.line, Math.max(position.character, word?.end ?? 0));
    const language = glossaryLanguage(vscode.env.language);
    const context = where.role === 'key' || where.role === 'value' ? where.path : [];
    const item = (name: string, kind: vscode.CompletionItemKind, insert = name) => {
      const c = new vscode.CompletionItem(name, kind);
      c.insertText = insert;
      c.range = range;
      describe(c, name, context, language);
      return c;
    };

    switch (where.role) {
      case 'section':
        return SECTIONS.map((s) => item(s, vscode.CompletionItemKind.Module, `${s}:`));
      case 'layer':
        return LAYERS.map((l) => item(l, vscode.CompletionItemKind.Class));
      case 'key':
        return Object.keys(keysAt(where.path) ?? {}).map((k) => item(k, vscode.CompletionItemKind.Property, `${k}: `));
      case 'value': {
        if (where.key === undefined) return [];
        const spec =
          where.path.length === 0 && where.key === 'data'
            ? SECTION_KEYS.data.source
            : valueAt([...where.path, where.key]);
        const seen = new Set<string>();
        return valueNames(spec).flatMap((group) =>
          group.names
            .filter((n) => !seen.has(n) && seen.add(n))
            .map((n) =>
              item(
                n,
                group.kind === 'boolean' ? vscode.CompletionItemKind.Keyword : vscode.CompletionItemKind.EnumMember,
              ),
            ),
        );
      }
    }
  }
}

function describe(item: vscode.CompletionItem, name: string, context: string[], language: GlossaryLanguage): void {
  const term = findTerm(name, context);
  if (!term) return;
  item.detail = `${kindLabel(term.kind, language)} — ${termText(term, language).summary}`;
  item.documentation = new vscode.MarkdownString(termMarkdown(term, language));
}
