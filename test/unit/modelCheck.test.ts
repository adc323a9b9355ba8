// Every rule of a layer stack whose shapes cannot work and of a loss that does not fit: its message at the exact line
// and column in the editor (what the cell's text says of the data), and silence on stacks that work.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseNotebook } from '../../src/shared/notebookFile';
import { cellProblems, type CellCheckProblem } from '../../src/shared/cellCheck';
import { checkModel, inferLoss, modelOutput, type ModelLayer } from '../../src/shared/modelCheck';

/** The problems of a cell, each as `line:column code`, with the messages. */
function problems(text: string): CellCheckProblem[] {
  return cellProblems(text);
}

function one(text: string, code: string): CellCheckProblem {
  const all = problems(text);
  assert.equal(
    all.length,
    1,
    `one problem, got ${JSON.stringify(all.map((p) => `${p.line}:${p.column} ${p.message}`))}`,
  );
  assert.equal(all[0].code, code, all[0].message);
  return all[0];
}

const cell = (data: string, layers: string[], train = '') => {
  // `model:\n  input: [n]\n` as the data: the input shape is given in the model section instead.
  const model = data.startsWith('model:') ? data : `${data}model:\n`;
  return `${model}  layers:\n${layers.map((l) => `    - ${l}\n`).join('')}${train}`;
};
const xor = 'data:\n  source: xor\n';
const iris = 'data:\n  source: iris\n';
const fashion = 'data:\n  source: fashion-mnist\n';

describe('model checks in the editor: shapes and losses at their line and column', () => {
  it('is silent on stacks that work: MLP, CNN, recurrent, transformer, embedding recommender', () => {
    const valid = [
      cell(xor, ['dense: { units: 8, activation: relu }', 'dense: { units: 1, activation: sigmoid }']),
      cell(
        iris,
        ['dense: { units: 8, activation: relu }', 'dropout: 0.1', 'dense: { units: 3, activation: softmax }'],
        'train:\n  loss: crossentropy\n',
      ),
      cell(fashion, [
        'conv2d: { filters: 8, kernelSize: 3, activation: relu }',
        'maxpool: { poolSize: 2 }',
        'flatten',
        'dense: { units: 10, activation: softmax }',
      ]),
      cell(fashion, [
        'conv2d: { filters: 8, kernelSize: 3 }',
        'globalAveragePooling2d',
        'dense: { units: 10 }',
        'activation: softmax',
      ]),
      cell(fashion, [
        'reshape: [28, 28]',
        'lstm: { units: 8, returnSequences: true }',
        'gru: { units: 4 }',
        'dense: { units: 10, activation: softmax }',
      ]),
      cell(fashion, [
        'reshape: [28, 28]',
        'conv1d: { filters: 4, kernelSize: 3 }',
        'maxPooling1d: { poolSize: 2 }',
        'globalAveragePooling1d',
        'dense: { units: 10, activation: softmax }',
      ]),
      cell('model:\n  input: [20]\n', [
        'embedding: { inputDim: 100, outputDim: 16 }',
        'positionEmbedding',
        'transformerEncoder: { numHeads: 4 }',
        'globalAveragePooling1d',
        'dense: { units: 2, activation: softmax }',
      ]),
      cell('model:\n  input: [2]\n', [
        'embedding: { inputDim: 50, outputDim: 8 }',
        'flatten',
        'dense: { units: 16, activation: relu }',
        'dense: { units: 1 }',
      ]),
      cell('', ['dense: { units: 4 }', 'dense: { units: 1 }']), // nothing known of the data: nothing to say
    ];
    for (const text of valid)
      assert.deepEqual(
        problems(text).map((p) => p.message),
        [],
        text,
      );
  });

  it('dense after conv2d without flatten: an error when nothing later makes a vector, with the fix', () => {
    const p = one(
      cell(fashion, ['conv2d: { filters: 8, kernelSize: 3 }', 'dense: { units: 10, activation: softmax }']),
      'missing-flatten',
    );
    assert.deepEqual([p.line, p.column, p.severity], [6, 7, 'error']);
    assert.equal(p.message, '`dense` after `conv2d` gets a 2-D feature map, not a vector: insert `flatten` before it');
    assert.deepEqual(p.fix, { kind: 'insert', line: 6, column: 1, text: '    - flatten\n' });
  });

  it('dense on images from the data: insert flatten', () => {
    const p = one(cell(fashion, ['dense: { units: 10, activation: softmax }']), 'dense-on-image');
    assert.deepEqual([p.line, p.column], [5, 7]);
    assert.match(p.message, /`dense` gets \[28, 28, 1\] per sample, an image rather than a vector/);
  });

  it('a 2-D layer on 1-D data', () => {
    const p = one(
      cell(iris, ['conv2d: { filters: 4, kernelSize: 2 }', 'flatten', 'dense: { units: 3, activation: softmax }']),
      'needs-image',
    );
    assert.deepEqual([p.line, p.column], [5, 7]);
    assert.equal(
      p.message,
      '`conv2d` works on images (height × width × channels), but its input here is a vector of 4 numbers: reshape it first, e.g. `- reshape: [4, 1, 1]`, or use `dense`',
    );
    // Known without the data: conv2d after a flatten gets a vector.
    assert.equal(one(cell('', ['flatten', 'maxPooling2d', 'dense: { units: 1 }']), 'needs-image').line, 4);
  });

  it('conv1d on images, and a recurrent layer on a vector', () => {
    const p = one(
      cell(fashion, ['conv1d: { filters: 4, kernelSize: 3 }', 'flatten', 'dense: { units: 10, activation: softmax }']),
      'needs-sequence',
    );
    assert.deepEqual([p.line, p.column], [5, 7]);
    assert.match(
      p.message,
      /`conv1d` works on sequences \(steps × features\), but its input here is \[28, 28, 1\]: use `conv2d` for images/,
    );
    const rnn = one(cell(iris, ['lstm: { units: 4 }', 'dense: { units: 3, activation: softmax }']), 'needs-sequence');
    assert.match(rnn.message, /a vector of 4 numbers: add `- reshape: \[4, 1\]` before it/);
  });

  it('an embedding that does not get ids', () => {
    const p = one(
      cell(fashion, [
        'embedding: { inputDim: 10, outputDim: 4 }',
        'flatten',
        'dense: { units: 10, activation: softmax }',
      ]),
      'needs-ids',
    );
    assert.deepEqual([p.line, p.column], [5, 7]);
  });

  it('flatten on a vector', () => {
    const p = one(cell(iris, ['flatten', 'dense: { units: 3, activation: softmax }']), 'flatten-vector');
    assert.deepEqual(
      [p.line, p.column, p.message],
      [5, 7, '`flatten` gets a vector of 4 numbers, which is already a vector: remove it'],
    );
  });

  it('a kernel larger than its input, at the kernelSize', () => {
    const p = one(
      cell(fashion, [
        'conv2d: { filters: 4, kernelSize: 3 }',
        'maxPooling2d: { poolSize: 2 }',
        'conv2d: { filters: 4, kernelSize: 15 }',
        'flatten',
        'dense: { units: 10, activation: softmax }',
      ]),
      'too-small',
    );
    assert.deepEqual([p.line, p.column], [7, 41]);
    assert.match(p.message, /`conv2d` needs at least 15 steps along each axis, but its input here is \[13, 13, 4\]/);
  });

  it('a reshape to the wrong number of values, at the targetShape', () => {
    const p = one(
      cell(fashion, ['reshape: { targetShape: [28, 27] }', 'flatten', 'dense: { units: 10, activation: softmax }']),
      'reshape-size',
    );
    assert.deepEqual([p.line, p.column], [5, 31]);
    assert.equal(p.message, '`reshape` to [28, 27] needs 756 values, but its input here is [28, 28, 1] (784 values)');
  });

  it('attention heads that do not divide the width, at numHeads', () => {
    const p = one(
      cell('model:\n  input: [12]\n', [
        'embedding: { inputDim: 30, outputDim: 10 }',
        'transformerEncoder: { numHeads: 4 }',
        'globalAveragePooling1d',
        'dense: { units: 1, activation: sigmoid }',
      ]),
      'heads-divide',
    );
    assert.deepEqual([p.line, p.column], [5, 39]);
  });

  it('a model that ends in a sequence per sample', () => {
    const p = one(
      cell('model:\n  input: [12]\n', [
        'embedding: { inputDim: 30, outputDim: 8 }',
        'dense: { units: 1, activation: sigmoid }',
      ]),
      'output-not-vector',
    );
    assert.deepEqual([p.line, p.column], [5, 7]);
    assert.match(p.message, /ends in \[12, 1\] per sample.*`globalAveragePooling1d`/);
  });

  it('output units ≠ number of classes, at units, with the fix', () => {
    const p = one(
      cell(iris, ['dense: { units: 8, activation: relu }', 'dense: { units: 4, activation: softmax }']),
      'units-classes',
    );
    assert.deepEqual([p.line, p.column, p.endColumn], [6, 23, 24]);
    assert.equal(p.message, 'the last layer has 4 units, but the data has 3 classes: use `units: 3`');
    assert.deepEqual(p.fix, { kind: 'replace', text: '3' });
  });

  it('one sigmoid unit for ten classes', () => {
    const p = one(cell(fashion, ['flatten', 'dense: { units: 1, activation: sigmoid }']), 'sigmoid-multiclass');
    assert.deepEqual([p.line, p.column], [6, 23]);
    assert.match(p.message, /one sigmoid unit can only tell two classes apart, but the data has 10/);
  });

  it("yes/no labels with two units: a 2-unit softmax fits (Teachable Machine's head), two sigmoids or three units do not", () => {
    assert.deepEqual(
      cellProblems(cell(xor, ['dense: { units: 2, activation: softmax }'])).filter((p) => p.severity === 'error'),
      [],
    );
    assert.equal(inferLoss(undefined, 'binary', { units: 2, activation: 'softmax' }), 'sparseCategoricalCrossentropy');
    assert.equal(
      inferLoss('crossentropy', 'binary', { units: 2, activation: 'softmax' }),
      'sparseCategoricalCrossentropy',
    );
    const p = one(cell(xor, ['dense: { units: 2, activation: sigmoid }']), 'binary-units');
    assert.deepEqual([p.line, p.column], [5, 23]);
    assert.match(
      p.message,
      /end with `dense: \{ units: 1, activation: sigmoid \}` or `dense: \{ units: 2, activation: softmax \}`/,
    );
    assert.equal(one(cell(xor, ['dense: { units: 3, activation: softmax }']), 'binary-units').line, 5);
  });

  it('softmax with binaryCrossentropy, at the loss', () => {
    const p = one(
      cell(fashion, ['flatten', 'dense: { units: 10, activation: softmax }'], 'train:\n  loss: binaryCrossentropy\n'),
      'softmax-binary-loss',
    );
    assert.deepEqual([p.line, p.column], [8, 9]);
    // Without the data too: the rule is about the loss and the last layer.
    assert.equal(
      one(
        cell('', ['dense: { units: 4, activation: softmax }'], 'train:\n  loss: binaryCrossentropy\n'),
        'softmax-binary-loss',
      ).line,
      5,
    );
  });

  it('a softmax over one unit', () => {
    const p = one(cell('', ['dense: { units: 1, activation: softmax }']), 'softmax-one-unit');
    assert.deepEqual([p.line, p.column], [3, 38]);
  });

  it('a categorical cross-entropy over one output', () => {
    const p = one(
      cell('', ['dense: { units: 1, activation: sigmoid }'], 'train:\n  loss: categoricalCrossentropy\n'),
      'categorical-one-unit',
    );
    assert.deepEqual([p.line, p.column], [5, 9]);
  });

  it('cross-entropy on an output that is not a probability', () => {
    const p = one(
      cell(iris, ['dense: { units: 3, activation: relu }'], 'train:\n  epochs: 2\n'),
      'needs-probabilities',
    );
    assert.deepEqual([p.line, p.column], [5, 38]);
    // A model cell alone: a train cell below may choose a loss that takes any number.
    assert.deepEqual(problems(cell(iris, ['dense: { units: 3, activation: relu }'])), []);
    assert.equal(
      problems(cell(iris, ['dense: { units: 3, activation: relu }'], 'train:\n  loss: meanSquaredError\n')).length,
      0,
    );
    assert.equal(
      p.message,
      '`categoricalCrossentropy` needs probabilities, but the activation of the last layer is `relu`: use `activation: softmax`',
    );
    assert.equal(
      one(cell(xor, ['dense: { units: 1 }'], 'train:\n  epochs: 2\n'), 'needs-probabilities').message,
      '`binaryCrossentropy` needs probabilities, but the activation of the last layer is `linear`: use `activation: sigmoid`',
    );
  });
});

describe('model checks with the data known (the core)', () => {
  const L = (type: string, config: Record<string, unknown> = {}): ModelLayer => ({ type, config });

  it('regression: one unit, no cross-entropy, no squashing activation', () => {
    const facts = { inputShape: [3], task: 'regression' as const };
    assert.deepEqual(checkModel([L('dense', { units: 1 })], facts), []);
    assert.equal(checkModel([L('dense', { units: 2 })], facts)[0].code, 'regression-units');
    const loss = checkModel([L('dense', { units: 1 })], facts, 'binaryCrossentropy');
    assert.deepEqual([loss[0].code, loss[0].target], ['loss-for-classes', { kind: 'loss' }]);
    const squashed = checkModel([L('dense', { units: 1, activation: 'sigmoid' })], facts);
    assert.deepEqual([squashed[0].code, squashed[0].severity], ['squashed-regression', 'warning']);
  });

  it('infers the loss from the labels, or from the last layer where the labels are unknown', () => {
    assert.equal(inferLoss(undefined, 'binary'), 'binaryCrossentropy');
    assert.equal(inferLoss('crossentropy', 'classification'), 'categoricalCrossentropy');
    assert.equal(inferLoss(undefined, 'regression'), 'meanSquaredError');
    assert.equal(inferLoss('crossentropy', 'regression'), undefined);
    assert.equal(inferLoss('hinge', 'binary'), 'hinge');
    assert.equal(inferLoss('crossentropy', undefined, { units: 1, activation: 'sigmoid' }), 'binaryCrossentropy');
    assert.equal(inferLoss(undefined, undefined, { units: 5, activation: 'softmax' }), 'categoricalCrossentropy');
  });

  it('reads the last layer through trailing activation and dropout layers', () => {
    const out = modelOutput([
      L('dense', { units: 3 }),
      L('activation', { activation: 'softmax' }),
      L('dropout', { rate: 0.1 }),
    ]);
    assert.deepEqual(out, { lastLayer: 2, units: 3, unitsLayer: 0, activation: 'softmax', activationLayer: 1 });
  });

  it('works out every shape of a CNN and reports nothing', () => {
    const layers = [
      L('conv2d', { filters: 8, kernelSize: 3, padding: 'same', strides: 2 }),
      L('averagePooling2d', { poolSize: 2 }),
      L('conv2d', { filters: 4, kernelSize: [3, 2] }),
      L('flatten'),
      L('dense', { units: 10, activation: 'softmax' }),
    ];
    assert.deepEqual(checkModel(layers, { inputShape: [28, 28, 1], task: 'classification', classes: 10 }), []);
    // 28 → same/2 → 14 → pool 2 → 7 → 3×2 valid → 5 × 6: a kernel of 8 fits no more.
    const p = checkModel(
      [
        ...layers.slice(0, 3),
        L('conv2d', { filters: 2, kernelSize: 6 }),
        L('flatten'),
        L('dense', { units: 10, activation: 'softmax' }),
      ],
      { inputShape: [28, 28, 1], task: 'classification', classes: 10 },
    );
    assert.deepEqual([p[0].code, p[0].args[2]], ['too-small', '[5, 6, 4]']);
  });
});

describe('model checks across the cells of a notebook', () => {
  const inNotebook = (text: string, earlier: string[]) => cellProblems(text, earlier);

  it('checks a model cell against the data of an earlier cell', () => {
    const model =
      'model:\n  layers:\n    - dense: { units: 8, activation: relu }\n    - dense: { units: 10, activation: softmax }\n';
    assert.deepEqual(problems(model), [], 'alone, nothing is known of the data');
    const [p, ...rest] = inNotebook(model, ['data:\n  source: iris\n  validation: 0.2']);
    assert.deepEqual(rest, []);
    assert.deepEqual(
      [p.code, p.line, p.column, p.message],
      ['units-classes', 4, 23, 'the last layer has 10 units, but the data has 3 classes: use `units: 3`'],
    );
    // The latest data cell counts: after a fashion-mnist cell, ten units fit.
    assert.deepEqual(
      inNotebook(model, ['data:\n  source: iris', 'data:\n  source: fashion-mnist']).map((q) => q.code),
      ['dense-on-image'],
    );
  });

  it("checks a train cell's loss against the model of an earlier cell", () => {
    const earlier = [
      'data:\n  source: fashion-mnist',
      'model:\n  layers:\n    - flatten\n    - dense: { units: 10, activation: softmax }',
    ];
    const [p, ...rest] = inNotebook('train:\n  epochs: 3\n  loss: binaryCrossentropy\n', earlier);
    assert.deepEqual(rest, []);
    assert.deepEqual([p.code, p.line, p.column], ['softmax-binary-loss', 3, 9]);
    assert.deepEqual(inNotebook('train:\n  epochs: 3\n  loss: categoricalCrossentropy\n', earlier), []);
    assert.deepEqual(inNotebook('train:\n  epochs: 3\n', earlier), []);
    // The inferred cross-entropy needs probabilities: said at `train`.
    const linear = inNotebook('train:\n  epochs: 3\n', ['data: xor', 'model:\n  layers:\n    - dense: { units: 1 }']);
    assert.deepEqual(
      linear.map((q) => [q.code, q.line, q.column]),
      [['needs-probabilities', 1, 1]],
    );
  });

  it('finds nothing wrong in the example notebooks, each cell read with the cells above it', () => {
    const dir = path.join(__dirname, '../../../examples');
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.bigmodel'))) {
      const cells = parseNotebook(fs.readFileSync(path.join(dir, file), 'utf8'))
        .cells.filter((c) => c.language === 'bigmodel')
        .map((c) => c.source.join('\n'));
      cells.forEach((text, i) =>
        assert.deepEqual(
          cellProblems(text, cells.slice(0, i)).map((p) => p.message),
          [],
          `${file}, cell ${i + 1}`,
        ),
      );
    }
  });
});
