// JavaScript and TypeScript cells through the real core process: tf, session and display in scope, top-level await,
// console captured in order, errors at the cell's own line and column, interrupt.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { TrainingCore } from '../../src/client/trainingCore';
import { cellFailure as failure } from './cellFailure';
import { MIME, type ModelSummaryPayload, type TrainingPayload } from '../../src/shared/outputs';
import type { CellOutput } from '../../src/shared/protocol';

const corePath = path.join(__dirname, '../../../dist/core.js');
const STDOUT = 'application/vnd.code.notebook.stdout';
const STDERR = 'application/vnd.code.notebook.stderr';

/** Each output as [mime of its first item, its data]: the order the cell made them in. */
const shape = (outputs: CellOutput[]) => outputs.map((o) => [o.items[0].mime, o.items[0].data]);
const item = (outputs: CellOutput[], mime: string) =>
  outputs.flatMap((o) => o.items).find((i) => i.mime === mime)?.data;

describe('javascript and typescript cells in the core', function () {
  let core: TrainingCore;
  let n = 0;
  const run = (language: string, source: string, token?: CancellationTokenSource) =>
    core.runCell({ cellId: `cell-${++n}`, language, source }, token?.token);

  beforeEach(async () => {
    core = await TrainingCore.start({ corePath, backend: 'auto' });
  });
  afterEach(async () => {
    await core.dispose();
  });

  it('builds a model in JavaScript that the next train cell trains, and reads the history back', async () => {
    await run('bigmodel', 'data: { source: xor, validation: 0.2, seed: 3 }');
    const built = await run(
      'javascript',
      [
        'const model = tf.sequential();',
        "model.add(tf.layers.dense({ inputShape: session.data.inputShape, units: 12, activation: 'tanh', name: 'from_js' }));",
        "model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));",
        'session.model = model;',
        'display(session.model);',
      ].join('\n'),
    );
    const summary = item(built.outputs, MIME.modelSummary) as ModelSummaryPayload;
    assert.equal(summary.layers[0].name, 'from_js');
    const trained = await run('bigmodel', 'train: { epochs: 4, learningRate: 0.05, batchSize: 32 }');
    const payload = item(trained.outputs, MIME.training) as TrainingPayload;
    assert.equal(payload.epochs.length, 4);
    assert.ok(payload.epochs[3].loss < payload.epochs[0].loss, 'the JS model learned');
    const after = await run(
      'javascript',
      [
        "console.log(session.model.layers[0].name, session.model.layers[0].getWeights()[0].shape.join('x'));",
        'console.log(JSON.stringify(session.history.epoch), session.history.loss.length);',
      ].join('\n'),
    );
    assert.deepEqual(shape(after.outputs), [[STDOUT, 'from_js 2x12\n[1,2,3,4] 4\n']]);
    const printed = await run('javascript', "session.model.summary();\nconsole.log('done');");
    assert.match(
      String(printed.outputs[0].items[0].data),
      /from_js \(Dense\)\s+\[\[null,2\]\]\s+\[null,12\]\s+36[\s\S]*Total params: 49\n[\s\S]*done\n$/,
      'model.summary() prints into the cell',
    );
  });

  it('runs TypeScript with types, an enum, generics and top-level await', async () => {
    const result = await run(
      'typescript',
      [
        'interface Point {',
        '  x: number;',
        '  y: number;',
        '}',
        'enum Axis { X, Y }',
        'function pick<T extends Point>(p: T, axis: Axis): number { return axis === Axis.X ? p.x : p.y; }',
        'const p: Point = await Promise.resolve({ x: 3, y: 4 });',
        'const t: import("@tensorflow/tfjs").Tensor = tf.tensor1d([pick(p, Axis.X), pick(p, Axis.Y)]);',
        'console.log((await t.norm().data())[0] as number);',
        "const os: typeof import('node:os') = require('node:os');",
        'console.log(typeof os.cpus().length);',
      ].join('\n'),
    );
    assert.deepEqual(shape(result.outputs), [[STDOUT, '5\nnumber\n']]);
  });

  it('keeps console output and displays in the order the cell made them', async () => {
    const result = await run(
      'javascript',
      [
        "console.log('one', 1, { a: [1, 2] });",
        "console.info('two');",
        "console.warn('careful');",
        "console.error('bad');",
        'display(tf.tensor2d([[1, 2.5], [3, 4]]));',
        'await new Promise((r) => setTimeout(r, 200));',
        "console.log('after await');",
        "display('plain text');",
        'display({ lr: 0.01, layers: [16, 8] });',
      ].join('\n'),
    );
    const outputs = shape(result.outputs);
    assert.deepEqual(
      outputs.map((o) => o[0]),
      [STDOUT, STDERR, 'text/markdown', STDOUT, 'text/plain', 'application/json'],
    );
    assert.equal(outputs[0][1], 'one 1 { a: [ 1, 2 ] }\ntwo\n');
    assert.equal(outputs[1][1], 'careful\nbad\n');
    assert.match(String(outputs[2][1]), /Tensor `\[2, 2\]` float32/);
    assert.match(String(outputs[2][1]), /\| \*\*0\*\* \| 1 \| 2\.5 \|/);
    assert.equal(item([result.outputs[2]], 'text/plain'), 'Tensor\n    [[1, 2.5],\n     [3, 4  ]]');
    assert.equal(outputs[3][1], 'after await\n');
    assert.equal(outputs[4][1], 'plain text');
    assert.deepEqual(outputs[5][1], { lr: 0.01, layers: [16, 8] });
  });

  it('keeps the first million characters of a flood of console output and says the rest is not shown', async () => {
    const result = await run(
      'javascript',
      "const line = 'x'.repeat(999);\nfor (let i = 0; i < 3000; i++) console.log(line);\nconsole.log('never shown');",
    );
    const outputs = shape(result.outputs);
    assert.deepEqual(
      outputs.map((o) => o[0]),
      [STDOUT, STDERR],
    );
    assert.equal(String(outputs[0][1]).length, 1_000_000);
    assert.match(
      String(outputs[1][1]),
      /^… more than 1 million characters of console output: the rest is not shown\n$/,
    );
  });

  it('shows a runtime error in JavaScript at its line and column, keeping the output before it', async () => {
    const e = await failure(
      run(
        'javascript',
        ["console.log('before');", 'const weights = session.model;', '', '  const n = weights.layers.length;'].join(
          '\n',
        ),
      ),
    );
    assert.equal(e.category, 'script');
    assert.match(e.message, /^TypeError: Cannot read properties of undefined \(reading 'layers'\)/);
    assert.deepEqual([e.position?.line, e.position?.column], [4, 21]);
    assert.deepEqual(shape(e.outputs ?? []), [[STDOUT, 'before\n']]);
  });

  it('shows an error thrown inside TensorFlow.js at the line of the cell that called it', async () => {
    const e = await failure(
      run(
        'javascript',
        ['const a = tf.ones([2, 3]);', 'const b = tf.ones([4, 5]);', 'const c = tf.matMul(a, b);'].join('\n'),
      ),
    );
    assert.match(e.message, /Error in matMul: inner shapes \(3\) and \(4\) of Tensors with shapes 2,3 and 4,5/);
    assert.deepEqual([e.position?.line, e.position?.column], [3, 14]);
  });

  it('shows a runtime error in TypeScript at the line and column of the TypeScript source', async () => {
    const e = await failure(
      run(
        'typescript',
        [
          'type Row = { label: string; values: number[] };',
          'interface Options {',
          '  scale: number;',
          '}',
          'const rows: Row[] = [];',
          'const first: Row = rows[0] as Row, options: Options = { scale: 2 };',
          'const width: number = first.values.length * options.scale;',
        ].join('\n'),
      ),
    );
    assert.match(e.message, /^TypeError: Cannot read properties of undefined \(reading 'values'\)/);
    // `first.values`: column 29 in the TypeScript, 21 once `: number` is stripped.
    assert.deepEqual([e.position?.line, e.position?.column], [7, 29]);
  });

  it('reports syntax errors in JavaScript and TypeScript at their line and column, before running anything', async () => {
    const js = await failure(run('javascript', ["console.log('never');", 'const x = (1 + ;'].join('\n')));
    assert.equal(js.category, 'invalid-cell');
    assert.match(js.message, /^SyntaxError: Unexpected token ';'/);
    assert.deepEqual([js.position?.line, js.position?.column], [2, 16]);
    assert.deepEqual(js.outputs ?? [], [], 'nothing ran');
    const ts = await failure(run('typescript', ['const ok: number = 1;', 'let y: Array<string = [];'].join('\n')));
    assert.equal(ts.category, 'invalid-cell');
    assert.match(ts.message, /^SyntaxError: Unexpected token/);
    assert.deepEqual([ts.position?.line, ts.position?.column], [2, 21]);
    const imported = await failure(run('javascript', "import * as tf from '@tensorflow/tfjs';"));
    assert.match(imported.message, /import and export are not available in cells/);
    assert.equal(imported.position?.line, 1);
  });

  it('refuses a session.model that is not a model, at the line that set it', async () => {
    const e = await failure(run('javascript', ['const m = { layers: [] };', 'session.model = m;'].join('\n')));
    assert.match(e.message, /session\.model must be a tf\.LayersModel/);
    assert.equal(e.position?.line, 2);
  });

  it('stops a running cell on interrupt and the core runs the next cell', async () => {
    const cancel = new CancellationTokenSource();
    let ticks = 0;
    const live = core.onCellOutputs((p) => {
      ticks = String(p.outputs[0]?.items[0].data ?? '').split('\n').length - 1;
    });
    const running = run(
      'javascript',
      'for (let i = 0; ; i++) {\n  console.log(`tick ${i}`);\n  await new Promise((r) => setTimeout(r, 20));\n}',
      cancel,
    );
    await new Promise((r) => setTimeout(r, 600));
    cancel.cancel();
    const e = await failure(running);
    live.dispose();
    assert.equal(e.category, 'cancelled');
    assert.ok(ticks > 0, 'the console output was shown live before the interrupt');
    const next = await run(
      'javascript',
      "await new Promise((r) => setTimeout(r, 100));\nconsole.log('next', session.signal.aborted);",
    );
    assert.deepEqual(
      shape(next.outputs),
      [[STDOUT, 'next false\n']],
      'the interrupted loop wrote nothing more into later cells',
    );
  });

  it('stops a model.fit inside a cell after its batch on the editor interrupt, keeping the model', async () => {
    await run(
      'bigmodel',
      'data: { source: xor, seed: 4 }\nmodel:\n  layers:\n    - dense: { units: 8, activation: relu }\n    - dense: { units: 1, activation: sigmoid }',
    );
    const running = run(
      'javascript',
      [
        "session.model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });",
        'const { xs, ys } = session.data.train;',
        "console.log('fitting');",
        'globalThis.batchesSeen = 0;',
        'await session.model.fit(xs, ys, { epochs: 10000, batchSize: 8, callbacks: { onBatchEnd: () => { globalThis.batchesSeen++; } } });',
      ].join('\n'),
    );
    await new Promise((r) => setTimeout(r, 1500));
    core.stopTraining(); // what the notebook's interrupt sends
    const e = await failure(running);
    assert.equal(e.category, 'cancelled');
    assert.deepEqual(shape(e.outputs ?? []), [[STDOUT, 'fitting\n']]);
    const after = await run(
      'javascript',
      [
        'await new Promise((r) => setTimeout(r, 300));',
        'const seen = globalThis.batchesSeen;',
        'await new Promise((r) => setTimeout(r, 500));',
        'console.log(seen > 0, globalThis.batchesSeen === seen, session.model.countParams());',
      ].join('\n'),
    );
    assert.deepEqual(
      shape(after.outputs),
      [[STDOUT, 'true true 33\n']],
      'fit stopped: no batch ran after the interrupt settled',
    );
  });
});
