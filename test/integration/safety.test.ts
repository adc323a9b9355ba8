// Training cores in a trusted workspace: one cell at a time per notebook, a stuck core ended on interrupt, the memory
// limit, and native packages from the workspace only when a machine setting allows it, never from above it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { coreProcesses, plantedRuns, plantPackage } from './coreProcesses';
import { waitFor } from './wait';

const EXTENSION_ID = 'bigmodel.bigmodel-studio';
const TRAINING_MIME = 'application/vnd.bigmodel.training+json';
const ERROR_MIME = 'application/vnd.code.notebook.error';

type Api = { corePid(uri: vscode.Uri): Promise<number | undefined>; coreStarts(): number };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const decode = (i: vscode.NotebookCellOutputItem) => new TextDecoder().decode(i.data);
const itemsOf = (cell: vscode.NotebookCell) => cell.outputs.flatMap((o) => o.items);
const ended = (cell: vscode.NotebookCell) => cell.executionSummary?.timing?.endTime !== undefined;
const outputsOf = (nb: vscode.NotebookDocument) =>
  nb
    .getCells()
    .map(
      (c, i) =>
        `cell ${i}: ${itemsOf(c)
          .map((it) => `${it.mime} ${decode(it).slice(0, 200)}`)
          .join(' | ')}`,
    )
    .join('\n');

async function open(cells: [string, string][]): Promise<vscode.NotebookDocument> {
  const nb = await vscode.workspace.openNotebookDocument(
    'bigmodel',
    new vscode.NotebookData(
      cells.map(([language, source]) => new vscode.NotebookCellData(vscode.NotebookCellKind.Code, source, language)),
    ),
  );
  await vscode.window.showNotebookDocument(nb);
  await vscode.commands.executeCommand('notebook.selectKernel', { id: 'bigmodel-core', extension: EXTENSION_ID });
  return nb;
}

const run = (nb: vscode.NotebookDocument, start: number, end: number) =>
  void vscode.commands.executeCommand('notebook.cell.execute', { ranges: [{ start, end }], document: nb.uri });

/** Waits until cell `index` has ended (run or failed); a timeout shows every cell's outputs. */
const untilEnded = (nb: vscode.NotebookDocument, index: number, what: string, ms: number) =>
  waitFor(
    what,
    () => (ended(nb.cellAt(index)) ? true : undefined),
    ms,
    () => outputsOf(nb),
  );

describe('training cores in a VS Code extension host: queue, limits, packages', function () {
  let api: Api;
  let extensionPath: string;
  before(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    api = (await extension.activate()) as Api;
    extensionPath = extension.extensionPath;
  });

  it('runs a cell asked for while another runs after it ends, not beside it', async () => {
    const nb = await open([
      ['bigmodel', 'data: { source: blobs, seed: 2 }'],
      [
        'bigmodel',
        'model:\n  layers:\n    - dense: { units: 32, activation: relu }\n    - dense: { units: 3, activation: softmax }',
      ],
      ['bigmodel', 'train: { epochs: 30, batchSize: 8 }'],
      ['bigmodel', 'data: { source: blobs, seed: 5 }'],
    ]);
    run(nb, 0, 3);
    const train = nb.cellAt(2);
    await waitFor(
      'training to show an epoch',
      () => {
        const item = itemsOf(train).find((i) => i.mime === TRAINING_MIME);
        return item && JSON.parse(decode(item)).epochs.length >= 1 ? true : undefined;
      },
      90000,
      () => outputsOf(nb),
    );
    // A data cell while the training runs: before the queue it ran at once and freed the data fit was using.
    run(nb, 3, 4);
    await sleep(1500);
    assert.ok(!ended(train), 'the training still runs');
    assert.equal(nb.cellAt(3).executionSummary?.timing, undefined, 'the data cell waits');
    assert.equal(nb.cellAt(3).outputs.length, 0);
    await untilEnded(nb, 3, 'the data cell to end', 120000);
    const p = JSON.parse(decode(itemsOf(train).find((i) => i.mime === TRAINING_MIME)!));
    assert.equal(p.stopped, 'completed');
    assert.equal(p.epochs.length, 30);
    assert.equal(train.executionSummary?.success, true);
    assert.equal(nb.cellAt(3).executionSummary?.success, true, outputsOf(nb));
    assert.ok(
      nb.cellAt(3).executionSummary!.timing!.startTime >= train.executionSummary!.timing!.endTime,
      'it started after the training ended',
    );
  });

  it('ends a core that does not answer an interrupt (a `while (true) {}` cell) and says so; the next run starts a fresh core', async () => {
    const nb = await open([
      ['javascript', 'while (true) {}'],
      ['javascript', "console.log('after');"],
    ]);
    run(nb, 0, 1);
    let pid: number | undefined;
    for (let i = 0; i < 600 && !pid; i++, await sleep(100)) pid = await api.corePid(nb.uri);
    assert.ok(pid, 'a core started');
    await sleep(1000); // in its loop
    const asked = Date.now();
    await vscode.commands.executeCommand('notebook.cancelExecution', nb.uri);
    await untilEnded(nb, 0, 'the stuck cell to end', 30000);
    const took = Date.now() - asked;
    console.log(`MEASURE interrupt of a stuck core: the cell ended ${took} ms after the interrupt`);
    assert.ok(took >= 4500 && took < 15000, `ended after the 5 s it is given (${took} ms)`);
    const error = itemsOf(nb.cellAt(0)).find((i) => i.mime === ERROR_MIME);
    assert.ok(error, outputsOf(nb));
    assert.match(
      JSON.parse(decode(error)).message,
      /did not answer within 5 s .* so it was ended\. The next run starts a fresh core/,
    );
    assert.ok(!coreProcesses(extensionPath).includes(pid), `core ${pid} is gone`);
    run(nb, 1, 2);
    await untilEnded(nb, 1, 'the next cell to end', 90000);
    assert.equal(nb.cellAt(1).executionSummary?.success, true, outputsOf(nb));
    const fresh = await api.corePid(nb.uri);
    assert.ok(fresh && fresh !== pid, `a fresh core (${fresh}) replaced ${pid}`);
  });

  it('turns a core over bigmodel.training.memoryLimitMB into a cell error naming the setting; the next cell starts a fresh core', async () => {
    const settings = () => vscode.workspace.getConfiguration('bigmodel.training');
    await settings().update('memoryLimitMB', 400, vscode.ConfigurationTarget.Workspace);
    try {
      const nb = await open([
        ['javascript', 'const a = [];\nfor (;;) a.push(new Float64Array(1 << 20).fill(1));'],
        ['javascript', "console.log('fresh');"],
      ]);
      const starts = api.coreStarts();
      run(nb, 0, 1);
      await untilEnded(nb, 0, 'the cell to fail', 90000);
      const error = itemsOf(nb.cellAt(0)).find((i) => i.mime === ERROR_MIME);
      assert.ok(error, outputsOf(nb));
      assert.match(
        JSON.parse(decode(error)).message,
        /the training core stopped: it ran out of memory \(the limit is 400 MB: raise bigmodel\.training\.memoryLimitMB/,
      );
      run(nb, 1, 2);
      await untilEnded(nb, 1, 'the next cell to end', 90000);
      assert.equal(nb.cellAt(1).executionSummary?.success, true, outputsOf(nb));
      assert.deepEqual(itemsOf(nb.cellAt(1)).map(decode), ['fresh\n']);
      assert.equal(api.coreStarts(), starts + 2, 'one core ran out of memory, a second ran the next cell');
    } finally {
      await settings().update('memoryLimitMB', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('loads no package of the workspace unless bigmodel.training.loadPackagesFromWorkspace, and never one above it', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const above = path.dirname(folder);
    const marker = path.join(above, 'bigmodel-planted-trusted.txt');
    for (const f of [folder, above])
      for (const pkg of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node', 'webgpu']) plantPackage(f, pkg, marker);
    const file = vscode.Uri.file(path.join(folder, 'planted-packages.bigmodel'));
    fs.writeFileSync(
      file.fsPath,
      JSON.stringify({
        bigmodel: 1,
        metadata: {},
        cells: [{ kind: 'code', language: 'javascript', source: ["console.log('ran');"], outputs: [] }],
      }),
    );
    const settings = () => vscode.workspace.getConfiguration('bigmodel.training');
    // A workspace cannot name a package folder (a machine setting): written to its settings file anyway, it is ignored.
    const wsSettings = path.join(folder, '.vscode', 'settings.json');
    const hadSettings = fs.existsSync(wsSettings) ? fs.readFileSync(wsSettings, 'utf8') : undefined;
    try {
      fs.mkdirSync(path.dirname(wsSettings), { recursive: true });
      // memoryLimitMB, a setting a workspace may make, shows when VS Code has read the file.
      fs.writeFileSync(
        wsSettings,
        JSON.stringify({
          'bigmodel.training.packageFolder': above,
          'bigmodel.training.loadPackagesFromWorkspace': true,
          'bigmodel.training.memoryLimitMB': 4000,
        }),
      );
      await waitFor(
        'the workspace settings to be read',
        () => (settings().get('memoryLimitMB') === 4000 ? true : undefined),
        10000,
      );
      assert.equal(settings().get('packageFolder'), '', 'the workspace value does not apply');
      assert.equal(settings().get('loadPackagesFromWorkspace'), false, 'the workspace value does not apply');
      const nb = await vscode.workspace.openNotebookDocument(file);
      await vscode.window.showNotebookDocument(nb);
      await vscode.commands.executeCommand('notebook.selectKernel', { id: 'bigmodel-core', extension: EXTENSION_ID });
      run(nb, 0, 1);
      await untilEnded(nb, 0, 'the cell to end', 90000);
      assert.equal(nb.cellAt(0).executionSummary?.success, true, outputsOf(nb));
      const info = await vscode.commands.executeCommand<{ backend: string } | undefined>('bigmodel.checkSetup');
      assert.equal(info?.backend, 'wasm');
      assert.deepEqual(plantedRuns(marker), [], 'by default no package of the workspace ran');

      // The user's own (machine) setting allows the workspace's packages: the workspace's run, the one above does not.
      await vscode.commands.executeCommand('bigmodel.restartCore');
      await settings().update('loadPackagesFromWorkspace', true, vscode.ConfigurationTarget.Global);
      const firstOrder = nb.cellAt(0).executionSummary?.executionOrder ?? 0;
      run(nb, 0, 1);
      await waitFor(
        'the cell to end again',
        () =>
          ended(nb.cellAt(0)) && (nb.cellAt(0).executionSummary?.executionOrder ?? 0) > firstOrder ? true : undefined,
        90000,
        () => outputsOf(nb),
      );
      assert.equal(nb.cellAt(0).executionSummary?.success, true, outputsOf(nb));
      assert.deepEqual(
        [...new Set(plantedRuns(marker))],
        [folder],
        "only the workspace folder's packages ran, not those above it",
      );
    } finally {
      await settings().update('loadPackagesFromWorkspace', undefined, vscode.ConfigurationTarget.Global);
      if (hadSettings === undefined) fs.rmSync(wsSettings, { force: true });
      else fs.writeFileSync(wsSettings, hadSettings);
      for (const f of [folder, above]) fs.rmSync(path.join(f, 'node_modules'), { recursive: true, force: true });
      fs.rmSync(marker, { force: true });
      fs.rmSync(file.fsPath, { force: true });
    }
  });
});
