// The serializer's conversion (src/notebook/notebookData.ts): a file opened in VS Code and saved again is the same file,
// with what VS Code has no place for kept; what VS Code and other extensions add is saved. VS Code's own changes to the
// data in between come from test/unit/vscodeNotebookModel.ts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KEPT, toNotebookData, toNotebookFile, type NotebookData } from '../../src/notebook/notebookData';
import { UNREADABLE_MIME } from '../../src/notebook/outputData';
import { parseNotebook, serializeNotebook } from '../../src/shared/notebookFile';
import { throughVscode, type EditorOptions } from './vscodeNotebookModel';

const root = path.join(__dirname, '../../..');

/** Opens the text as VS Code would (deserialize), lets `edit` change the data VS Code holds, and saves it again. */
function roundTrip(text: string, edit?: (data: NotebookData) => void, options?: EditorOptions): string {
  const data = throughVscode(toNotebookData(parseNotebook(text)), options);
  edit?.(data);
  return serializeNotebook(toNotebookFile(throughVscode(data, options)));
}
const opened = (text: string) => throughVscode(toNotebookData(parseNotebook(text)));
const notebook = (cells: unknown[], extra: object = {}) =>
  serializeNotebook({ bigmodel: 1, metadata: {}, cells: cells as never, ...extra });
const utf8 = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('the serializer keeps every field of the file', () => {
  it('writes the canonical notebook and every example back byte for byte', () => {
    const files = [
      path.join(root, 'test/fixtures/notebooks/canonical.bigmodel'),
      ...fs
        .readdirSync(path.join(root, 'examples'))
        .filter((f) => f.endsWith('.bigmodel'))
        .map((f) => path.join(root, 'examples', f)),
    ];
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      assert.equal(roundTrip(text), text, f);
      assert.equal(roundTrip(text, undefined, { eol: '\r\n' }), text, `${f} in editors with CRLF line ends`);
    }
  });

  it('keeps a markdown cell’s outputs, execution, language, metadata and unknown fields, which VS Code has no place for', () => {
    const cell = {
      kind: 'markdown',
      language: 'latex',
      source: ['# Title', '', 'text'],
      outputs: [{ items: [{ mime: 'text/plain', data: 'old' }] }],
      execution: { order: 3 },
      metadata: { tags: ['intro'], nested: { a: [1, { b: null }] } },
      cellTag: 'x',
    };
    const text = notebook([cell]);
    const data = opened(text);
    assert.equal(data.cells[0].kind, 'markup');
    assert.equal(data.cells[0].languageId, 'markdown');
    assert.equal(data.cells[0].value, '# Title\n\ntext');
    assert.deepEqual(data.cells[0].metadata.tags, ['intro'], 'the cell’s metadata is VS Code’s cell metadata');
    assert.equal(roundTrip(text), text);
  });

  it('does not encode an image/png item written without an encoding a second time', () => {
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    const text = notebook([
      {
        kind: 'code',
        language: 'bigmodel',
        source: [],
        outputs: [
          {
            items: [
              { mime: 'image/png', data: png },
              { mime: 'image/jpeg', encoding: 'base64', data: png },
            ],
          },
        ],
      },
    ]);
    const items = opened(text).cells[0].outputs[0].items;
    assert.equal(utf8(items[0].data), png, 'data without an encoding is the item’s content as written');
    assert.deepEqual([...items[1].data.slice(0, 4)], [0x89, 0x50, 0x4e, 0x47], 'base64 data is decoded once');
    assert.equal(roundTrip(text), text);
    assert.doesNotMatch(roundTrip(text), /aVZCT1J3/, 'no base64 of base64');
  });

  it('keeps object data of a MIME type it does not know as JSON, and non-string data of a text type as it was', () => {
    const items = [
      { mime: 'application/x-custom', data: { a: [1, 2], b: 'c' } },
      { mime: 'text/plain', data: 42 },
      { mime: 'text/html', data: ['<b>', 'x</b>'] },
      { mime: 'application/json', data: 'a JSON string' },
      { mime: 'application/octet-stream', encoding: 'base64', data: 'AAEC' },
    ];
    const text = notebook([{ kind: 'code', language: 'bigmodel', source: ['data: xor'], outputs: [{ items }] }]);
    const shown = opened(text).cells[0].outputs[0].items;
    assert.deepEqual(JSON.parse(utf8(shown[0].data)), { a: [1, 2], b: 'c' }, 'a renderer reads the object as JSON');
    assert.deepEqual([...shown[4].data], [0, 1, 2]);
    assert.deepEqual(parseNotebook(roundTrip(text)).cells[0].outputs![0].items, items);
    assert.equal(roundTrip(text), text);
  });

  it('keeps extra fields of outputs and output items, and unknown encodings', () => {
    const outputs = [
      {
        items: [
          { mime: 'text/plain', data: 'x', lang: 'en', meta: { k: [true] } },
          { mime: 'text/csv', encoding: 'utf-16', data: 'a,b' },
        ],
        outputTag: 1,
        metadata: { scrolled: true },
      },
    ];
    const text = notebook([{ kind: 'code', language: 'javascript', source: ['1'], outputs }]);
    assert.deepEqual(
      opened(text).cells[0].outputs[0].metadata?.scrolled,
      true,
      'the output’s metadata is VS Code’s output metadata',
    );
    assert.equal(roundTrip(text), text);
  });

  it('keeps what VS Code changes or drops in an output: MIME case, a malformed MIME type, a second item of a type', () => {
    const items = [
      { mime: 'Text/Plain', data: 'first' },
      { mime: 'text/plain', data: 'second' },
      { mime: 'nonsense', data: 'no slash' },
      { mime: 'also nonsense', data: 'another' },
      { mime: 'application/vnd.code.notebook.stdout', data: 'out 1' },
      { mime: 'application/vnd.code.notebook.stdout', data: 'out 2' },
    ];
    const text = notebook([{ kind: 'code', language: 'bigmodel', source: [], outputs: [{ items }] }]);
    const shown = opened(text).cells[0].outputs[0].items;
    assert.deepEqual(
      shown.map((i) => i.mime),
      ['text/plain', UNREADABLE_MIME, 'application/vnd.code.notebook.stdout'],
    );
    assert.deepEqual(parseNotebook(roundTrip(text)).cells[0].outputs![0].items, items);
    assert.equal(roundTrip(text), text);
  });

  it('keeps base64 that is not in canonical form, text with a lone surrogate or a byte-order mark, and empty data', () => {
    const items = [
      { mime: 'image/png', encoding: 'base64', data: 'iVBORw0KGgo' },
      { mime: 'image/gif', encoding: 'base64', data: 'R0lG\nODlh' },
      { mime: 'image/bmp', encoding: 'base64', data: 12 },
      { mime: 'text/plain', data: 'half \ud83d a pair' },
      { mime: 'text/markdown', data: '\ufeffBOM' },
      { mime: 'text/x-empty', data: '' },
      { mime: 'application/x-empty', encoding: 'base64', data: '' },
    ];
    const text = notebook([{ kind: 'code', language: 'bigmodel', source: [], outputs: [{ items }] }]);
    assert.deepEqual(parseNotebook(roundTrip(text)).cells[0].outputs![0].items, items);
    assert.equal(roundTrip(text), text);
  });

  it('keeps unknown fields at the top, in the notebook metadata, on cells and in execution', () => {
    const text = notebook(
      [
        {
          kind: 'code',
          source: ['x'],
          execution: { order: 'one', success: 'yes', durationMs: 1.5, host: 'h' },
          metadata: {},
          tag: { deep: [[[{}]]] },
        },
      ],
      // JSON.parse makes "__proto__" a field, as reading a file does (an object literal would set the prototype).
      {
        metadata: JSON.parse('{"runs": [], "title": "ünïcødé 中文 🙂", "__proto__": {"polluted": true}}'),
        future: [1, null, 'x'],
      },
    );
    assert.match(text, /"__proto__"/);
    assert.equal(roundTrip(text), text);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('does not add fields the file left out: a code cell’s language and outputs, an empty source', () => {
    const text = notebook([
      { kind: 'code', source: [] },
      { kind: 'markdown', source: [''] },
      { kind: 'code', source: [''], outputs: [] },
    ]);
    const data = opened(text);
    assert.equal(data.cells[0].languageId, 'bigmodel');
    assert.equal(roundTrip(text), text);
    const edited = parseNotebook(
      roundTrip(text, (d) => {
        d.cells[0].languageId = 'javascript';
        d.cells[0].value = 'a\r\nb';
        d.cells[0].outputs = [{ items: [{ mime: 'text/plain', data: new TextEncoder().encode('ran') }] }];
      }),
    );
    assert.equal(edited.cells[0].language, 'javascript');
    assert.deepEqual(edited.cells[0].source, ['a', 'b']);
    assert.deepEqual(edited.cells[0].outputs, [{ items: [{ mime: 'text/plain', data: 'ran' }] }]);
  });

  it('saves metadata that VS Code or an extension set on a cell, an output and the notebook, and reads it back there', () => {
    const text = notebook([
      { kind: 'code', language: 'bigmodel', source: ['a'], outputs: [{ items: [{ mime: 'text/plain', data: 'x' }] }] },
      { kind: 'markdown', source: ['m'], metadata: { keep: 1 } },
    ]);
    const saved = roundTrip(text, (d) => {
      d.cells[0].metadata.tags = ['slow'];
      d.cells[0].outputs[0].metadata = { ...d.cells[0].outputs[0].metadata, collapsed: true };
      delete d.cells[1].metadata.keep;
      d.cells[1].metadata.other = 'x';
      d.metadata.extensionState = { on: true };
    });
    const file = parseNotebook(saved);
    assert.deepEqual(file.cells[0].metadata, { tags: ['slow'] });
    assert.deepEqual(file.cells[0].outputs![0].metadata, { collapsed: true });
    assert.deepEqual(file.cells[1].metadata, { other: 'x' });
    assert.deepEqual(file.extensionState, { on: true });
    const again = opened(saved);
    assert.deepEqual(
      again.cells[0].metadata,
      { tags: ['slow'] },
      'nothing of ours is left in VS Code’s metadata when nothing needs keeping',
    );
    assert.deepEqual(again.metadata.extensionState, { on: true });
    assert.equal(roundTrip(saved), saved);
  });

  it('writes the execution as read until the cell runs again, then the new order, success and duration', () => {
    const text = notebook([
      {
        kind: 'code',
        language: 'bigmodel',
        source: ['a'],
        outputs: [],
        execution: { order: 4, success: true, durationMs: 812, host: 'laptop' },
      },
    ]);
    const data = opened(text);
    assert.deepEqual(data.cells[0].executionSummary, {
      executionOrder: 4,
      success: true,
      timing: { startTime: 0, endTime: 812 },
    });
    assert.equal(roundTrip(text), text);
    const ran = parseNotebook(
      roundTrip(
        text,
        (d) =>
          (d.cells[0].executionSummary = {
            executionOrder: 1,
            success: false,
            timing: { startTime: 1_700_000_000_000, endTime: 1_700_000_000_250.4 },
          }),
      ),
    );
    assert.deepEqual(ran.cells[0].execution, { order: 1, success: false, durationMs: 250, host: 'laptop' });
    const cleared = parseNotebook(roundTrip(text, (d) => (d.cells[0].executionSummary = {})));
    assert.equal(cleared.cells[0].execution, undefined);
  });

  it('writes outputs made in VS Code the spec’s way, and outputs an extension replaced without what was kept for the old ones', () => {
    const text = notebook([
      {
        kind: 'code',
        language: 'bigmodel',
        source: [],
        outputs: [{ items: [{ mime: 'image/png', data: 'raw', extra: 1 }] }],
      },
    ]);
    const enc = (s: string) => new TextEncoder().encode(s);
    const file = parseNotebook(
      roundTrip(text, (d) => {
        d.cells[0].outputs[0].items = [{ mime: 'application/json', data: enc('{"a":1}') }];
        d.cells[0].outputs.push({
          items: [
            { mime: 'image/png', data: new Uint8Array([137, 80]) },
            { mime: 'text/plain', data: enc('t') },
            { mime: 'application/vnd.x+json', data: enc('not json') },
          ],
        });
      }),
    );
    assert.deepEqual(file.cells[0].outputs, [
      { items: [{ mime: 'application/json', data: { a: 1 } }] },
      {
        items: [
          { mime: 'image/png', encoding: 'base64', data: 'iVA=' },
          { mime: 'text/plain', data: 't' },
          { mime: 'application/vnd.x+json', encoding: 'base64', data: 'bm90IGpzb24=' },
        ],
      },
    ]);
  });

  it('ignores what it kept when another extension changed it into something else', () => {
    const text = notebook([
      { kind: 'code', language: 'bigmodel', source: [], outputs: [{ items: [{ mime: 'image/png', data: 'raw' }] }] },
    ]);
    const file = parseNotebook(
      roundTrip(text, (d) => {
        d.cells[0].metadata[KEPT] = 'garbage';
        d.cells[0].outputs[0].metadata = { [KEPT]: { items: [{ mime: 42 }], extra: [1] } };
      }),
    );
    assert.deepEqual(file.cells[0].outputs, [{ items: [{ mime: 'image/png', encoding: 'base64', data: 'cmF3' }] }]);
  });
});
