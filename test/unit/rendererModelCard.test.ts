// "Export Model Card" on the summary card, rendered by the real results renderer bundle into a DOM: clicking it posts
// the card to the extension host (renderers cannot write files); without a host to answer there is no button.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { JSDOM } from 'jsdom';
import type { ActivationFunction, RendererApi } from 'vscode-notebook-renderer';
import { MIME } from '../../src/shared/outputs';
import { isExportModelCard } from '../../src/shared/rendererMessages';
import { writeSummary } from '../../src/shared/summary';
import {
  importWebviewBundle,
  installGlobals,
  outputItem,
  RENDERER_GLOBALS as GLOBALS,
  rendererContext,
} from './browserBundle';
import { fashionRun } from './summaryFixtures';

const root = path.join(__dirname, '../../..');

const item = (id: string, payload: unknown) => outputItem(id, MIME.summary, payload);

describe('renderer: Export Model Card on the summary card', () => {
  let dom: JSDOM;
  let activate: ActivationFunction;
  let restoreGlobals: (() => void) | undefined;

  before(async () => {
    dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
    restoreGlobals = installGlobals(dom.window, GLOBALS);
    activate = (
      await importWebviewBundle<{ activate: ActivationFunction }>(path.join(root, 'webview/renderers/results.ts'), root)
    ).activate;
  });

  after(() => {
    restoreGlobals?.();
    dom?.window.close();
  });

  async function renderer(posted?: unknown[]): Promise<RendererApi> {
    const context = rendererContext(
      posted ? { postMessage: (m: unknown) => posted.push(m), onDidReceiveMessage: () => ({ dispose() {} }) } : {},
    );
    const api = await activate(context);
    assert.ok(api);
    return api;
  }

  function buttons(element: HTMLElement): HTMLButtonElement[] {
    return [...element.querySelectorAll('button')];
  }

  for (const language of ['en', 'zh-cn'] as const) {
    it(`posts the run's model card to the host when clicked (${language})`, async () => {
      const posted: unknown[] = [];
      const api = await renderer(posted);
      const summary = writeSummary(fashionRun(), { audience: 'product', language, goal: { accuracy: 0.9 } });
      const element = document.createElement('div');
      api.renderOutputItem(item(`card-${language}`, summary), element, new AbortController().signal);
      const label = language === 'en' ? 'Export Model Card' : '导出模型卡';
      const button = buttons(element).find((b) => b.textContent === label);
      assert.ok(
        button,
        `a "${label}" button beside ${buttons(element)
          .map((b) => b.textContent)
          .join(', ')}`,
      );
      // The renderer asks for the display language when it starts (src/notebook/rendererLanguage.ts); nothing else.
      assert.deepEqual(posted, [{ type: 'language/get' }], 'no card is sent before the click');
      button.click();
      assert.equal(posted.length, 2);
      assert.ok(isExportModelCard(posted[1]), 'the host accepts the message');
      assert.equal((posted[1] as { markdown: string }).markdown, summary.modelCard);
      assert.match(summary.modelCard!, language === 'en' ? /^# Model card: fashion-mnist/ : /^# 模型卡：fashion-mnist/);
    });
  }

  it('shows no export button without a host to write the file, or for a summary saved without a card', async () => {
    const summary = writeSummary(fashionRun(), { audience: 'product', language: 'en' });
    const offline = document.createElement('div');
    (await renderer()).renderOutputItem(item('offline', summary), offline, new AbortController().signal);
    assert.deepEqual(
      buttons(offline).map((b) => b.textContent),
      ['Copy as Markdown'],
    );
    const old = document.createElement('div');
    (await renderer([])).renderOutputItem(
      item('old', { ...summary, modelCard: undefined }),
      old,
      new AbortController().signal,
    );
    assert.deepEqual(
      buttons(old).map((b) => b.textContent),
      ['Copy as Markdown'],
    );
  });

  it('the host takes only a well-formed export message', () => {
    assert.equal(isExportModelCard({ type: 'exportModelCard', markdown: '# Model card' }), true);
    for (const m of [
      null,
      'exportModelCard',
      { type: 'exportModelCard' },
      { type: 'exportModelCard', markdown: '' },
      { type: 'other', markdown: 'x' },
    ]) {
      assert.equal(isExportModelCard(m), false, JSON.stringify(m));
    }
  });
});
