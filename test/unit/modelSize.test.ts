// A model too big to train is refused before anything is built, at the layer that makes it big, in the editor's check,
// in `bigmodel check` and in the core; a large one gets a warning.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { cellProblems, type CellCheckProblem } from '../../src/shared/cellCheck';
import { checkModel, type ModelLayer } from '../../src/shared/modelCheck';
import { machineMemory, MAX_PARAMETERS, setMachineMemory } from '../../src/shared/modelSize';
import { parseNotebook } from '../../src/shared/notebookFile';
import { Session } from '../../src/core/session';
import type { ChosenBackend } from '../../src/core/backends';
import { CellError } from '../../src/core/cellError';

const GiB = 2 ** 30;
const root = path.join(__dirname, '../../..');
const L = (type: string, config: Record<string, unknown> = {}): ModelLayer => ({ type, config });
const errors = (text: string) => cellProblems(text).filter((p) => p.severity === 'error');
const at = (p: CellCheckProblem) => `${p.line}:${p.column}-${p.endColumn}`;

/** The model: a hidden layer of 400 million units on xor's two inputs, 1.6 billion parameters (6.4 GB of weights). */
const HUGE =
  'data:\n  source: xor\nmodel:\n  layers:\n    - dense: { units: 400000000, activation: relu }\n    - dense: { units: 1, activation: sigmoid }\n';

describe('the size of a model, weighed before it is built', () => {
  let saved: number | undefined;
  beforeEach(() => {
    saved = machineMemory();
    setMachineMemory(undefined);
  });
  afterEach(() => setMachineMemory(saved));

  it('`units: 400000000` is an error at its value, naming the layer and its parameters, even where the machine is unknown', () => {
    const [p, ...rest] = errors(HUGE);
    assert.deepEqual(rest, []);
    assert.equal(p.code, 'model-too-many-parameters');
    assert.equal(at(p), '5:23-32', 'the range of `400000000`');
    assert.equal(
      p.message,
      `this model has 1,600,000,001 parameters, 1,200,000,000 of them in this \`dense\`: more than the ${MAX_PARAMETERS.toLocaleString('en-US')} a model may have — make this layer smaller`,
    );
  });

  it('where the text does not say the input, counts unknown sizes as 1 and says "at least"', () => {
    const [p, ...rest] = errors('model:\n  layers:\n    - dense: 400000000\n    - dense: 1\n');
    assert.deepEqual(rest, []);
    assert.equal(at(p), '3:14-23', 'at the scalar units');
    assert.match(
      p.message,
      /^this model has at least 1,200,000,001 parameters, at least 800,000,000 of them in this `dense`/,
    );
  });

  it('weighs the memory of training against the machine: an error above half of it, a warning above an eighth', () => {
    // 200 million parameters: 3.0 GB for the weights, their gradients and Adam's two moments, and a batch of activations.
    const layers = [L('dense', { units: 200000, activation: 'relu' }), L('dense', { units: 1 })];
    const facts = { inputShape: [1000], task: 'regression' as const };
    const on = (memoryBytes: number | null) =>
      checkModel(layers, facts, undefined, { memoryBytes }).map(
        (p) => `${p.severity} ${p.code} ${JSON.stringify(p.target)}`,
      );
    assert.deepEqual(on(4 * GiB), ['error model-too-big {"kind":"layer","index":0,"option":"units"}']);
    assert.deepEqual(on(16 * GiB), ['warning model-large {"kind":"layer","index":0,"option":"units"}']);
    assert.deepEqual(on(64 * GiB), []);
    assert.deepEqual(
      on(null),
      ['warning model-large {"kind":"layer","index":0,"option":"units"}'],
      'over 2 GB where the machine is unknown',
    );
    const [tooBig] = checkModel(layers, facts, undefined, { memoryBytes: 4 * GiB });
    assert.equal(
      tooBig.message,
      'training this model takes about 3.0 GB of memory (200,400,001 parameters), 3.0 GB of it for this `dense`: more than half of the 4.0 GB this machine has — make this layer smaller',
    );
    const [large] = checkModel(layers, facts, undefined, { memoryBytes: 16 * GiB });
    assert.match(large.message, /: more than an eighth of the 16\.0 GB this machine has, so it will be slow/);
  });

  it('counts a batch of activations: a wide conv2d with a large batchSize is too big, the same layer with the default batch is not', () => {
    setMachineMemory(8 * GiB);
    const cell = (batch: string) =>
      `data: fashion-mnist\nmodel:\n  layers:\n    - conv2d: { filters: 2048, kernelSize: 3 }\n    - flatten\n    - dense: { units: 10, activation: softmax }\n${batch}`;
    const [p, ...rest] = errors(cell('train:\n  batchSize: 512\n'));
    assert.deepEqual(rest, []);
    assert.equal(p.code, 'model-too-big');
    assert.equal(at(p), '4:26-30', 'at `filters`');
    // 26 × 26 × 2,048 values a sample, kept with their gradients for 512 samples: 5.3 GB; 13.9 million parameters: 0.2 GB more.
    assert.match(
      p.message,
      /^training this model takes about 5\.5 GB of memory \(13,864,970 parameters\), 5\.3 GB of it for this `conv2d`/,
    );
    assert.deepEqual(
      cellProblems(cell('')).map((x) => x.message),
      [],
    );
  });

  it('is silent on every example notebook, even on a 2 GB machine', () => {
    setMachineMemory(2 * GiB);
    for (const name of fs.readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.bigmodel'))) {
      const nb = parseNotebook(fs.readFileSync(path.join(root, 'examples', name), 'utf8'));
      const cells = nb.cells
        .filter((c) => c.kind === 'code' && (c.language ?? 'bigmodel') === 'bigmodel')
        .map((c) => c.source.join('\n'));
      cells.forEach((text, i) => {
        const sized = cellProblems(text, cells.slice(0, i)).filter((p) => p.code.startsWith('model-'));
        assert.deepEqual(
          sized.map((p) => p.message),
          [],
          `${name} cell ${i + 1}`,
        );
      });
    }
  });
});

describe('the core and `bigmodel check` refuse a model too big to train before anything is built', function () {
  this.timeout(120000);
  let dir: string;
  let saved: number | undefined;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bigmodel-size-'));
    saved = machineMemory();
  });
  after(() => {
    setMachineMemory(saved);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the core: a layer that only the loaded data makes too big (2,000 columns), at its units, with no tensor made', async () => {
    await tf.setBackend('cpu');
    const header = [...Array.from({ length: 2000 }, (_, i) => `x${i}`), 'y'].join(',');
    const rows = Array.from({ length: 6 }, (_, r) =>
      [...Array.from({ length: 2000 }, (_, i) => (r * i) % 7), r % 2].join(','),
    );
    fs.writeFileSync(path.join(dir, 'wide.csv'), [header, ...rows].join('\n') + '\n');
    const session = new Session({ tf, backend: 'cpu', device: 'cpu', checks: [] } as ChosenBackend);
    setMachineMemory(8 * GiB); // the session set this machine's; a fixed one keeps the figures the same everywhere
    const run = (source: string) => session.runCell({ cellId: 'c', language: 'bigmodel', source }, () => undefined);
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      await run('data:\n  train: wide.csv\n  label: y');
      const model =
        'model:\n  layers:\n    - dense: { units: 500000, activation: relu }\n    - dense: { units: 1, activation: sigmoid }';
      // Its own text says too little of the data for an error: the editor can only say it may be large.
      assert.deepEqual(errors(model), []);
      const tensors = tf.memory().numTensors;
      await assert.rejects(run(model), (e: unknown) => {
        assert.ok(e instanceof CellError, String(e));
        assert.deepEqual(e.position, { line: 3, column: 16 });
        assert.equal(
          e.message,
          'training this model takes about 15.0 GB of memory (1,001,000,001 parameters), 15.0 GB of it for this `dense`: more than half of the 8.0 GB this machine has — make this layer smaller',
        );
        return true;
      });
      assert.equal(tf.memory().numTensors, tensors, 'no weights were made');
      assert.equal(session.model, undefined);
    } finally {
      process.chdir(cwd);
      session.dispose();
    }
  });

  it("`bigmodel check`: the issue's 400-million-unit layer and 100,000 epochs, at their lines, exit code 1", () => {
    const file = path.join(dir, 'budgets.bigmodel');
    const cells = [HUGE.trimEnd(), 'train:\n  epochs: 100000'];
    const nb = {
      bigmodel: 1,
      metadata: {},
      cells: cells.map((c) => ({ kind: 'code', language: 'bigmodel', source: c.split('\n'), outputs: [] })),
    };
    fs.writeFileSync(file, JSON.stringify(nb, null, 2) + '\n');
    const r = spawnSync(process.execPath, [path.join(root, 'dist/cli.js'), 'check', file], {
      encoding: 'utf8',
      timeout: 120000,
    });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(
      r.stdout,
      /budgets\.bigmodel: cell 1, line 5, column 23: error: this model has 1,600,000,001 parameters, 1,200,000,000 of them in this `dense`/,
    );
    assert.match(r.stdout, /cell 2, line 2, column 11: error: `train\.epochs` must be between 1 and 10000, got 100000/);
    assert.doesNotMatch(r.stdout, /no problems found/);
  });
});
