// Words how the run went: the training curves, its cost and size, the data, the risks and the next steps.
import type { SummaryPayload } from '../outputs';
import { nextStepsOf, risksOf, type StepId } from './advice';
import type { Analysis } from './types';
import type { Param, Writer } from './writer';

type Section = SummaryPayload['sections'][number];

export function trainingSection(w: Writer, a: Analysis): Section | undefined {
  const lines: string[] = [];
  const c = a.cost;
  if (c) {
    const run = w.fmt.count(c.epochsRun);
    const total = w.fmt.count(c.totalEpochs);
    lines.push(w.say(`stop.${c.stopped ?? 'completed'}`, { run, total }));
  }
  const f = a.fitting;
  if (f) {
    const values: Record<string, Param> = {
      last: w.fmt.count(f.lastEpoch),
      loss: w.fmt.value(f.loss),
      valLoss: w.fmt.value(f.valLoss),
    };
    const accuracy = f.accuracy === undefined ? undefined : w.metric('accuracy', f.accuracy);
    const valAccuracy = f.valAccuracy === undefined ? undefined : w.metric('accuracy', f.valAccuracy);
    if (accuracy && valAccuracy) Object.assign(values, { accuracy, valAccuracy, gap: w.difference('accuracy', accuracy.value - valAccuracy.value) });
    const o = f.overfitting;
    if (o) {
      lines.push(w.say(o.reason === 'rising' ? 'fit.rising' : 'fit.gap', { ...values, from: w.fmt.count(o.from), bestValLoss: w.fmt.value(o.bestValLoss) }));
      if (c?.stopped === 'early-stopping') lines.push(w.say('fit.earlyStopped'));
    }
    const u = f.underfitting;
    if (u?.stillImproving) {
      lines.push(w.say('fit.stillImproving', { ...values, prevLoss: w.fmt.value(u.prevLoss ?? NaN), prevValLoss: w.fmt.value(u.prevValLoss ?? NaN) }));
    }
    if (u?.lowTrainingAccuracy && accuracy) lines.push(w.say('fit.lowTraining', { accuracy, baseline: w.metric('accuracy', u.baseline ?? NaN) }));
    if (!o && !u) lines.push(w.say('fit.healthy'));
    if (w.product && o?.reason !== 'gap' && !u?.lowTrainingAccuracy && accuracy && valAccuracy) lines.push(w.say('fit.scores', values));
    if (!w.product && o?.reason !== 'rising' && !u?.stillImproving) lines.push(w.say(accuracy && valAccuracy ? 'fit.finalAccuracy' : 'fit.final', values));
  }
  return lines.length > 0 ? { id: 'training', title: w.say('section.training'), lines } : undefined;
}

export function costSection(w: Writer, a: Analysis): Section | undefined {
  const lines: string[] = [];
  const c = a.cost;
  if (c) {
    const device = w.plain(c.device);
    const backend = c.backend.replace(/`/g, "'");
    const speed = w.fmt.count(c.samplesPerSecond);
    const run = w.fmt.count(c.epochsRun);
    if (c.durationSeconds !== undefined) lines.push(w.say('cost.duration', { duration: w.fmt.duration(c.durationSeconds), device, backend, speed, run }));
    else if (c.samplesPerSecond > 0) lines.push(w.say('cost.speed', { device, backend, speed }));
    if (c.epochSeconds !== undefined && c.trainSize !== undefined && c.epochsRun > 0 && c.stopped !== 'diverged') {
      lines.push(w.say('cost.more', {
        train: w.fmt.count(c.trainSize),
        epochTime: w.fmt.duration(c.epochSeconds),
        n: run,
        moreTime: w.fmt.duration(c.epochSeconds * c.epochsRun),
      }));
    }
    if (c.fullTrainSize !== undefined && c.fullDataSeconds !== undefined) {
      lines.push(w.say('cost.full', { full: w.fmt.count(c.fullTrainSize), n: run, fullTime: w.fmt.duration(c.fullDataSeconds) }));
    }
  }
  if (a.model) {
    lines.push(w.say('size', { params: w.fmt.count(a.model.params), trainable: w.fmt.count(a.model.trainable), size: w.fmt.bytes(a.model.sizeBytes) }));
  }
  if (a.latencyMs !== undefined) lines.push(w.say('latency', { latency: w.fmt.ms(a.latencyMs), perSecond: w.fmt.count(1000 / a.latencyMs) }));
  return lines.length > 0 ? { id: 'cost', title: w.say('section.cost'), lines } : undefined;
}

export function dataSection(w: Writer, a: Analysis): Section | undefined {
  const d = a.data;
  if (!d) return undefined;
  const parts = (['train', 'validation', 'test'] as const).flatMap((split) => {
    const n = d.splits[split];
    return n === undefined || n === 0 ? [] : [w.say(`data.part.${split}`, { n: w.fmt.count(n) })];
  });
  const lines = [w.say('data.splits', { source: w.plain(d.source), parts: w.list(parts) })];
  if (d.classCount !== undefined && d.task !== 'regression') lines.push(w.say('data.classes', { n: w.fmt.count(d.classCount) }));
  if (d.fullTrainSize !== undefined) lines.push(w.say('data.sample', { train: w.fmt.count(d.splits.train), full: w.fmt.count(d.fullTrainSize) }));
  const im = d.imbalance;
  if (im && im.smallest.value === 0) lines.push(w.say('data.missingClass', { smallest: w.label(im.smallest.label) }));
  else if (im) {
    lines.push(w.say('data.imbalance', {
      largest: w.label(im.largest.label),
      smallest: w.label(im.smallest.label),
      largestCount: w.fmt.count(im.largest.value),
      smallestCount: w.fmt.count(im.smallest.value),
      ratio: w.fmt.ratio(im.ratio),
    }));
  }
  if (d.personalColumns.length > 0) lines.push(w.say('data.personal', { columns: w.list(d.personalColumns.map((c) => w.code(c))) }));
  return { id: 'data', title: w.say('section.data'), lines };
}

export function riskSection(w: Writer, a: Analysis): Section {
  const risks = risksOf(a);
  const lines = risks.map((id) =>
    w.say(`risk.${id}`, {
      metrics: w.list(a.goal.filter((c) => c.value === undefined).map((c) => w.metricName(c.metric, a.task))),
      smallest: a.data?.imbalance ? w.label(a.data.imbalance.smallest.label) : '',
      n: w.fmt.count(a.evaluation?.samples ?? NaN),
    }),
  );
  return { id: 'risks', title: w.say('section.risks'), lines: lines.length > 0 ? lines : [w.say('risk.none')] };
}

export function nextSection(w: Writer, a: Analysis): Section {
  return { id: 'next', title: w.say('section.next'), lines: nextStepsOf(a).map((s) => step(w, a, s)) };
}

function step(w: Writer, a: Analysis, id: StepId): string {
  const c = a.cost;
  switch (id) {
    case 'personal-data':
      return w.say('step.personal-data', { columns: w.list((a.data?.personalColumns ?? []).map((col) => w.code(col))) });
    case 'moreEpochs':
      return c?.epochSeconds !== undefined && c.epochsRun > 0
        ? w.say('step.moreEpochsTimed', { n: w.fmt.count(c.epochsRun), moreTime: w.fmt.duration(c.epochSeconds * c.epochsRun) })
        : w.say('step.moreEpochs');
    case 'confused':
      return w.say('step.confused', { truth: w.label(a.confused[0].truth), predicted: w.label(a.confused[0].predicted) });
    case 'imbalance':
      return w.say('step.imbalance', { smallest: w.label(a.data?.imbalance?.smallest.label ?? '') });
    case 'fullData': {
      const full = w.fmt.count(a.data?.fullTrainSize ?? NaN);
      return c?.fullDataSeconds !== undefined ? w.say('step.fullDataTimed', { full, fullTime: w.fmt.duration(c.fullDataSeconds) }) : w.say('step.fullData', { full });
    }
    default:
      return w.say(`step.${id}`);
  }
}
