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
