// The summary's verdicts and diagnoses: each fires on a run crafted to show it and stays silent otherwise.
import * as assert from 'node:assert/strict';
import { summaryText, type EvaluationPayload } from '../../src/shared/outputs';
import { writeSummary, type SummaryInput } from '../../src/shared/summary';
import { churnRun, evaluationOf, FASHION, fashionRun, history, regressionRun, withEpochs } from './summaryFixtures';

const en = (input: SummaryInput, goal?: Record<string, number>, audience: 'product' | 'engineering' = 'engineering') =>
  writeSummary(input, { audience, language: 'en', goal });
const section = (md: string, title: string) => md.split('\n### ').find((s) => s.startsWith(title)) ?? '';

describe('summary', () => {
  describe('headline', () => {
    it('says what share of unseen images a classifier labels correctly', () => {
      const p = en(fashionRun(), undefined, 'product');
      assert.equal(p.headline, 'Correctly labels 90.5% of 10,000 images it has never seen (the test set).');
      assert.ok(p.markdown.startsWith('## Summary: fashion-mnist\n\n**Correctly labels 90.5%'));
    });

    it('speaks of cases for a binary classifier and of average error for regression', () => {
      assert.equal(
        en(churnRun(['tenure']), undefined, 'product').headline,
        'Correctly labels 86.5% of 2,000 cases it has never seen (the test set).',
      );
      assert.equal(
        en(regressionRun(), undefined, 'product').headline,
        'Predictions are off by 3.14 on average, on 1,200 examples it has never seen (the test set).',
      );
      assert.equal(en(regressionRun()).headline, 'On 1,200 test samples: MAE 3.14, RMSE 4.20, R² 0.813, loss 17.6.');
    });

    it('gives engineers the metric names and numbers', () => {
      assert.equal(en(fashionRun()).headline, 'On 10,000 test samples: accuracy 0.905, macro F1 0.904, loss 0.272.');
      // A binary task also gets balanced accuracy (mean recall of the two classes: (1480/1600 + 250/400) / 2).
      assert.match(
        en(churnRun(['tenure'])).headline,
        /accuracy 0\.865, balanced accuracy 0\.775, F1 0\.649, AUC 0\.873/,
      );
    });

    it('says the model is untested when there is no evaluation', () => {
      const p = en({ ...fashionRun(), evaluation: undefined }, undefined, 'product');
      assert.match(p.headline, /Not tested yet/);
      assert.ok(!p.sections.some((s) => s.id === 'baselines' || s.id === 'classes'));
    });
  });

  describe('verdict', () => {
    it('meets the goal when every goal metric reaches its bar', () => {
      const p = en(fashionRun(), { accuracy: 0.9, f1: 0.9 });
      assert.equal(p.verdict, 'meets-goal');
      assert.deepEqual(
        p.goal.map((g) => g.met),
        [true, true],
      );
      assert.match(p.markdown, /Verdict: meets the goal/);
    });

    it('is below the goal when one metric misses, and says by how much', () => {
      const p = en(fashionRun(), { accuracy: 0.9, f1: 0.95 }, 'product');
      assert.equal(p.verdict, 'below-goal');
      assert.ok(p.findings.includes('below-goal'));
      assert.match(
        p.markdown,
        /balance of finding cases and avoiding false alarms: 90\.4%, goal at least 95\.0% \(4\.6 percentage points short\)/,
      );
    });

    it('has no verdict without a goal', () => {
      const p = en(fashionRun(), undefined);
      assert.equal(p.verdict, 'no-goal');
      assert.deepEqual(p.goal, []);
      assert.ok(!p.sections.some((s) => s.id === 'goal'));
      assert.match(p.markdown, /No goal was set/);
      assert.equal(en(fashionRun(), {}).verdict, 'no-goal');
    });

    it('treats error metrics as lower-is-better', () => {
      assert.equal(en(regressionRun(), { mae: 3.5 }).verdict, 'meets-goal');
      assert.equal(en(regressionRun(), { mae: 3 }).verdict, 'below-goal');
      assert.equal(en(regressionRun(), { rmse: 4.2, r2: 0.8 }).verdict, 'meets-goal');
      assert.equal(en(fashionRun(), { loss: 0.3 }).verdict, 'meets-goal');
      const p = en(regressionRun(), { mae: 3 });
      assert.deepEqual(p.goal[0], { metric: 'mae', target: 3, lowerIsBetter: true, value: 3.1415, met: false });
      assert.match(p.markdown, /MAE: 3\.14, goal at most 3\.00 \(0\.142 too high\)/);
    });

    it('reads a 0–1 score’s goal above 1 as a percentage', () => {
      const p = en(fashionRun(), { accuracy: 90 }, 'product');
      assert.equal(p.verdict, 'meets-goal');
      assert.equal(p.goal[0].target, 0.9);
      assert.match(p.markdown, /goal at least 90\.0%/);
    });

    it('does not claim a goal it could not measure', () => {
      const p = en(fashionRun(), { accuracy: 0.9, auc: 0.8 });
      assert.equal(p.verdict, 'below-goal');
      assert.ok(p.findings.includes('unmeasured-goal'));
      assert.ok(!p.findings.includes('below-goal'), 'nothing measured missed its bar');
      assert.match(p.markdown, /AUC: not measured in this run/);
    });

    it('reads a binary F1 goal as the positive class and accepts the `acc` alias', () => {
      const p = en(churnRun(['tenure']), { f1: 0.6, acc: 0.8, auc: 0.85 });
      assert.equal(p.verdict, 'meets-goal');
      assert.equal(
        p.goal[0].value,
        evaluationOf(
          [
            [1480, 120],
            [150, 250],
          ],
          ['stays', 'churns'],
          'binary',
        ).perClass![1].f1,
      );
    });
  });

  describe('baselines', () => {
    it('compares with always guessing the most frequent class from the test counts, and with chance', () => {
      const p = en(churnRun(['tenure']), undefined, 'product');
      const text = section(p.markdown, 'Compared with guessing');
      assert.match(
        text,
        /Always answering “stays”, the most common answer in the test set, would be right 80\.0% of the time; picking at random, 50\.0%/,
      );
      assert.match(text, /beats always giving the same answer by 6\.5 percentage points/);
      assert.ok(!p.findings.includes('near-baseline'));
    });

    it('uses the training split’s class balance when there is no confusion matrix, and says so', () => {
      const input = churnRun(['tenure']);
      const { confusionMatrix: _m, perClass: _p, ...bare } = input.evaluation!;
      const p = en({ ...input, evaluation: bare as EvaluationPayload });
      assert.match(
        p.markdown,
        /Majority class `stays` from the training-split class balance: accuracy 0\.800; chance \(2 classes\): 0\.500/,
      );
    });

    it('says when every class is equally common', () => {
      assert.match(
        en(fashionRun(), undefined, 'product').markdown,
        /equally common in the test set, so always giving the same answer would be right 10\.0% of the time/,
      );
    });

    it('warns when the model is barely better than always guessing', () => {
      const input = churnRun(['tenure']);
      const weak = {
        ...input,
        evaluation: evaluationOf(
          [
            [1590, 10],
            [370, 30],
          ],
          ['stays', 'churns'],
          'binary',
        ),
      };
      const p = en(weak, undefined, 'product');
      assert.ok(p.findings.includes('near-baseline'));
      // 1 point above an 80% majority on 2,000 examples is within luck (a 1.5-point margin): said as such, not as skill.
      assert.match(
        p.markdown,
        /At 81\.0%, the model is 1\.0 percentage points above always answering “stays”, but on 2,000 examples a model that learned nothing lands within 1\.5 percentage points of it by luck alone/,
      );
      const weakButReal = {
        ...input,
        evaluation: evaluationOf(
          [
            [1590, 10],
            [350, 50],
          ],
          ['stays', 'churns'],
          'binary',
        ),
      };
      assert.match(
        en(weakButReal, undefined, 'product').markdown,
        /At 82\.0%, the model is barely better than always answering “stays”/,
      );
      assert.ok(!en(fashionRun()).findings.includes('near-baseline'));
    });

    it('says when the model does worse than always guessing', () => {
      const worse = {
        ...churnRun(['tenure']),
        evaluation: evaluationOf(
          [
            [60, 20],
            [25, 15],
          ],
          ['stays', 'churns'],
          'binary',
        ),
      };
      const p = en(worse, undefined, 'product');
      assert.ok(p.findings.includes('near-baseline'));
      assert.match(p.markdown, /At 62\.5%, the model does worse than always answering “stays” \(66\.7%\)/);
    });
  });

  describe('classes', () => {
    it('names the strongest and weakest class and the most confused pairs with counts', () => {
      const product = en(fashionRun(), undefined, 'product').markdown;
      assert.match(product, /Best at “Trouser” \(97\.9% of them labelled correctly\); weakest at “Shirt” \(71\.2%\)/);
      assert.match(product, /Took “Shirt” for “T-shirt\/top” 121 times \(out of 1,000\)/);
      const p = en(fashionRun());
      assert.ok(p.findings.includes('confused-pairs'));
      assert.match(p.markdown, /Highest F1: `Trouser` \(0\.984\); lowest F1: `Shirt` \(0\.742\)/);
      const pairs = section(p.markdown, 'Per class')
        .split('\n')
        .filter((l) => l.includes('Confusion'));
      assert.deepEqual(pairs, [
        '- Confusion `Shirt` → `T-shirt/top`: 121 of 1,000 (12.1%).',
        '- Confusion `T-shirt/top` → `Shirt`: 89 of 1,000 (8.9%).',
        '- Confusion `Coat` → `Pullover`: 72 of 1,000 (7.2%).',
      ]);
    });

    it('names no pair when mistakes are rare', () => {
      const clean = FASHION.map((_, i) => FASHION.map((__, j) => (i === j ? 990 : j === (i + 1) % 10 ? 2 : 1)));
      const p = en({ ...fashionRun(), evaluation: evaluationOf(clean, FASHION) });
      assert.ok(!p.findings.includes('confused-pairs'));
      assert.ok(!/Confusion/.test(p.markdown));
    });
  });

  describe('fitting', () => {
    const base = fashionRun();
    const rising = history([1.0, 0.8, 0.6, 0.5, 0.4, 0.3, 0.25], [1.0, 0.85, 0.7, 0.65, 0.7, 0.78, 0.9]);

    it('finds overfitting where validation loss rises from epoch k while training loss falls', () => {
      const p = en(withEpochs(base, rising));
      assert.ok(p.findings.includes('overfitting'));
      assert.match(
        p.markdown,
        /Overfitting: `val_loss` was lowest at 0\.650 and rose from epoch 5 on, to 0\.900 at epoch 7, while `loss` fell to 0\.250/,
      );
      const product = en(withEpochs(base, rising), undefined, 'product');
      assert.match(product.markdown, /From training round 5 on, it began memorising/);
      assert.match(
        section(product.markdown, 'Next steps'),
        /Collect more training examples, or let training stop as soon as/,
      );
      assert.match(en(base).markdown, /rose from epoch 7 on/, 'the realistic run overfits from epoch 7');
    });

    it('finds overfitting from a train/validation accuracy gap that stays open', () => {
      const gap = history(
        [0.6, 0.45, 0.38, 0.33],
        [0.62, 0.5, 0.45, 0.44],
        [0.8, 0.9, 0.95, 0.98],
        [0.79, 0.86, 0.88, 0.89],
      );
      const p = en(withEpochs(base, gap));
      assert.ok(p.findings.includes('overfitting'));
      assert.match(p.markdown, /accuracy gap is open from epoch 3 on, 0\.0900 at epoch 4 \(0\.980 vs 0\.890\)/);
    });

    it('stays silent on healthy curves and on a small blip', () => {
      const healthy = history(
        [0.9, 0.6, 0.5, 0.48, 0.475],
        [0.92, 0.63, 0.53, 0.51, 0.506],
        [0.7, 0.8, 0.84, 0.85, 0.852],
        [0.69, 0.79, 0.83, 0.84, 0.845],
      );
      const blip = history(
        [0.9, 0.6, 0.5, 0.48, 0.475],
        [0.92, 0.63, 0.53, 0.5, 0.51],
        [0.7, 0.8, 0.84, 0.85, 0.852],
        [0.69, 0.79, 0.83, 0.84, 0.845],
      );
      for (const h of [healthy, blip]) {
        const p = en(withEpochs(base, h));
        assert.ok(!p.findings.includes('overfitting') && !p.findings.includes('underfitting'), p.findings.join());
        assert.match(p.markdown, /No overfitting signal/);
      }
    });

    it('says nothing about fitting without a validation curve', () => {
      const p = en(withEpochs(base, history([1.0, 0.8, 0.6], undefined, [0.6, 0.7, 0.8])));
      assert.ok(!p.findings.includes('overfitting') && !p.findings.includes('underfitting'));
      assert.deepEqual(p.sections.find((s) => s.id === 'training')?.lines, ['Ran all 3 epochs.']);
    });

    it('finds underfitting when both losses are still falling over the last three epochs', () => {
      const falling = history([1.2, 1.0, 0.85], [1.25, 1.05, 0.9], [0.6, 0.66, 0.7], [0.59, 0.65, 0.69]);
      const p = en(withEpochs(base, falling));
      assert.ok(p.findings.includes('underfitting'));
      assert.match(
        p.markdown,
        /Underfitting: both losses still falling steadily, epoch 1 to 3 \(`loss` 1\.20 → 0\.850, `val_loss` 1\.25 → 0\.900\)/,
      );
      assert.match(
        section(p.markdown, 'Next steps'),
        /Train for more epochs: both losses were still falling \(3 more ≈ 30 s\)/,
      );
    });

    it('finds underfitting when training accuracy stays low, and not otherwise', () => {
      const flat = history([1.9, 1.88, 1.875], [1.92, 1.9, 1.895], [0.38, 0.4, 0.4], [0.37, 0.39, 0.39]);
      const p = en(withEpochs(base, flat));
      assert.ok(p.findings.includes('underfitting'));
      assert.match(
        p.markdown,
        /Underfitting: training accuracy only 0\.400 against a majority baseline of 0\.101/,
        'the training split’s largest class, 5,437 of 54,000',
      );
      assert.match(section(p.markdown, 'Next steps'), /Increase capacity/);
      assert.ok(!en(base).findings.includes('underfitting'));
    });
  });

  describe('data', () => {
    it('flags class imbalance above the ratio, and is silent below it', () => {
      const p = en(churnRun(['tenure']), undefined, 'product');
      assert.ok(p.findings.includes('class-imbalance'));
      assert.match(
        p.markdown,
        /Uneven data: “stays” has 4\.0 times as many training examples as “churns” \(6,400 against 1,600\)/,
      );
      assert.match(section(p.markdown, 'Next steps'), /Collect more “churns” examples/);
      const mild = churnRun(['tenure']);
      mild.data!.classBalance = [
        { label: 'stays', count: 5800 },
        { label: 'churns', count: 2000 },
      ];
      assert.ok(!en(mild).findings.includes('class-imbalance'));
      assert.ok(!en(fashionRun()).findings.includes('class-imbalance'));
    });

    it('says when a class has no training examples at all', () => {
      const input = churnRun(['tenure']);
      input.data!.classBalance = [
        { label: 'stays', count: 8000 },
        { label: 'churns', count: 0 },
      ];
      assert.match(en(input, undefined, 'product').markdown, /“churns” has no training examples at all/);
    });

    it('flags columns that look like personal data', () => {
      const columns = ['tenure', 'email_address', 'customerName', 'PhoneNumber', 'userIP', 'date_of_birth', 'zip'];
      const p = en(churnRun(columns));
      assert.ok(p.findings.includes('personal-data'));
      assert.match(
        p.markdown,
        /look like personal data: `email_address`, `customerName`, `PhoneNumber`, `userIP`, `date_of_birth` and `zip`\./,
      );
      assert.match(section(p.markdown, 'Next steps'), /Drop `email_address`/);
    });

    it('leaves ordinary columns alone', () => {
      const p = en(churnRun(['tenure', 'plan', 'monthly_spend', 'tip', 'ship_mode', 'filename', 'ipsum', 'age']));
      assert.ok(!p.findings.includes('personal-data'));
      assert.ok(!/personal/i.test(p.markdown));
    });

    it('reports the data sizes and a training sample of the full set', () => {
      const p = en({ ...fashionRun(), fullTrainSize: 60000 }, undefined, 'product');
      assert.match(
        p.markdown,
        /fashion-mnist: 54,000 examples to learn from, 6,000 held back to check progress and 10,000 for the final test\./,
      );
      assert.match(p.markdown, /It learned from 54,000 of the 60,000 available examples/);
      assert.match(p.markdown, /Training on all 60,000 examples, 10 passes, would take about 1\.8 min/);
      assert.ok(p.findings.includes('sample-of-data'));
    });
  });

  describe('cost and size', () => {
    it('reports time, device, speed, size, latency and estimates from the measured speed', () => {
      const p = en(fashionRun());
      const text = section(p.markdown, 'Cost and size');
      assert.match(text, /Trained 10 epochs in 1\.7 min on `tensorflow` \(NVIDIA H100 80GB HBM3\): 5,413 samples\/s/);
      assert.match(text, /10\.0 s per epoch over 54,000 samples; 10 more epochs ≈ 1\.7 min/);
      assert.match(text, /93,322 parameters \(93,322 trainable\), 364\.5 KB/);
      assert.match(
        text,
        /Single-sample latency 0\.840 ms \(median of 50 calls\); throughput in batches of 256: 48,762 samples\/s\./,
      );
    });

    it('makes no estimate without a measured speed', () => {
      const input = fashionRun();
      input.training = { ...input.training!, samplesPerSecond: 0 };
      const p = en({ ...input, trainingDurationMs: undefined, prediction: undefined });
      assert.ok(
        !/per epoch|≈|samples\/s/.test(section(p.markdown, 'Cost and size')),
        section(p.markdown, 'Cost and size'),
      );
    });

    it('says how training ended', () => {
      const cut = en(withEpochs(fashionRun(), history([1, 0.9], [1, 0.95]), 'cancelled'), undefined, 'product');
      assert.match(cut.markdown, /stopped by hand after 2 of 10 rounds/);
      assert.ok(cut.findings.includes('training-cut-short'));
      const broke = en(withEpochs(fashionRun(), history([1, 0.9], [1, 0.95]), 'diverged'));
      assert.ok(broke.findings.includes('diverged'));
      assert.deepEqual(
        broke.sections.find((s) => s.id === 'training')?.lines,
        ['Diverged (loss NaN or infinite) after 2 of 10 epochs.'],
        'no reading of a broken curve',
      );
      assert.match(section(broke.markdown, 'Next steps'), /^Next steps\n- Lower the learning rate/);
    });
  });

  describe('risks and next steps', () => {
    const runs: [string, SummaryInput, Record<string, number> | undefined][] = [
      ['fashion', fashionRun(), { accuracy: 0.9 }],
      ['churn', churnRun(['email', 'name', 'tenure']), { accuracy: 0.95 }],
      ['regression', regressionRun(), undefined],
      ['healthy', withEpochs(fashionRun(), history([0.5, 0.45], [0.52, 0.47])), undefined],
      [
        'bare',
        {
          evaluation: evaluationOf(
            [
              [50, 0],
              [0, 50],
            ],
            ['a', 'b'],
            'binary',
          ),
        },
        undefined,
      ],
    ];
    for (const [name, input, goal] of runs) {
      it(`gives two to four next steps: ${name}`, () => {
        for (const audience of ['product', 'engineering'] as const) {
          const steps = en(input, goal, audience).sections.find((s) => s.id === 'next')!.lines;
          assert.ok(steps.length >= 2 && steps.length <= 4, `${audience}: ${steps.length} steps`);
          assert.equal(new Set(steps).size, steps.length);
        }
      });
    }

    it('names a risk for each worrying finding, or says none stood out', () => {
      const p = en(churnRun(['email', 'tenure']), { accuracy: 0.95 }, 'product');
      const risks = p.sections.find((s) => s.id === 'risks')!.lines;
      assert.equal(risks.length, 3);
      assert.match(risks.join('\n'), /does not yet reach the score[\s\S]*Rare answers such as “churns”[\s\S]*consent/);
      const healthy = en(withEpochs(fashionRun(), history([0.5, 0.45], [0.52, 0.47])), undefined, 'product');
      assert.deepEqual(healthy.sections.find((s) => s.id === 'risks')!.lines, [
        'Nothing in this run stands out as a risk; still, try it on examples from real use before relying on it.',
      ]);
      assert.match(
        en({
          evaluation: evaluationOf(
            [
              [50, 0],
              [0, 50],
            ],
            ['a', 'b'],
            'binary',
          ),
        }).markdown,
        /Small test set \(n = 100\)/,
      );
    });
  });

  it('is a schema 1 payload whose text/plain sibling drops the markdown marks', () => {
    const p = en(fashionRun(), { accuracy: 0.9 }, 'product');
    assert.equal(p.schema, 1);
    assert.equal(p.language, 'en');
    assert.deepEqual(
      p.sections.map((s) => s.id),
      ['goal', 'baselines', 'classes', 'training', 'cost', 'data', 'risks', 'next'],
    );
    const text = summaryText(p);
    assert.ok(text.startsWith('Summary: fashion-mnist\n\nCorrectly labels 90.5%'));
    assert.ok(!text.includes('**') && !/^#/m.test(text));
    assert.deepEqual(JSON.parse(JSON.stringify(p)), p, 'plain data');
  });
});
