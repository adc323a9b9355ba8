// The training core's messages and shared parse problems in VS Code's display language, in a real extension host.
// `npm test` runs this suite twice (its title matches `(in host)`): in English, and with `--locale zh-cn`.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from './wait';

const EXTENSION_ID = 'bigmodel.bigmodel-studio';
const chinese = vscode.env.language.toLowerCase().startsWith('zh');

async function openCells(...sources: string[]): Promise<vscode.NotebookDocument> {
  const data = new vscode.NotebookData(
    sources.map((s) => new vscode.NotebookCellData(vscode.NotebookCellKind.Code, s, 'bigmodel')),
  );
  const nb = await vscode.workspace.openNotebookDocument('bigmodel', data);
  await vscode.window.showNotebookDocument(nb);
  return nb;
}

describe('messages of the training core in the display language (in host)', () => {
  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
  });

  it("fails a cell whose data file is missing with the core's message in the display language", async () => {
    const nb = await openCells('data:\n  train: no-such-file.csv\n  label: y');
    await vscode.commands.executeCommand('notebook.selectKernel', { id: 'bigmodel-core', extension: EXTENSION_ID });
    await vscode.commands.executeCommand('notebook.cell.execute', { ranges: [{ start: 0, end: 1 }], document: nb.uri });
    const error = await waitFor('an error output', () =>
      nb
        .cellAt(0)
        .outputs.flatMap((o) => o.items)
        .find((i) => i.mime === 'application/vnd.code.notebook.error'),
    );
    const message = String(JSON.parse(new TextDecoder().decode(error.data)).message);
    if (chinese)
      assert.match(
        message,
        /^第 2 行，第 3 列：找不到文件：`no-such-file\.csv`（查找位置：.*；相对路径从笔记本所在的文件夹开始）/,
        message,
      );
    else
      assert.match(
        message,
        /^line 2, column 3: file not found: `no-such-file\.csv` \(looked at .*; relative paths start from the notebook's folder\)/,
        message,
      );
  });

  it('reports a parse problem of shared code in the display language', async () => {
    const nb = await openCells('model:\n  layers: 5');
    const doc = nb.cellAt(0).document;
    const [diagnostic] = await waitFor(
      'a diagnostic',
      () => {
        const d = vscode.languages.getDiagnostics(doc.uri);
        return d.length > 0 ? d : undefined;
      },
      10000,
    );
    assert.equal(
      diagnostic.message,
      chinese
        ? '`model.layers` 必须是列表，每行一层（`- dense: { units: 10 }`）'
        : '`model.layers` must be a list, one layer per line (`- dense: { units: 10 }`)',
    );
  });
});
