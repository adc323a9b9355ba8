// The host side of "Export Model Card" in a real extension host: where it suggests saving, that it writes the card
// through VS Code's file system, and that a file that exists is never replaced without the save dialog.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { saveModelCard, suggestedCardUri } from '../../src/notebook/modelCardExport';
import { writeModelCard } from '../../src/shared/summary';

const CARD = writeModelCard(
  {
    data: {
      schema: 1,
      source: 'xor',
      task: 'binary',
      inputShape: [2],
      classes: ['same sign', 'different sign'],
      splits: { train: 800, test: 200 },
    },
    evaluation: { schema: 1, on: 'test', task: 'binary', samples: 200, metrics: { accuracy: 0.97, loss: 0.08 } },
  },
  { audience: 'product', language: vscode.env.language.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en' },
);

describe('Export Model Card (in host)', () => {
  let folder: string;

  before(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'bigmodel-card-'));
  });

  after(() => {
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('suggests <notebook>.model-card.md beside a saved notebook, and in the workspace for an untitled one', () => {
    const saved = suggestedCardUri(vscode.Uri.file('/projects/churn/churn.bigmodel'));
    assert.equal(saved.path, '/projects/churn/churn.model-card.md');
    const workspace = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(workspace);
    const untitled = suggestedCardUri(vscode.Uri.from({ scheme: 'untitled', path: 'Untitled-1.bigmodel' }));
    assert.equal(untitled.toString(), vscode.Uri.joinPath(workspace, 'Untitled-1.model-card.md').toString());
  });

  it('writes the card where it is told, in the language of the summary', async () => {
    const target = vscode.Uri.file(path.join(folder, 'xor.model-card.md'));
    const written = await saveModelCard(CARD, target, target);
    assert.equal(written?.fsPath, target.fsPath);
    const text = fs.readFileSync(target.fsPath, 'utf8');
    assert.equal(text, CARD);
    assert.match(text, vscode.env.language.toLowerCase().startsWith('zh') ? /^# 模型卡：xor/ : /^# Model card: xor/);
  });

  it('never replaces a file that exists unless the save dialog confirmed it', async () => {
    const target = vscode.Uri.file(path.join(folder, 'kept.md'));
    fs.writeFileSync(target.fsPath, 'my own notes\n');
    await assert.rejects(saveModelCard(CARD, target, target), (err: Error) => err.message.includes(target.fsPath));
    assert.equal(fs.readFileSync(target.fsPath, 'utf8'), 'my own notes\n');
  });
});
