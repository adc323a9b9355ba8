// Words what the evaluation showed: the headline, the goal, the baselines and the per-class reading.
import type { SummaryPayload } from '../outputs';
import { luckMargin } from './baselines';
import { metricValue } from './metrics';
import type { Analysis, Baselines, RegressionBaseline } from './types';
import type { Param, Writer } from './writer';

type Section = SummaryPayload['sections'][number];

/** Which split every figure comes from, and (when it is so) that the model does no better than a baseline. */
export function headline(w: Writer, a: Analysis): string {
  const e = a.evaluation;
  const where = a.evaluated;
  if (!e || !where) return w.say('headline.untested');
  const params: Record<string, Param> = {
    samples: w.fmt.count(e.samples),
    folds: w.fmt.count(where.folds ?? NaN),
    tail: headlineTail(w, a),
  };
  const accuracy = e.metrics.accuracy;
  if (w.product && e.task !== 'regression' && accuracy !== undefined) {
    const things = w.say(e.task === 'binary' ? 'things.cases' : a.images ? 'things.images' : 'things.examples');
    return w.say(`headline.classification.${where.kind}`, { ...params, accuracy: w.fmt.percent(accuracy), things });
  }
  if (w.product && e.task === 'regression' && e.metrics.mae !== undefined) {
    return w.say(`headline.regression.${where.kind}`, { ...params, mae: w.fmt.value(e.metrics.mae) });
  }
  const imbalanced = e.task === 'binary' || !!a.baselines?.minority;
  const shown =
    e.task === 'regression'
      ? ['mae', 'rmse', 'r2', 'loss']
      : ['accuracy', ...(imbalanced ? ['balancedAccuracy'] : []), 'f1', 'auc', 'loss'];
  const metrics = shown.flatMap((m) => {
    const v = metricValue(e, m);
    return v === undefined ? [] : [w.say('metric.pair', { metric: w.metricName(m, e.task), value: w.metric(m, v) })];
  });
  return w.say(`headline.metrics.${where.kind}`, { ...params, metrics: metrics.join(w.say('list.separator')) });
}

/** ", no better than always answering “no” (95.0%)": empty unless the model does no better than a baseline. */
function headlineTail(w: Writer, a: Analysis): string {
  const b = a.baselines;
  const r = a.regression;
  switch (a.noBetter) {
    case 'majority':
      return b
        ? w.say('headline.tail.majority', {
            label: w.label(b.majorityLabel),
            share: w.metric('accuracy', b.majorityShare),
          })
        : '';
    case 'luck':
      return b
        ? w.say('headline.tail.luck', {
            label: w.label(b.majorityLabel),
            share: w.metric('accuracy', b.majorityShare),
            samples: w.fmt.count(a.evaluation?.samples ?? NaN),
          })
        : '';
    case 'chance':
      return b
        ? w.say('headline.tail.chance', {
            balanced: w.metric('balancedAccuracy', b.balancedAccuracy ?? NaN),
            chance: w.metric('accuracy', b.chance),
          })
        : '';
    case 'mean':
      return w.say('headline.tail.mean', { baseMae: w.fmt.value(r?.baseline?.mae ?? NaN) });
    case 'r2':
      return w.say('headline.tail.r2', { r2: w.fmt.value(r?.r2 ?? NaN) });
    default:
      return '';
  }
}

/** What a model that learned nothing does: "always answering “no”", "picking at random", "always predicting the average". */
export function baselinePhrase(w: Writer, a: Analysis): string {
  if (a.noBetter === 'majority' && a.baselines)
    return w.say('phrase.majority', { label: w.label(a.baselines.majorityLabel) });
  if (a.noBetter === 'luck' && a.baselines)
    return w.say('phrase.luck', {
      label: w.label(a.baselines.majorityLabel),
      samples: w.fmt.count(a.evaluation?.samples ?? NaN),
    });
  if (a.noBetter === 'chance') return w.say('phrase.chance');
  return w.say('phrase.mean');
}

export function verdictLine(w: Writer, a: Analysis): string {
  // Every goal metric cleared its bar, and still the model is no better than one that learned nothing.
  if (a.noBetter && a.goal.length > 0 && a.goal.every((c) => c.met || c.hollow))
    return w.say('verdict.hollow', { baseline: baselinePhrase(w, a) });
  return w.say(`verdict.${a.verdict}`);
}

export function goalSection(w: Writer, a: Analysis): Section | undefined {
  if (a.goal.length === 0) return undefined;
  const lines = a.goal.map((c) => {
    const metric = w.metricName(c.metric, a.task);
    const target = w.metric(c.metric, c.target);
    if (c.value === undefined) return w.say('goal.unmeasured', { metric, target });
    const params = {
      metric,
      target,
      value: w.metric(c.metric, c.value),
      gap: w.difference(c.metric, Math.abs(c.value - c.target)),
    };
    const direction = c.lowerIsBetter ? 'lower' : 'higher';
    if (c.hollow) return w.say(`goal.hollow.${direction}`, { ...params, baseline: baselinePhrase(w, a) });
    return c.met ? w.say(`goal.met.${direction}`, params) : w.say(`goal.missed.${direction}`, params);
  });
  return { id: 'goal', title: w.say('section.goal'), lines };
}

export function baselineSection(w: Writer, a: Analysis): Section | undefined {
  const lines = a.baselines
    ? classifierBaselines(w, a, a.baselines)
    : a.regression
      ? regressionBaselines(w, a, a.regression)
      : [];
  return lines.length > 0 ? { id: 'baselines', title: w.say('section.baselines'), lines } : undefined;
}

function classifierBaselines(w: Writer, a: Analysis, b: Baselines): string[] {
  const kind = a.evaluated?.kind === 'chose-epoch' ? 'validation' : (a.evaluated?.kind ?? 'test');
  const folds = w.fmt.count(a.evaluated?.folds ?? NaN);
  const share = w.metric('accuracy', b.majorityShare);
  const chance = w.metric('accuracy', b.chance);
  const classes = w.fmt.count(b.classCount);
  const label = w.label(b.majorityLabel);
  const accuracy = w.metric('accuracy', b.accuracy);
  const from = w.say(b.from === 'balance' ? 'baseline.from.train' : `baseline.from.${kind}`, { folds });
  const lines: string[] = [];
  if (b.even) lines.push(w.say('baseline.even', { from, share, classes }));
  else if (b.from === 'train')
    lines.push(
      w.say('baseline.majorityTrain', { label, share, chance, classes, on: w.say(`baseline.on.${kind}`, { folds }) }),
    );
  else lines.push(w.say('baseline.majority', { from, label, share, classes, chance }));
  const balanced = b.balancedAccuracy === undefined ? undefined : w.metric('balancedAccuracy', b.balancedAccuracy);
  if (a.noBetter === 'majority' && b.constantAnswer !== undefined) {
    const key = b.constantAnswer === b.majorityLabel ? 'baseline.constantMajority' : 'baseline.constant';
    lines.push(w.say(key, { answer: w.label(b.constantAnswer), accuracy, label, share }));
  } else if (a.noBetter === 'majority') {
    lines.push(w.say(b.accuracy < b.majorityShare ? 'baseline.below' : 'baseline.equal', { accuracy, label, share }));
  } else if (a.noBetter === 'luck') {
    const samples = a.evaluation?.samples ?? 0;
    lines.push(
      w.say('baseline.luck', {
        accuracy,
        label,
        share,
        gain: w.difference('accuracy', b.accuracy - b.majorityShare),
        margin: w.difference('accuracy', luckMargin(b.majorityShare, samples)),
        samples: w.fmt.count(samples),
      }),
    );
  } else if (a.noBetter === 'chance' && balanced) {
    lines.push(w.say('baseline.chanceOnly', { accuracy, label, share, balanced, chance }));
  } else if (a.findings.includes('near-baseline')) {
    lines.push(w.say('baseline.near', { accuracy, label, share }));
  } else {
    lines.push(
      w.say('baseline.above', {
        accuracy,
        gain: w.difference('accuracy', b.accuracy - Math.max(b.majorityShare, b.chance)),
      }),
    );
  }
  // The rare class a high accuracy can hide: the positive class of a binary task, the rarest of an imbalanced one.
  for (const [key, c] of [
    ['baseline.positive', b.positive],
    ['baseline.minority', b.minority],
  ] as const) {
    if (!c || !balanced) continue;
    lines.push(
      w.say(key, {
        label: w.label(c.label),
        recall: w.metric('recall', c.recall),
        support: w.fmt.count(c.support),
        balanced,
        chance,
      }),
    );
  }
  return lines;
}

function regressionBaselines(w: Writer, a: Analysis, r: RegressionBaseline): string[] {
  const lines: string[] = [];
  const base = r.baseline;
  if (base?.mae !== undefined && r.mae !== undefined) {
    const params = {
      mean: w.fmt.value(r.mean ?? NaN),
      baseMae: w.fmt.value(base.mae),
      baseRmse: w.fmt.value(base.rmse ?? NaN),
      baseR2: w.fmt.value(base.r2 ?? NaN),
      mae: w.fmt.value(r.mae),
      rmse: w.fmt.value(r.rmse ?? NaN),
    };
    lines.push(w.say(r.mean === undefined ? 'baseline.meanEach' : 'baseline.mean', params));
    if (a.noBetter === 'mean') lines.push(w.say('baseline.meanNoBetter'));
    else if (a.findings.includes('near-baseline')) lines.push(w.say('baseline.meanNear'));
    // R² ≤ 0 with a smaller average error: the large misses are the mean's or worse; no "smaller error" praise then.
    else if (base.mae > 0 && !a.noBetter)
      lines.push(w.say('baseline.meanAbove', { cut: w.fmt.percent(1 - r.mae / base.mae) }));
  }
  if (r.r2 !== undefined) lines.push(w.say(r.r2 > 0 ? 'baseline.r2' : 'baseline.r2None', { r2: w.metric('r2', r.r2) }));
  return lines;
}

export function classSection(w: Writer, a: Analysis): Section | undefined {
  const lines: string[] = [];
  const rank = a.classRank?.[w.product ? 'recall' : 'f1'];
  if (rank) {
    lines.push(
      w.say('classes.rank', {
        best: w.label(rank.strongest.label),
        bestValue: w.metric('recall', rank.strongest.value),
        worst: w.label(rank.weakest.label),
        worstValue: w.metric('recall', rank.weakest.value),
      }),
    );
  }
  for (const p of a.confused) {
    lines.push(
      w.say('classes.confused', {
        truth: w.label(p.truth),
        predicted: w.label(p.predicted),
        count: w.fmt.count(p.count),
        of: w.fmt.count(p.of),
        share: w.fmt.percent(p.count / p.of),
      }),
    );
  }
  return lines.length > 0 ? { id: 'classes', title: w.say('section.classes'), lines } : undefined;
}
