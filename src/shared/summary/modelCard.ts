// The model card of a run (model details, intended use, data, metrics, training, limitations, risks) in Markdown,
// from the same payloads and the same analysis as the summary, so it shows no number the run did not produce.
import { analyse } from './analyse';
import { baselineSection, classSection, goalSection, headline, verdictLine } from './resultSections';
import { costSection, dataSection, riskSection, trainingSection } from './runSections';
import { fill, TABLES } from './text';
import { CARD_TABLES, type CardStringKey } from './text/card';
import type { Analysis, SummaryInput, SummaryOptions } from './types';
import { Writer } from './writer';

export function writeModelCard(input: SummaryInput, options: SummaryOptions): string {
  const a = analyse(input, options.goal);
  const w = new Writer(TABLES[options.language], options.audience);
  const t = (key: CardStringKey, values: Record<string, string> = {}) =>
    fill(CARD_TABLES[options.language][key], values);
  const source = input.data?.source;
  const lines = (items: (string | undefined)[] | undefined) =>
    (items ?? []).filter((l) => l !== undefined).map((l) => `- ${l}`);

  const details = [t('details.made')];
  const layers = input.model?.layers.map((l) => w.code(l.type)) ?? [];
  if (layers.length > 0) details.unshift(t('details.layers', { layers: layers.join(' → ') }));

  const limitations = classSection(w, a)?.lines ?? [t('limitations.none')];
  const sections: [CardStringKey, string[]][] = [
    ['section.details', lines(details)],
    [
      'section.use',
      lines([
        intendedUse(w, a, input, t),
        t('use.prototype'),
        source ? t('use.scope', { source: w.plain(source) }) : undefined,
      ]),
    ],
    ['section.data', lines(dataSection(w, a)?.lines)],
    ['section.metrics', metrics(w, a, t)],
    ['section.training', lines([...(trainingSection(w, a)?.lines ?? []), ...(costSection(w, a)?.lines ?? [])])],
    ['section.limitations', lines([...limitations, t('limitations.sameSource')])],
    ['section.risks', lines(riskSection(w, a).lines)],
  ];
  return (
    [
      `# ${source ? t('title', { source: w.plain(source) }) : t('title.plain')}`,
      `**${headline(w, a)}**`,
      ...sections.filter(([, body]) => body.length > 0).map(([title, body]) => [`## ${t(title)}`, ...body].join('\n')),
    ].join('\n\n') + '\n'
  );
}

type Say = (key: CardStringKey, values?: Record<string, string>) => string;

function intendedUse(w: Writer, a: Analysis, input: SummaryInput, t: Say): string {
  const classes = input.data?.classes ?? a.evaluation?.confusionMatrix?.labels ?? [];
  const names = w.list(classes.map((c) => w.label(c)));
  switch (a.task) {
    case 'classification':
      return t('use.classification', {
        things: t(a.images ? 'things.images' : 'things.examples'),
        n: w.fmt.count(classes.length).text,
        classes: names,
      });
    case 'binary':
      return t('use.binary', { classes: names });
    case 'regression':
      return t('use.regression');
    default:
      return t('use.unknown');
  }
}

/**
 * The evaluation's metrics (beside what a model that learned nothing scores on the same samples) and per-class scores
 * as tables, then the goal, the verdict and the baselines.
 */
function metrics(w: Writer, a: Analysis, t: Say): string[] {
  const e = a.evaluation;
  if (!e) return [t('metrics.none')];
  const kind = a.evaluated?.kind ?? (e.on === 'test' ? 'test' : 'validation');
  const out = [
    t(`metrics.on.${kind}`, {
      samples: w.fmt.count(e.samples).text,
      folds: w.fmt.count(a.evaluated?.folds ?? NaN).text,
    }),
    '',
  ];
  const base = e.baseline;
  const baseName =
    base?.kind === 'majority'
      ? t('metrics.baseline.majority', { label: w.label(base.label ?? '') })
      : base
        ? t('metrics.baseline.mean')
        : undefined;
  if (base && baseName) {
    out.push(`| ${t('metrics.metric')} | ${t('metrics.value')} | ${cell(baseName)} |`, '|---|---:|---:|');
    for (const [name, value] of Object.entries(e.metrics)) {
      const b = base.metrics[name];
      out.push(
        `| ${cell(w.metricName(name, e.task))} | ${w.metric(name, value).text} | ${b === undefined ? '' : w.metric(name, b).text} |`,
      );
    }
  } else {
    out.push(`| ${t('metrics.metric')} | ${t('metrics.value')} |`, '|---|---:|');
    for (const [name, value] of Object.entries(e.metrics))
      out.push(`| ${cell(w.metricName(name, e.task))} | ${w.metric(name, value).text} |`);
  }
  if (e.perClass && e.perClass.length > 0) {
    out.push(
      '',
      `| ${t('metrics.class')} | ${t('metrics.precision')} | ${t('metrics.recall')} | ${t('metrics.f1')} | ${t('metrics.support')} |`,
      '|---|---:|---:|---:|---:|',
    );
    for (const c of e.perClass) {
      const score = (metric: 'precision' | 'recall' | 'f1') => w.metric(metric, c[metric]).text;
      out.push(
        `| ${w.plain(c.label)} | ${score('precision')} | ${score('recall')} | ${score('f1')} | ${w.fmt.count(c.support).text} |`,
      );
    }
  }
  const verdict = [...(goalSection(w, a)?.lines ?? []), verdictLine(w, a), ...(baselineSection(w, a)?.lines ?? [])];
  return [...out, '', ...verdict.map((l) => `- ${l}`)];
}

/** A name inside a table cell: a `|` would end the cell (class names go through `plain`, which escapes it too). */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}
