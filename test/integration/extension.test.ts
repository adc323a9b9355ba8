// In a real VS Code extension host: activation, commands, the serializer, and a cell trained through the controller.
import * as assert from 'node:assert/strict';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { waitFor } from './wait';

const EXTENSION_ID = 'bigmodel.bigmodel-studio';
const TRAINING_MIME = 'application/vnd.bigmodel.training+json';

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** Every cell's outputs as text (MIME and the start of the data), for failure messages. */
function outputsOf(nb: vscode.NotebookDocument): string {
  return nb
    .getCells()
    .map(
      (c, i) =>
        `cell ${i}: ` +
        c.outputs
          .flatMap((o) => o.items)
          .map((it) => `${it.mime} ${new TextDecoder().decode(it.data).slice(0, 200)}`)
          .join(' | '),
    )
    .join('\n');
}

function json(item: vscode.NotebookCellOutputItem): Record<string, unknown> {
  return JSON.parse(new TextDecoder().decode(item.data));
}

describe('BigModel Studio in a VS Code extension host', () => {
  let extension: vscode.Extension<unknown>;

  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    extension = ext;
    await extension.activate();
  });

  it('activates', () => {
    assert.equal(extension.isActive, true);
  });

  it('registers every contributed command', async () => {
    const contributed = (extension.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    assert.ok(contributed.length >= 5);
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const id of contributed) assert.ok(registered.has(id), `${id} is registered`);
  });

  it('opens a .bigmodel file through the serializer', async () => {
    const nb = await vscode.workspace.openNotebookDocument(workspaceFile('xor.bigmodel'));
    assert.equal(nb.notebookType, 'bigmodel');
    assert.equal(nb.cellCount, 4);
    assert.equal(nb.cellAt(0).kind, vscode.NotebookCellKind.Markup);
    assert.equal(nb.cellAt(1).document.languageId, 'bigmodel');
    assert.match(nb.cellAt(1).document.getText(), /source: xor/);
  });

  it('saves an edited notebook with every unknown field kept', async () => {
    const uri = workspaceFile('canonical.bigmodel');
    const nb = await vscode.workspace.openNotebookDocument(uri);
    const cell = nb.cellAt(1);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(cell.document.uri, new vscode.Range(0, 0, 0, 0), '# edited\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await nb.save(), 'saved');
    const saved = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
    assert.deepEqual(saved.futureTopLevel, { kept: [1, 2] });
    assert.equal(saved.metadata.authorNote, 'kept though unknown');
    assert.equal(saved.cells[1].cellTag, 'unknown cell field');
    assert.equal(saved.cells[1].outputs[0].outputTag, 'unknown output field');
    assert.equal(saved.cells[1].execution.host, 'unknown execution field');
    assert.equal(saved.cells[1].source[0], '# edited');
    assert.equal(saved.cells[1].outputs[0].items[0].data.futureField, true);
    assert.equal(saved.cells[1].outputs[0].items[2].encoding, 'base64');
  });

  it('saves what VS Code has no place for exactly as it was read: markdown outputs, MIME case and duplicates, encodings, metadata', async () => {
    // Known keys first in the spec's order, as the serializer writes them, so the save can be compared as text.
    const file = {
      bigmodel: 1,
      metadata: { title: 'round trip', runs: [] },
      cells: [
        {
          kind: 'markdown',
          source: ['# Notes'],
          outputs: [{ items: [{ mime: 'text/plain', data: 'kept' }] }],
          execution: { order: 2 },
          metadata: { tags: ['intro'] },
        },
        {
          kind: 'code',
          language: 'bigmodel',
          source: ['data: xor'],
          outputs: [
            {
              items: [
                { mime: 'image/png', data: 'iVBORw0KGgo=' },
                { mime: 'image/gif', encoding: 'base64', data: 'R0lG\nODlh' },
                { mime: 'Text/HTML', data: '<b>x</b>', note: { extra: true } },
                { mime: 'text/html', data: 'second of a type' },
                { mime: 'nonsense', data: 'no slash' },
                { mime: 'application/x-custom', data: { a: [1, null] } },
                { mime: 'text/plain', data: 'half \ud83d pair' },
              ],
              outputTag: 1,
            },
          ],
          execution: { order: 'one', success: true, durationMs: 12.5, host: 'h' },
          metadata: { tags: ['slow'], owner: { name: 'x' } },
          cellTag: 'c',
        },
        { kind: 'code', source: [] },
      ],
    };
    const text = JSON.stringify(file, null, 2) + '\n';
    const uri = workspaceFile('round-trip.bigmodel');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    const nb = await vscode.workspace.openNotebookDocument(uri);
    assert.equal(nb.cellAt(0).kind, vscode.NotebookCellKind.Markup);
    assert.deepEqual(nb.cellAt(1).metadata.tags, ['slow'], 'the cell’s metadata is VS Code’s');
    assert.deepEqual(
      nb.cellAt(1).outputs[0].items.map((i) => i.mime),
      [
        'image/png',
        'image/gif',
        'text/html',
        'application/x-bigmodel-unreadable-mime',
        'application/x-custom',
        'text/plain',
      ],
    );
    // An edit and its inverse make the notebook dirty without changing it, so it is saved.
    const doc = nb.cellAt(2).document;
    const insert = new vscode.WorkspaceEdit();
    insert.insert(doc.uri, new vscode.Position(0, 0), 'x');
    assert.ok(await vscode.workspace.applyEdit(insert));
    const remove = new vscode.WorkspaceEdit();
    remove.delete(doc.uri, new vscode.Range(0, 0, 0, 1));
    assert.ok(await vscode.workspace.applyEdit(remove));
    assert.ok(await nb.save(), 'saved');
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), text);
  });

  it('refuses to open a broken file, names the line, and leaves the file alone', async () => {
    const uri = workspaceFile('broken.bigmodel');
    const before = await vscode.workspace.fs.readFile(uri);
    await assert.rejects(Promise.resolve(vscode.workspace.openNotebookDocument(uri)), (e: Error) => {
      assert.match(e.message, /line 4, column 40/);
      return true;
    });
    assert.deepEqual(await vscode.workspace.fs.readFile(uri), before);
  });

  it('trains a cell through the controller and shows the training output', async () => {
    const nb = await vscode.workspace.openNotebookDocument(workspaceFile('xor.bigmodel'));
    await vscode.window.showNotebookDocument(nb);
    await vscode.commands.executeCommand('notebook.selectKernel', { id: 'bigmodel-core', extension: EXTENSION_ID });
    // A measurement, reported rather than asserted: how long the extension host's event loop stalls while training.
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = Date.now();
    let firstPointMs: number | undefined;
    const firstPoint = vscode.workspace.onDidChangeNotebookDocument((e) => {
      const item = e.cellChanges
        .flatMap((c) => c.outputs ?? [])
        .flatMap((o) => o.items)
        .find((i) => i.mime === TRAINING_MIME);
      if (firstPointMs === undefined && item && (json(item).epochs as unknown[]).length > 0)
        firstPointMs = Date.now() - started;
    });
    await vscode.commands.executeCommand('notebook.cell.execute', { ranges: [{ start: 1, end: 4 }], document: nb.uri });
    const trainCell = nb.cellAt(3);
    const payload = await waitFor(
      'a finished training output',
      () => {
        const item = trainCell.outputs.flatMap((o) => o.items).find((i) => i.mime === TRAINING_MIME);
        const p = item && json(item);
        return p && p.state === 'done' ? p : undefined;
      },
      90000,
      () => outputsOf(nb),
    );
    assert.equal(payload.schema, 1);
    assert.equal(payload.stopped, 'completed');
    assert.equal(payload.backend, 'wasm');
    const epochs = payload.epochs as { loss: number }[];
    assert.equal(epochs.length, 30);
    assert.ok(epochs[29].loss < epochs[0].loss, 'the loss fell');
    const text = trainCell.outputs.flatMap((o) => o.items).find((i) => i.mime === 'text/plain');
    assert.ok(text, 'a text/plain sibling');
    assert.match(new TextDecoder().decode(text.data), /epoch 30\/30: loss/);
    await waitFor('the cell to finish', () => (trainCell.executionSummary?.success === true ? true : undefined));
    delay.disable();
    firstPoint.dispose();
    console.log(
      `MEASURE extension host event-loop delay during training: p50 ${(delay.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms, max ${(delay.max / 1e6).toFixed(1)} ms; Run to first point on the curve ${firstPointMs} ms`,
    );
    assert.ok((nb.cellAt(1).executionSummary?.executionOrder ?? 0) < (trainCell.executionSummary?.executionOrder ?? 0));
  });

  it('trains the active notebook from the command palette: BigModel: Train Model', async () => {
    const data = new vscode.NotebookData([
      new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'data: { source: blobs, seed: 4 }', 'bigmodel'),
      new vscode.NotebookCellData(
        vscode.NotebookCellKind.Code,
        'model:\n  layers:\n    - dense: { units: 8, activation: relu }\n    - dense: { units: 3, activation: softmax }',
        'bigmodel',
      ),
      new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'train: { epochs: 3 }', 'bigmodel'),
      new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'evaluate: {}', 'bigmodel'),
    ]);
    const nb = await vscode.workspace.openNotebookDocument('bigmodel', data);
    await vscode.window.showNotebookDocument(nb);
    assert.equal(await vscode.commands.executeCommand('bigmodel.trainModel'), true);
    const payload = await waitFor(
      'the trained cell',
      () => {
        const item = nb
          .cellAt(2)
          .outputs.flatMap((o) => o.items)
          .find((i) => i.mime === TRAINING_MIME);
        const p = item && json(item);
        return p && p.state === 'done' ? p : undefined;
      },
      90000,
      () => outputsOf(nb),
    );
    assert.equal((payload.epochs as unknown[]).length, 3);
    assert.equal(nb.cellAt(3).outputs.length, 0, 'cells after the training cell are not run');
  });

  it('fails a bad cell with its line, and runs nothing after it', async () => {
    const data = new vscode.NotebookData([
      new vscode.NotebookCellData(
        vscode.NotebookCellKind.Code,
        'data:\n  source: xor\nmodel:\n  layers:\n    - dense2d: { units: 4 }',
        'bigmodel',
      ),
      new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'train: { epochs: 1 }', 'bigmodel'),
    ]);
    const nb = await vscode.workspace.openNotebookDocument('bigmodel', data);
    await vscode.window.showNotebookDocument(nb);
    await vscode.commands.executeCommand('notebook.selectKernel', { id: 'bigmodel-core', extension: EXTENSION_ID });
    await vscode.commands.executeCommand('notebook.cell.execute', { ranges: [{ start: 0, end: 2 }], document: nb.uri });
    const error = await waitFor('an error output', () =>
      nb
        .cellAt(0)
        .outputs.flatMap((o) => o.items)
        .find((i) => i.mime === 'application/vnd.code.notebook.error'),
    );
    const err = json(error);
    assert.match(String(err.message), /^line 5, column 7: unknown layer `dense2d` — did you mean `dense`\?/);
    await waitFor('the failed cell to end', () =>
      nb.cellAt(0).executionSummary?.success === false ? true : undefined,
    );
    assert.equal(nb.cellAt(1).outputs.length, 0, 'the cell after the failure did not run');
  });
});

describe('interrupting and crashing in a VS Code extension host', () => {
  const LONG_RUN = [
    'data: { source: blobs, seed: 2 }',
    'model:\n  layers:\n    - dense: { units: 32, activation: relu }\n    - dense: { units: 3, activation: softmax }',
    'train: { epochs: 2000, batchSize: 8 }',
  ];

  type Api = { corePid(uri: vscode.Uri): Promise<number | undefined>; statusText(): string };
  async function openRunning(): Promise<{ nb: vscode.NotebookDocument; api: Api }> {
    const api = (await vscode.extensions.getExtension(EXTENSION_ID)!.activate()) as Api;
    const nb = await vscode.workspace.openNotebookDocument(
      'bigmodel',
      new vscode.NotebookData(
        LONG_RUN.map((s) => new vscode.NotebookCellData(vscode.NotebookCellKind.Code, s, 'bigmodel')),
      ),
    );
    await vscode.window.showNotebookDocument(nb);
    await vscode.commands.executeCommand('notebook.selectKernel', { id: 'bigmodel-core', extension: EXTENSION_ID });
    void vscode.commands.executeCommand('notebook.cell.execute', { ranges: [{ start: 0, end: 3 }], document: nb.uri });
    await waitFor('training to show two epochs', () => {
      const item = nb
        .cellAt(2)
        .outputs.flatMap((o) => o.items)
        .find((i) => i.mime === TRAINING_MIME);
      return item && (json(item).epochs as unknown[]).length >= 2 ? true : undefined;
    });
    assert.match(api.statusText(), /wasm · epoch \d+\/2000 · \d+%/, 'the status bar shows the training progress');
    return { nb, api };
  }

  it('stops after the current batch on interrupt and keeps the result', async () => {
    const { nb, api } = await openRunning();
    const pid = await api.corePid(nb.uri);
    await vscode.commands.executeCommand('notebook.cancelExecution', nb.uri);
    await waitFor('the cell to end', () =>
      nb.cellAt(2).executionSummary?.success !== undefined && !isRunning(nb.cellAt(2)) ? true : undefined,
    );
    const item = nb
      .cellAt(2)
      .outputs.flatMap((o) => o.items)
      .find((i) => i.mime === TRAINING_MIME)!;
    const p = json(item);
    assert.equal(p.state, 'done');
    assert.equal(p.stopped, 'cancelled');
    assert.ok((p.epochs as unknown[]).length < 2000);
    assert.equal(await api.corePid(nb.uri), pid, 'the same core (with the weights) is still running');
    assert.match(api.statusText(), /wasm · stopped after \d+ epochs/, 'the status bar says what happened');
  });

  it('fails the running cell with the reason when the core dies, and the next run starts a new core', async () => {
    const { nb, api } = await openRunning();
    const pid = await api.corePid(nb.uri);
    assert.ok(pid);
    process.kill(pid, 'SIGKILL');
    const error = await waitFor('an error output', () =>
      nb
        .cellAt(2)
        .outputs.flatMap((o) => o.items)
        .find((i) => i.mime === 'application/vnd.code.notebook.error'),
    );
    assert.match(api.statusText(), /core stopped/, 'the status bar says the core stopped');
    assert.match(String(json(error).message), /the training core stopped: killed by SIGKILL/);
    await vscode.commands.executeCommand('notebook.cell.execute', { ranges: [{ start: 0, end: 1 }], document: nb.uri });
    await waitFor('the data cell to succeed on a new core', () =>
      nb.cellAt(0).executionSummary?.success === true && !isRunning(nb.cellAt(0)) ? true : undefined,
    );
    const fresh = await api.corePid(nb.uri);
    assert.ok(fresh && fresh !== pid, `a new core (${fresh}) replaced ${pid}`);
  });
});

function isRunning(cell: vscode.NotebookCell): boolean {
  return cell.executionSummary?.timing?.endTime === undefined;
}
