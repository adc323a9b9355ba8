// In a real extension host: the notebook renderers ask for the display language through renderer messaging, and the
// host answers the editor that asked with VS Code's display language (English, or zh-cn in the zh-cn pass).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { answerLanguageRequests, rendererLanguage, type RendererMessaging } from '../../src/notebook/rendererLanguage';
import { MIME, type TrainingPayload } from '../../src/shared/outputs';
import { isLanguageRequest, TRAINING_RENDERER_ID } from '../../src/shared/rendererMessages';

const EXTENSION_ID = 'bigmodel.bigmodel-studio';
const expected = vscode.env.language.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';

const done: TrainingPayload = {
  schema: 1,
  state: 'done',
  totalEpochs: 2,
  backend: 'cpu',
  device: 'cpu',
  samplesPerSecond: 100,
  stopped: 'completed',
  epochs: [
    { epoch: 1, loss: 0.5 },
    { epoch: 2, loss: 0.25 },
  ],
};

describe('notebook renderers in the display language (in host)', () => {
  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
  });

  it(`answers with the display language, normalised (${vscode.env.language} → ${expected})`, () => {
    assert.deepEqual(rendererLanguage(), { type: 'language', language: expected });
    assert.equal(rendererLanguage('zh-tw').language, 'zh-cn');
    assert.equal(rendererLanguage('de').language, 'en');
  });

  it('answers a request to the notebook editor it came from, and nothing else', async () => {
    const listeners: ((e: { editor: vscode.NotebookEditor; message: unknown }) => void)[] = [];
    const posts: { message: unknown; editor?: vscode.NotebookEditor }[] = [];
    const messaging: RendererMessaging = {
      onDidReceiveMessage: (listener: (e: { editor: vscode.NotebookEditor; message: unknown }) => void) => {
        listeners.push(listener);
        return new vscode.Disposable(() => listeners.splice(listeners.indexOf(listener), 1));
      },
      postMessage: (message: unknown, editor?: vscode.NotebookEditor) => {
        posts.push({ message, editor });
        return Promise.resolve(true);
      },
    } as RendererMessaging;
    const editor = { notebook: { uri: vscode.Uri.file('/w/a.bigmodel') } } as unknown as vscode.NotebookEditor;
    const registration = answerLanguageRequests(messaging);
    for (const l of listeners) l({ editor, message: { type: 'exportModelCard', markdown: '# x' } });
    for (const l of listeners) l({ editor, message: { type: 'language/get' } });
    assert.equal(posts.length, 1);
    assert.equal(posts[0].editor, editor, 'to the editor that asked, not to every notebook');
    assert.deepEqual(posts[0].message, { type: 'language', language: expected });
    registration.dispose();
    assert.equal(listeners.length, 0, 'disposing stops listening');
  });

  it('the training renderer asks when a notebook with a training output is shown', async function () {
    this.timeout(120000);
    // A second listener on the same renderer sees what the extension's listener sees.
    const messaging = vscode.notebooks.createRendererMessaging(TRAINING_RENDERER_ID);
    const asked = new Promise<vscode.NotebookEditor>((resolve) => {
      const sub = messaging.onDidReceiveMessage(({ editor, message }) => {
        if (!isLanguageRequest(message)) return;
        sub.dispose();
        resolve(editor);
      });
    });
    // A saved notebook with the output (an untitled one made from NotebookData loses its outputs' bytes in the workbench).
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'renderer-language.bigmodel');
    const file = {
      bigmodel: 1,
      metadata: { title: 'renderer language' },
      cells: [
        {
          kind: 'code',
          language: 'bigmodel',
          source: ['train: { epochs: 2 }'],
          outputs: [
            {
              items: [
                { mime: MIME.training, data: done },
                { mime: 'text/plain', data: 'trained' },
              ],
            },
          ],
        },
      ],
    };
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(file, null, 1)));
    const nb = await vscode.workspace.openNotebookDocument(uri);
    const shown = await vscode.window.showNotebookDocument(nb);
    const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 90000));
    const editor = await Promise.race([asked, timeout]);
    assert.ok(editor, 'the renderer asked for the display language');
    assert.equal(editor.notebook.uri.toString(), shown.notebook.uri.toString(), 'from the editor it draws in');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.workspace.fs.delete(uri);
  });
});
