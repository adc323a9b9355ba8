// Words how the run went: the training curves, its cost and size, the data, the risks and the next steps.
import type { SummaryPayload } from '../outputs';
import { nextStepsOf, risksOf, type StepId } from './advice';
import { baselinePhrase } from './resultSections';
import type { Analysis, EpochFigures, Fitting } from './types';
import type { Param, Writer } from './writer';

type Section = SummaryPayload['sections'][number];

export function trainingSection(w: Writer, a: Analysis): Section | undefined {
  const lines: string[] = [];
  const c = a.cost;
  if (c) {
    const run = w.fmt.count(c.epochsRun);
    const total = w.fmt.count(c.totalEpochs);
    lines.push(w.say(`stop.${c.stopped ?? 'completed'}`, { run, total }));
    if (c.trouble)
      lines.push(
        w.say(`trouble.${c.trouble.kind}`, {
          rate: w.fmt.value(c.trouble.learningRate),
          suggested: w.fmt.value(c.trouble.suggestedLearningRate),
        }),
      );
  }
  const f = a.fitting;
  if (f) lines.push(...fittingLines(w, a, f));
  return lines.length > 0 ? { id: 'training', title: w.say('section.training'), lines } : undefined;
}

/** The curve's story (over- and under-fitting, from the whole curve) and the figures of the epoch whose weights were kept. */
function fittingLines(w: Writer, a: Analysis, f: Fitting): string[] {
  const lines: string[] = [];
  const end = epochValues(w, f.end);
  const kept = epochValues(w, f.kept);
  if (f.restored) {
    const monitor = a.monitor;
    const params = {
      kept: w.fmt.count(f.kept.epoch),
      last: w.fmt.count(f.end.epoch),
      monitor: monitor ? w.code(monitor) : '',
    };
    lines.push(
      w.say(monitor?.startsWith('val_') ? 'fit.keptValidation' : monitor ? 'fit.keptMonitor' : 'fit.kept', params),
    );
  }
  const o = f.overfitting;
  if (o) {
    lines.push(
      w.say(o.reason === 'rising' ? 'fit.rising' : 'fit.gap', {
        ...end,
        from: w.fmt.count(o.from),
        bestValLoss: w.fmt.value(o.bestValLoss),
      }),
    );
    if (o.beforeKept) lines.push(w.say('fit.keptBefore'));
    else if (a.cost?.stopped === 'early-stopping') lines.push(w.say('fit.earlyStopped'));
  }
  const u = f.underfitting;
  if (u?.stillImproving && u.trendFrom) {
    lines.push(
      w.say('fit.stillImproving', {
        ...end,
        from: w.fmt.count(u.trendFrom.epoch),
        fromLoss: w.fmt.value(u.trendFrom.loss),
        fromValLoss: w.fmt.value(u.trendFrom.valLoss),
      }),
    );
  }
  if (u?.lowTrainingAccuracy && kept.accuracy)
    lines.push(
      w.say('fit.lowTraining', { accuracy: kept.accuracy, baseline: w.metric('accuracy', u.baseline ?? NaN) }),
    );
  if (!o && !u) lines.push(w.say('fit.healthy'));
  const scores = kept.accuracy && kept.valAccuracy;
  if (w.product && o?.reason !== 'gap' && !u?.lowTrainingAccuracy && scores)
    lines.push(w.say(f.restored ? 'fit.scoresKept' : 'fit.scores', kept));
  if (!w.product && (f.restored || (o?.reason !== 'rising' && !u?.stillImproving)))
    lines.push(w.say(scores ? 'fit.finalAccuracy' : 'fit.final', kept));
  return lines;
}

function epochValues(w: Writer, e: EpochFigures): Record<string, Param> {
  const values: Record<string, Param> = {
    last: w.fmt.count(e.epoch),
    loss: w.fmt.value(e.loss),
    valLoss: w.fmt.value(e.valLoss),
  };
  if (e.accuracy !== undefined && e.valAccuracy !== undefined) {
    const accuracy = w.metric('accuracy', e.accuracy);
    const valAccuracy = w.metric('accuracy', e.valAccuracy);
    Object.assign(values, { accuracy, valAccuracy, gap: w.difference('accuracy', e.accuracy - e.valAccuracy) });
  }
  return values;
}

export function costSection(w: Writer, a: Analysis): Section | undefined {
  const lines: string[] = [];
  const c = a.cost;
  if (c) {
    const device = w.plain(c.device);
    const backend = c.backend.replace(/`/g, "'");
    const speed = w.fmt.count(c.samplesPerSecond);
    const run = w.fmt.count(c.epochsRun);
    if (c.durationSeconds !== undefined)
      lines.push(w.say('cost.duration', { duration: w.fmt.duration(c.durationSeconds), device, backend, speed, run }));
    else if (c.samplesPerSecond > 0) lines.push(w.say('cost.speed', { device, backend, speed }));
    const broken = c.stopped === 'diverged' || c.trouble?.kind === 'diverging';
    if (c.epochSeconds !== undefined && c.trainSize !== undefined && c.epochsRun > 0 && !broken) {
      lines.push(
        w.say('cost.more', {
          train: w.fmt.count(c.trainSize),
          epochTime: w.fmt.duration(c.epochSeconds),
          n: run,
          moreTime: w.fmt.duration(c.epochSeconds * c.epochsRun),
        }),
      );
    }
    // A `limit:` or a table too large to hold gets its full-run time in the data section, beside the rows it left out.
    const toldInData = a.data?.partial === 'limit' || a.data?.partial === 'memory';
    if (c.fullTrainSize !== undefined && c.fullDataSeconds !== undefined && !toldInData) {
      lines.push(
        w.say('cost.full', { full: w.fmt.count(c.fullTrainSize), n: run, fullTime: w.fmt.duration(c.fullDataSeconds) }),
      );
    }
  }
  if (a.model) {
    lines.push(
      w.say('size', {
        params: w.fmt.count(a.model.params),
        trainable: w.fmt.count(a.model.trainable),
        size: w.fmt.bytes(a.model.sizeBytes),
      }),
    );
  }
  const p = a.prediction;
  if (p) {
    lines.push(
      w.say('latency', {
        latency: w.fmt.ms(p.oneExampleMs),
        calls: w.fmt.count(p.calls),
        batch: w.fmt.count(p.batchSize),
        perSecond: w.fmt.count(p.examplesPerSecond),
      }),
    );
  }
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
  if (d.classCount !== undefined && d.task !== 'regression')
    lines.push(w.say('data.classes', { n: w.fmt.count(d.classCount) }));
  if (d.fullTrainSize !== undefined) lines.push(partialLine(w, a, d.fullTrainSize));
  const im = d.imbalance;
  if (im && im.smallest.value === 0) lines.push(w.say('data.missingClass', { smallest: w.label(im.smallest.label) }));
  else if (im) {
    lines.push(
      w.say('data.imbalance', {
        largest: w.label(im.largest.label),
        smallest: w.label(im.smallest.label),
        largestCount: w.fmt.count(im.largest.value),
        smallestCount: w.fmt.count(im.smallest.value),
        ratio: w.fmt.ratio(im.ratio),
      }),
    );
  }
  if (d.personalColumns.length > 0)
    lines.push(w.say('data.personal', { columns: w.list(d.personalColumns.map((c) => w.code(c))) }));
  return { id: 'data', title: w.say('section.data'), lines };
}

/** "It learned from 10,000 of the 120,000 training examples (a `limit`); all of them would take about 4 min." */
function partialLine(w: Writer, a: Analysis, full: number): string {
  const d = a.data;
  const c = a.cost;
  const params = {
    train: w.fmt.count(d?.usedRows ?? NaN),
    full: w.fmt.count(full),
    n: w.fmt.count(c?.epochsRun ?? NaN),
  };
  if (d?.partial !== 'limit' && d?.partial !== 'memory') return w.say('data.sample', params);
  if (c?.fullDataSeconds === undefined) return w.say(`data.partial.${d.partial}`, params);
  return w.say(`data.partial.${d.partial}Timed`, { ...params, fullTime: w.fmt.duration(c.fullDataSeconds) });
}

export function riskSection(w: Writer, a: Analysis): Section {
  const risks = risksOf(a);
  const where = a.evaluated?.kind ?? 'test';
  const lines = risks.map((id) => {
    const params = {
      metrics: w.list(a.goal.filter((c) => c.value === undefined).map((c) => w.metricName(c.metric, a.task))),
      smallest: a.data?.imbalance ? w.label(a.data.imbalance.smallest.label) : '',
      n: w.fmt.count(a.evaluation?.samples ?? NaN),
      split: w.say(`split.${where}`),
    };
    if (id === 'near-baseline') {
      if (a.noBetter) return w.say('risk.noBetter', { baseline: baselinePhrase(w, a) });
      if (a.task === 'regression') return w.say('risk.nearMean');
    }
    return w.say(`risk.${id}`, params);
  });
  return { id: 'risks', title: w.say('section.risks'), lines: lines.length > 0 ? lines : [w.say('risk.none')] };
}

export function nextSection(w: Writer, a: Analysis): Section {
  return { id: 'next', title: w.say('section.next'), lines: nextStepsOf(a).map((s) => step(w, a, s)) };
}

function step(w: Writer, a: Analysis, id: StepId): string {
  const c = a.cost;
  switch (id) {
    case 'personal-data':
      return w.say('step.personal-data', {
        columns: w.list((a.data?.personalColumns ?? []).map((col) => w.code(col))),
      });
    case 'moreEpochs':
      return c?.epochSeconds !== undefined && c.epochsRun > 0
        ? w.say('step.moreEpochsTimed', {
            n: w.fmt.count(c.epochsRun),
            moreTime: w.fmt.duration(c.epochSeconds * c.epochsRun),
          })
        : w.say('step.moreEpochs');
    case 'confused':
      return w.say('step.confused', {
        truth: w.label(a.confused[0].truth),
        predicted: w.label(a.confused[0].predicted),
      });
    case 'imbalance':
      return w.say('step.imbalance', { smallest: w.label(a.data?.imbalance?.smallest.label ?? '') });
    case 'learningRate': {
      const t = c?.trouble;
      return w.say('step.learningRate', {
        rate: w.fmt.value(t?.learningRate ?? NaN),
        suggested: w.fmt.value(t?.suggestedLearningRate ?? NaN),
      });
    }
    case 'diverged':
      return c?.learningRate !== undefined
        ? w.say('step.divergedRate', { rate: w.fmt.value(c.learningRate) })
        : w.say('step.diverged');
    case 'fullData': {
      const full = w.fmt.count(a.data?.fullTrainSize ?? NaN);
      return c?.fullDataSeconds !== undefined
        ? w.say('step.fullDataTimed', { full, fullTime: w.fmt.duration(c.fullDataSeconds) })
        : w.say('step.fullData', { full });
    }
    default:
      return w.say(`step.${id}`);
  }
}
