// The editor that teaches, in a real extension host: glossary hovers, completions, diagnostics at the exact range,
// and quick fixes that change the cell. `npm test` runs this suite twice: in English, and with
// `run-in-host.js --locale zh-cn`, where every text below is checked in Simplified Chinese.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { findTerm, glossaryLanguage, termText } from '../../src/shared/glossary';
import { waitFor } from './wait';

const EXTENSION_ID = 'bigmodel.bigmodel-studio';
const language = glossaryLanguage(vscode.env.language);
const english = language === 'en';

async function openCells(
  cells: { source: string; language?: string }[],
  metadata?: Record<string, unknown>,
): Promise<vscode.NotebookDocument> {
  const data = new vscode.NotebookData(
    cells.map((c) => new vscode.NotebookCellData(vscode.NotebookCellKind.Code, c.source, c.language ?? 'bigmodel')),
  );
  if (metadata) data.metadata = metadata;
  const notebook = await vscode.workspace.openNotebookDocument('bigmodel', data);
  // Shown as a person would see it: code actions are asked of the cell's editor model, which exists only once shown.
  await vscode.window.showNotebookDocument(notebook);
  return notebook;
}

/** The text of every hover at a position, joined. */
async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n\n');
}

/** The position of the first `needle` in a document, `offset` characters into it. */
function find(document: vscode.TextDocument, needle: string, offset = 0): vscode.Position {
  const index = document.getText().indexOf(needle);
  assert.ok(index >= 0, `${needle} is in the cell`);
  return document.positionAt(index + offset);
}

describe('the bigmodel language in a VS Code extension host', () => {
  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
  });

  it('explains `relu` and `adam` on hover with their glossary entries', async () => {
    const nb = await openCells([
      {
        source:
          'model:\n  layers:\n    - dense: { units: 8, activation: relu }\ntrain:\n  optimizer: adam\n  epochs: 5',
      },
    ]);
    const doc = nb.cellAt(0).document;
    const relu = await hoverText(doc.uri, find(doc, 'relu', 2));
    assert.ok(relu.includes(termText(findTerm('relu')!, language).summary), relu);
    assert.ok(relu.includes('relu(x) = max(0, x)'), 'the formula');
    const adam = await hoverText(doc.uri, find(doc, 'adam', 1));
    assert.ok(adam.includes(termText(findTerm('adam')!, language).summary), adam);
    assert.ok(adam.includes('m̂ / (√v̂ + ε)'), 'the Adam update');
    assert.match(relu, english ? /\*\*For your model:\*\*/ : /\*\*对你的模型意味着：\*\*/);
  });

  it("estimates the time of `epochs` from the notebook's last recorded run", async () => {
    const nb = await openCells([{ source: 'train:\n  epochs: 50' }], {
      metadata: { runs: [{ durationMs: 20000, epochs: 10, hyperparameters: {}, final: {} }] },
    });
    const doc = nb.cellAt(0).document;
    const text = await hoverText(doc.uri, find(doc, '50', 1));
    assert.ok(text.includes(termText(findTerm('epochs')!, language).summary));
    if (english)
      assert.match(text, /At the pace of the last recorded run \(2 s per epoch\), 50 epochs take about 2 min\./);
    else assert.match(text, /按上次记录的运行速度（每轮 2 秒），50 轮大约需要 2 分钟。/);
  });

  it('explains TensorFlow.js names in a JavaScript cell of the notebook', async () => {
    const nb = await openCells([{ source: 'const layer = tf.layers.dense({ units: 4 });', language: 'javascript' }]);
    const doc = nb.cellAt(0).document;
    const text = await hoverText(doc.uri, find(doc, 'dense', 2));
    assert.ok(text.includes(termText(findTerm('dense')!, language).summary), text);
  });

  it('completes layer names after `- ` in model.layers', async () => {
    const nb = await openCells([{ source: 'model:\n  layers:\n    - conv2d: { filters: 8, kernelSize: 3 }\n    - ' }]);
    const doc = nb.cellAt(0).document;
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      new vscode.Position(3, 6),
    );
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('dense'), labels.join(', '));
    assert.ok(labels.includes('conv2d'));
    assert.ok(!labels.includes('epochs'), 'no settings where a layer goes');
  });

  it('completes the keys of a section and the values of a key', async () => {
    const nb = await openCells([{ source: 'train:\n  optimizer: \n  ep' }]);
    const doc = nb.cellAt(0).document;
    const labels = async (pos: vscode.Position) => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        doc.uri,
        pos,
      );
      return list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    };
    assert.ok((await labels(new vscode.Position(1, 13))).includes('adam'));
    const values = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      new vscode.Position(1, 13),
    );
    const adam = values.items.find((i) => i.label === 'adam');
    assert.equal(
      adam?.detail,
      `${english ? 'optimizer' : '优化器'} — ${termText(findTerm('adam')!, language).summary}`,
    );
    assert.ok((await labels(new vscode.Position(2, 4))).includes('epochs'));
  });

  it('reports a misspelt layer at its exact range and fixes it', async () => {
    // One sigmoid unit, as xor's yes/no labels need: after the fix the cell has no problem left.
    const nb = await openCells([
      { source: 'data:\n  source: xor\nmodel:\n  layers:\n    - desne: { units: 1, activation: sigmoid }' },
    ]);
    const doc = nb.cellAt(0).document;
    const [diagnostic] = await waitFor('a diagnostic', () => {
      const d = vscode.languages.getDiagnostics(doc.uri);
      return d.length > 0 ? d : undefined;
    });
    assert.deepEqual(
      [
        diagnostic.range.start.line,
        diagnostic.range.start.character,
        diagnostic.range.end.line,
        diagnostic.range.end.character,
      ],
      [4, 6, 4, 11],
    );
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.match(diagnostic.message, /`desne`.*`dense`/);
    assert.equal(
      diagnostic.message,
      english ? 'unknown layer `desne` — did you mean `dense`?' : '未知的层 `desne` — 是不是 `dense`？',
    );

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      diagnostic.range,
    );
    const fix = actions.find((a) => a.title.includes('`dense`'));
    assert.ok(fix?.edit, `a quick fix among ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(fix.title, english ? 'Change to `dense`' : '改为 `dense`');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(doc.lineAt(4).text, '    - dense: { units: 1, activation: sigmoid }');
    await waitFor('the diagnostic to go', () =>
      vscode.languages.getDiagnostics(doc.uri).length === 0 ? true : undefined,
    );
  });

  it('reports wrong types and ranges, and updates as the cell changes', async () => {
    const nb = await openCells([{ source: 'train:\n  epochs: ten\nmodel:\n  layers:\n    - dropout: 1.5' }]);
    const doc = nb.cellAt(0).document;
    const diagnostics = await waitFor('two diagnostics', () => {
      const d = vscode.languages.getDiagnostics(doc.uri);
      return d.length === 2 ? d : undefined;
    });
    const ranges = diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.range.end.character]);
    assert.deepEqual(ranges, [
      [1, 10, 13],
      [4, 15, 18],
    ]);
    if (english) {
      assert.equal(diagnostics[0].message, '`train.epochs` must be a whole number, got `ten`');
      assert.equal(diagnostics[1].message, '`dropout.rate` must be ≥ 0 and less than 1, got 1.5');
    } else {
      assert.equal(diagnostics[0].message, '`train.epochs` 必须是整数，实际为 `ten`');
      assert.equal(diagnostics[1].message, '`dropout.rate` 必须 ≥ 0 且小于 1，实际为 1.5');
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(1, 10, 1, 13), '10');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor('one diagnostic left', () =>
      vscode.languages.getDiagnostics(doc.uri).length === 1 ? true : undefined,
    );
  });

  it('reports a dense layer after conv2d and inserts flatten', async () => {
    const nb = await openCells([
      { source: 'model:\n  layers:\n    - conv2d: { filters: 8, kernelSize: 3 }\n    - dense: { units: 10 }' },
    ]);
    const doc = nb.cellAt(0).document;
    const [diagnostic] = await waitFor('a diagnostic', () => {
      const d = vscode.languages.getDiagnostics(doc.uri);
      return d.length > 0 ? d : undefined;
    });
    // An error since the model checks (src/shared/modelCheck.ts): the core refuses such a stack before training.
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.deepEqual([diagnostic.range.start.line, diagnostic.range.start.character], [3, 6]);
    assert.equal(
      diagnostic.message,
      english
        ? '`dense` after `conv2d` gets a 2-D feature map, not a vector: insert `flatten` before it'
        : '`conv2d` 之后的 `dense` 收到的是二维特征图而不是向量：请在它之前插入 `flatten`',
    );
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      diagnostic.range,
    );
    const fix = actions.find((a) => a.title.includes('flatten'));
    assert.ok(fix?.edit);
    assert.equal(fix.title, english ? 'Insert `flatten` before `dense`' : '在 `dense` 之前插入 `flatten`');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(
      doc.getText(),
      'model:\n  layers:\n    - conv2d: { filters: 8, kernelSize: 3 }\n    - flatten\n    - dense: { units: 10 }',
    );
    await waitFor('the error to go', () => (vscode.languages.getDiagnostics(doc.uri).length === 0 ? true : undefined));
  });

  it('fills every placeholder of a model problem, also one inside the braces of a layer', async () => {
    // vscode.l10n.t leaves `{0}` unfilled inside `{ units: {0} }`: the shared checker fills its own templates.
    const nb = await openCells([
      {
        source:
          'data:\n  source: fashion-mnist\nmodel:\n  layers:\n    - flatten\n    - dense: { units: 1, activation: sigmoid }',
      },
      { source: 'data:\n  source: xor\nmodel:\n  layers:\n    - conv2d: { filters: 8, kernelSize: 3 }' },
    ]);
    const message = async (index: number, code: string) =>
      (
        await waitFor(code, () =>
          vscode.languages.getDiagnostics(nb.cellAt(index).document.uri).find((d) => d.code === code),
        )
      ).message;
    const sigmoid = await message(0, 'sigmoid-multiclass');
    const image = await message(1, 'needs-image');
    assert.doesNotMatch(sigmoid + image, /\{\d\}/);
    if (english) {
      assert.equal(
        sigmoid,
        'one sigmoid unit can only tell two classes apart, but the data has 10: end with `dense: { units: 10, activation: softmax }`',
      );
      assert.equal(
        image,
        '`conv2d` works on images (height × width × channels), but its input here is a vector of 2 numbers: reshape it first, e.g. `- reshape: [2, 1, 1]`, or use `dense`',
      );
    } else {
      assert.equal(
        sigmoid,
        '一个 sigmoid 单元只能区分两个类别，但数据有 10 个：最后一层用 `dense: { units: 10, activation: softmax }`',
      );
      assert.equal(
        image,
        '`conv2d` 处理图像（高 × 宽 × 通道），但这里它的输入是 由 2 个数组成的向量：先调整形状，例如 `- reshape: [2, 1, 1]`，或改用 `dense`',
      );
    }
  });
});
