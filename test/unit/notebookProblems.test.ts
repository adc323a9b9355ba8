// The editor's notebook-wide check: the same problems as checking each cell with every cell above it, parsing each
// cell once per version and checking again only what an edit can change.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cellProblems } from '../../src/shared/cellCheck';
import { NotebookProblems } from '../../src/shared/notebookProblems';
import { parseNotebook } from '../../src/shared/notebookFile';

const examples = path.join(__dirname, '../../../examples');

function bigmodelCells(file: string): string[] {
  return parseNotebook(fs.readFileSync(file, 'utf8'))
    .cells.filter((c) => c.kind === 'code' && (c.language ?? 'bigmodel') === 'bigmodel')
    .map((c) => c.source.join('\n'));
}

describe('the notebook-wide check of the editor', () => {
  it('finds what checking each cell against all the cells above it finds, for every example and a broken notebook', () => {
    const notebooks = fs
      .readdirSync(examples)
      .filter((f) => f.endsWith('.bigmodel'))
      .map((f) => bigmodelCells(path.join(examples, f)));
    // Problems that need the cells above: a model that cannot fit an earlier cell's data, a train cell's loss.
    notebooks.push([
      'data: { source: iris }',
      'model:\n  layers:\n    - dense: { units: 1, activation: sigmoid }',
      'train:\n  loss: binaryCrossentropy\n  epochz: 2',
    ]);
    for (const cells of notebooks) {
      const expected = cells.map((text, i) => cellProblems(text, cells.slice(0, i)));
      assert.deepEqual(new NotebookProblems().update(cells), expected);
    }
    const last = notebooks[notebooks.length - 1];
    assert.ok(
      new NotebookProblems().update(last)[1].some((p) => p.code === 'sigmoid-multiclass'),
      'the model is checked against the data of the cell above',
    );
  });

  it('re-checks only the edited cell, and the cells below when its data or model changed', () => {
    const cells = [
      'data: { source: iris }',
      'model:\n  layers:\n    - dense: { units: 3, activation: softmax }',
      'train: { epochs: 2 }',
      'evaluate: { on: test }',
    ];
    const checker = new NotebookProblems();
    const first = checker.update(cells);
    // A comment in the train cell: only that cell's problems are new; the others are the same objects as before.
    const second = checker.update([cells[0], cells[1], `${cells[2]}\n# more`, cells[3]]);
    assert.deepEqual(
      [0, 1, 3].map((i) => second[i] === first[i]),
      [true, true, true],
    );
    assert.notEqual(second[2], first[2]);
    // Another data source changes what the cells below are checked against: they are checked again.
    const third = checker.update(['data: { source: xor }', cells[1], `${cells[2]}\n# more`, cells[3]]);
    assert.notEqual(third[1], second[1]);
    assert.ok(
      third[1].some((p) => p.code === 'binary-units'),
      'three units on yes/no labels',
    );
  });
});
