// "Export CSV" of the training output (src/shared/csv.ts): RFC 4180 quoting, and no formula runs when a spreadsheet
// opens a file exported from a notebook someone else wrote.
import * as assert from 'node:assert/strict';
import { csvField, toCsv, trainingCsv } from '../../src/shared/csv';
import type { EpochRecord } from '../../src/shared/outputs';

/** An RFC 4180 reader, to check that the fields come back as written (after the apostrophe of a neutralised one). */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    assert.equal(text[i], '"', `a quoted field at ${i}`);
    let field = '';
    for (i++; ; i++) {
      if (text[i] === '"' && text[i + 1] === '"') field += text[i++];
      else if (text[i] === '"') break;
      else field += text[i];
    }
    row.push(field);
    i++;
    if (text[i] === ',') i++;
    else {
      assert.equal(text.slice(i, i + 2), '\r\n', 'a record ends with CRLF');
      rows.push(row);
      row = [];
      i += 2;
    }
  }
  return rows;
}

describe('CSV export', () => {
  it('quotes every field and doubles quotes inside one', () => {
    assert.equal(csvField('loss'), '"loss"');
    assert.equal(csvField('say "hi", then go'), '"say ""hi"", then go"');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    assert.equal(csvField(''), '""');
  });

  it('puts an apostrophe before a field a spreadsheet would run as a formula', () => {
    for (const formula of [
      '=1+2',
      '+1+2',
      '-1+2',
      '@SUM(A1)',
      '\t=1',
      '\r=1',
      '=HYPERLINK("http://x","y")',
      '-',
      '+',
      '-Infinity',
      '- 1',
    ]) {
      assert.equal(readCsv(toCsv([[formula]]))[0][0], `'${formula}`, JSON.stringify(formula));
    }
    assert.equal(csvField('=cmd|"/c calc"!A0'), `"'=cmd|""/c calc""!A0"`);
  });

  it('leaves numbers numbers, negative ones and exponents included', () => {
    for (const n of [-0.5, -1, 0, 3, 1e-7, -2.5e21, 0.000123, -0])
      assert.equal(csvField(n), `"${String(n)}"`, String(n));
    for (const s of ['-0.5', '-12', '1e-7', '-1.5E+3', '.5', '-.5', '7.']) assert.equal(csvField(s), `"${s}"`, s);
    assert.equal(csvField(NaN), '"NaN"');
  });

  it('exports every epoch of a training run, with its metric columns, as an RFC 4180 reader reads it back', () => {
    const epochs: EpochRecord[] = [
      { epoch: 1, loss: 0.9, val_loss: -0.5, '=evil()': 3 },
      { epoch: 2, loss: NaN, '=evil()': 1 },
    ];
    const text = trainingCsv(epochs, ['loss', 'val_loss', '=evil()']);
    assert.deepEqual(readCsv(text), [
      ['epoch', 'loss', 'val_loss', "'=evil()"],
      ['1', '0.9', '-0.5', '3'],
      ['2', 'NaN', '', '1'],
    ]);
    assert.ok(text.endsWith('\r\n'));
  });
});
