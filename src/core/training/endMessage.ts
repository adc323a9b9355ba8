// The sentence a finished run ends with: why it stopped, and whose weights it kept.
import * as l10n from '@vscode/l10n';
import { formatNumber, type StopReason } from '../../shared/outputs';
import type { EarlyStopping } from './earlyStopping';

export function endMessage(stopped: StopReason, early: EarlyStopping | undefined): string | undefined {
  const parts: string[] = [];
  if (stopped === 'diverged') {
    parts.push(l10n.t('the loss became NaN or infinite: the learning rate is probably too high, or the inputs are not normalised'));
  }
  if (early && stopped === 'early-stopping') {
    const { monitor, patience } = early.settings;
    parts.push(early.keptEpoch !== undefined
      ? l10n.t('stopped early: {0} did not improve for {1} epochs; kept the weights of epoch {2}', monitor, patience, early.keptEpoch)
      : l10n.t('stopped early: {0} did not improve for {1} epochs', monitor, patience));
  } else if (early?.keptEpoch !== undefined) {
    // The epochs ran out, the user stopped, or the loss went NaN, after the best epoch: its weights are the ones kept.
    parts.push(l10n.t('kept the weights of epoch {0}, where {1} was best ({2})', early.keptEpoch, early.settings.monitor, formatNumber(early.best)));
  }
  return parts.length > 0 ? parts.join('; ') : undefined;
}
