// Words what the evaluation showed: the headline, the goal, the baselines and the per-class reading.
import type { SummaryPayload } from '../outputs';
import { metricValue } from './metrics';
import type { Analysis } from './types';
import type { Writer } from './writer';

type Section = SummaryPayload['sections'][number];

export function headline(w: Writer, a: Analysis): string {
  const e = a.evaluation;
  if (!e) return w.say('headline.untested');
  const samples = w.fmt.count(e.samples);
  const split = w.say(e.on === 'test' ? 'split.test' : 'split.validation');
  const accuracy = e.metrics.accuracy;
  if (w.product && e.task !== 'regression' && accuracy !== undefined) {
    const things = w.say(e.task === 'binary' ? 'things.cases' : a.images ? 'things.images' : 'things.examples');
    return w.say('headline.classification', { accuracy: w.fmt.percent(accuracy), samples, things });
  }
  if (w.product && e.task === 'regression' && e.metrics.mae !== undefined) {
    return w.say('headline.regression', { mae: w.fmt.value(e.metrics.mae), samples });
  }
  const shown = e.task === 'regression' ? ['mae', 'rmse', 'r2', 'loss'] : ['accuracy', 'f1', 'auc', 'loss'];
  const metrics = shown.flatMap((m) => {
    const v = metricValue(e, m);
    return v === undefined ? [] : [w.say('metric.pair', { metric: w.metricName(m, e.task), value: w.metric(m, v) })];
  });
  return w.say(e.task === 'regression' ? 'headline.regression' : 'headline.classification', {
    metrics: metrics.join(w.say('list.separator')),
    samples,
    split,
  });
}

export function verdictLine(w: Writer, a: Analysis): string {
  return w.say(`verdict.${a.verdict}`);
}

export function goalSection(w: Writer, a: Analysis): Section | undefined {
  if (a.goal.length === 0) return undefined;
  const lines = a.goal.map((c) => {
    const metric = w.metricName(c.metric, a.task);
    const target = w.metric(c.metric, c.target);
    if (c.value === undefined) return w.say('goal.unmeasured', { metric, target });
    const params = { metric, target, value: w.metric(c.metric, c.value), gap: w.difference(c.metric, Math.abs(c.value - c.target)) };
    const direction = c.lowerIsBetter ? 'lower' : 'higher';
    return c.met ? w.say(`goal.met.${direction}`, params) : w.say(`goal.missed.${direction}`, params);
  });
  return { id: 'goal', title: w.say('section.goal'), lines };
}

export function baselineSection(w: Writer, a: Analysis): Section | undefined {
  const b = a.baselines;
  if (!b) return undefined;
  const from = w.say(`baseline.from.${b.from}`);
  const share = w.metric('accuracy', b.majorityShare);
  const classes = w.fmt.count(b.classCount);
  const label = w.label(b.majorityLabel);
  const accuracy = w.metric('accuracy', b.accuracy);
  const lines = [
    b.even
      ? w.say('baseline.even', { from, share, classes })
      : w.say('baseline.majority', { from, label, share, classes, chance: w.metric('accuracy', b.chance) }),
  ];
  if (b.accuracy < b.majorityShare) lines.push(w.say('baseline.below', { accuracy, label, share }));
  else if (a.findings.includes('near-baseline')) lines.push(w.say('baseline.near', { accuracy, label, share }));
  else lines.push(w.say('baseline.above', { accuracy, gain: w.difference('accuracy', b.accuracy - Math.max(b.majorityShare, b.chance)) }));
  return { id: 'baselines', title: w.say('section.baselines'), lines };
}

export function classSection(w: Writer, a: Analysis): Section | undefined {
  const lines: string[] = [];
  const rank = a.classRank?.[w.product ? 'recall' : 'f1'];
  if (rank) {
    lines.push(w.say('classes.rank', {
      best: w.label(rank.strongest.label),
      bestValue: w.metric('recall', rank.strongest.value),
      worst: w.label(rank.weakest.label),
      worstValue: w.metric('recall', rank.weakest.value),
    }));
  }
  for (const p of a.confused) {
    lines.push(w.say('classes.confused', {
      truth: w.label(p.truth),
      predicted: w.label(p.predicted),
      count: w.fmt.count(p.count),
      of: w.fmt.count(p.of),
      share: w.fmt.percent(p.count / p.of),
    }));
  }
  return lines.length > 0 ? { id: 'classes', title: w.say('section.classes'), lines } : undefined;
}
