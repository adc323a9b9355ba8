// Failures in a real extension host: a failing command shows its message (with Show Log) and writes its stacks, the
// core's included, to the BigModel log; a failing cell writes its error with the core's stack there too.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { waitFor } from './wait';

const EXTENSION_ID = 'bigmodel.bigmodel-studio';

interface Api {
  commandFailures(): { command: string; category: string; message: string }[];
  logFolder(): vscode.Uri;
}

/** Everything the BigModel output channel wrote to its log file so far. */
function bigModelLog(api: Api): string {
  const folder = api.logFolder().fsPath;
  if (!fs.existsSync(folder)) return '';
  return fs
    .readdirSync(folder)
    .filter((f) => /^BigModel.*\.log$/.test(f))
    .map((f) => fs.readFileSync(path.join(folder, f), 'utf8'))
    .join('\n');
}

describe('failures of commands and cells: shown, and logged with their stacks', function () {
  let api: Api;
  before(async () => {
    api = (await vscode.extensions.getExtension(EXTENSION_ID)!.activate()) as Api;
  });

  it("a failing command shows its message and writes the core's stack to the BigModel log", async () => {
    const settings = () => vscode.workspace.getConfiguration('bigmodel.training');
    // There is no CUDA TensorFlow here: a core asked for it cannot start, and says so from its backend chooser.
    await settings().update('backend', 'tensorflow-gpu', vscode.ConfigurationTarget.Global);
    try {
      const before = api.commandFailures().length;
      const info = await vscode.commands.executeCommand('bigmodel.checkSetup');
      assert.equal(info, undefined, 'the command failed and returned nothing');
      const shown = api.commandFailures().slice(before);
      assert.equal(shown.length, 1, JSON.stringify(shown));
      assert.equal(shown[0].command, 'bigmodel.checkSetup');
      assert.match(
        shown[0].message,
        /^The training core could not start: the training backend "tensorflow-gpu" cannot run here/,
      );
      assert.doesNotMatch(shown[0].message, /Request core\/session\/start failed/);
      const log = await waitFor(
        'the failure in the BigModel log',
        () => {
          const text = bigModelLog(api);
          return /bigmodel\.checkSetup failed[\s\S]*Caused by:[\s\S]*chooseBackend/.test(text) ? text : undefined;
        },
        15000,
        () => bigModelLog(api).slice(-3000),
      );
      const entry = log.slice(log.lastIndexOf('bigmodel.checkSetup failed'));
      assert.match(
        log,
        /\[error\] bigmodel\.checkSetup failed \(internal\): BigModelError: The training core could not start/,
      );
      // The core's own frames, from the other process: the stack crossed the boundary.
      assert.match(entry, /at .*dist[\\/]core\.js:\d+:\d+/);
      // The host's frames too, where the command wrapped it.
      assert.match(entry, /at .*dist[\\/]extension\.js:\d+:\d+/);
    } finally {
      await settings().update('backend', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it("a failing cell logs its error with the core's stack", async () => {
    const nb = await vscode.workspace.openNotebookDocument(
      'bigmodel',
      new vscode.NotebookData([
        new vscode.NotebookCellData(
          vscode.NotebookCellKind.Code,
          'data: { source: xor }\nmodel:\n  layers:\n    - dense: { units: 1, activation: sigmoid }',
          'bigmodel',
        ),
        new vscode.NotebookCellData(
          vscode.NotebookCellKind.Code,
          'train:\n  epochs: 1\n  optimizer: adamm',
          'bigmodel',
        ),
      ]),
    );
    await vscode.window.showNotebookDocument(nb);
    await vscode.commands.executeCommand('notebook.selectKernel', { id: 'bigmodel-core', extension: EXTENSION_ID });
    await vscode.commands.executeCommand('notebook.cell.execute', { ranges: [{ start: 0, end: 2 }], document: nb.uri });
    await waitFor(
      'the second cell to fail',
      () => (nb.cellAt(1).executionSummary?.success === false ? true : undefined),
      90000,
    );
    const shown = nb
      .cellAt(1)
      .outputs.flatMap((o) => o.items)
      .find((i) => i.mime === 'application/vnd.code.notebook.error');
    assert.ok(shown, 'the cell shows an error');
    const error = JSON.parse(new TextDecoder().decode(shown.data)) as { name: string; message: string; stack: string };
    assert.equal(error.name, 'BigModel');
    assert.match(error.message, /^line 3, column \d+: unknown optimizer `adamm`/);
    assert.equal(error.stack, '', "the cell shows no stack: it is ours, not the user's");
    const log = await waitFor(
      "the cell's failure in the BigModel log",
      () => {
        const text = bigModelLog(api);
        const at = text.lastIndexOf('cell 2 failed (invalid-cell)');
        return at >= 0 && /dist[\\/]core\.js/.test(text.slice(at)) ? text.slice(at) : undefined;
      },
      15000,
      () => bigModelLog(api).slice(-3000),
    );
    assert.match(log, /unknown optimizer `adamm`[^\n]*\n\s+at .*dist[\\/]core\.js:\d+:\d+/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});

// Also in the zh-cn pass (its --grep takes "(in host)"): VS Code gives translated titles as { value, original } there.
describe('a command that breaks names itself in the display language (in host)', () => {
  it('shows "BigModel: <title> failed: <message>" for an error that is not one of ours', async () => {
    const api = (await vscode.extensions.getExtension(EXTENSION_ID)!.activate()) as Api;
    const nb = await vscode.workspace.openNotebookDocument(
      'bigmodel',
      new vscode.NotebookData([
        new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'data: { source: xor }', 'bigmodel'),
      ]),
    );
    await vscode.window.showNotebookDocument(nb);
    const before = api.commandFailures().length;
    // An argument no caller would pass: the command breaks on it, which is what this test needs.
    const hostile = {
      toString: () => {
        throw new TypeError('boom');
      },
    };
    assert.equal(await vscode.commands.executeCommand('bigmodel.showDashboard', hostile), undefined);
    const shown = api.commandFailures().slice(before);
    assert.equal(shown.length, 1, JSON.stringify(shown));
    const expected = vscode.env.language.startsWith('zh')
      ? /^BigModel: 显示训练面板 失败：boom$/
      : /^BigModel: Show Training Dashboard failed: boom$/;
    assert.match(shown[0].message, expected);
    assert.equal(shown[0].category, 'internal');
    const log = await waitFor(
      'the failure in the BigModel log',
      () => {
        const text = bigModelLog(api);
        return text.includes('bigmodel.showDashboard failed (internal): TypeError: boom') ? text : undefined;
      },
      15000,
      () => bigModelLog(api).slice(-2000),
    );
    assert.match(
      log.slice(log.lastIndexOf('bigmodel.showDashboard failed')),
      /TypeError: boom\n\s+at .*commandErrors\.test\.js/,
    );
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
