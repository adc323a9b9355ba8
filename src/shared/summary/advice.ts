// Chooses the risks worth naming and two to four next steps, each tied to something the run showed.
import type { Analysis, FindingId } from './types';

export type StepId =
  | 'diverged'
  | 'personal-data'
  | 'overfitting'
  | 'overfittingStopped'
  | 'moreEpochs'
  | 'biggerModel'
  | 'near-baseline'
  | 'confused'
  | 'imbalance'
  | 'fullData'
  | 'finish'
  | 'below-goal'
  | 'set-goal'
  | 'real-examples';

/** Findings that are a risk to name; under-fitting and mix-ups are opportunities, shown as next steps. */
export type RiskId = Exclude<FindingId, 'underfitting' | 'confused-pairs'>;

const RISKS: RiskId[] = [
  'diverged', 'below-goal', 'unmeasured-goal', 'near-baseline', 'overfitting', 'class-imbalance',
  'personal-data', 'small-test-set', 'sample-of-data', 'training-cut-short',
];

export const MIN_STEPS = 2;
export const MAX_STEPS = 4;

export function risksOf(a: Analysis): RiskId[] {
  return RISKS.filter((id) => a.findings.includes(id));
}

/** In order of urgency: a broken run first, then what the curves and the data showed, then general advice. */
export function nextStepsOf(a: Analysis): StepId[] {
  const has = (id: FindingId) => a.findings.includes(id);
  const under = a.fitting?.underfitting;
  const candidates: [boolean, StepId][] = [
    [has('diverged'), 'diverged'],
    [has('personal-data'), 'personal-data'],
    [has('overfitting') && a.cost?.stopped !== 'early-stopping', 'overfitting'],
    [has('overfitting') && a.cost?.stopped === 'early-stopping', 'overfittingStopped'],
    [!!under?.stillImproving, 'moreEpochs'],
    [!!under?.lowTrainingAccuracy, 'biggerModel'],
    [has('near-baseline'), 'near-baseline'],
    [has('confused-pairs'), 'confused'],
    [has('class-imbalance'), 'imbalance'],
    [has('sample-of-data'), 'fullData'],
    [has('training-cut-short'), 'finish'],
    [has('below-goal'), 'below-goal'],
  ];
  const steps = candidates.filter(([fired]) => fired).map(([, id]) => id);
  // A below-goal step adds nothing when a more specific step already says how to improve.
  const specific = steps.filter((s) => s !== 'below-goal');
  const chosen = (specific.length >= MIN_STEPS ? specific : steps).slice(0, MAX_STEPS);
  for (const filler of [a.verdict === 'no-goal' ? 'set-goal' : undefined, 'real-examples'] as (StepId | undefined)[]) {
    if (filler && chosen.length < MIN_STEPS) chosen.push(filler);
  }
  return chosen;
}
