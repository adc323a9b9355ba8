// The preprocessing pipeline with data nobody designed for it: a label-sorted file, imbalance, words and categories
// that only validation rows have, two-valued labels of every spelling, and cross-validation that refits per fold.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { parseCell } from '../../src/shared/cellSpec';
import type { EvaluationPayload } from '../../src/shared/outputs';
import { parseNotebook } from '../../src/shared/notebookFile';
import { CellError } from '../../src/core/cellError';
import { disposeData, loadData } from '../../src/core/data';
import { planSplit, ROLE } from '../../src/core/data/split';
import { encodeLabels } from '../../src/core/data/values';
import { scratchFolder } from './scratchFolder';

const cli = path.join(__dirname, '../../../dist/cli.js');

describe('data: split first, then fit on the training rows', () => {
  const dir = scratchFolder('bigmodel-pipeline-');
  const write = (name: string, text: string) => fs.writeFileSync(path.join(dir(), name), text);
  const load = (yaml: string) => loadData(tf, parseCell(yaml), dir());
  /** `bigmodel run` on a notebook of these bigmodel cells in the test's folder, writing `<name>.bigmodel.out`. */
  const runNotebook = (name: string, cells: string[]) => {
    const nb = path.join(dir(), `${name}.bigmodel`);
    fs.writeFileSync(
      nb,
      JSON.stringify({
        bigmodel: 1,
        metadata: {},
        cells: cells.map((c) => ({ kind: 'code', language: 'bigmodel', source: c.split('\n'), outputs: [] })),
      }),
    );
    return {
      nb,
      r: spawnSync(process.execPath, [cli, 'run', nb, '--out', `${nb}.out`], { encoding: 'utf8', timeout: 300000 }),
    };
  };

  it('cuts validation stratified by class from a label-sorted file, and keeps every class trainable', () => {
    // 90 "a" rows then 10 "b" rows: a cut of the last 20% (the old behaviour without shuffling) would be all "b".
    const keys = Int32Array.from({ length: 100 }, (_, i) => (i < 90 ? 0 : 1));
    const plan = planSplit(100, keys, { shuffle: true, seed: 1, limit: Infinity, validation: 0.2 });
    const count = (rows: Int32Array, k: number) => Array.from(rows).filter((r) => keys[r] === k).length;
    assert.deepEqual([plan.train.length, plan.validation.length], [80, 20]);
    assert.deepEqual([count(plan.validation, 0), count(plan.validation, 1)], [18, 2]);
    // A class with a single row stays in training; the seed decides the rest, the same each time.
    const lonely = Int32Array.from({ length: 11 }, (_, i) => (i < 10 ? 0 : 1));
    const one = planSplit(11, lonely, { shuffle: true, seed: 4, limit: Infinity, validation: 0.5 });
    assert.equal(one.roles[10], ROLE.train);
    assert.deepEqual(
      planSplit(100, keys, { shuffle: true, seed: 1, limit: Infinity, validation: 0.2 }).validation,
      plan.validation,
    );
    // Without shuffling: the last rows, in file order, as the user asked for an order.
    assert.deepEqual(
      Array.from(planSplit(10, undefined, { shuffle: false, seed: 1, limit: Infinity, validation: 0.3 }).validation),
      [7, 8, 9],
    );
  });

  it('deals stratified folds: every row held out once, each fold with its share of every class', () => {
    const keys = Int32Array.from({ length: 50 }, (_, i) => (i < 40 ? 0 : 1));
    const heldOut = new Set<number>();
    for (let k = 0; k < 5; k++) {
      const plan = planSplit(50, keys, {
        shuffle: true,
        seed: 9,
        limit: Infinity,
        validation: 0.25,
        fold: { index: k, count: 5 },
      });
      assert.equal(plan.heldOut.length, 10);
      assert.equal(
        Array.from(plan.heldOut).filter((r) => keys[r] === 1).length,
        2,
        `fold ${k} holds out 2 of the 10 "b" rows`,
      );
      assert.equal(plan.validation.length, 10, 'the validation fraction is cut inside the fold');
      for (const r of plan.heldOut) {
        assert.ok(!heldOut.has(r));
        heldOut.add(r);
      }
    }
    assert.equal(heldOut.size, 50);
  });

  it('learns categories, words and statistics from the training rows only; validation-only values are unknown', () => {
    // Rows 0-9 are the shuffled pool; with shuffle off, the last 20% (rows 8 and 9) are validation.
    const rows = Array.from({ length: 10 }, (_, i) =>
      i < 8
        ? `${i},basic,"good film ${i % 2 ? 'yes' : 'fine'}",${i % 2 ? 'y' : 'n'}`
        : `${100 * i},gold,"unheard words",${i % 2 ? 'y' : 'n'}`,
    );
    write('leak.csv', `x,plan,review,label\n${rows.join('\n')}\n`);
    const d = load(
      'data: { train: leak.csv, features: [x, plan], categorical: [plan], validation: 0.2, shuffle: false }',
    );
    try {
      assert.deepEqual(d.categories, { plan: ['basic'] }, '`gold` only occurs in validation rows');
      assert.deepEqual(d.featureNames, ['x', 'plan=basic']);
      // x over training rows 0..7: mean 3.5; the validation rows' 800 and 900 did not move it.
      assert.equal(d.standardisation!.mean[0], 3.5);
      assert.deepEqual(
        (d.validation!.xs.arraySync() as number[][]).map((r) => r[1]),
        [0, 0],
        'an unseen plan is all zeros',
      );
      assert.match(d.note ?? '', /2 categories outside the training rows were read as unknown/);
    } finally {
      disposeData(d);
    }
    const t = load('data: { train: leak.csv, text: review, validation: 0.2, shuffle: false }');
    try {
      assert.ok(!t.text!.vocabulary.includes('unheard'), 'words of validation rows are not in the vocabulary');
      assert.equal(t.text!.maxLength, 3, 'the longest training text, not a validation one');
      assert.deepEqual((t.validation!.xs.arraySync() as number[][])[0], [1, 1, 0], '[UNK] [UNK] [PAD]');
    } finally {
      disposeData(t);
    }
  });

  it('reads any two-valued label as yes/no with a positive class, and refuses a positive that is not a value', () => {
    const cases: [string[], string | undefined, string[], string][] = [
      [['benign', 'malignant', 'benign'], undefined, ['benign', 'malignant'], 'malignant'],
      [['no', 'yes', 'no', 'no'], undefined, ['no', 'yes'], 'yes'],
      [['yes', 'no', 'yes', 'yes'], undefined, ['no', 'yes'], 'yes'],
      [['True', 'False', 'True'], undefined, ['False', 'True'], 'True'],
      [['1', '0', '1.0', '1'], undefined, ['0', '1'], '1'],
      [['2', '1', '2', '2'], undefined, ['2', '1'], '1'],
      [['benign', 'malignant', 'malignant'], 'benign', ['malignant', 'benign'], 'benign'],
    ];
    for (const [values, positive, classes, expected] of cases) {
      const e = encodeLabels(values, undefined, positive);
      assert.deepEqual([e.task, e.classes, e.positive], ['binary', classes, expected], values.join(','));
      assert.equal(e.encode(expected), 1);
    }
    assert.deepEqual(encodeLabels(['a', 'b'], undefined, 'c').problem, { positive: 'c', values: ['a', 'b'] });
    write(
      'words.csv',
      `x,label\n${Array.from({ length: 20 }, (_, i) => `${i},${i % 4 ? 'healthy' : 'sick'}`).join('\n')}\n`,
    );
    assert.throws(
      () => load('data:\n  train: words.csv\n  positive: ill\n'),
      (e: unknown) => {
        assert.ok(e instanceof CellError);
        assert.match(
          e.message,
          /`data.positive` is `ill`, but the label `label` has the values `healthy` and `sick`: name one of them/,
        );
        assert.equal(e.position?.line, 3);
        return true;
      },
    );
    const d = load('data: { train: words.csv }');
    try {
      assert.deepEqual(
        [d.task, d.classes, d.positive],
        ['binary', ['healthy', 'sick'], 'sick'],
        'the rarer value is positive',
      );
      assert.deepEqual(d.pipeline?.label, { task: 'binary', classes: ['healthy', 'sick'], positive: 'sick' });
    } finally {
      disposeData(d);
    }
  });

  it('cross-validates a label-sorted file with stratified folds, refitting per fold, with early stopping inside each fold', function () {
    this.timeout(300000);
    // Sorted by label: contiguous folds would hold out one class and train on the other (accuracy 0 ± 0).
    const sorted = Array.from({ length: 120 }, (_, i) => {
      const c = i < 60 ? 0 : 1;
      return `${(c ? 1 : -1) + Math.sin(i * 7.3) * 0.6},${Math.cos(i * 3.1)},${c ? 'spam' : 'ham'}`;
    });
    write('sorted.csv', `a,b,kind\n${sorted.join('\n')}\n`);
    const { r, nb } = runNotebook('cv', [
      'data: { train: sorted.csv, validation: 0.2, seed: 5 }',
      'model:\n  layers:\n    - dense: { units: 8, activation: relu }\n    - dense: { units: 1, activation: sigmoid }',
      'train: { epochs: 15, learningRate: 0.05, earlyStopping: { monitor: val_loss, patience: 3 } }\nevaluate: { folds: 4 }',
    ]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const cv = parseNotebook(fs.readFileSync(`${nb}.out`, 'utf8'))
      .cells[2].outputs?.flatMap((o) => o.items)
      .find((i) => i.mime === 'application/vnd.bigmodel.evaluation+json')?.data as EvaluationPayload & {
      crossValidation: { metrics: Record<string, { mean: number; values: number[] }> };
    };
    const accuracy = cv.crossValidation.metrics.accuracy;
    assert.equal(accuracy.values.length, 4);
    assert.ok(
      accuracy.values.every((a) => a > 0.75),
      `every fold learns: ${accuracy.values.join(', ')}`,
    );
    assert.equal(cv.samples, 120, 'every row held out once');
    // Each fold holds out 30 rows, 15 of each class: the pooled confusion matrix has 60 of each.
    assert.deepEqual(
      cv.confusionMatrix!.values.map((row) => row.reduce((a, b) => a + b, 0)),
      [60, 60],
    );
    assert.equal(cv.baseline?.kind, 'majority');
  });

  it('refuses a value too large for a 32-bit number at its file, row and column, instead of training on NaN', () => {
    write(
      'huge.csv',
      `a,b,label\n${Array.from({ length: 20 }, (_, i) => `${i === 5 ? '1e300' : i},${i % 3},${i % 2}`).join('\n')}\n`,
    );
    assert.throws(
      () => load('data: { train: huge.csv }'),
      (e: unknown) => {
        assert.ok(e instanceof CellError);
        assert.match(
          e.message,
          /huge\.csv row 7, column `a`: `1e300` is too large for training \(at most ±3\.4e38, what a 32-bit number holds\)/,
        );
        return true;
      },
    );
  });

  it('refuses cross-validation with a class rarer than the folds, naming the class and the folds that would work', function () {
    this.timeout(120000);
    write(
      'rare.csv',
      `x,label\n${Array.from({ length: 60 }, (_, i) => `${i},${i === 59 ? 'uncertain' : i % 2 ? 'benign' : 'malignant'}`).join('\n')}\n`,
    );
    const { r } = runNotebook('rare', [
      'data: { train: rare.csv }',
      'model:\n  layers:\n    - dense: { units: 3, activation: softmax }',
      'train: { epochs: 1 }\nevaluate: { folds: 5 }',
    ]);
    assert.equal(r.status, 1);
    assert.match(
      r.stderr,
      /cell 3, line 2, column 13: the class `uncertain` has a single row, so every fold but one would train without it: add rows of it, or remove that row/,
    );
  });
});
