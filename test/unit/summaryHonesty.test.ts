// The summary never flatters: no goal is met by a model no better than one that learned nothing, every figure names
// the split it comes from, the training figures are those of the weights kept, and runs that went wrong say so.
import * as assert from 'node:assert/strict';
import { constantAnswerScores, perClassScores } from '../../src/core/metrics';
import type { EvaluationPayload, SummaryPayload } from '../../src/shared/outputs';
import { writeSummary, type SummaryInput } from '../../src/shared/summary';
import {
  churnRun,
  crossValidatedRun,
  evaluationOf,
  fashionRun,
  history,
  keptEpochRun,
  noiseRun,
  regressionRun,
  regressionWithBaseline,
  troubledRun,
  withEpochs,
} from './summaryFixtures';

type Audience = 'product' | 'engineering';
const en = (input: SummaryInput, goal?: Record<string, number>, audience: Audience = 'product') =>
  writeSummary(input, { audience, language: 'en', goal });
const zh = (input: SummaryInput, goal?: Record<string, number>, audience: Audience = 'product') =>
  writeSummary(input, { audience, language: 'zh-cn', goal });
const lines = (p: SummaryPayload, id: string) => p.sections.find((s) => s.id === id)?.lines ?? [];

describe('summary honesty', () => {
  describe('a model no better than one that learned nothing', () => {
    it('does not meet an accuracy goal by always answering the majority class (the reported case)', () => {
      // Noise features, 95% "no", goal accuracy 0.9, accuracy 0.95 from answering "no" every time.
      const p = en(noiseRun(), { accuracy: 0.9 });
      assert.equal(p.verdict, 'below-goal');
      assert.deepEqual(p.goal, [{ metric: 'accuracy', target: 0.9, lowerIsBetter: false, value: 0.95, met: false }]);
      assert.ok(p.findings.includes('near-baseline') && p.findings.includes('below-goal'), p.findings.join());
      assert.equal(
        p.headline,
        'Correctly labels 95.0% of 2,000 cases it has never seen (the test set), no better than always answering “no” (95.0%).',
      );
      assert.doesNotMatch(p.markdown, /meets the goal/);
      assert.match(
        p.markdown,
        /❌ \*\*Verdict: below the goal\.\*\* The scores clear the bar, but the model does no better than always answering “no”/,
      );
      const baselines = lines(p, 'baselines').join('\n');
      assert.match(baselines, /The model answers “no” for every example/);
      assert.match(
        baselines,
        /Of the 100 “yes” cases, it finds 0\.0%; averaged over the answers, it is right 50\.0% of the time \(always giving one answer: 50\.0%\)/,
      );
      const engineering = en(noiseRun(), { accuracy: 0.9 }, 'engineering');
      assert.match(engineering.headline, /accuracy 0\.950, balanced accuracy 0\.500, F1 0, AUC 0\.503/);
      assert.match(engineering.markdown, /Positive class `yes`: recall 0 \(100 samples\); balanced accuracy 0\.500/);
      assert.equal(engineering.verdict, 'below-goal');
      const chinese = zh(noiseRun(), { accuracy: 0.9 });
      assert.equal(chinese.verdict, 'below-goal');
      assert.match(chinese.headline, /并不比总是回答 “no”（95\.0%）更好/);
      assert.match(chinese.markdown, /结论：未达到目标/);
    });

    it("does not meet a goal when the gain over the majority class is within luck on this few examples (a stranger's noise run)", () => {
      // 120 validation rows, 63 of the majority "no" (52.5%): 67 right (55.8%) is 3.3 points above, and a model of pure
      // noise lands that far above 1 time in 5; a one-sided 95% test needs 1.645 × √(0.525 × 0.475 / 120) = 7.5 points.
      const lucky = [
        [45, 18],
        [35, 22],
      ];
      const input = noiseRun();
      input.evaluation = {
        ...evaluationOf(lucky, ['no', 'yes'], 'binary', { auc: 0.55 }),
        positive: 'yes',
        baseline: { kind: 'majority', label: 'no', metrics: { accuracy: 63 / 120 } },
      };
      const p = en(input, { accuracy: 0.5 });
      assert.equal(p.verdict, 'below-goal');
      assert.deepEqual(
        p.goal.map((c) => c.met),
        [false],
      );
      assert.match(
        p.headline,
        /not clearly better than always answering “no” \(52\.5%\): on 120 examples that difference can be luck/,
      );
      assert.match(
        lines(p, 'baselines').join('\n'),
        /At 55\.8%, the model is 3\.3 percentage points above always answering “no”, but on 120 examples a model that learned nothing lands within 7\.5 percentage points of it by luck alone/,
      );
      assert.match(
        p.markdown,
        /does no better than always answering “no” by more than luck could give on 120 examples/,
      );
      assert.equal(zh(input, { accuracy: 0.5 }).verdict, 'below-goal');
      // The same shares on 2,040 examples are more than luck (a 1.8-point margin): the goal is met.
      const many = lucky.map((row) => row.map((v) => v * 17));
      input.evaluation = {
        ...evaluationOf(many, ['no', 'yes'], 'binary', { auc: 0.55 }),
        positive: 'yes',
        baseline: { kind: 'majority', label: 'no', metrics: { accuracy: 63 / 120 } },
      };
      assert.equal(en(input, { accuracy: 0.5 }).verdict, 'meets-goal');
    });

    it('meets the same goal once the model beats the baseline, and says by how much', () => {
      const matrix = [
        [1880, 20],
        [40, 60],
      ];
      const input = noiseRun();
      input.evaluation = {
        ...evaluationOf(matrix, ['no', 'yes'], 'binary', { auc: 0.91 }),
        baseline: input.evaluation!.baseline,
        positive: 'yes',
      };
      const p = en(input, { accuracy: 0.9 });
      assert.equal(p.verdict, 'meets-goal');
      assert.ok(!p.findings.includes('near-baseline'));
      assert.match(p.markdown, /At 97\.0%, the model beats always giving the same answer by 2\.0 percentage points/);
      assert.match(p.markdown, /Of the 100 “yes” cases, it finds 60\.0%/);
    });

    it('says "no better" when accuracy equals the majority share without one constant answer', () => {
      const p = en(troubledRun(), undefined);
      assert.ok(p.findings.includes('near-baseline'));
      assert.match(p.markdown, /At 80\.0%, the model does no better than always answering “stays” \(80\.0%\)/);
      assert.match(p.headline, /no better than always answering “stays” \(80\.0%\)/);
    });

    it('is no better than chance when balanced accuracy is at 1/k, though accuracy beats the training majority', () => {
      // The training split's most common class, `a`, is rare among the evaluated samples: accuracy 0.6 beats its
      // 0.1, but the model only ever answers `b`, so its mean recall is 1/3.
      const labels = ['a', 'b', 'c'];
      const matrix = [
        [0, 10, 0],
        [0, 60, 0],
        [0, 30, 0],
      ];
      const evaluation: EvaluationPayload = {
        ...evaluationOf(matrix, labels),
        baseline: { kind: 'majority', label: 'a', metrics: constantAnswerScores([10, 60, 30], 0) },
      };
      const p = en({ evaluation }, { accuracy: 0.5 });
      assert.equal(p.verdict, 'below-goal');
      assert.match(
        p.headline,
        /but averaged over the answers it is right only 33\.3% of the time, no better than picking at random \(33\.3%\)/,
      );
      assert.match(p.markdown, /the model does no better than picking at random/);
    });

    it('does not meet an error goal with a regression model worse than always predicting the training mean', () => {
      const p = en(regressionWithBaseline(false), { mae: 70 });
      assert.equal(p.verdict, 'below-goal');
      assert.equal(p.goal[0].met, false);
      assert.match(
        p.headline,
        /off by 64\.8 on average, on 89 examples it has never seen \(the test set\), no better than always predicting the average \(off by 61\.0\)/,
      );
      const text = lines(p, 'baselines').join('\n');
      assert.match(
        text,
        /Always predicting the average of the training examples, 152, would be off by 61\.0 on average; the model is off by 64\.8\./,
      );
      assert.match(text, /follow none of the ups and downs/);
      assert.match(
        en(regressionWithBaseline(false), undefined, 'engineering').markdown,
        /Mean predictor \(training mean 152, as scikit-learn’s `DummyRegressor`\): MAE 61\.0, RMSE 75\.1/,
      );
    });

    it('counts R² ≤ 0 as no better than the mean even without the mean predictor’s scores', () => {
      const input = regressionRun();
      input.evaluation = { ...input.evaluation!, metrics: { ...input.evaluation!.metrics, r2: -0.02 } };
      const p = en(input, { mae: 3.5 });
      assert.equal(p.verdict, 'below-goal');
      assert.match(p.headline, /no better than always predicting the average\./);
    });

    it('calls a regression model barely better than the mean (error at 90% of the mean predictor’s or more) near it', () => {
      const input = regressionWithBaseline(true);
      input.evaluation = { ...input.evaluation!, metrics: { ...input.evaluation!.metrics, mae: 56 } };
      const p = en(input, { mae: 60 });
      assert.equal(p.verdict, 'meets-goal', 'better than the mean, so the goal counts');
      assert.ok(p.findings.includes('near-baseline'));
      assert.match(lines(p, 'baselines').join('\n'), /only slightly better than always predicting the average/);
      assert.match(lines(p, 'risks').join('\n'), /adds little over always predicting the average/);
    });

    it('explains a useful regression model against the mean predictor, and R² in plain words', () => {
      const p = en(regressionWithBaseline(true), { mae: 50 });
      assert.equal(p.verdict, 'meets-goal');
      const text = lines(p, 'baselines').join('\n');
      assert.match(text, /would be off by 61\.0 on average; the model is off by 43\.5\./);
      assert.match(text, /Its average error is 28\.7% smaller than that\./, '1 − 43.52 / 61.01');
      assert.match(
        text,
        /Its predictions follow 46\.7% of the ups and downs in the true values; always predicting their average would follow none of them\./,
      );
    });
  });

  describe('imbalanced classes', () => {
    const labels = ['ok', 'minor', 'severe'];
    const run = (counts: number[]) => {
      // Each class: 80% of its samples right, the rest taken for the next class.
      const matrix = counts.map((n, i) =>
        labels.map((_, j) => (j === i ? Math.round(n * 0.8) : j === (i + 1) % 3 ? n - Math.round(n * 0.8) : 0)),
      );
      return en(
        {
          evaluation: {
            ...evaluationOf(matrix, labels),
            baseline: { kind: 'majority', label: 'ok', metrics: constantAnswerScores(counts, 0) },
          },
        },
        undefined,
        'engineering',
      );
    };

    it('gives balanced accuracy and the rarest class’s recall when the largest class has at least twice the samples of the smallest', () => {
      const p = run([700, 200, 100]);
      assert.match(
        lines(p, 'baselines').join('\n'),
        /Minority class `severe`: recall 0\.800 \(100 samples\); balanced accuracy 0\.800 \(chance 0\.333\)/,
      );
      assert.match(p.headline, /balanced accuracy 0\.800/);
    });

    it('leaves them out below that ratio', () => {
      const p = run([300, 250, 200]);
      assert.doesNotMatch(p.markdown, /Minority class|balanced accuracy/);
    });
  });

  describe('goals on any metric', () => {
    it('reads recall, precision, F1, balanced accuracy and AUC of a binary run under any spelling', () => {
      const run = churnRun(['tenure']);
      const value = (goal: Record<string, number>) => en(run, goal).goal[0].value;
      const positive = perClassScores(
        [
          [1480, 120],
          [150, 250],
        ],
        ['stays', 'churns'],
      )[1];
      assert.equal(value({ recall: 0.5 }), positive.recall);
      assert.equal(value({ precision: 0.5 }), positive.precision);
      assert.equal(value({ f1_score: 0.5 }), positive.f1);
      for (const name of ['balancedAccuracy', 'balanced_accuracy', 'BalancedAccuracy'])
        assert.equal(value({ [name]: 0.5 }), (1480 / 1600 + 250 / 400) / 2, name);
      assert.equal(value({ roc_auc: 0.5 }), 0.8731);
      assert.equal(en(run, { recall: 0.6 }).verdict, 'meets-goal');
      assert.equal(en(run, { recall: 0.8 }).verdict, 'below-goal');
      assert.match(
        en(run, { recall: 0.8 }).markdown,
        /share of cases it finds: 62\.5%, goal at least 80\.0% \(17\.5 percentage points short\)/,
      );
    });

    it('needs every key of a goal to hold', () => {
      const run = churnRun(['tenure']);
      assert.equal(en(run, { recall: 0.6, auc: 0.85 }).verdict, 'meets-goal');
      assert.equal(en(run, { recall: 0.6, auc: 0.9 }).verdict, 'below-goal');
      assert.deepEqual(
        en(run, { recall: 0.6, auc: 0.9 }).goal.map((g) => g.met),
        [true, false],
      );
    });

    it('reads regression goals on MAE, RMSE, MSE (RMSE squared) and R², lower or higher as each is better', () => {
      const run = regressionRun();
      assert.equal(en(run, { mse: 17.7 }).goal[0].value, 4.1977 ** 2);
      assert.equal(en(run, { mse: 17.7 }).verdict, 'meets-goal');
      assert.equal(en(run, { mean_absolute_error: 3 }).verdict, 'below-goal');
      assert.equal(en(run, { r2: 0.8, rmse: 4.5 }).verdict, 'meets-goal');
    });
  });

  describe('where the figures come from', () => {
    it('never calls validation that chose the epoch unseen, and says the figure is optimistic', () => {
      for (const audience of ['product', 'engineering'] as const) {
        const p = en(keptEpochRun(), { accuracy: 0.85 }, audience);
        assert.doesNotMatch(p.markdown, /never seen|(?<!not )unseen/);
        assert.match(p.headline, /optimistic/);
        assert.match(
          lines(p, 'risks').join('\n'),
          /held-back examples that also decided when training stopped|validation split that chose the epoch/,
        );
        assert.match(lines(p, 'next')[0], /test/);
      }
      assert.equal(
        en(keptEpochRun(), undefined, 'engineering').headline.split(':')[0],
        'On 10,000 validation samples that also chose the epoch (optimistic, not unseen data)',
      );
      assert.doesNotMatch(zh(keptEpochRun()).headline, /从未见过/);
    });

    it('infers that validation chose the epoch from early stopping on a val_ metric', () => {
      const input = keptEpochRun();
      input.evaluation = { ...input.evaluation!, choseEpoch: undefined };
      assert.match(en(input).headline, /optimistic/);
      input.training = { ...input.training!, monitor: { name: 'loss', mode: 'min' } };
      assert.doesNotMatch(
        en(input).headline,
        /optimistic/,
        'training loss chose the epoch: the validation split is unseen',
      );
    });

    it('names validation that did not choose the epoch as held-back examples it did not learn from', () => {
      const input = fashionRun();
      input.evaluation = { ...input.evaluation!, on: 'validation' };
      const p = en(input);
      assert.equal(p.headline, 'Correctly labels 90.5% of 10,000 held-back images it did not learn from.');
      assert.doesNotMatch(p.markdown, /test set|optimistic/);
      assert.match(p.markdown, /equally common in the held-back examples/);
      assert.match(en(input, undefined, 'engineering').markdown, /Balanced classes in the validation-split counts/);
    });

    it('says a baseline comes from the test set only when it does', () => {
      const run = churnRun(['tenure']);
      assert.match(en(run).markdown, /the most common answer in the test set/);
      run.evaluation = { ...run.evaluation!, on: 'validation' };
      assert.match(en(run).markdown, /the most common answer in the held-back examples/);
      assert.doesNotMatch(en(run).markdown, /test set/);
      assert.match(
        en(noiseRun()).markdown,
        /the most common answer in the training data, would be right on 95\.0% of the test examples/,
      );
    });

    it('names cross-validation folds', () => {
      assert.equal(
        en(crossValidatedRun()).headline,
        'Correctly labels 94.0% of 150 examples, each checked by a model that did not learn from it (5 rounds).',
      );
      assert.match(
        en(crossValidatedRun(), undefined, 'engineering').headline,
        /^5-fold cross-validation over 150 samples \(mean of the folds\): accuracy 0\.940/,
      );
    });
  });

  describe('the figures describe the weights kept', () => {
    it('quotes the kept epoch’s record, not the last one, and says which weights were kept', () => {
      const engineering = en(keptEpochRun(), undefined, 'engineering');
      const training = lines(engineering, 'training').join('\n');
      assert.match(training, /Restored the weights of epoch 4 \(best `val_loss`\), not those of the last epoch \(7\)/);
      assert.match(training, /Epoch 4: `loss` 0\.310, `val_loss` 0\.350, `accuracy` 0\.890, `val_accuracy` 0\.875/);
      assert.doesNotMatch(training, /Epoch 7:/);
      assert.match(training, /The restored weights predate it/);
      assert.ok(
        !engineering.findings.includes('overfitting'),
        'the kept weights are from before the overfitting began',
      );
      const product = lines(en(keptEpochRun()), 'training').join('\n');
      assert.match(
        product,
        /It kept the model as it was after round 4, its best round on held-back examples, not after the last round \(7\)/,
      );
      assert.match(product, /The kept model was right on 89\.0% of its training examples and 87\.5% of held-back ones/);
    });

    it('keeps the overfitting finding when the kept epoch is after it began', () => {
      const input = keptEpochRun();
      input.training = { ...input.training!, keptEpoch: 6 };
      const p = en(input, undefined, 'engineering');
      assert.ok(p.findings.includes('overfitting'));
      assert.match(p.markdown, /Epoch 6: `loss` 0\.240/);
    });

    it('judges "still improving" from a trend over the last three epochs, never from two', () => {
      const improving = (loss: number[], valLoss: number[]) =>
        en(withEpochs(fashionRun(), history(loss, valLoss)), undefined, 'engineering').findings.includes(
          'underfitting',
        );
      assert.equal(improving([1.0, 0.8], [1.0, 0.8]), false, 'two epochs are not a trend');
      assert.equal(improving([1.0, 0.8, 0.7], [1.0, 0.85, 0.75]), true, 'three epochs, each better by over 1%');
      assert.equal(improving([1.0, 0.8, 0.6, 0.598], [1.0, 0.85, 0.7, 0.699]), false, 'the last epoch barely moved');
      assert.equal(
        improving([1.0, 0.8, 0.81, 0.7], [1.0, 0.85, 0.8, 0.7]),
        false,
        'a rise inside the window breaks the trend',
      );
    });
  });

  describe('runs that went wrong', () => {
    it('names the learning rate and the one to try when the loss rose without a NaN', () => {
      for (const audience of ['product', 'engineering'] as const) {
        const p = en(troubledRun(), undefined, audience);
        assert.ok(p.findings.includes('diverged'));
        assert.match(lines(p, 'training').join('\n'), /0\.500.*0\.0500/);
        assert.match(
          lines(p, 'next')[0],
          audience === 'product'
            ? /smaller learning steps \(0\.0500 instead of 0\.500\)/
            : /`learningRate: 0\.0500` \(was 0\.500\)/,
        );
        assert.doesNotMatch(
          p.markdown,
          /do not rely on these results|not meaningful/,
          'the weights are real; the training was unstable',
        );
      }
      assert.equal(lines(en(troubledRun()), 'training').length, 2, 'no reading of a curve that blew up');
    });

    it('names a learning rate that left training stuck at chance', () => {
      const input = troubledRun();
      input.training = {
        ...input.training!,
        trouble: { kind: 'stuck', learningRate: 1, suggestedLearningRate: 0.01 },
        epochs: history([0.69, 0.69, 0.69], [0.69, 0.69, 0.69]),
      };
      const p = en(input, undefined, 'engineering');
      assert.ok(p.findings.includes('underfitting') && !p.findings.includes('diverged'), p.findings.join());
      assert.match(p.markdown, /Stuck: the training metric stayed at chance at learning rate 1\.00; try 0\.0100/);
      assert.match(lines(p, 'next')[0], /`learningRate: 0\.0100`/);
    });

    it('names the learning rate of a run that diverged to NaN', () => {
      const input = withEpochs(fashionRun(), history([1, 0.9], [1, 0.95]), 'diverged');
      input.training = { ...input.training!, learningRate: 0.3 };
      const p = en(input, undefined, 'engineering');
      assert.ok(p.findings.includes('diverged'));
      assert.match(lines(p, 'next')[0], /Lower the learning rate \(now 0\.300\)/);
      assert.match(p.markdown, /not meaningful/);
    });

    it('says how much of the data a partial run learned from, and how long all of it would take', () => {
      const p = en(troubledRun());
      assert.ok(p.findings.includes('sample-of-data'));
      // 120,000 rows × 6 epochs ÷ 25,000 samples/s = 28.8 s.
      assert.match(
        lines(p, 'data').join('\n'),
        /It learned from 10,000 of the 120,000 training examples \(the data section sets a `limit`\); learning from all of them, 6 passes, would take about 29 s\./,
      );
      const memory = troubledRun();
      memory.data = { ...memory.data!, partial: { reason: 'memory', usedRows: 10000, totalRows: 120000 } };
      assert.match(
        en(memory, undefined, 'engineering').markdown,
        /Trained on the first 10,000 of 120,000 training rows \(too large to hold in memory\); all of them, 6 epochs ≈ 29 s/,
      );
    });
  });

  it('reports one-example latency and batch throughput as two figures', () => {
    const p = en(fashionRun());
    assert.match(
      lines(p, 'cost').join('\n'),
      /Answering one example on its own takes about 0\.840 ms; in batches of 256, it gets through about 48,762 examples a second\./,
    );
    assert.equal(p.figures.find((f) => f.name === 'latency.latency')?.value, 0.84);
    assert.equal(p.figures.find((f) => f.name === 'latency.perSecond')?.value, 48_762);
  });
});
