// Chooses the risks worth naming and two to four next steps, each tied to something the run showed.
import type { Analysis, FindingId } from './types';

export type StepId =
  | 'learningRate'
  | 'diverged'
  | 'personal-data'
  | 'overfitting'
  | 'overfittingStopped'
  | 'moreEpochs'
  | 'biggerModel'
  | 'near-baseline'
  | 'testSet'
  | 'confused'
  | 'imbalance'
  | 'fullData'
  | 'finish'
  | 'below-goal'
  | 'set-goal'
  | 'real-examples';

/**
 * Findings that are a risk to name (under-fitting and mix-ups are opportunities, shown as next steps), and two risks
 * the payload's finding ids do not carry: figures from the validation that chose the epoch (`optimistic`), training
 * stuck at chance by its learning rate (`stuck`), and a loss that rose without a NaN (`unstable`: the finding is
 * `diverged`, but the weights are real and measured, so the wording differs from a NaN's "do not rely on these").
 */
export type RiskId = Exclude<FindingId, 'underfitting' | 'confused-pairs'> | 'optimistic' | 'stuck' | 'unstable';

const RISKS: RiskId[] = [
  'diverged',
  'unstable',
  'stuck',
  'below-goal',
  'unmeasured-goal',
  'near-baseline',
  'optimistic',
  'overfitting',
  'class-imbalance',
  'personal-data',
  'small-test-set',
  'sample-of-data',
  'training-cut-short',
];

export const MIN_STEPS = 2;
export const MAX_STEPS = 4;

export function risksOf(a: Analysis): RiskId[] {
  const extra: Partial<Record<RiskId, boolean>> = {
    optimistic: a.evaluated?.kind === 'chose-epoch',
    diverged: a.cost?.stopped === 'diverged',
    unstable: a.cost?.trouble?.kind === 'diverging' && a.cost.stopped !== 'diverged',
    stuck: a.cost?.trouble?.kind === 'stuck',
    // A goal cleared only by a model no better than a baseline is that baseline's risk, named once.
    'below-goal': a.goal.some((c) => c.value !== undefined && !c.met && !c.hollow),
  };
  return RISKS.filter((id) => extra[id] ?? a.findings.includes(id as FindingId));
}

/** In order of urgency: a broken run first, then what the curves and the data showed, then general advice. */
export function nextStepsOf(a: Analysis): StepId[] {
  const has = (id: FindingId) => a.findings.includes(id);
  const under = a.fitting?.underfitting;
  const trouble = !!a.cost?.trouble;
  const candidates: [boolean, StepId][] = [
    // Training that went wrong names the learning rate to try; a NaN without that advice gets the general step.
    [trouble, 'learningRate'],
    [has('diverged') && !trouble, 'diverged'],
    [has('personal-data'), 'personal-data'],
    // A model no better than one that learned nothing needs its data checked before anything else.
    [!!a.noBetter, 'near-baseline'],
    [has('overfitting') && a.cost?.stopped !== 'early-stopping', 'overfitting'],
    [has('overfitting') && a.cost?.stopped === 'early-stopping', 'overfittingStopped'],
    [!!under?.stillImproving, 'moreEpochs'],
    [!!under?.lowTrainingAccuracy && !trouble, 'biggerModel'],
    [has('near-baseline') && !a.noBetter, 'near-baseline'],
    [a.evaluated?.kind === 'chose-epoch', 'testSet'],
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
