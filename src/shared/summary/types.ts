// What the summary reads (a run's payloads) and the language-free facts it derives from them before any wording.
import type { DataPreviewPayload, EvaluationPayload, ModelSummaryPayload, SummaryFinding, TrainingPayload } from '../outputs';

export type Audience = 'product' | 'engineering';
export type SummaryLanguage = 'en' | 'zh-cn';
export type Verdict = 'meets-goal' | 'below-goal' | 'no-goal';
export type Task = DataPreviewPayload['task'];

/** Everything one run produced; each part is optional and the sections that need a missing part are left out. */
export interface SummaryInput {
  data?: DataPreviewPayload;
  /** Column names of tabular data (the session's `featureNames`), checked for personal-looking data. */
  featureNames?: string[];
  model?: ModelSummaryPayload;
  training?: TrainingPayload;
  evaluation?: EvaluationPayload;
  /** Measured prediction time, milliseconds per sample. */
  latencyMsPerSample?: number;
  /** Measured wall-clock time of the training run. */
  trainingDurationMs?: number;
  /** Size of the whole training set when the run used less of it (a `limit`, a shipped sample): for a time estimate. */
  fullTrainSize?: number;
}

export interface SummaryOptions {
  audience: Audience;
  language: SummaryLanguage;
  /** The bar the product needs, e.g. `{ accuracy: 0.9 }` or `{ mae: 3 }` (lower is better for error metrics). */
  goal?: Record<string, number>;
}

/** A diagnosis that fired; tests and renderers can rely on these ids in any language. */
export type FindingId = SummaryFinding;

export interface GoalCheck {
  metric: string;
  target: number;
  lowerIsBetter: boolean;
  /** Undefined when the run did not measure this metric. */
  value?: number;
  met: boolean;
}

export interface Baselines {
  /** `test`: the confusion matrix's row sums; `train`: the training split's class balance. */
  from: 'test' | 'train';
  majorityLabel: string;
  majorityShare: number;
  /** Every class equally common, so "the most frequent class" is an arbitrary pick. */
  even: boolean;
  chance: number;
  classCount: number;
  /** The model's accuracy, to compare against both. */
  accuracy: number;
}

export interface ClassScore {
  label: string;
  value: number;
}

export interface ConfusedPair {
  truth: string;
  predicted: string;
  count: number;
  /** How many test samples of the true class there were. */
  of: number;
}

export interface Fitting {
  lastEpoch: number;
  loss: number;
  valLoss: number;
  accuracy?: number;
  valAccuracy?: number;
  overfitting?: {
    /** `rising`: validation loss climbed from its best while training loss fell; `gap`: accuracy gap above the threshold. */
    reason: 'rising' | 'gap';
    /** The first epoch that shows it: validation loss above its best, or the gap open from here to the end. */
    from: number;
    bestValLoss: number;
  };
  underfitting?: {
    prevLoss?: number;
    prevValLoss?: number;
    /** The training split's majority share the training accuracy was compared with. */
    baseline?: number;
    /** Both losses still fell by at least the threshold over the last epoch. */
    stillImproving: boolean;
    /** Training accuracy closed less than half the distance from the baseline to perfect. */
    lowTrainingAccuracy: boolean;
  };
}

export interface Cost {
  backend: string;
  device: string;
  samplesPerSecond: number;
  epochsRun: number;
  totalEpochs: number;
  stopped?: TrainingPayload['stopped'];
  durationSeconds?: number;
  trainSize?: number;
  /** Estimates, each only from the measured samples per second. */
  epochSeconds?: number;
  fullTrainSize?: number;
  fullDataSeconds?: number;
}

export interface DataNotes {
  source: string;
  task: Task;
  images: boolean;
  splits: { train: number; validation?: number; test?: number };
  classCount?: number;
  /** The whole training set's size, when the run learned from less of it. */
  fullTrainSize?: number;
  imbalance?: { largest: ClassScore; smallest: ClassScore; ratio: number };
  personalColumns: string[];
}

/** All the facts of one summary, before wording: every number in the text comes from here. */
export interface Analysis {
  task?: Task;
  images: boolean;
  evaluation?: EvaluationPayload;
  goal: GoalCheck[];
  verdict: Verdict;
  baselines?: Baselines;
  /** Best and worst class by F1 (engineering) and by recall (product: "how many of them it finds"). */
  classRank?: Record<'f1' | 'recall', { strongest: ClassScore; weakest: ClassScore }>;
  confused: ConfusedPair[];
  fitting?: Fitting;
  cost?: Cost;
  model?: { params: number; trainable: number; sizeBytes: number };
  latencyMs?: number;
  data?: DataNotes;
  findings: FindingId[];
}
