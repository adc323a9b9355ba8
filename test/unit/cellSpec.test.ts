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
    const { spec, problems } = parseCell('model:\n  layers:\n    - flatten\n    - dense: { units: 8, activation: relu }\n    - dropout: 0.2\n    - maxpool: { poolSize: 2 }\n');
    assert.deepEqual(problems, []);
    const layers = spec.model?.layers ?? [];
    assert.deepEqual(layers.map((l) => l.type), ['flatten', 'dense', 'dropout', 'maxPooling2d']);
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
    for (const p of problems) assert.ok(p.line <= lines.length && p.column <= lines[p.line - 1].length + 1, `${p.line}:${p.column} ${p.message}`);
    assert.ok(problems.some((p) => p.line === 3 && p.column === 13), 'the colon after `validation` is on line 3');
  });

  it('refuses a cell nested deeper than 100 levels at the bracket that goes too deep, without running out of stack', () => {
    for (const text of ['data: ' + '['.repeat(5000) + ']'.repeat(5000), 'train:\n  x: ' + '{a: '.repeat(20000), 'model:\n  layers:\n    ' + '- '.repeat(200) + 'dense']) {
      const { problems, spec } = parseCell(text);
      assert.equal(problems.length, 1, text.slice(0, 30));
      assert.match(problems[0].message, /nests more than 100 levels deep/);
      assert.deepEqual(spec.sections, []);
    }
    // `data:` is the first level, so the 100th bracket (column 7 + 99) is the 101st.
    assert.deepEqual(parseCell('data: ' + '['.repeat(5000)).problems.map((p) => [p.line, p.column]), [[1, 7 + 99]]);
    assert.deepEqual(parseCell('data: ' + '['.repeat(90) + ']'.repeat(90)).problems.map((p) => p.message), ['`data` must be a mapping of settings (key: value)']);
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
