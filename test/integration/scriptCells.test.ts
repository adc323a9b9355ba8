// In a real VS Code extension host: JavaScript and TypeScript cells run through the controller in the notebook's
// core, their console output shown as the cell's stream output, and an error shown at the cell's own line.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from './wait';

const EXTENSION_ID = 'bigmodel.bigmodel-studio';
const STDOUT = 'application/vnd.code.notebook.stdout';
const STDERR = 'application/vnd.code.notebook.stderr';

const decode = (item: vscode.NotebookCellOutputItem) => new TextDecoder().decode(item.data);
const itemsOf = (cell: vscode.NotebookCell) => cell.outputs.flatMap((o) => o.items);
const outputsOf = (nb: vscode.NotebookDocument) =>
  nb
    .getCells()
    .map(
      (c, i) =>
        `cell ${i}: ` +
        itemsOf(c)
          .map((it) => `${it.mime} ${decode(it).slice(0, 200)}`)
          .join(' | '),
    )
    .join('\n');
const ended = (cell: vscode.NotebookCell) =>
  cell.executionSummary?.success !== undefined && cell.executionSummary.timing?.endTime !== undefined;

describe('script cells in a VS Code extension host', () => {
  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
  });

  it('runs a JavaScript cell in the notebook session and shows its console output; a TypeScript error at its line', async () => {
    const cell = (source: string, language: string) =>
      new vscode.NotebookCellData(vscode.NotebookCellKind.Code, source, language);
    const nb = await vscode.workspace.openNotebookDocument(
      'bigmodel',
      new vscode.NotebookData([
        cell('data: { source: xor, seed: 1 }', 'bigmodel'),
        cell(
          [
            "console.log('train samples', session.data.train.size);",
            "console.warn('shape', session.data.inputShape);",
            "session.model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1, activation: 'sigmoid' })] });",
            "console.log('parameters', session.model.countParams());",
          ].join('\n'),
          'javascript',
        ),
        cell(
          'const n: number = session.model.countParams();\nconst broken: string = (session as any).nothing.here;',
          'typescript',
        ),
      ]),
    );
    await vscode.window.showNotebookDocument(nb);
    await vscode.commands.executeCommand('notebook.selectKernel', { id: 'bigmodel-core', extension: EXTENSION_ID });
    await vscode.commands.executeCommand('notebook.cell.execute', { ranges: [{ start: 0, end: 3 }], document: nb.uri });

    const js = nb.cellAt(1);
    await waitFor(
      'the JavaScript cell to end',
      () => (ended(js) ? true : undefined),
      90000,
      () => outputsOf(nb),
    );
    assert.equal(js.executionSummary?.success, true, outputsOf(nb));
    const stdout = itemsOf(js)
      .filter((i) => i.mime === STDOUT)
      .map(decode);
    const stderr = itemsOf(js)
      .filter((i) => i.mime === STDERR)
      .map(decode);
    assert.match(stdout.join(''), /^train samples \d+\n/);
    assert.match(stdout.join(''), /parameters 3\n$/);
    assert.deepEqual(stderr, ['shape [ 2 ]\n']);

    const ts = nb.cellAt(2);
    await waitFor(
      'the TypeScript cell to fail',
      () => (ended(ts) ? true : undefined),
      90000,
      () => outputsOf(nb),
    );
    assert.equal(ts.executionSummary?.success, false);
    const error = itemsOf(ts).find((i) => i.mime === 'application/vnd.code.notebook.error');
    assert.ok(error, outputsOf(nb));
    assert.match(
      JSON.parse(decode(error)).message,
      /^line 2, column 49: TypeError: Cannot read properties of undefined \(reading 'here'\)/,
    );
  });

  it('interrupts a long-running JavaScript cell, keeping its output and the core', async () => {
    const api = (await vscode.extensions.getExtension(EXTENSION_ID)!.activate()) as {
      corePid(uri: vscode.Uri): Promise<number | undefined>;
    };
    const nb = await vscode.workspace.openNotebookDocument(
      'bigmodel',
      new vscode.NotebookData([
        new vscode.NotebookCellData(
          vscode.NotebookCellKind.Code,
          'for (let i = 0; ; i++) {\n  console.log(`tick ${i}`);\n  await new Promise((r) => setTimeout(r, 50));\n}',
          'javascript',
        ),
        new vscode.NotebookCellData(vscode.NotebookCellKind.Code, "console.log('still here');", 'javascript'),
      ]),
    );
    await vscode.window.showNotebookDocument(nb);
    await vscode.commands.executeCommand('notebook.selectKernel', { id: 'bigmodel-core', extension: EXTENSION_ID });
    void vscode.commands.executeCommand('notebook.cell.execute', { ranges: [{ start: 0, end: 1 }], document: nb.uri });
    const loop = nb.cellAt(0);
    await waitFor(
      'live ticks',
      () => (itemsOf(loop).some((i) => i.mime === STDOUT && decode(i).includes('tick 3')) ? true : undefined),
      90000,
      () => outputsOf(nb),
    );
    const pid = await api.corePid(nb.uri);
    await vscode.commands.executeCommand('notebook.cancelExecution', nb.uri);
    await waitFor(
      'the loop to end',
      () => (ended(loop) ? true : undefined),
      30000,
      () => outputsOf(nb),
    );
    assert.equal(loop.executionSummary?.success, false);
    assert.match(itemsOf(loop).map(decode).join(''), /^tick 0\ntick 1\n/, 'the output before the interrupt is kept');
    await vscode.commands.executeCommand('notebook.cell.execute', { ranges: [{ start: 1, end: 2 }], document: nb.uri });
    await waitFor(
      'the next cell to end',
      () => (ended(nb.cellAt(1)) ? true : undefined),
      30000,
      () => outputsOf(nb),
    );
    assert.deepEqual(itemsOf(nb.cellAt(1)).map(decode), ['still here\n']);
    assert.equal(await api.corePid(nb.uri), pid, 'one interrupt keeps the core');
  });
});
