// Every snippet a user can insert works as inserted: each `bigmodel` body, with its placeholders at their defaults,
// passes the editor's own checker; each JavaScript body compiles, and the seed models build and run in TensorFlow.js.
// The "New Notebook" templates are checked the same way and teach the same models as the snippets.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { transform } from 'esbuild';
import { parse as parseJsonc } from 'jsonc-parser';
import { cellProblems } from '../../src/shared/cellCheck';
import { parseCell } from '../../src/shared/cellSpec';
import { SEED_MODELS } from '../../src/shared/seedModels';

const root = path.join(__dirname, '../../..');

interface Snippet {
  prefix: string | string[];
  description: string;
  body: string | string[];
}

function snippets(file: string): [string, Snippet][] {
  const text = fs.readFileSync(path.join(root, 'snippets', file), 'utf8');
  return Object.entries(parseJsonc(text) as Record<string, Snippet>);
}

/**
 * The text VS Code inserts when every placeholder keeps its default: `${1:xor}` → xor, `${2|adam,sgd|}` → adam,
 * `$0` → nothing; `typed` gives what a user typed over some placeholders instead, by number.
 */
function expandSnippet(body: string | string[], typed: Record<number, string> = {}): string {
  let text = Array.isArray(body) ? body.join('\n') : body;
  const escaped = '\u0000';
  text = text.replace(/\\\$/g, escaped);
  for (const [n, value] of Object.entries(typed)) text = text.replace(new RegExp(`\\$\\{${n}:[^}]*\\}`, 'g'), value);
  // Innermost first, so a default that holds another placeholder expands too.
  for (let before = ''; before !== text;) {
    before = text;
    text = text
      .replace(/\$\{\d+:([^${}]*)\}/g, '$1')
      .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
      .replace(/\$\{\d+\}|\$\d+/g, '');
  }
  return text.replace(new RegExp(escaped, 'g'), '$');
}

/** Errors and warnings alike: a snippet should insert nothing the editor then underlines. */
function problemsOf(text: string): string[] {
  return cellProblems(text).map((p) => `${p.line}:${p.column} ${p.severity}: ${p.message}`);
}

/** The layer names of a cell's model, in order. */
function layersOf(text: string): string[] {
  return (parseCell(text).spec.model?.layers ?? []).map((l) => l.type);
}

describe('snippets', () => {
  it('expands placeholders to their defaults', () => {
    assert.equal(
      expandSnippet(['a: ${1:xor}', 'b: ${2|adam,sgd|}', 'c: ${3:${4:nested}}', 'd: $1$0', 'e: \\$5']),
      'a: xor\nb: adam\nc: nested\nd: \ne: $5',
    );
  });

  const bigmodel = snippets('bigmodel.code-snippets');

  it('offers the seed models, data loading, early stopping and export for bigmodel cells', () => {
    const prefixes = bigmodel.flatMap(([, s]) => s.prefix);
    for (const p of [
      'bm-binary',
      'bm-mlp',
      'bm-cnn',
      'bm-recommender',
      'bm-transformer',
      'bm-csv',
      'bm-images',
      'bm-early-stopping',
      'bm-export',
    ]) {
      assert.ok(prefixes.includes(p), `a bigmodel snippet has the prefix ${p}`);
    }
    for (const [name, s] of bigmodel) assert.ok(s.description.length > 20, `${name} says what it is`);
  });

  for (const [name, s] of bigmodel) {
    it(`bigmodel snippet "${name}" passes the cell checker as inserted`, () => {
      const text = expandSnippet(s.body);
      assert.deepEqual(problemsOf(text), [], text);
    });
  }

  it('checks a snippet for real: a broken body is reported', () => {
    assert.notDeepEqual(problemsOf(expandSnippet(['model:', '  layers:', '    - dense: { units: ${1:ten} }'])), []);
    assert.notDeepEqual(problemsOf('model:\n  layers:\n    - transformer: { heads: 4 }\n'), [], 'an unknown layer');
  });

  const javascript = snippets('javascript.code-snippets');

  for (const [name, s] of javascript) {
    it(`JavaScript snippet "${name}" compiles as a cell (top-level await allowed)`, async () => {
      await transform(expandSnippet(s.body), { loader: 'js', format: 'esm', target: 'es2022' });
    });
  }

  describe('JavaScript seed models in TensorFlow.js', () => {
    before(async () => {
      await tf.setBackend('cpu');
    });

    /** Runs a snippet as a JS cell does: `tf` and `session` in scope, top-level await. */
    async function runCell(
      name: string,
      session: Record<string, unknown>,
      typed: Record<number, string> = {},
    ): Promise<void> {
      const snippet = javascript.find(([n]) => n === name)?.[1];
      assert.ok(snippet, `snippet ${name} exists`);
      const cell = new Function(
        'tf',
        'session',
        `return (async () => {\n${expandSnippet(snippet.body, typed)}\n})();`,
      ) as (t: typeof tf, s: unknown) => Promise<void>;
      const log = console.log;
      console.log = () => undefined; // model.summary() and the snippets' own lines
      try {
        await cell(tf, session);
      } finally {
        console.log = log;
      }
    }

    // The transformer with a 100-word vocabulary: the pure-JS backend takes minutes over 10,000 embeddings.
    const shapes: [string, number[], number[], Record<number, string>][] = [
      ['TensorFlow.js binary classifier', [2], [1], {}],
      ['TensorFlow.js MLP (784-500-10)', [28, 28, 1], [10], {}],
      ['TensorFlow.js CNN', [28, 28, 1], [10], {}],
      ['TensorFlow.js transformer text classifier', [16], [2], { 1: '16', 2: '100' }],
    ];
    for (const [name, inputShape, outputShape, typed] of shapes) {
      it(`"${name}" builds a model that predicts ${outputShape.join('×')} per sample`, async () => {
        const session: Record<string, unknown> = { data: { inputShape } };
        await runCell(name, session, typed);
        const model = session.model as tf.LayersModel;
        assert.ok(model, 'the snippet sets session.model');
        const input = name.includes('transformer')
          ? tf.randomUniform([3, ...inputShape], 0, 100, 'int32')
          : tf.randomNormal([3, ...inputShape]);
        const out = model.predict(input) as tf.Tensor;
        assert.deepEqual(out.shape, [3, ...outputShape]);
        if (name.includes('transformer')) {
          // The custom attention layer learns: one step of training changes its weights.
          const before = model.getWeights().map((w) => w.dataSync().slice());
          model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' });
          await model.fit(input, tf.tensor1d([0, 1, 0]), { epochs: 1, verbose: 0 });
          const after = model.getWeights().map((w) => w.dataSync());
          assert.ok(
            after.some((w, i) => w.some((v, j) => v !== before[i][j])),
            'training moves the weights',
          );
        }
        tf.dispose([input, out]);
      });
    }

    it('"TensorFlow.js embedding recommender" trains on [user, item] rows and sets session.model', async () => {
      const xs = tf.tensor2d([
        [0, 1],
        [1, 2],
        [2, 3],
        [3, 0],
        [4, 4],
        [5, 1],
        [6, 2],
        [7, 3],
        [8, 0],
        [9, 4],
      ]);
      const ys = tf.tensor2d([[4], [3], [5], [1], [2], [4], [3], [5], [1], [2]]);
      const session: Record<string, unknown> = { data: { inputShape: [2], train: { xs, ys, size: 10 } } };
      await runCell('TensorFlow.js embedding recommender', session, { 1: '10', 2: '5', 4: '2' });
      const model = session.model as tf.LayersModel;
      assert.equal(model.inputs.length, 2, 'one input for users, one for items');
      tf.dispose([xs, ys]);
    });

    it('"TensorFlow.js training with early stopping" fits session.model with validation data', async () => {
      const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 2, activation: 'softmax' })] });
      const train = {
        xs: tf.randomNormal([16, 2]),
        ys: tf.tensor1d([0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1]),
        size: 16,
      };
      const validation = { xs: tf.randomNormal([4, 2]), ys: tf.tensor1d([0, 1, 0, 1]), size: 4 };
      await runCell('TensorFlow.js training with early stopping', {
        model,
        data: { train, validation, inputShape: [2] },
      });
      assert.ok(model.optimizer, 'the model was compiled and trained');
      tf.dispose([train.xs, train.ys, validation.xs, validation.ys]);
    });
  });
});

describe('New Notebook templates', () => {
  it('offers the five seed models', () => {
    assert.deepEqual(
      SEED_MODELS.map((m) => m.id),
      ['binary-classifier', 'mlp', 'cnn', 'recommender', 'text-transformer'],
    );
  });

  for (const model of SEED_MODELS) {
    it(`template "${model.id}": every cell passes the cell checker`, () => {
      for (const cell of model.cells) assert.deepEqual(problemsOf(cell), [], cell);
    });
  }

  it('teaches the same layers as the bigmodel snippets', () => {
    const byPrefix: Record<string, string> = {
      'binary-classifier': 'bm-binary',
      mlp: 'bm-mlp',
      cnn: 'bm-cnn',
      recommender: 'bm-recommender',
      'text-transformer': 'bm-transformer',
    };
    const bigmodel = snippets('bigmodel.code-snippets');
    for (const model of SEED_MODELS) {
      const snippet = bigmodel.find(([, s]) => ([] as string[]).concat(s.prefix).includes(byPrefix[model.id]))?.[1];
      assert.ok(snippet, `a snippet for ${model.id}`);
      const templateLayers = model.cells.flatMap(layersOf);
      assert.ok(templateLayers.length >= 2, `${model.id} has a model`);
      assert.deepEqual(layersOf(expandSnippet(snippet.body)), templateLayers, model.id);
    }
  });
});
