// Where a cursor sits in the schema (for completions and hovers), which glossary term a hover shows in a bigmodel or a
// script cell, and the pace of the last run that the `epochs` hover estimates from.
import * as assert from 'node:assert/strict';
import { cellTermAt, inComment, positionIn, wordAt } from '../../src/language/cellContext';
import { scriptTermAt } from '../../src/language/scriptTerms';
import { durationParts, trainingPace } from '../../src/language/trainingPace';
import { MIME } from '../../src/shared/outputs';

/** The position at the `|` of a cell written with one. */
function at(cellWithCursor: string) {
  const offset = cellWithCursor.indexOf('|');
  const text = cellWithCursor.replace('|', '');
  const before = text.slice(0, offset).split('\n');
  return positionIn(text, before.length - 1, before[before.length - 1].length);
}

/** The term id a hover shows at the `|`. */
function hover(cellWithCursor: string): string | undefined {
  const offset = cellWithCursor.indexOf('|');
  const text = cellWithCursor.replace('|', '');
  const before = text.slice(0, offset).split('\n');
  return cellTermAt(text, before.length - 1, before[before.length - 1].length)?.term.id;
}

describe('where the cursor sits in a cell', () => {
  it('at the start of a line: a section, or a key of the section above', () => {
    assert.deepEqual(at('da|'), { path: [], role: 'section' });
    assert.deepEqual(at('train:\n  epochs: 3\n  ba|'), { path: ['train'], role: 'key' });
    assert.deepEqual(at('train:\n  earlyStopping:\n    pat|'), { path: ['train', 'earlyStopping'], role: 'key' });
  });

  it('after `- ` in model.layers: a layer name', () => {
    assert.deepEqual(at('model:\n  layers:\n    - conv2d: { filters: 8 }\n    - |'), {
      path: ['model', 'layers'],
      role: 'layer',
    });
    assert.deepEqual(at('model:\n  layers:\n    - fl|'), { path: ['model', 'layers'], role: 'layer' });
  });

  it('after `key:`: its value, also inside `{…}` and `[…]`', () => {
    assert.deepEqual(at('train:\n  optimizer: |'), { path: ['train'], role: 'value', key: 'optimizer' });
    assert.deepEqual(at('train:\n  metrics: [accuracy, |'), { path: ['train'], role: 'value', key: 'metrics' });
    assert.deepEqual(at('train:\n  metrics:\n    - |'), { path: ['train'], role: 'value', key: 'metrics' });
    assert.deepEqual(at('model:\n  layers:\n    - dense: { units: 4, activation: re|'), {
      path: ['model', 'layers', 'dense'],
      role: 'value',
      key: 'activation',
    });
    assert.deepEqual(at('train:\n  optimizer: { adam: { learningRate: 0.0|'), {
      path: ['train', 'optimizer', 'adam'],
      role: 'value',
      key: 'learningRate',
    });
    assert.deepEqual(at('model:\n  layers:\n    - activation: |'), {
      path: ['model', 'layers', 'activation'],
      role: 'value',
      key: 'activation',
    });
    assert.deepEqual(at('data: |'), { path: [], role: 'value', key: 'data' });
  });

  it("inside a layer's settings: the layer's options", () => {
    assert.deepEqual(at('model:\n  layers:\n    - dense: { units: 4, |'), {
      path: ['model', 'layers', 'dense'],
      role: 'key',
    });
    assert.deepEqual(at('model:\n  layers:\n    - dense:\n        units: 4\n        act|'), {
      path: ['model', 'layers', 'dense'],
      role: 'key',
    });
    assert.deepEqual(at('train:\n  earlyStopping: { monitor: val_loss, |'), {
      path: ['train', 'earlyStopping'],
      role: 'key',
    });
  });

  it('finds words and comments', () => {
    assert.deepEqual(wordAt('    - dense: { units: 4 }', 8), { text: 'dense', start: 6, end: 11 });
    assert.deepEqual(wordAt('  source: fashion-mnist', 14), { text: 'fashion-mnist', start: 10, end: 23 });
    assert.equal(wordAt('    - ', 4), undefined);
    assert.equal(inComment('  epochs: 5 # more later', 16), true);
    assert.equal(inComment('  label: "a#b"', 12), false);
  });
});

describe('what a hover explains', () => {
  it('names of every kind, by where they are written', () => {
    assert.equal(hover('tr|ain:\n  epochs: 5'), 'train');
    assert.equal(hover('data:\n  tr|ain: ./churn.csv'), 'data.train');
    assert.equal(hover('train:\n  ep|ochs: 5'), 'epochs');
    assert.equal(hover('model:\n  layers:\n    - den|se: { units: 4, activation: relu }'), 'dense');
    assert.equal(hover('model:\n  layers:\n    - dense: { un|its: 4, activation: relu }'), 'units');
    assert.equal(hover('model:\n  layers:\n    - dense: { units: 4, activation: re|lu }'), 'relu');
    assert.equal(
      hover('model:\n  layers:\n    - batchNormalization: { mom|entum: 0.9 }'),
      'batchNormalization.momentum',
    );
    assert.equal(hover('train:\n  optimizer: ad|am'), 'adam');
    assert.equal(hover('train:\n  loss: meanSq|uaredError'), 'meanSquaredError');
    assert.equal(hover('train:\n  metrics: [ac|curacy]'), 'accuracy');
    assert.equal(hover('data: { source: fashion-mn|ist }'), 'fashion-mnist');
    assert.equal(hover('model:\n  layers:\n    - maxp|ool: { poolSize: 2 }'), 'maxPooling2d');
    assert.equal(hover('model:\n  layers:\n    - dropout: 0.|2'), 'rate');
  });

  it('a value that is not a name: the key it belongs to', () => {
    assert.equal(hover('train:\n  epochs: 5|0'), 'epochs');
    assert.equal(hover('evaluate:\n  on: te|st'), 'test');
    assert.equal(hover('data:\n  label: na|me'), 'label');
    assert.equal(hover('summary:\n  audience: prod|uct'), 'audience');
  });

  it('nothing in comments or for unknown words', () => {
    assert.equal(hover('train:\n  epochs: 5 # re|lu'), undefined);
    assert.equal(hover('mystery:\n  fo|o: 1'), undefined);
  });

  it('TensorFlow.js names, quoted names and setting keys in a script cell', () => {
    const line = "model.add(tf.layers.dense({ units: 4, activation: 'relu' }));";
    assert.equal(scriptTermAt(line, line.indexOf('dense') + 2)?.term.id, 'dense');
    assert.deepEqual(
      scriptTermAt(line, line.indexOf('dense') + 2) && {
        ...scriptTermAt(line, line.indexOf('dense') + 2),
        term: undefined,
      },
      { term: undefined, start: 10, end: 25 },
    );
    assert.equal(scriptTermAt(line, line.indexOf('layers') + 1), undefined);
    assert.equal(scriptTermAt(line, line.indexOf('relu') + 1)?.term.id, 'relu');
    assert.equal(scriptTermAt(line, line.indexOf('units') + 1)?.term.id, 'units');
    const compile = 'model.compile({ optimizer: tf.train.adam(0.01), loss: tf.losses.meanSquaredError });';
    assert.equal(scriptTermAt(compile, compile.indexOf('adam') + 1)?.term.id, 'adam');
    assert.equal(scriptTermAt(compile, compile.indexOf('meanSquared') + 1)?.term.id, 'meanSquaredError');
    assert.equal(scriptTermAt('await model.fit(xs, ys, { epochs: 50 });', 27)?.term.id, 'epochs');
    assert.equal(scriptTermAt('const name = "adam";', 15)?.term.id, 'adam');
    assert.equal(scriptTermAt('const units = 4;', 8), undefined, 'a variable is not a setting');
  });
});

describe('the pace of the last run', () => {
  it('comes from the last training output and data preview', () => {
    const pace = trainingPace(
      [
        { mime: MIME.dataPreview, data: { splits: { train: 1000 } } },
        { mime: MIME.training, data: { samplesPerSecond: 100 } },
        { mime: MIME.dataPreview, data: { splits: { train: 2000 } } },
        { mime: MIME.training, data: { samplesPerSecond: 400 } },
      ],
      [],
    );
    assert.deepEqual(pace, { from: 'outputs', secondsPerEpoch: 5, samplesPerSecond: 400, trainSamples: 2000 });
  });

  it('falls back on the run history, and on nothing', () => {
    const runs = [
      { durationMs: 10000, epochs: 10 },
      { durationMs: 60000, epochs: 20 },
      { durationMs: 0, epochs: 0 },
    ];
    assert.deepEqual(trainingPace([{ mime: MIME.training, data: { samplesPerSecond: 400 } }], runs), {
      from: 'runs',
      secondsPerEpoch: 3,
    });
    assert.equal(trainingPace([], undefined), undefined);
    assert.equal(
      trainingPace([{ mime: MIME.training, data: { samplesPerSecond: 0 } }], [{ durationMs: 5 }]),
      undefined,
    );
  });

  it('is shown in seconds, minutes or hours', () => {
    assert.deepEqual(durationParts(0.2), { unit: 's', value: 1 });
    assert.deepEqual(durationParts(42), { unit: 's', value: 42 });
    assert.deepEqual(durationParts(150), { unit: 'min', value: 3 });
    assert.deepEqual(durationParts(3 * 3600 + 20 * 60), { unit: 'h', value: 3, minutes: 20 });
  });
});
