import * as assert from 'node:assert/strict';
import { parseCell } from '../../src/shared/cellSpec';
import { closest } from '../../src/shared/suggest';

describe('the bigmodel cell language', () => {
  it('reads sections in the order they run, whatever order they are written in', () => {
    const { spec, problems } = parseCell('train:\n  epochs: 3\ndata:\n  source: xor\n');
    assert.deepEqual(problems, []);
    assert.deepEqual(spec.sections, ['data', 'train']);
    assert.equal(spec.train?.epochs, 3);
  });

  it('reads the three ways of writing a layer', () => {
    const { spec, problems } = parseCell(
      'model:\n  layers:\n    - flatten\n    - dense: { units: 8, activation: relu }\n    - dropout: 0.2\n    - maxpool: { poolSize: 2 }\n',
    );
    assert.deepEqual(problems, []);
    const layers = spec.model?.layers ?? [];
    assert.deepEqual(
      layers.map((l) => l.type),
      ['flatten', 'dense', 'dropout', 'maxPooling2d'],
    );
    assert.deepEqual(layers[1].config, { units: 8, activation: 'relu' });
    assert.deepEqual(layers[2].config, { rate: 0.2 });
    assert.equal(layers[1].line, 4);
  });

  it('reports an unknown layer at its line and column with a suggestion', () => {
    const { problems } = parseCell('model:\n  layers:\n    - dense2d: { units: 8 }\n');
    assert.equal(problems.length, 1);
    assert.equal(problems[0].line, 3);
    assert.equal(problems[0].column, 7);
    assert.match(problems[0].message, /unknown layer `dense2d` — did you mean `dense`\?/);
  });

  it('reports an unknown section with a suggestion', () => {
    const { problems } = parseCell('data:\n  source: xor\ntrian:\n  epochs: 2\n');
    assert.equal(problems[0].line, 3);
    assert.match(problems[0].message, /unknown section `trian` — did you mean `train`\?/);
  });

  it('reports YAML syntax errors at their position', () => {
    const { problems } = parseCell('data:\n  source: [xor\n');
    assert.ok(problems.length > 0);
    assert.match(problems[0].message, /^YAML:/);
  });

  it('keeps YAML error positions on the right line after an error that swallows a line break (fuzz finding)', () => {
    const text = 'data:\n ]]] source: xor\n  validation: 0.2\n  seed: 42';
    const lines = text.split('\n');
    const { problems } = parseCell(text);
    assert.ok(problems.length > 0);
    for (const p of problems)
      assert.ok(
        p.line <= lines.length && p.column <= lines[p.line - 1].length + 1,
        `${p.line}:${p.column} ${p.message}`,
      );
    assert.ok(
      problems.some((p) => p.line === 3 && p.column === 13),
      'the colon after `validation` is on line 3',
    );
  });

  it('refuses a cell nested deeper than 100 levels at the bracket that goes too deep, without running out of stack', () => {
    for (const text of [
      'data: ' + '['.repeat(5000) + ']'.repeat(5000),
      'train:\n  x: ' + '{a: '.repeat(20000),
      'model:\n  layers:\n    ' + '- '.repeat(200) + 'dense',
    ]) {
      const { problems, spec } = parseCell(text);
      assert.equal(problems.length, 1, text.slice(0, 30));
      assert.match(problems[0].message, /nests more than 100 levels deep/);
      assert.deepEqual(spec.sections, []);
    }
    // `data:` is the first level, so the 100th bracket (column 7 + 99) is the 101st.
    assert.deepEqual(
      parseCell('data: ' + '['.repeat(5000)).problems.map((p) => [p.line, p.column]),
      [[1, 7 + 99]],
    );
    assert.deepEqual(
      parseCell('data: ' + '['.repeat(90) + ']'.repeat(90)).problems.map((p) => p.message),
      ['`data` must be a mapping of settings (key: value)'],
    );
  });

  it('locates a value, or its nearest parent when it is absent', () => {
    const cell = parseCell('data:\n  source: xor\ntrain:\n  epochs: 3\n');
    assert.deepEqual(cell.locate(['train', 'epochs']), { line: 4, column: 3 });
    assert.deepEqual(cell.locate(['train', 'batchSize']), { line: 3, column: 1 });
  });

  it('suggests only names that are close', () => {
    assert.equal(closest('adma', ['adam', 'sgd']), 'adam');
    assert.equal(closest('transformer', ['adam', 'sgd']), undefined);
  });
});

describe('the typed spec the decoder gives the core', () => {
  it('normalises what may be written more than one way', () => {
    const { spec, problems } = parseCell(
      'data: { train: people.csv, label: 1, features: age, imageSize: 64 }\ntrain: { optimizer: { sgd: { momentum: 0.9 } }, metrics: acc }',
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(spec.data, { train: 'people.csv', label: '1', features: ['age'], imageSize: 64 });
    assert.deepEqual(spec.train, { optimizer: { name: 'sgd', options: { momentum: 0.9 } }, metrics: ['acc'] });
    assert.deepEqual(parseCell('train: { optimizer: adam }').spec.train?.optimizer, { name: 'adam', options: {} });
  });

  it('leaves out a value with an error, so code past the decoder never sees one of the wrong kind', () => {
    const { spec, problems } = parseCell(
      'train:\n  epochs: 0\n  batchSize: 16\n  earlyStopping: { patience: two }\n  lerningRate: 0.1',
    );
    assert.deepEqual(
      problems.map((p) => [p.code, p.line]),
      [
        ['range-between', 2],
        ['expect-integer', 4],
        ['unknown-setting-hint', 5],
      ],
    );
    assert.deepEqual(spec.train, { batchSize: 16 });
  });

  it("names `layers` among the model's settings, which it reads layer by layer (a differential fuzz finding)", () => {
    const [p] = parseCell('model:\n  layerS:\n    - dense: { units: 2 }').problems;
    assert.equal(
      p.message,
      'unknown setting `model.layerS` — did you mean `layers`? (model settings: layers, input, load, seed)',
    );
    assert.deepEqual(p.fix, { kind: 'replace', text: 'layers' });
  });

  it('keeps a layer option only tfjs knows, with a warning, and drops a misspelt one', () => {
    const { spec, problems } = parseCell(
      'model:\n  layers:\n    - dense: { units: 4, someTfjsOption: 1, activaton: relu }',
    );
    assert.deepEqual(
      problems.map((p) => [p.code, p.severity]),
      [
        ['unknown-option', 'warning'],
        ['unknown-option-hint', 'error'],
      ],
    );
    assert.deepEqual(spec.model?.layers?.[0].config, { units: 4, someTfjsOption: 1 });
  });
});

describe('settings the core refused and the editor and `bigmodel check` let through (issue 19), refused by all three now', () => {
  const errors = (text: string) =>
    parseCell(text)
      .problems.filter((p) => p.severity === 'error')
      .map((p) => `${p.line}:${p.column} ${p.code}`);
  it('an image size that is not [height, width], a two-channel image, an empty list of names', () => {
    assert.deepEqual(errors('data:\n  train: pets\n  imageSize: [64, 64, 3]'), ['3:14 expect-length']);
    assert.deepEqual(errors('data:\n  train: pets\n  channels: 2'), ['3:13 unknown-choice']);
    assert.deepEqual(errors('data:\n  train: people.csv\n  features: []'), ['3:13 expect-list']);
    assert.deepEqual(errors('data:\n  train: people.csv\n  categorical: []'), ['3:16 expect-list']);
  });
  it('a list of files that is not two IDX files', () => {
    assert.deepEqual(errors('data:\n  train: [a.idx, b.idx, c.idx]'), ['2:10 expect-length']);
    assert.deepEqual(errors('data:\n  train: [images.idx, labels.idx]'), []);
  });
});
