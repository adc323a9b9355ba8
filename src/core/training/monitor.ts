// What early stopping may watch: the figures a run logs, which way each improves, and the checked `earlyStopping` settings.
import * as l10n from '@vscode/l10n';
import type { ParsedCell } from '../../shared/cellSpec';
import { METRICS } from '../../shared/cellSchema';
import { closest } from '../../shared/suggest';
import { CellError } from '../cellError';

export type Mode = 'min' | 'max';

/**
 * Which way each figure improves, by its name without `val_` (what Keras's `mode: auto` decides). Every name a run can
 * log is here; tfjs's `cosine` metric is the cosine proximity, the negated cosine similarity, so lower is better.
 */
const DIRECTIONS: Record<string, Mode> = {
  loss: 'min',
  crossentropy: 'min',
  ce: 'min',
  categoricalCrossentropy: 'min',
  sparseCategoricalCrossentropy: 'min',
  binaryCrossentropy: 'min',
  mse: 'min',
  MSE: 'min',
  mae: 'min',
  MAE: 'min',
  mape: 'min',
  MAPE: 'min',
  msle: 'min',
  cosine: 'min',
  accuracy: 'max',
  acc: 'max',
  binaryAccuracy: 'max',
  categoricalAccuracy: 'max',
  precision: 'max',
  recall: 'max',
  auc: 'max',
  f1: 'max',
};

/** The direction of a figure by name (`val_` ignored); Keras's fallback, `min`, for a name outside the table. */
export function directionOf(name: string): Mode {
  return DIRECTIONS[name.replace(/^val_/, '')] ?? 'min';
}

/** The name tfjs logs a compiled metric under, in the payload's words: `accuracy`/`acc` → `accuracy`, `crossentropy`/`ce` → `ce`. */
export function loggedMetricName(metric: string): string {
  if (metric === 'acc' || metric === 'accuracy') return 'accuracy';
  if (metric === 'crossentropy' || metric === 'ce') return 'ce';
  return metric;
}

/** An epoch record's figures: `loss`, each metric as it is logged, and their `val_` forms when there is validation data. */
export function loggedNames(metrics: readonly string[], hasValidation: boolean): string[] {
  const names = [...new Set(['loss', ...metrics.map(loggedMetricName)])];
  return hasValidation ? [...names, ...names.map((n) => `val_${n}`)] : names;
}

export interface EarlyStoppingSettings {
  monitor: string;
  mode: Mode;
  patience: number;
  minDelta: number;
  restoreBest: boolean;
}

/**
 * `train.earlyStopping` (`true` or a mapping), checked before anything trains: the monitor must be one of `names`, the
 * figures the run will log.
 */
export function earlyStoppingSettings(
  cell: ParsedCell,
  names: string[],
  hasValidation: boolean,
): EarlyStoppingSettings | undefined {
  const e = cell.spec.train?.earlyStopping;
  if (e === undefined || e === false) return undefined;
  // The kinds and ranges of the settings are the decoder's (cellSpec.ts); what the run logs is known only here.
  const o = e === true ? {} : e;
  const at = cell.locate(['train', 'earlyStopping', 'monitor']);
  const monitor = checkedMonitor(o.monitor ?? (hasValidation ? 'val_loss' : 'loss'), names, hasValidation, at);
  const mode = o.mode ?? 'auto';
  // The user's explicit mode wins, as in Keras, even where it looks backwards (`mode: max` on a loss).
  return {
    monitor,
    mode: mode === 'auto' ? directionOf(monitor) : mode,
    patience: o.patience ?? 3,
    minDelta: o.minDelta ?? 0,
    restoreBest: o.restoreBest !== false,
  };
}

/** Short names Keras users write for a logged figure. */
const ALIASES: Record<string, string> = { acc: 'accuracy', crossentropy: 'ce' };

function checkedMonitor(
  written: string,
  names: string[],
  hasValidation: boolean,
  at: { line: number; column: number },
): string {
  const prefix = written.startsWith('val_') ? 'val_' : '';
  const base = written.slice(prefix.length);
  const monitor = prefix + (ALIASES[base] ?? base);
  if (names.includes(monitor)) return monitor;
  const bases = names.filter((n) => !n.startsWith('val_'));
  const list = names.join(', ');
  if (bases.includes(monitor.slice(prefix.length))) {
    // The figure is logged, only not on validation data: there is none.
    throw new CellError(
      'invalid-cell',
      l10n.t(
        'early stopping watches `{0}`, but there is no validation split: add `validation: 0.1` to the data section',
        written,
      ),
      at,
    );
  }
  if ((METRICS as readonly string[]).includes(base)) {
    throw new CellError(
      'invalid-cell',
      l10n.t(
        'early stopping watches `{0}`, but this run does not log `{1}`: add it to `train.metrics` (the run logs {2})',
        written,
        base,
        list,
      ),
      at,
    );
  }
  const near = closest(base, bases);
  const hint = near && (hasValidation || !prefix) ? prefix + near : closest(written, names);
  throw new CellError(
    'invalid-cell',
    hint
      ? l10n.t(
          'early stopping watches `{0}`, which this run does not log — did you mean `{1}`? (the run logs {2})',
          written,
          hint,
          list,
        )
      : l10n.t('early stopping watches `{0}`, which this run does not log (the run logs {1})', written, list),
    at,
  );
}
