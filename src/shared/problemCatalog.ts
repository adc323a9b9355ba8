// Every problem a `bigmodel` cell can have, by code: its text in the display language and the fix a quick fix applies.
// The English text is written once, here, through @vscode/l10n (the extension host feeds it VS Code's bundle, the core
// and the CLI the locale's): the editor, `bigmodel check` and the core all show these words.
import * as l10n from '@vscode/l10n';
import { fillPositional } from './textTemplate';

/**
 * What fixes a problem where it stands: the text of one of its arguments (the name meant by a misspelling), a fixed
 * value, or a `flatten` layer inserted before the layer.
 */
export type ProblemFix = { arg: number } | { value: string } | 'insert-flatten';

interface ProblemEntry {
  /** The template in the display language; `{0}`… are filled by problemText (not by l10n: some hold `{ … }` too). */
  text: () => string;
  fix?: ProblemFix;
}

/** The name meant by a misspelling is the argument at `arg`: the quick fix writes it in. */
const hint = (text: () => string, arg: number): ProblemEntry => ({ text, fix: { arg } });

export const PROBLEMS = {
  // The YAML of the cell and the shape of its sections and layers.
  'cell-too-deep': { text: () => l10n.t('the cell nests more than {0} levels deep') },
  'yaml-syntax': { text: () => l10n.t('YAML: {0}') },
  'yaml-alias': { text: () => l10n.t('YAML aliases (`*{0}`) are not read in a cell: write the value out here') },
  'yaml-anchor': {
    text: () =>
      l10n.t('YAML anchors (`&{0}`) are not read in a cell: remove `&{0}` and write values out where they are used'),
  },
  'cell-not-mapping': { text: () => l10n.t('a bigmodel cell is a YAML mapping with sections such as {0}') },
  'section-not-mapping': { text: () => l10n.t('`{0}` must be a mapping of settings (key: value)') },
  'layers-not-list': {
    text: () => l10n.t('`model.layers` must be a list, one layer per line (`- dense: { units: 10 }`)'),
  },
  'layer-item': {
    text: () => l10n.t('each layer is one name with its settings, e.g. `- dense: { units: 64, activation: relu }`'),
  },
  'layer-takes-mapping': { text: () => l10n.t('`{0}` takes a mapping of settings, e.g. {1}') },

  // Names the schema does not know, with the one meant where it is close.
  'unknown-section': { text: () => l10n.t('unknown section `{0}` (sections: {1})') },
  'unknown-section-hint': hint(() => l10n.t('unknown section `{0}` — did you mean `{1}`? (sections: {2})'), 1),
  'unknown-layer': { text: () => l10n.t('unknown layer `{0}`') },
  'unknown-layer-hint': hint(() => l10n.t('unknown layer `{0}` — did you mean `{1}`?'), 1),
  'unknown-setting': { text: () => l10n.t('unknown setting `{0}` ({1} settings: {2})') },
  'unknown-setting-hint': hint(() => l10n.t('unknown setting `{0}` — did you mean `{1}`? ({2} settings: {3})'), 1),
  'unknown-option': { text: () => l10n.t('`{0}` has no option `{1}` (options: {2})') },
  'unknown-option-hint': hint(() => l10n.t('`{0}` has no option `{1}` — did you mean `{2}`?'), 2),
  'unknown-activation': { text: () => l10n.t('unknown activation `{0}` (known: {1})') },
  'unknown-activation-hint': hint(() => l10n.t('unknown activation `{0}` — did you mean `{1}`?'), 1),
  'unknown-optimizer': { text: () => l10n.t('unknown optimizer `{0}` (known: {1})') },
  'unknown-optimizer-hint': hint(() => l10n.t('unknown optimizer `{0}` — did you mean `{1}`?'), 1),
  'unknown-loss': { text: () => l10n.t('unknown loss `{0}` (known: {1})') },
  'unknown-loss-hint': hint(() => l10n.t('unknown loss `{0}` — did you mean `{1}`?'), 1),
  'unknown-metric': { text: () => l10n.t('unknown metric `{0}` (known: {1})') },
  'unknown-metric-hint': hint(() => l10n.t('unknown metric `{0}` — did you mean `{1}`?'), 1),
  'unknown-source': { text: () => l10n.t('unknown data source `{0}` (built in: {1})') },
  'unknown-source-hint': hint(() => l10n.t('unknown data source `{0}` — did you mean `{1}`? (built in: {2})'), 1),
  'unknown-choice': { text: () => l10n.t('`{0}` is one of {1}, got `{2}`') },
  'unknown-choice-hint': hint(() => l10n.t('`{0}` is one of {1}, got `{2}` — did you mean `{3}`?'), 3),
  'unknown-monitor': { text: () => l10n.t('early stopping cannot watch `{0}`: this training logs {1}') },
  'unknown-monitor-hint': hint(
    () => l10n.t('early stopping cannot watch `{0}` — did you mean `{1}`? (this training logs {2})'),
    1,
  ),

  // Values of the wrong kind or out of range.
  'expect-integer': { text: () => l10n.t('`{0}` must be a whole number, got `{1}`') },
  'expect-number': { text: () => l10n.t('`{0}` must be a number, got `{1}`') },
  'expect-boolean': { text: () => l10n.t('`{0}` must be true or false, got `{1}`') },
  'expect-string': { text: () => l10n.t('`{0}` must be a name or a path, got `{1}`') },
  'expect-list': { text: () => l10n.t('`{0}` must be a list such as `[a, b]`, got `{1}`') },
  'expect-length': { text: () => l10n.t('`{0}` must be a list of {1} values, such as `{2}`, got `{3}`') },
  'expect-mapping': { text: () => l10n.t('`{0}` must be a mapping of settings (key: value), got `{1}`') },
  'expect-optimizer': {
    text: () => l10n.t('`{0}` is an optimizer name such as `adam`, or one name with its options, got `{1}`'),
  },
  'expect-goal': { text: () => l10n.t('`{0}` maps metrics to numbers, such as `accuracy: 0.9`, got `{1}`') },
  'range-min': { text: () => l10n.t('`{0}` must be ≥ {1}, got {2}') },
  'range-above': { text: () => l10n.t('`{0}` must be greater than {1}, got {2}') },
  'range-max': { text: () => l10n.t('`{0}` must be ≤ {1}, got {2}') },
  'range-between': { text: () => l10n.t('`{0}` must be between {1} and {2}, got {3}') },
  'range-below': { text: () => l10n.t('`{0}` must be ≥ {1} and less than {2}, got {3}') },
  'unusually-high': { text: () => l10n.t('`{0}: {1}` is unusually high; typical values are at most {2}') },

  // A layer stack whose shapes cannot work, a loss that does not fit the labels or the last layer (modelCheck.ts).
  'missing-flatten': {
    text: () => l10n.t('`dense` after `{0}` gets a 2-D feature map, not a vector: insert `flatten` before it'),
    fix: 'insert-flatten',
  },
  'dense-on-image': {
    text: () => l10n.t('`dense` gets {0} per sample, an image rather than a vector: insert `flatten` before it'),
    fix: 'insert-flatten',
  },
  'needs-image': {
    text: () => l10n.t('`{0}` works on images (height × width × channels), but its input here is {1}: {2}'),
  },
  'needs-sequence': {
    text: () => l10n.t('`{0}` works on sequences (steps × features), but its input here is {1}: {2}'),
  },
  'needs-ids': {
    text: () =>
      l10n.t(
        '`embedding` takes one row of whole-number ids per sample, but its input here is {0}: put it first, on data of ids',
      ),
  },
  'ids-not-whole': {
    text: () =>
      l10n.t(
        '`embedding` looks up whole-number ids from 0, but the data has values such as {0}: set `normalize: false` in the data section so ids stay whole numbers',
      ),
  },
  'ids-beyond-table': hint(
    () => l10n.t('`embedding` has {0} rows (`inputDim`), but the data has ids up to {1}: use `inputDim: {2}`'),
    2,
  ),
  'flatten-vector': { text: () => l10n.t('`flatten` gets {0}, which is already a vector: remove it') },
  'too-small': {
    text: () =>
      l10n.t(
        '`{0}` needs at least {1} steps along each axis, but its input here is {2}: use a smaller `{3}` or `padding: same`',
      ),
  },
  'reshape-size': { text: () => l10n.t('`reshape` to {0} needs {1} values, but its input here is {2} ({3} values)') },
  'heads-divide': { text: () => l10n.t('`{0}` splits {1} features into {2} heads: `numHeads` must divide {1}') },
  'output-not-vector': {
    text: () =>
      l10n.t(
        'the model ends in {0} per sample, but each sample has one label: add `flatten` or `{1}` before the last `dense`',
      ),
  },
  'units-classes': hint(
    () => l10n.t('the last layer has {0} units, but the data has {1} classes: use `units: {1}`'),
    1,
  ),
  'sigmoid-multiclass': {
    text: () =>
      l10n.t(
        'one sigmoid unit can only tell two classes apart, but the data has {0}: end with `dense: { units: {0}, activation: softmax }`',
      ),
  },
  'binary-units': {
    text: () =>
      l10n.t(
        'the labels are yes/no (two classes), but the last layer has {0} units: end with `dense: { units: 1, activation: sigmoid }` or `dense: { units: 2, activation: softmax }`',
      ),
    fix: { value: '1' },
  },
  'regression-units': {
    text: () =>
      l10n.t(
        'the labels are one number per sample (regression), but the last layer has {0} units: end with `dense: { units: 1 }`',
      ),
    fix: { value: '1' },
  },
  'softmax-binary-loss': {
    text: () =>
      l10n.t(
        '`binaryCrossentropy` scores each output on its own, but the last layer is a softmax over {0} units: use `loss: crossentropy`, or end with `dense: { units: 1, activation: sigmoid }`',
      ),
  },
  'softmax-one-unit': {
    text: () =>
      l10n.t(
        'a softmax over one unit always outputs 1, so nothing can be learned: use `activation: sigmoid` for yes/no, or one unit per class',
      ),
  },
  'categorical-one-unit': {
    text: () =>
      l10n.t(
        '`{0}` over one output is always 0, so nothing can be learned: use `binaryCrossentropy` (or `crossentropy`) for yes/no',
      ),
  },
  'needs-probabilities': hint(
    () => l10n.t('`{0}` needs probabilities, but the activation of the last layer is `{1}`: use `activation: {2}`'),
    2,
  ),
  'loss-for-classes': {
    text: () =>
      l10n.t(
        '`{0}` is for class labels, but the labels of this data are numbers (regression): use `meanSquaredError` or `meanAbsoluteError`',
      ),
  },
  'squashed-regression': {
    text: () =>
      l10n.t(
        'the labels are numbers (regression), but `{0}` squashes the output into {1}: leave out the activation of the last layer',
      ),
  },
  'model-too-many-parameters': {
    text: () =>
      l10n.t(
        'this model has {0} parameters, {1} of them in this `{2}`: more than the {3} a model may have — make this layer smaller',
      ),
  },
  'model-too-big': {
    text: () =>
      l10n.t(
        'training this model takes about {0} of memory ({1} parameters), {2} of it for this `{3}`: more than half of the {4} this machine has — make this layer smaller',
      ),
  },
  'model-large': {
    text: () =>
      l10n.t(
        'training this model takes about {0} of memory ({1} parameters), {2} of it for this `{3}`: more than {4}, so it will be slow — consider making this layer smaller',
      ),
  },
} satisfies Record<string, ProblemEntry>;

export type ProblemCode = keyof typeof PROBLEMS;

/** The problem's text in the display language, its `{0}`… filled with `args` in order. */
export function problemText(code: ProblemCode, args: readonly string[]): string {
  return fillPositional(PROBLEMS[code].text(), args);
}

/** The value that fixes the problem where it stands, if one is clear; `insert-flatten` for a missing `flatten`. */
export function problemFix(code: ProblemCode, args: readonly string[]): string | 'insert-flatten' | undefined {
  const fix: ProblemFix | undefined = (PROBLEMS[code] as ProblemEntry).fix;
  if (fix === undefined || fix === 'insert-flatten') return fix;
  return 'arg' in fix ? args[fix.arg] : fix.value;
}
