// The cell schema and the checks against it: unknown names with a suggestion, wrong types and ranges, each at the
// exact line and column of its token, with a fix where one is clear; and agreement with what the core accepts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BUILTIN_SOURCES, keysAt, LAYERS, SECTIONS, valueAt, valueNames } from '../../src/shared/cellSchema';
import * as cellSpec from '../../src/shared/cellSpec';
import { BUILTIN_SOURCES as CORE_SOURCES } from '../../src/core/data';
import { cellProblems, tokenAt, type CellCheckProblem } from '../../src/shared/cellCheck';

const root = path.join(__dirname, '../../..');

/** The one problem of a cell, with its position as [line, column, endLine, endColumn]. */
function only(text: string): CellCheckProblem & { at: number[] } {
  const problems = cellProblems(text);
  assert.equal(problems.length, 1, `one problem, got ${JSON.stringify(problems.map((p) => p.message))}`);
  const p = problems[0];
  return { ...p, at: [p.line, p.column, p.endLine, p.endColumn] };
}

describe('the cell schema', () => {
  it('agrees with the parser and the core on sections, layers and built-in sources', () => {
    assert.deepEqual([...cellSpec.SECTIONS], [...SECTIONS]);
    assert.deepEqual(cellSpec.LAYERS, LAYERS);
    assert.deepEqual([...BUILTIN_SOURCES].sort(), [...CORE_SOURCES].sort());
  });

  it('finds the keys and values of nested settings and layer options', () => {
    assert.ok(keysAt(['train'])!.epochs);
    assert.deepEqual(Object.keys(keysAt(['train', 'earlyStopping'])!), [
      'monitor',
      'patience',
      'restoreBest',
      'minDelta',
      'mode',
    ]);
    assert.ok(keysAt(['model', 'layers', 'conv2d'])!.kernelSize);
    assert.ok(keysAt(['model', 'layers', 'maxpool'])!.poolSize, "aliases have their layer's options");
    assert.ok(keysAt(['train', 'optimizer', 'adam'])!.learningRate);
    assert.ok(valueNames(valueAt(['model', 'layers', 'dense', 'activation']))[0].names.includes('relu'));
    assert.ok(valueNames(valueAt(['train', 'optimizer']))[0].names.includes('adam'));
    assert.ok(valueNames(valueAt(['train', 'metrics']))[0].names.includes('accuracy'));
  });

  it('reads every example notebook without a problem', () => {
    for (const file of fs.readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.bigmodel'))) {
      const nb = JSON.parse(fs.readFileSync(path.join(root, 'examples', file), 'utf8')) as {
        cells: { kind: string; language?: string; source: string[] }[];
      };
      for (const cell of nb.cells.filter((c) => c.kind === 'code' && (c.language ?? 'bigmodel') === 'bigmodel')) {
        assert.deepEqual(cellProblems(cell.source.join('\n')), [], `${file}: ${cell.source.join(' / ')}`);
      }
    }
  });

  it("reads the spec's full example cell without a problem", () => {
    const spec = fs.readFileSync(path.join(root, '../shared/spec/bigmodel-notebook.md'), 'utf8');
    const example = /## 3\.[\s\S]*?```yaml\n([\s\S]*?)```/.exec(spec)?.[1];
    if (!example) return; // the spec lives beside the repository, not in every checkout
    assert.deepEqual(
      cellProblems(example).map((p) => p.message),
      [],
    );
  });
});

describe('checking a cell against the schema', () => {
  it('reports an unknown layer at its exact range, with the suggestion as the fix', () => {
    const p = only('model:\n  layers:\n    - desne: { units: 4 }\n');
    assert.deepEqual(p.at, [3, 7, 3, 12]);
    assert.equal(p.code, 'unknown-layer-hint');
    assert.equal(p.message, 'unknown layer `desne` — did you mean `dense`?');
    assert.deepEqual(p.fix, { kind: 'replace', text: 'dense' });
  });

  it('reports an unknown key in a section with "did you mean"', () => {
    const p = only('train:\n  epohcs: 5\n');
    assert.deepEqual(p.at, [2, 3, 2, 9]);
    assert.equal(p.severity, 'error');
    assert.match(
      p.message,
      /^unknown setting `train.epohcs` — did you mean `epochs`\? \(train settings: optimizer, learningRate/,
    );
    assert.deepEqual(p.fix, { kind: 'replace', text: 'epochs' });
  });

  it('words an unknown data setting the way the core does', () => {
    const p = only('data:\n  source: xor\n  lable: y\n');
    assert.equal(
      p.message,
      `unknown setting \`data.lable\` — did you mean \`label\`? (data settings: ${Object.keys(keysAt(['data'])!).join(', ')})`,
    );
  });

  it('reports a wrong type at the value', () => {
    const p = only('train:\n  optimizer: adam\n  epochs: ten\n');
    assert.deepEqual(p.at, [3, 11, 3, 14]);
    assert.equal(p.message, '`train.epochs` must be a whole number, got `ten`');
    assert.equal(only('train: { batchSize: 32.5 }').message, '`train.batchSize` must be a whole number, got `32.5`');
    assert.equal(
      only('data: { source: xor, shuffle: maybe }').message,
      '`data.shuffle` must be true or false, got `maybe`',
    );
  });

  it('reports an out-of-range value at the value', () => {
    const p = only('model:\n  layers:\n    - dense: { units: 8 }\n    - dropout: 1.5\n');
    assert.deepEqual(p.at, [4, 16, 4, 19]);
    assert.equal(p.message, '`dropout.rate` must be ≥ 0 and less than 1, got 1.5');
    assert.equal(
      only('model:\n  layers:\n    - dropout: { rate: -0.1 }').message,
      '`dropout.rate` must be ≥ 0 and less than 1, got -0.1',
    );
    assert.equal(only('train: { epochs: 0 }').message, '`train.epochs` must be between 1 and 10000, got 0');
    assert.equal(only('train: { learningRate: 0 }').message, '`train.learningRate` must be greater than 0, got 0');
    assert.equal(
      only('data: { source: xor, validation: 0.95 }').message,
      '`data.validation` must be between 0 and 0.9, got 0.95',
    );
  });

  it('warns about an unusually high learning rate', () => {
    const p = only('train:\n  learningRate: 5\n');
    assert.equal(p.severity, 'warning');
    assert.equal(p.message, '`learningRate: 5` is unusually high; typical values are at most 1');
  });

  it('bounds epochs: more than 10,000 is an error (every epoch crosses to the window and into the run history), more than 1,000 a warning', () => {
    const tooMany = only('train:\n  epochs: 100000\n');
    assert.deepEqual(
      [tooMany.severity, tooMany.message, tooMany.at],
      ['error', '`train.epochs` must be between 1 and 10000, got 100000', [2, 11, 2, 17]],
    );
    const many = only('train:\n  epochs: 5000\n');
    assert.deepEqual(
      [many.severity, many.message],
      ['warning', '`epochs: 5000` is unusually high; typical values are at most 1000'],
    );
    assert.deepEqual(cellProblems('train:\n  epochs: 1000\n'), []);
  });

  it('suggests names for activations, optimizers, losses, metrics and sources', () => {
    assert.equal(
      only('model:\n  layers:\n    - dense: { units: 4, activation: rleu }').message,
      'unknown activation `rleu` — did you mean `relu`?',
    );
    assert.equal(only('train: { optimizer: adma }').message, 'unknown optimizer `adma` — did you mean `adam`?');
    assert.equal(
      only('train: { optimizer: { adma: { learningRate: 0.01 } } }').message,
      'unknown optimizer `adma` — did you mean `adam`?',
    );
    assert.equal(only('train: { loss: mse }').message, 'unknown loss `mse` — did you mean `meanSquaredError`?');
    assert.equal(
      only('train: { metrics: [accuracy, precison] }').message,
      'unknown metric `precison` — did you mean `precision`?',
    );
    assert.equal(
      only('data: { source: fashion-mnst }').message,
      'unknown data source `fashion-mnst` — did you mean `fashion-mnist`? (built in: fashion-mnist, iris, xor, spiral, blobs)',
    );
    assert.equal(
      only('data: iriss').message,
      'unknown data source `iriss` — did you mean `iris`? (built in: fashion-mnist, iris, xor, spiral, blobs)',
    );
    assert.equal(
      only('evaluate: { on: tset }').message,
      '`evaluate.on` is one of `test`, `validation`, got `tset` — did you mean `test`?',
    );
    assert.match(only('train: { optimizer: teleport }').message, /^unknown optimizer `teleport` \(known: adam, sgd/);
  });

  it('checks nested settings: early stopping and optimizer options', () => {
    assert.equal(
      only('train:\n  earlyStopping: { monitor: val_loss, patiense: 3 }').message.split(' (')[0],
      'unknown setting `train.earlyStopping.patiense` — did you mean `patience`?',
    );
    assert.equal(
      only('train:\n  earlyStopping: { patience: 0 }').message,
      '`train.earlyStopping.patience` must be ≥ 1, got 0',
    );
    assert.deepEqual(cellProblems('train:\n  earlyStopping: true'), []);
    assert.equal(
      only('train: { optimizer: { sgd: { momentum: 2 } } }').message,
      '`train.optimizer.sgd.momentum` must be between 0 and 1, got 2',
    );
    assert.equal(
      only('summary: { goal: { accuracy: high } }').message,
      '`summary.goal.accuracy` must be a number, got `high`',
    );
  });

  it('fails on a misspelt layer option (the layer would ignore it), with the option meant', () => {
    const p = only('model:\n  layers:\n    - dense: { unit: 4 }');
    assert.equal(p.severity, 'error');
    assert.equal(p.message, '`dense` has no option `unit` — did you mean `units`?');
    assert.deepEqual(p.at, [3, 16, 3, 20]);
  });

  it('reports an unknown section once, though the parser finds it too', () => {
    const problems = cellProblems('data:\n  source: xor\ntrian:\n  epochs: 2\n');
    assert.equal(problems.length, 1);
    assert.deepEqual([problems[0].line, problems[0].column, problems[0].endColumn], [3, 1, 6]);
    assert.equal(
      problems[0].message,
      'unknown section `trian` — did you mean `train`? (sections: data, model, train, evaluate, summary, export, predict)',
    );
  });

  it("passes the parser's other problems through at the token they start at", () => {
    const p = only('model:\n  layers: 5\n');
    assert.equal(p.code, 'layers-not-list');
    assert.match(p.message, /`model.layers` must be a list/);
    assert.deepEqual(p.at, [2, 11, 2, 12]);
    assert.match(only('data:\n  source: [xor\n').message, /^YAML:/);
  });

  it('reports a dense layer on a 2-D feature map and offers to insert flatten', () => {
    const text =
      'model:\n  layers:\n    - conv2d: { filters: 8, kernelSize: 3 }\n    - maxpool: { poolSize: 2 }\n    - dropout: 0.1\n    - dense: { units: 10 }\n';
    const p = only(text);
    // An error: nothing after it makes the feature map a vector (modelCheck.test.ts has the warning case).
    assert.equal(p.severity, 'error');
    assert.equal(p.code, 'missing-flatten');
    assert.deepEqual(p.at, [6, 7, 6, 12]);
    assert.deepEqual(p.fix, { kind: 'insert', line: 6, column: 1, text: '    - flatten\n' });
    assert.deepEqual(cellProblems(text.replace('    - dense', '    - flatten\n    - dense')), []);
    assert.deepEqual(
      cellProblems(
        'model:\n  layers:\n    - conv2d: { filters: 8, kernelSize: 3 }\n    - globalAveragePooling2d\n    - dense: { units: 10 }',
      ),
      [],
    );
    const flow = only('model: { layers: [conv2d: { filters: 8, kernelSize: 3 }, dense: { units: 2 }] }');
    assert.deepEqual(flow.fix, { kind: 'insert', line: 1, column: 58, text: 'flatten, ' });
  });

  it('leaves empty values alone while they are being typed', () => {
    assert.deepEqual(cellProblems('train:\n  epochs:\n  optimizer:\n'), []);
  });

  it('measures the token a problem starts at', () => {
    assert.deepEqual(tokenAt('a:\n  layers: 5', 2, 11), { line: 2, column: 11, endLine: 2, endColumn: 12 });
    assert.deepEqual(tokenAt('model:\n  layers: [x]', 2, 3), { line: 2, column: 3, endLine: 2, endColumn: 9 });
  });

  describe('misspellings the run would silently ignore (found by trying the product as a stranger)', () => {
    const errors = (text: string) =>
      cellProblems(text)
        .filter((p) => p.severity === 'error')
        .map((p) => `${p.line}:${p.column} ${p.message}`);
    it('a layer option close to a known one is an error; another name stays a warning (tfjs takes more options)', () => {
      assert.deepEqual(errors('model:\n  layers:\n    - dropout: { rat: 0.5 }'), [
        '3:18 `dropout` has no option `rat` — did you mean `rate`?',
      ]);
      const other = cellProblems('model:\n  layers:\n    - dense: { units: 4, someTfjsOption: 1 }');
      assert.deepEqual(
        other.map((p) => [p.code, p.severity]),
        [['unknown-option', 'warning']],
      );
    });
    it("a goal on a misspelt metric is an error with the metric meant; the summary's other spellings are known", () => {
      assert.deepEqual(errors('summary: { goal: { acuracy: 0.9 } }'), [
        '1:20 unknown metric `acuracy` — did you mean `accuracy`?',
      ]);
      assert.deepEqual(
        cellProblems('summary: { goal: { f1_score: 0.8, balanced_accuracy: 0.7, MAE: 3, recall: 0.8, auc: 0.9 } }'),
        [],
      );
    });
  });

  describe('YAML anchors and aliases in a cell', () => {
    it('are refused at their place in the editor, check and the core (they would arrive as objects, not values)', () => {
      const problems = cellProblems('data:\n  limit: &s 5\ntrain:\n  epochs: *s\n');
      assert.deepEqual(
        problems.map((p) => [p.code, p.line, p.column, p.severity]),
        [
          ['yaml-anchor', 2, 13, 'error'],
          ['yaml-alias', 4, 11, 'error'],
        ],
      );
      assert.equal(problems[1].message, 'YAML aliases (`*s`) are not read in a cell: write the value out here');
    });
  });
});
