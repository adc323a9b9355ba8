// The headless runner as a user calls it: `node dist/cli.js run|check|doctor`, exit codes and files.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseNotebook } from '../../src/shared/notebookFile';
import { scratchFolder } from './scratchFolder';

const root = path.join(__dirname, '../../..');
const cli = path.join(root, 'dist/cli.js');
const bigmodel = (...args: string[]) =>
  spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 120000 });

function notebook(dir: string, name: string, cells: string[]): string {
  const file = path.join(dir, name);
  const nb = {
    bigmodel: 1,
    metadata: {},
    cells: cells.map((c) => ({ kind: 'code', language: 'bigmodel', source: c.split('\n'), outputs: [] })),
  };
  fs.writeFileSync(file, JSON.stringify(nb, null, 2) + '\n');
  return file;
}

describe('the bigmodel command line', () => {
  const dir = scratchFolder('bigmodel-cli-');

  it('runs a notebook, writes the executed copy to --out, and leaves the input untouched', () => {
    const input = path.join(dir(), 'xor.bigmodel');
    fs.copyFileSync(path.join(root, 'examples/xor.bigmodel'), input);
    const before = fs.readFileSync(input, 'utf8');
    const out = path.join(dir(), 'xor-run.bigmodel');
    const r = bigmodel('run', input, '--out', out);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /training core: wasm/);
    assert.match(r.stdout, /epoch 30\/30: loss/);
    assert.equal(fs.readFileSync(input, 'utf8'), before, 'the input notebook is not modified');
    const executed = parseNotebook(fs.readFileSync(out, 'utf8'));
    const train = executed.cells[3];
    assert.equal(train.execution?.success, true);
    assert.ok(train.outputs?.[0].items.some((i) => i.mime === 'application/vnd.bigmodel.training+json'));
    const runs = executed.metadata.runs as { epochs: number }[];
    assert.equal(runs.length, 1);
    assert.equal(runs[0].epochs, 30);
  });

  it('exits 1 and names the notebook, cell and line when a cell fails', () => {
    const file = notebook(dir(), 'bad.bigmodel', [
      'data:\n  source: xor',
      'model:\n  layers:\n    - dense: { units: 4 }\n    - desne: { units: 1 }',
    ]);
    const r = bigmodel('run', file);
    assert.equal(r.status, 1);
    assert.match(
      r.stderr,
      new RegExp(`bad\\.bigmodel: cell 2, line 4, column 7: unknown layer \`desne\` — did you mean \`dense\`\\?`),
    );
  });

  it('exits 2 when the notebook cannot be read, naming line and column', () => {
    const file = path.join(dir(), 'broken.bigmodel');
    fs.writeFileSync(file, '{\n  "bigmodel": 1,\n  "cells": [,]\n}\n');
    const r = bigmodel('run', file);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /broken\.bigmodel: line 3, column 13: not valid JSON/);
    assert.equal(bigmodel('run', path.join(dir(), 'missing.bigmodel')).status, 2);
  });

  it('checks a notebook without running it', () => {
    const file = notebook(dir(), 'check.bigmodel', ['data:\n  source: xor', 'trian:\n  epochs: 2']);
    const r = bigmodel('check', file);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /cell 2, line 1, column 1: error: unknown section `trian` — did you mean `train`\?/);
    assert.equal(bigmodel('check', path.join(root, 'examples/xor.bigmodel')).status, 0);
  });

  it('lists every backend in doctor', () => {
    const r = bigmodel('doctor');
    assert.equal(r.status, 0, r.stderr);
    for (const name of ['tensorflow-gpu', 'tensorflow', 'webgpu', 'wasm', 'cpu'])
      assert.match(r.stdout, new RegExp(`\\b${name}\\b`));
    assert.match(r.stdout, /training would use: wasm/);
  });

  it('exits 2 on a usage error', () => {
    assert.equal(bigmodel('frobnicate').status, 2);
    assert.equal(bigmodel('run').status, 2);
    assert.equal(bigmodel('run', 'x.bigmodel', '--no-such-flag').status, 2);
  });

  it('refuses a misspelt key in check and in run alike, at its line, with the key it meant (epochz, export.format)', () => {
    const file = notebook(dir(), 'typos.bigmodel', [
      'data: { source: xor, validation: 0.2 }\nmodel:\n  layers:\n    - dense: { units: 8, activation: relu }\n    - dense: { units: 1, activation: sigmoid }',
      'train:\n  epochz: 3\n  earlyStopping: { monitor: val_los }',
      'export: { to: ./m, format: onnx }',
    ]);
    const checked = bigmodel('check', file);
    assert.equal(checked.status, 1, checked.stdout);
    assert.match(
      checked.stdout,
      /typos\.bigmodel: cell 2, line 2, column 3: error: unknown setting `train\.epochz` — did you mean `epochs`\?/,
    );
    assert.match(
      checked.stdout,
      /cell 2, line 3, column 29: error: early stopping cannot watch `val_los` — did you mean `val_loss`\?/,
    );
    assert.match(checked.stdout, /cell 3, line 1, column 20: error: unknown setting `export\.format`/);
    const ran = bigmodel('run', file);
    assert.equal(ran.status, 1);
    // The run stops at the same cell and line before anything trains (no training line printed).
    assert.match(
      ran.stderr,
      /typos\.bigmodel: cell 2, line 2, column 3: unknown setting `train\.epochz` — did you mean `epochs`\? .*\(and 1 more problem\)/,
    );
    assert.doesNotMatch(ran.stdout, /epoch \d+\/\d+/);
  });

  it('reads a notebook saved with a UTF-8 byte-order mark (Windows Notepad) and data files that start with one', () => {
    const csv = path.join(dir(), 'bom.csv');
    fs.writeFileSync(
      csv,
      '\uFEFFx,y,label\r\n' +
        Array.from({ length: 40 }, (_, i) => `${i % 7},${(i * 3) % 5},${i % 2 ? 'yes' : 'no'}`).join('\r\n') +
        '\r\n',
    );
    const file = notebook(dir(), 'bom.bigmodel', ['data: { train: bom.csv, features: [x, y], label: label }']);
    fs.writeFileSync(file, '\uFEFF' + fs.readFileSync(file, 'utf8').replace(/\n/g, '\r\n'));
    assert.equal(bigmodel('check', file).status, 0);
    const r = bigmodel('run', file);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /bom\.csv: 40 train samples of shape \[2\]/);
  });

  it("exports inside the notebook's folder only, symlinks resolved, unless --allow-outside says so", () => {
    const inside = fs.mkdtempSync(path.join(dir(), 'nb-'));
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'bigmodel-outside-'));
    try {
      fs.symlinkSync(outside, path.join(inside, 'link'));
      const cells = (to: string) => [
        `data: xor\nmodel:\n  layers:\n    - dense: { units: 1, activation: sigmoid }\nexport: { to: ${to} }`,
      ];
      for (const to of [JSON.stringify(path.join(outside, 'm')), './link/m']) {
        const file = notebook(inside, 'out.bigmodel', cells(to));
        const refused = bigmodel('run', file);
        assert.equal(refused.status, 1, refused.stdout);
        assert.match(
          refused.stderr,
          new RegExp(
            `\`export\\.to\`: ${fs.realpathSync(outside).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}/m is outside the workspace`,
          ),
        );
        assert.ok(!fs.existsSync(path.join(outside, 'm')), 'nothing was written');
        const allowed = bigmodel('run', file, '--allow-outside');
        assert.equal(allowed.status, 0, allowed.stderr);
        assert.deepEqual(fs.readdirSync(path.join(outside, 'm')).sort(), ['model.json', 'weights.bin']);
        fs.rmSync(path.join(outside, 'm'), { recursive: true });
      }
      // Inside the folder: no question, no flag.
      assert.equal(bigmodel('run', notebook(inside, 'in.bigmodel', cells('./models/m'))).status, 0);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('keeps the training curve so far in --out when the core dies mid-training', () => {
    // A script cell kills the core, as a crash would, once it has sent live outputs holding trained epochs three times: a
    // fixed timer raced the start of training on a loaded machine, and then there was no curve to keep.
    const file = path.join(dir(), 'crash.bigmodel');
    const nb = {
      bigmodel: 1,
      metadata: {},
      cells: [
        {
          kind: 'code',
          language: 'bigmodel',
          source: [
            'data: { source: xor, seed: 1 }',
            'model:',
            '  layers:',
            '    - dense: { units: 1, activation: sigmoid }',
          ],
          outputs: [],
        },
        {
          kind: 'code',
          language: 'javascript',
          outputs: [],
          source: [
            'const send = process.send.bind(process);',
            'let live = 0;',
            'process.send = (message, ...rest) => {',
            '  const sent = send(message, ...rest);',
            '  if (/core\\/cell\\/outputs.*"epochs":\\[\\{/.test(JSON.stringify(message)) && ++live === 3) setTimeout(() => process.kill(process.pid, "SIGKILL"), 300);',
            '  return sent;',
            '};',
          ],
        },
        { kind: 'code', language: 'bigmodel', source: ['train: { epochs: 10000, batchSize: 8 }'], outputs: [] },
      ],
    };
    fs.writeFileSync(file, JSON.stringify(nb));
    const out = path.join(dir(), 'crash-run.bigmodel');
    const r = bigmodel('run', file, '--out', out);
    assert.equal(r.status, 1, r.stdout);
    assert.match(r.stderr, /the training core stopped/);
    const executed = parseNotebook(fs.readFileSync(out, 'utf8'));
    const items = executed.cells[2].outputs?.flatMap((o) => o.items) ?? [];
    const curve = items.find((i) => i.mime === 'application/vnd.bigmodel.training+json')?.data as
      { epochs: unknown[] } | undefined;
    assert.ok(curve && curve.epochs.length > 0, 'the epochs trained before the crash are kept');
    assert.ok(items.some((i) => i.mime === 'application/vnd.code.notebook.error'));
  });
});
