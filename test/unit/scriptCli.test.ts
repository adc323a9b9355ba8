// `bigmodel run` on a notebook with JavaScript and TypeScript cells: their console output printed and saved, a
// model built in JS trained by the next cell, a failing script cell named by cell, line and column.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseNotebook } from '../../src/shared/notebookFile';
import { scratchFolder } from './scratchFolder';

const root = path.join(__dirname, '../../..');
const cli = path.join(root, 'dist/cli.js');
const bigmodel = (...args: string[]) =>
  spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 120000 });

function notebook(file: string, cells: { language: string; source: string[] }[]): void {
  const nb = { bigmodel: 1, metadata: {}, cells: cells.map((c) => ({ kind: 'code', ...c, outputs: [] })) };
  fs.writeFileSync(file, JSON.stringify(nb, null, 2) + '\n');
}

describe('bigmodel run with script cells', () => {
  const dir = scratchFolder('bigmodel-cli-js-');

  it('runs JavaScript and TypeScript cells between bigmodel cells and saves their console output', () => {
    const input = path.join(dir(), 'scripted.bigmodel');
    notebook(input, [
      { language: 'bigmodel', source: ['data: { source: xor, validation: 0.2, seed: 2 }'] },
      {
        language: 'javascript',
        source: [
          'session.model = tf.sequential({ layers: [',
          "  tf.layers.dense({ inputShape: [2], units: 8, activation: 'relu', name: 'hidden_from_js' }),",
          "  tf.layers.dense({ units: 1, activation: 'sigmoid' }),",
          '] });',
          "console.log('built', session.model.countParams(), 'parameters');",
        ],
      },
      { language: 'bigmodel', source: ['train: { epochs: 3 }'] },
      {
        language: 'typescript',
        source: [
          'const last: number = session.history.loss.at(-1);',
          'console.warn(`epochs: ${session.history.epoch.length}`, last > 0);',
        ],
      },
    ]);
    const out = path.join(dir(), 'scripted-run.bigmodel');
    const r = bigmodel('run', input, '--out', out);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /\[cell 2\] built 33 parameters/);
    assert.match(r.stdout, /\[cell 4\] epochs: 3 true/);
    const executed = parseNotebook(fs.readFileSync(out, 'utf8'));
    assert.deepEqual(executed.cells[1].outputs?.[0].items, [
      { mime: 'application/vnd.code.notebook.stdout', data: 'built 33 parameters\n' },
    ]);
    assert.deepEqual(executed.cells[3].outputs?.[0].items, [
      { mime: 'application/vnd.code.notebook.stderr', data: 'epochs: 3 true\n' },
    ]);
    assert.equal(executed.cells[2].execution?.success, true);
  });

  it('exits 1 naming the notebook, the cell, and the line and column of a failing script cell', () => {
    const input = path.join(dir(), 'broken.bigmodel');
    notebook(input, [
      { language: 'bigmodel', source: ['data: xor'] },
      {
        language: 'typescript',
        source: [
          "console.log('starting');",
          'const shape: number[] = session.data.inputShape;',
          'const bad: number = session.data.missing.size;',
        ],
      },
    ]);
    const out = path.join(dir(), 'broken-run.bigmodel');
    const r = bigmodel('run', input, '--out', out);
    assert.equal(r.status, 1);
    assert.match(
      r.stderr,
      /broken\.bigmodel: cell 2, line 3, column 42: TypeError: Cannot read properties of undefined \(reading 'size'\)/,
    );
    const executed = parseNotebook(fs.readFileSync(out, 'utf8'));
    assert.equal(executed.cells[1].outputs?.[0].items[0].data, 'starting\n', 'the output before the error is kept');
  });
});
