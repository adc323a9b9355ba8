import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NotebookFormatError, parseNotebook, serializeNotebook } from '../../src/shared/notebookFile';

const fixtures = path.join(__dirname, '../../../test/fixtures/notebooks');
const read = (name: string) => fs.readFileSync(path.join(fixtures, name), 'utf8');

function formatError(text: string): NotebookFormatError {
  try {
    parseNotebook(text);
  } catch (e) {
    assert.ok(e instanceof NotebookFormatError, `expected NotebookFormatError, got ${e}`);
    return e;
  }
  assert.fail('the notebook was accepted');
}

describe('the .bigmodel file format', () => {
  it('writes a canonical notebook back byte for byte, unknown fields included', () => {
    const text = read('canonical.bigmodel');
    assert.equal(serializeNotebook(parseNotebook(text)), text);
  });

  it('writes every example notebook back unchanged', () => {
    const examples = path.join(__dirname, '../../../examples');
    for (const f of fs.readdirSync(examples).filter((f) => f.endsWith('.bigmodel'))) {
      const text = fs.readFileSync(path.join(examples, f), 'utf8');
      assert.equal(serializeNotebook(parseNotebook(text)), text, f);
    }
  });

  it('keeps keys in a stable order whatever order they were read in', () => {
    const shuffled =
      '{"cells":[{"source":"a: 1","outputs":[],"language":"bigmodel","kind":"code"}],"metadata":{},"bigmodel":1}';
    const out = serializeNotebook(parseNotebook(shuffled));
    assert.ok(
      out.indexOf('"bigmodel"') < out.indexOf('"metadata"') && out.indexOf('"metadata"') < out.indexOf('"cells"'),
    );
    assert.ok(out.indexOf('"kind"') < out.indexOf('"language"') && out.indexOf('"language"') < out.indexOf('"source"'));
    assert.ok(out.endsWith('}\n'), 'ends with a newline');
  });

  it('accepts a plain string as a cell source and splits it into lines', () => {
    const nb = parseNotebook(
      '{"bigmodel":1,"cells":[{"kind":"code","language":"bigmodel","source":"data:\\n  source: xor"}]}',
    );
    assert.deepEqual(nb.cells[0].source, ['data:', '  source: xor']);
  });

  it('opens an empty file as an empty notebook', () => {
    for (const text of ['', '  \n']) {
      const nb = parseNotebook(text);
      assert.equal(nb.bigmodel, 1);
      assert.deepEqual(nb.cells, []);
    }
  });

  it('names the line and column of a JSON syntax error', () => {
    const e = formatError('{\n  "bigmodel": 1,\n  "cells": [,]\n}');
    assert.equal(e.line, 3);
    assert.equal(e.column, 13);
    assert.match(e.message, /line 3, column 13: not valid JSON/);
  });

  it('refuses JSON nested deeper than 512 levels at the bracket that goes too deep, without running out of stack', () => {
    const e = formatError('{"bigmodel": 1,\n "metadata": ' + '['.repeat(100000));
    assert.equal(e.line, 2);
    assert.equal(e.column, 14 + 511, 'the notebook’s own { is the first level');
    assert.match(e.message, /nested more than 512 levels deep/);
    const fine = '['.repeat(500) + ']'.repeat(500);
    assert.equal(
      JSON.stringify(parseNotebook(`{"bigmodel": 1, "metadata": {"deep": ${fine}}}`).metadata.deep).length,
      fine.length,
    );
  });

  it('counts lines as the editor does: \\r\\n, \\r and \\n', () => {
    assert.equal(formatError('{\r"bigmodel": 1,\r"cells": [,]\r}').line, 3);
    assert.equal(formatError('{\r\n"bigmodel": 1,\r\n"cells": [,]\r\n}').line, 3);
    assert.deepEqual(
      [formatError('{\n"bigmodel": 1,\n"cells": [,]}').line, formatError('{\n"bigmodel": 1,\n"cells": [,]}').column],
      [3, 11],
    );
  });

  it('names what is wrong in JSON in words rather than the parser’s codes', () => {
    assert.match(formatError('{"bigmodel": 1, \u00a0"cells": []}').message, /unexpected character/);
    assert.match(formatError('{"bigmodel": 1, "cells": "a\tb"}').message, /control character/);
    assert.match(formatError('{"bigmodel": 1, "cells": "\\q"}').message, /unknown escape/);
  });

  it('splits a source line that holds a line break, as the editor would', () => {
    const nb = parseNotebook('{"bigmodel":1,"cells":[{"kind":"code","source":["a\\r\\nb", "c\\rd", "e"]}]}');
    assert.deepEqual(nb.cells[0].source, ['a', 'b', 'c', 'd', 'e']);
  });

  it('refuses a newer format version and names both versions', () => {
    const e = formatError('{\n  "bigmodel": 2,\n  "cells": []\n}');
    assert.match(e.message, /version 2/);
    assert.match(e.message, /reads version 1/);
    assert.equal(e.line, 2);
  });

  it('says what is missing when the JSON is not a notebook', () => {
    assert.match(formatError('{"cells": []}').message, /"bigmodel" version field is missing/);
    assert.match(formatError('[1, 2]').message, /expected a JSON object/);
  });

  it('points at a cell with a bad kind', () => {
    const e = formatError('{\n  "bigmodel": 1,\n  "cells": [\n    { "kind": "python", "source": [] }\n  ]\n}');
    assert.equal(e.line, 4);
    assert.match(e.message, /cells\[0\]\.kind must be "markdown" or "code"/);
  });

  it('points at an output item without a mime type', () => {
    const e = formatError(
      '{"bigmodel": 1, "cells": [{"kind": "code", "source": [], "outputs": [{"items": [{"data": 1}]}]}]}',
    );
    assert.match(e.message, /outputs\[0\]\.items\[0\] must have "mime" and "data"/);
  });
});
