// The training renderer's live header and screen-reader table (webview/common/liveDom.ts), updated in place in a DOM
// and read back: what changed is rewritten, what did not keeps its nodes, and the result reads as a fresh build.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { JSDOM } from 'jsdom';
import { tableEpochs } from '../../src/shared/epochSample';
import type * as LiveDom from '../../webview/common/liveDom';
import { importWebviewBundle, installGlobals } from './browserBundle';

const root = path.join(__dirname, '../../..');

describe('live header and table', () => {
  let restoreGlobals: (() => void) | undefined;
  let LiveTable: typeof LiveDom.LiveTable;
  let updateFacts: typeof LiveDom.updateFacts;

  before(async () => {
    restoreGlobals = installGlobals(new JSDOM('<!doctype html><body></body>').window, ['document']);
    // Webview code is bundled for the browser rather than transpiled into out/: bundle this module the same way.
    ({ LiveTable, updateFacts } = await importWebviewBundle<typeof LiveDom>(
      path.join(root, 'webview/common/liveDom.ts'),
      root,
    ));
  });

  after(() => {
    restoreGlobals?.();
  });

  it('writes the facts that changed and keeps their nodes; a message or other labels rebuild it', () => {
    const header = document.createElement('div');
    updateFacts(header, [
      ['backend', 'wasm'],
      ['epoch', '1/10'],
    ]);
    assert.equal(header.textContent, 'backend: wasmepoch: 1/10');
    const spans = [...header.children];
    updateFacts(header, [
      ['backend', 'wasm'],
      ['epoch', '2/10'],
    ]);
    assert.equal(header.textContent, 'backend: wasmepoch: 2/10');
    assert.deepEqual([...header.children], spans);
    updateFacts(
      header,
      [
        ['backend', 'wasm'],
        ['stopped', 'completed'],
      ],
      'out of memory',
    );
    assert.equal(
      header.innerHTML,
      '<span><b>backend: </b>wasm</span><span><b>stopped: </b>completed</span><span class="bm-message">out of memory</span>',
    );
    updateFacts(header, [
      ['backend', 'wasm'],
      ['stopped', 'completed'],
    ]);
    assert.equal(header.querySelector('.bm-message'), null);
  });

  it('keeps the rows of a growing run but the last, and reads as a table built from scratch', () => {
    const table = document.createElement('table');
    const live = new LiveTable(table);
    const rows = (n: number) =>
      tableEpochs(Array.from({ length: n }, (_, i) => ({ epoch: i + 1, loss: 1 / (i + 1) }))).map((e) => [
        String(e.epoch),
        String(e.loss),
      ]);
    live.update('run of 250', ['epoch', 'loss'], rows(250));
    const before = [...table.querySelectorAll('tr')];
    live.update('run of 251', ['epoch', 'loss'], rows(251));
    const after = [...table.querySelectorAll('tr')];
    assert.deepEqual(after.slice(0, -1), before.slice(0, -1), 'the header row and the sampled rows are the same nodes');
    assert.notEqual(after[after.length - 1], before[before.length - 1]);
    const fresh = document.createElement('table');
    new LiveTable(fresh).update('run of 251', ['epoch', 'loss'], rows(251));
    assert.equal(table.innerHTML, fresh.innerHTML);
    assert.equal(table.querySelector('caption')!.textContent, 'run of 251');
    assert.equal(table.querySelectorAll('th').length, 2);
    assert.equal(table.querySelector('tr:last-child td')!.textContent, '251');
    live.update(
      'run of 3',
      ['epoch', 'loss', 'accuracy'],
      [
        ['1', '1', '0.5'],
        ['2', '0.5', '0.6'],
        ['3', '0.3', '0.7'],
      ],
    );
    assert.equal(table.querySelectorAll('th').length, 3);
    assert.equal(table.querySelectorAll('tr').length, 4);
  });
});
