// What the summary reads (a run's payloads) and the language-free facts it derives from them before any wording.
import type {
  DataPreviewPayload,
  EvaluationPayload,
  ModelSummaryPayload,
  SummaryFinding,
  TrainingPayload,
} from '../outputs';

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
  /** Measured prediction speed (src/core/summarize.ts): one example on its own, and a batch. */
  prediction?: PredictionSpeed;
  /** Measured wall-clock time of the training run. */
  trainingDurationMs?: number;
  /**
   * Size of the whole training set when the run used less of it (a shipped sample), for a time estimate; `data.partial`
   * says the same for a `limit:` or a table too large to hold, and wins when both are there.
   */
  fullTrainSize?: number;
}

export interface PredictionSpeed {
  /** Median milliseconds of one `model.predict` on a single example (batch of 1), after warm-up. */
  oneExampleMs: number;
  /** How many single-example calls the median is of. */
  calls: number;
  /** Examples per second when predicting a batch of `batchSize` at once. */
  examplesPerSecond: number;
  batchSize: number;
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
  /** The value clears the target, but the model does no better than a baseline, so it does not count as met. */
  hollow?: boolean;
}

/**
 * Where the evaluation's figures come from: the test split, a validation split that did not choose the epoch, one that
 * did (`chose-epoch`: the figures are optimistic, never "unseen"), or cross-validation folds.
 */
export type SplitKind = 'test' | 'validation' | 'chose-epoch' | 'folds';

export interface Evaluated {
  kind: SplitKind;
  folds?: number;
}

/** Why a model counts as no better than one that learned nothing; then no goal is met, whatever its scores. */
export type NoBetter =
  /** Accuracy at or below always answering the most common class. */
  | 'majority'
  /**
   * Accuracy above the most common class's share by less than sampling noise on this many examples: a one-sided
   * 95% test (z = 1.645) against the share, as a binomial proportion; a model of noise often lands there.
   */
  | 'luck'
  /** Balanced accuracy (mean recall over the classes) at or below chance, 1/k. */
  | 'chance'
  /** Regression: mean absolute error at or above always predicting the training mean. */
  | 'mean'
  /** Regression: R² ≤ 0, no better than predicting the evaluated samples' own mean. */
  | 'r2';

export interface Baselines {
  /**
   * `train`: the answer is the training split's most common class and `majorityShare` what it scores on the evaluated
   * samples (the evaluation's `baseline`); `evaluated`: the evaluated samples' own most common class (older payloads:
   * the confusion matrix's row sums); `balance`: no matrix, the training split's class shares.
   */
  from: 'train' | 'evaluated' | 'balance';
  majorityLabel: string;
  /** The accuracy of always answering `majorityLabel`. */
  majorityShare: number;
  /** Every class equally common, so "the most frequent class" is an arbitrary pick. */
  even: boolean;
  /** 1/k over the classes that occur: picking at random, and the balanced accuracy of always giving one answer. */
  chance: number;
  classCount: number;
  /** The model's accuracy, to compare against both. */
  accuracy: number;
  /** The model's mean recall over the classes (scikit-learn's balanced accuracy), when it can be known. */
  balancedAccuracy?: number;
  /** The class the model gave for every evaluated sample, when it gave only one. */
  constantAnswer?: string;
  /** Binary: the positive class, how many evaluated samples it has and how many of them the model found. */
  positive?: ClassRecall;
  /** Imbalanced evaluated samples (largest class ≥ IMBALANCED_SCORES × the smallest): the rarest class. */
  minority?: ClassRecall;
}

export interface ClassRecall {
  label: string;
  recall: number;
  support: number;
}

/** Regression against always predicting the training mean (scikit-learn's DummyRegressor). */
export interface RegressionBaseline {
  /** The training mean it predicts (absent for several outputs). */
  mean?: number;
  baseline?: { mae?: number; rmse?: number; r2?: number };
  mae?: number;
  rmse?: number;
  r2?: number;
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

/** One epoch's figures as the summary quotes them. */
export interface EpochFigures {
  epoch: number;
  loss: number;
  valLoss: number;
  accuracy?: number;
  valAccuracy?: number;
}

export interface Fitting {
  /** The last epoch of the curve. */
  end: EpochFigures;
  /** The epoch whose weights the model kept (`training.keptEpoch`), else the last: the model the figures describe. */
  kept: EpochFigures;
  /** Whether `kept` is an earlier epoch than the last, restored by early stopping. */
  restored: boolean;
  overfitting?: {
    /** `rising`: validation loss climbed from its best while training loss fell; `gap`: accuracy gap above the threshold. */
    reason: 'rising' | 'gap';
    /** The first epoch that shows it: validation loss above its best, or the gap open from here to the end. */
    from: number;
    bestValLoss: number;
    /** The kept weights are from before it began, so the model does not carry it. */
    beforeKept: boolean;
  };
  underfitting?: {
    /** The first epoch of the trend window `stillImproving` was read from (its last is `end`). */
    trendFrom?: EpochFigures;
    /** The training split's majority share the training accuracy was compared with. */
    baseline?: number;
    /** Both losses fell by at least STILL_IMPROVING per epoch over the last TREND_EPOCHS (≥ 3) epochs. */
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
  /** The learning rate the optimizer ran with. */
  learningRate?: number;
  /** Training that went wrong without a NaN, with the learning rate to try. */
  trouble?: TrainingPayload['trouble'];
}

export interface DataNotes {
  source: string;
  task: Task;
  images: boolean;
  splits: { train: number; validation?: number; test?: number };
  classCount?: number;
  /** The whole training set's size, when the run learned from less of it. */
  fullTrainSize?: number;
  /** Why it learned from less: a `limit:`, a table too large to hold (its first rows), or a sample (`fullTrainSize`). */
  partial?: 'limit' | 'memory' | 'sample';
  /** The training rows it learned from, when that is fewer than `fullTrainSize`. */
  usedRows?: number;
  imbalance?: { largest: ClassScore; smallest: ClassScore; ratio: number };
  personalColumns: string[];
}

/** All the facts of one summary, before wording: every number in the text comes from here. */
export interface Analysis {
  task?: Task;
  images: boolean;
  evaluation?: EvaluationPayload;
  /** Where the evaluation's figures come from. */
  evaluated?: Evaluated;
  goal: GoalCheck[];
  verdict: Verdict;
  /** Set when the model does no better than one that learned nothing: the verdict is then never `meets-goal`. */
  noBetter?: NoBetter;
  baselines?: Baselines;
  regression?: RegressionBaseline;
  /** Best and worst class by F1 (engineering) and by recall (product: "how many of them it finds"). */
  classRank?: Record<'f1' | 'recall', { strongest: ClassScore; weakest: ClassScore }>;
  confused: ConfusedPair[];
  fitting?: Fitting;
  /** What early stopping watched (`training.monitor.name`). */
  monitor?: string;
  cost?: Cost;
  model?: { params: number; trainable: number; sizeBytes: number };
  prediction?: PredictionSpeed;
  data?: DataNotes;
  findings: FindingId[];
}
