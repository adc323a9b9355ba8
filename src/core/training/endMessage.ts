// The sentence a finished run ends with: why it stopped, whose weights it kept, and what went wrong with the learning rate.
import * as l10n from '@vscode/l10n';
import { formatNumber, formatPercent, type StopReason } from '../../shared/outputs';
import type { EarlyStopping } from './earlyStopping';
import { DIVERGING_FACTOR, type TroubleWatch } from './trouble';

export function endMessage(
  stopped: StopReason,
  early: EarlyStopping | undefined,
  watch: TroubleWatch,
): string | undefined {
  const parts: string[] = [];
  if (stopped === 'diverged') {
    parts.push(
      l10n.t(
        'the loss became NaN or infinite: the learning rate is probably too high, or the inputs are not normalised',
      ),
    );
  }
  if (early && stopped === 'early-stopping') {
    const { monitor, patience } = early.settings;
    parts.push(
      early.keptEpoch !== undefined
        ? l10n.t(
            'stopped early: {0} did not improve for {1} epochs; kept the weights of epoch {2}',
            monitor,
            patience,
            early.keptEpoch,
          )
        : l10n.t('stopped early: {0} did not improve for {1} epochs', monitor, patience),
    );
  } else if (early?.keptEpoch !== undefined) {
    // The epochs ran out, the user stopped, or the loss went NaN, after the best epoch: its weights are the ones kept.
    parts.push(
      l10n.t(
        'kept the weights of epoch {0}, where {1} was best ({2})',
        early.keptEpoch,
        early.settings.monitor,
        formatNumber(early.best),
      ),
    );
  }
  const { evidence, trouble } = watch;
  const rate = String(trouble?.learningRate);
  const suggested = String(trouble?.suggestedLearningRate);
  if (evidence?.kind === 'diverging') {
    parts.push(
      l10n.t(
        "the loss rose to {0} in epoch {1}, more than {2} times the first epoch's {3}: the learning rate {4} is probably too high — try {5}",
        formatNumber(evidence.loss),
        evidence.epoch,
        DIVERGING_FACTOR,
        formatNumber(evidence.firstLoss),
        rate,
        suggested,
      ),
    );
  } else if (evidence?.kind === 'stuck') {
    parts.push(
      l10n.t(
        'the training accuracy stayed at {0} for {1} epochs, no better than always answering the most common class ({2}): the learning rate {3} is probably too high — try {4}',
        formatPercent(evidence.accuracy),
        evidence.epochs,
        formatPercent(evidence.majorityShare),
        rate,
        suggested,
      ),
    );
  }
  return parts.length > 0 ? parts.join('; ') : undefined;
}
