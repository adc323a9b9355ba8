// "BigModel: New Notebook": an untitled notebook from one of the seed models (src/shared/seedModels.ts), the same
// models the snippets offer, picked from a localised list or named by argument (`'cnn'`), as tests and other commands do.
import * as vscode from 'vscode';
import { SEED_MODELS, seedModel, type SeedModel, type SeedModelId } from '../shared/seedModels';
import type { CommandContext } from './context';

interface TemplateText {
  title: string;
  detail: string;
  /** What the notebook does, in a sentence or two for its first cell. */
  about: string;
}

/** Every literal goes through vscode.l10n.t, so the Chinese bundle has them (test/unit/localisation.test.ts). */
function textOf(id: SeedModelId): TemplateText {
  switch (id) {
    case 'binary-classifier':
      return {
        title: vscode.l10n.t('Binary classifier (yes/no)'),
        detail: vscode.l10n.t('XOR points: dense 10 relu → dense 1 sigmoid; trains in seconds'),
        about: vscode.l10n.t(
          'Points in a square; the label says whether x and y have different signs. No straight line separates the two classes, so the model needs a hidden layer. Run All: the training cell draws the loss curve live and the last cell writes a summary against the goal.',
        ),
      };
    case 'mlp':
      return {
        title: vscode.l10n.t('MLP (784-500-10)'),
        detail: vscode.l10n.t('Fashion-MNIST pictures of clothes through one hidden layer of 500 units'),
        about: vscode.l10n.t(
          'A multilayer perceptron: each 28×28 picture becomes 784 numbers, one hidden layer of 500 units learns features, and 10 outputs give the chance of each kind of clothing.',
        ),
      };
    case 'cnn':
      return {
        title: vscode.l10n.t('CNN for images'),
        detail: vscode.l10n.t('Fashion-MNIST: conv 32 → pool → conv 64 → pool → conv 64 → dense 64 → dense 10'),
        about: vscode.l10n.t(
          'A convolutional network: small filters slide over each picture to find edges and shapes, pooling halves the size, and two dense layers pick one of the 10 kinds of clothing.',
        ),
      };
    case 'recommender':
      return {
        title: vscode.l10n.t('Embedding recommender (user × item)'),
        detail: vscode.l10n.t('Predicts ratings from a CSV of user, item and rating'),
        about: vscode.l10n.t(
          'Learns a vector for every user and every item and predicts how a user would rate an item. User and item ids share one table: number the items after the users, and keep `inputDim` above the largest id.',
        ),
      };
    case 'text-transformer':
      return {
        title: vscode.l10n.t('Transformer text classifier'),
        detail: vscode.l10n.t('Labels short texts from a CSV of text and label'),
        about: vscode.l10n.t(
          'A small transformer: words become vectors, a self-attention block lets each word look at the others, and the average of the result picks a label.',
        ),
      };
  }
}

export function templateItems(): (vscode.QuickPickItem & { id: SeedModelId })[] {
  return SEED_MODELS.map((m) => ({ id: m.id, label: textOf(m.id).title, detail: textOf(m.id).detail }));
}

/** The cells of a new notebook: a localised introduction, then the template's `bigmodel` cells. */
export function templateNotebook(model: SeedModel): vscode.NotebookData {
  const text = textOf(model.id);
  const intro = [`# ${text.title}`, '', text.about];
  if (model.needsFiles.length > 0) {
    const files = model.needsFiles.map((f) => `\`${f}\``).join(', ');
    intro.push(
      '',
      vscode.l10n.t(
        'Before running: save this notebook, and put {0} in its folder (the first cell names the columns it reads).',
        files,
      ),
    );
  }
  const cells = [
    new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, intro.join('\n'), 'markdown'),
    ...model.cells.map((source) => new vscode.NotebookCellData(vscode.NotebookCellKind.Code, source, 'bigmodel')),
  ];
  const data = new vscode.NotebookData(cells);
  data.metadata = { metadata: { title: text.title, runs: [] } };
  return data;
}

/** Opens an untitled notebook from a template: `template` names one (a seed model's id); without it the user picks. */
export async function newNotebook(_ctx: CommandContext, template?: string): Promise<vscode.NotebookEditor | undefined> {
  let model: SeedModel | undefined;
  if (template !== undefined) {
    model = seedModel(template);
    if (!model) {
      const known = SEED_MODELS.map((m) => m.id).join(', ');
      void vscode.window.showErrorMessage(
        vscode.l10n.t('There is no notebook template "{0}". Templates: {1}.', template, known),
      );
      return undefined;
    }
  } else {
    const picked = await vscode.window.showQuickPick(templateItems(), {
      placeHolder: vscode.l10n.t('Start from which model?'),
    });
    if (!picked) return undefined;
    model = seedModel(picked.id);
  }
  if (!model) return undefined;
  const notebook = await vscode.workspace.openNotebookDocument('bigmodel', templateNotebook(model));
  return vscode.window.showNotebookDocument(notebook);
}
