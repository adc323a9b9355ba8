// The summary generator: a run's payloads in, a plain-language summary (spec section 4) out.
import type { SummaryPayload } from '../outputs';
import { analyse } from './analyse';
import { writeModelCard } from './modelCard';
import { baselineSection, classSection, goalSection, headline, verdictLine } from './resultSections';
import { costSection, dataSection, nextSection, riskSection, trainingSection } from './runSections';
import { TABLES } from './text';
import type { SummaryInput, SummaryOptions } from './types';
import { Writer } from './writer';

export type { PredictionSpeed, SummaryInput, SummaryOptions } from './types';
export { writeModelCard } from './modelCard';

export function writeSummary(input: SummaryInput, options: SummaryOptions): SummaryPayload {
  const a = analyse(input, options.goal);
  const w = new Writer(TABLES[options.language], options.audience);
  const title = input.data ? w.say('title', { source: w.plain(input.data.source) }) : w.say('title.plain');
  const head = headline(w, a);
  const verdict = verdictLine(w, a);
  const sections = [
    goalSection(w, a),
    baselineSection(w, a),
    classSection(w, a),
    trainingSection(w, a),
    costSection(w, a),
    dataSection(w, a),
    riskSection(w, a),
    nextSection(w, a),
  ].filter((s) => s !== undefined);
  const markdown =
    [
      `## ${title}`,
      `**${head}**`,
      verdict,
      ...sections.map((s) => [`### ${s.title}`, ...s.lines.map((l) => `- ${l}`)].join('\n')),
    ].join('\n\n') + '\n';
  return {
    schema: 1,
    language: options.language,
    audience: options.audience,
    verdict: a.verdict,
    headline: head,
    sections,
    // `met` is already false for a value that clears its target only because the model is no better than a baseline.
    goal: a.goal.map(({ hollow: _, ...c }) => c),
    findings: a.findings,
    figures: w.figures,
    markdown,
    modelCard: writeModelCard(input, options),
  };
}
