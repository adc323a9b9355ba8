// Hovers that teach: the glossary entry of a name in a `bigmodel` cell or a TensorFlow.js name in a script cell,
// in VS Code's display language, and for `epochs` an estimate of the time from this notebook's last run.
import * as vscode from 'vscode';
import { glossaryLanguage, termMarkdown } from '../shared/glossary';
import { isJsonMime } from '../shared/notebookFile';
import { cellTermAt } from './cellContext';
import { scriptTermAt } from './scriptTerms';
import { durationParts, trainingPace } from './trainingPace';

export class CellHoverProvider implements vscode.HoverProvider {
  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const found = cellTermAt(document.getText(), position.line, position.character);
    if (!found) return undefined;
    const markdown = new vscode.MarkdownString(termMarkdown(found.term, glossaryLanguage(vscode.env.language)));
    if (found.term.id === 'epochs') {
      const epochs = Number(/\bepochs\s*:\s*(\d+)/.exec(document.lineAt(position.line).text)?.[1]);
      const estimate = Number.isInteger(epochs) && epochs > 0 ? estimateText(document, epochs) : undefined;
      if (estimate) markdown.appendMarkdown(`\n\n---\n\n${estimate}`);
    }
    return new vscode.Hover(markdown, new vscode.Range(position.line, found.start, position.line, found.end));
  }
}

export class ScriptHoverProvider implements vscode.HoverProvider {
  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const found = scriptTermAt(document.lineAt(position.line).text, position.character);
    if (!found) return undefined;
    return new vscode.Hover(
      new vscode.MarkdownString(termMarkdown(found.term, glossaryLanguage(vscode.env.language))),
      new vscode.Range(position.line, found.start, position.line, found.end),
    );
  }
}

/** "At the pace of the last run …, 50 epochs take about 3 min." when the notebook has trained before. */
function estimateText(document: vscode.TextDocument, epochs: number): string | undefined {
  const notebook = notebookOf(document);
  if (!notebook) return undefined;
  const outputs = notebook.getCells().flatMap((cell) =>
    cell.outputs
      .flatMap((o) => o.items)
      .filter((item) => isJsonMime(item.mime))
      .map((item) => ({ mime: item.mime, data: parseJson(item.data) })),
  );
  const meta = (notebook.metadata as { metadata?: { runs?: unknown } }).metadata;
  const pace = trainingPace(outputs, meta?.runs);
  if (!pace) return undefined;
  const total = duration(pace.secondsPerEpoch * epochs);
  if (pace.from === 'outputs') {
    return vscode.l10n.t(
      'At the pace of the last run ({0} samples/s on {1} training samples), {2} epochs take about {3}.',
      Math.round(pace.samplesPerSecond),
      pace.trainSamples,
      epochs,
      total,
    );
  }
  return vscode.l10n.t(
    'At the pace of the last recorded run ({0} per epoch), {1} epochs take about {2}.',
    duration(pace.secondsPerEpoch),
    epochs,
    total,
  );
}

function duration(seconds: number): string {
  const d = durationParts(seconds);
  if (d.unit === 's') return vscode.l10n.t('{0} s', d.value);
  if (d.unit === 'min') return vscode.l10n.t('{0} min', d.value);
  return vscode.l10n.t('{0} h {1} min', d.value, d.minutes ?? 0);
}

function notebookOf(document: vscode.TextDocument): vscode.NotebookDocument | undefined {
  const uri = document.uri.toString();
  return vscode.workspace.notebookDocuments.find((nb) =>
    nb.getCells().some((cell) => cell.document.uri.toString() === uri),
  );
}

function parseJson(data: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(data));
  } catch {
    return undefined;
  }
}
