// Notices training that goes wrong without a NaN: a loss climbing far above its start, or a classifier stuck at chance.
import type { EpochRecord, TrainingPayload } from '../../shared/outputs';
import type { TrainingCallback } from './callbacks';

export type Trouble = NonNullable<TrainingPayload['trouble']>;

/** What the message about a trouble quotes. */
export type TroubleEvidence =
  | { kind: 'diverging'; epoch: number; loss: number; firstLoss: number }
  | { kind: 'stuck'; epochs: number; accuracy: number; majorityShare: number };

/**
 * Diverging: an epoch's loss above this many times the first epoch's. The first epoch's loss is an untrained model's
 * average, which a working run only goes below; a bumpy run with a high but workable rate wanders within a small factor
 * of it, so 10× is far outside noise. An epoch that crosses the bar has risen by that much; the flag stays while the
 * loss stays above the bar and clears when it falls back under, since the trouble describes the weights the run ends
 * with. A first loss of 0 or less (a negated similarity such as `cosineProximity`) has no "10× above" and is not judged.
 */
export const DIVERGING_FACTOR = 10;
/**
 * Stuck: the training accuracy of this many epochs in a row no better than the majority share (plus STUCK_MARGIN, for
 * a model that flips between answers), with a large learning rate. Three epochs give a slow start time to show anything.
 */
export const STUCK_EPOCHS = 3;
export const STUCK_MARGIN = 0.02;
/** A learning rate is large from 0.1, or from 100× the optimizer's usual one (whichever is lower). */
const LARGE_RATE = 0.1;
const LARGE_FACTOR = 100;
const ACCURACY_NAMES = ['accuracy', 'binaryAccuracy', 'categoricalAccuracy'];

export interface TroubleOptions {
  learningRate: number;
  /** The optimizer's usual learning rate (adam 0.001, sgd 0.01). */
  usualLearningRate: number;
  /** Classifiers: the share of the training samples in the most common class, what always answering it scores. */
  majorityShare?: number;
  /** Told each time the verdict changes (found, or cleared). */
  onChange?: (trouble: Trouble | undefined) => void;
}

export class TroubleWatch implements TrainingCallback {
  evidence: TroubleEvidence | undefined;
  private firstLoss: number | undefined;
  private accuracies: number[] = [];

  constructor(private readonly options: TroubleOptions) {}

  get trouble(): Trouble | undefined {
    if (!this.evidence) return undefined;
    return {
      kind: this.evidence.kind,
      learningRate: this.options.learningRate,
      suggestedLearningRate: suggestedLearningRate(this.options),
    };
  }

  onEpochEnd(epoch: number, logs: EpochRecord): void {
    const before = this.evidence?.kind;
    // Both look at every epoch (each keeps its own history); a climbing loss is the graver news.
    const diverging = this.diverging(epoch, logs.loss);
    const stuck = this.stuck(logs);
    this.evidence = diverging ?? stuck;
    if (this.evidence?.kind !== before) this.options.onChange?.(this.trouble);
  }

  private diverging(epoch: number, loss: number): TroubleEvidence | undefined {
    if (!Number.isFinite(loss)) return undefined; // NaN and ∞ are stopOnNonFinite's
    this.firstLoss ??= loss;
    if (this.firstLoss <= 0 || loss <= DIVERGING_FACTOR * this.firstLoss) return undefined;
    // Still above the bar: the first sighting stands.
    return this.evidence?.kind === 'diverging'
      ? this.evidence
      : { kind: 'diverging', epoch, loss, firstLoss: this.firstLoss };
  }

  private stuck(logs: EpochRecord): TroubleEvidence | undefined {
    const { majorityShare, learningRate, usualLearningRate } = this.options;
    const name = ACCURACY_NAMES.find((n) => typeof logs[n] === 'number');
    if (majorityShare === undefined || name === undefined) return undefined;
    this.accuracies.push(logs[name]);
    if (learningRate < Math.min(LARGE_RATE, LARGE_FACTOR * usualLearningRate)) return undefined;
    // How many of the latest epochs in a row stayed at or under the bar (NaN counts as not learning either).
    let latest = 0;
    while (
      latest < this.accuracies.length &&
      !(this.accuracies[this.accuracies.length - 1 - latest] > majorityShare + STUCK_MARGIN)
    )
      latest++;
    if (latest < STUCK_EPOCHS) return undefined;
    return { kind: 'stuck', epochs: latest, accuracy: this.accuracies[this.accuracies.length - 1], majorityShare };
  }
}

/** The optimizer's usual rate, or a tenth of the current one, whichever is smaller. */
export function suggestedLearningRate(o: { learningRate: number; usualLearningRate: number }): number {
  // Three significant digits, so a tenth of 0.7 reads 0.07 and not 0.06999999999999999.
  return Math.min(o.usualLearningRate, Number((o.learningRate / 10).toPrecision(3)));
}
