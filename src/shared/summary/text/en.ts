// Every English sentence of the summary, with {placeholders}; a `.product` / `.engineering` suffix marks an audience's own wording.
export const en = {
  title: 'Summary: {source}',
  'title.plain': 'Summary',
  na: 'n/a',

  // Formatting
  'unit.seconds': '{n} s',
  'unit.minutes': '{n} min',
  'unit.hours': '{n} h',
  'unit.kb': '{n} KB',
  'unit.mb': '{n} MB',
  'unit.ms': '{n} ms',
  'unit.points': '{n} percentage points',
  'list.separator': ', ',
  'list.last': ' and ',
  'quote.product': '“{text}”',
  'quote.engineering': '`{text}`',

  // Headline: one per split the figures come from (test, validation, validation that chose the epoch, folds); {tail}
  // is empty, or says that the model does no better than one that learned nothing.
  'headline.classification.test.product':
    'Correctly labels {accuracy} of {samples} {things} it has never seen (the test set){tail}.',
  'headline.classification.validation.product':
    'Correctly labels {accuracy} of {samples} held-back {things} it did not learn from{tail}.',
  'headline.classification.chose-epoch.product':
    'Correctly labels {accuracy} of {samples} held-back {things}{tail}; these same examples decided when training stopped, so the figure is optimistic.',
  'headline.classification.folds.product':
    'Correctly labels {accuracy} of {samples} {things}, each checked by a model that did not learn from it ({folds} rounds){tail}.',
  'headline.regression.test.product':
    'Predictions are off by {mae} on average, on {samples} examples it has never seen (the test set){tail}.',
  'headline.regression.validation.product':
    'Predictions are off by {mae} on average, on {samples} held-back examples it did not learn from{tail}.',
  'headline.regression.chose-epoch.product':
    'Predictions are off by {mae} on average, on {samples} held-back examples{tail}; these same examples decided when training stopped, so the figure is optimistic.',
  'headline.regression.folds.product':
    'Predictions are off by {mae} on average, on {samples} examples, each checked by a model that did not learn from it ({folds} rounds){tail}.',
  'headline.metrics.test.product': 'On {samples} examples it has never seen (the test set): {metrics}{tail}.',
  'headline.metrics.validation.product': 'On {samples} held-back examples it did not learn from: {metrics}{tail}.',
  'headline.metrics.chose-epoch.product':
    'On {samples} held-back examples: {metrics}{tail}; these same examples decided when training stopped, so the figures are optimistic.',
  'headline.metrics.folds.product':
    'On {samples} examples, each checked by a model that did not learn from it ({folds} rounds): {metrics}{tail}.',
  'headline.metrics.test.engineering': 'On {samples} test samples: {metrics}{tail}.',
  'headline.metrics.validation.engineering': 'On {samples} validation samples: {metrics}{tail}.',
  'headline.metrics.chose-epoch.engineering':
    'On {samples} validation samples that also chose the epoch (optimistic, not unseen data): {metrics}{tail}.',
  'headline.metrics.folds.engineering':
    '{folds}-fold cross-validation over {samples} samples (mean of the folds): {metrics}{tail}.',
  'headline.tail.majority.product': ', no better than always answering {label} ({share})',
  'headline.tail.majority.engineering': '; no better than always predicting {label} (accuracy {share})',
  'headline.tail.luck.product':
    ', not clearly better than always answering {label} ({share}): on {samples} examples that difference can be luck',
  'headline.tail.luck.engineering': '; not significantly above the majority baseline ({share}, one-sided 95%)',
  'headline.tail.chance.product':
    ', but averaged over the answers it is right only {balanced} of the time, no better than picking at random ({chance})',
  'headline.tail.chance.engineering': '; balanced accuracy {balanced} is no better than chance ({chance})',
  'headline.tail.mean.product': ', no better than always predicting the average (off by {baseMae})',
  'headline.tail.mean.engineering': '; no better than predicting the training mean (MAE {baseMae})',
  'headline.tail.r2.product': ', no better than always predicting the average',
  'headline.tail.r2.engineering': '; R² {r2}: no better than predicting the mean',
  'headline.untested.product':
    'Not tested yet: add an `evaluate` section to see how it does on examples it has never seen.',
  'headline.untested.engineering': 'No evaluation yet: add an `evaluate` section.',
  'things.images': 'images',
  'things.examples': 'examples',
  'things.cases': 'cases',
  'split.test': 'test',
  'split.validation': 'validation',
  'split.chose-epoch': 'validation',
  'split.folds': 'cross-validation',
  'metric.pair': '{metric} {value}',

  // Metric names: plain words for product managers, the usual names for engineers.
  'metric.product.accuracy': 'share labelled correctly',
  'metric.product.balancedaccuracy': 'share right per answer, averaged over the answers',
  'metric.product.f1': 'balance of finding cases and avoiding false alarms',
  'metric.product.auc': 'ability to rank likely cases first',
  'metric.product.precision': 'share of its alarms that are right',
  'metric.product.recall': 'share of cases it finds',
  'metric.product.macroPrecision': 'share of its answers that are right, averaged over the answers',
  'metric.product.macroRecall': 'share of each answer’s examples it finds, averaged over the answers',
  'metric.product.mae': 'average error',
  'metric.product.rmse': 'typical error',
  'metric.product.r2': 'share of the variation it explains',
  'metric.product.loss': 'error score',
  'metric.engineering.accuracy': 'accuracy',
  'metric.engineering.balancedaccuracy': 'balanced accuracy',
  'metric.engineering.f1': 'F1',
  'metric.engineering.macroF1': 'macro F1',
  'metric.engineering.auc': 'AUC',
  'metric.engineering.precision': 'precision',
  'metric.engineering.recall': 'recall',
  'metric.engineering.macroPrecision': 'macro precision',
  'metric.engineering.macroRecall': 'macro recall',
  'metric.engineering.mae': 'MAE',
  'metric.engineering.rmse': 'RMSE',
  'metric.engineering.r2': 'R²',
  'metric.engineering.loss': 'loss',

  // Goal and verdict
  'section.goal': 'Goal',
  'verdict.meets-goal': '✅ **Verdict: meets the goal.**',
  'verdict.below-goal': '❌ **Verdict: below the goal.**',
  'verdict.no-goal':
    'No goal was set, so there is no verdict: add a `goal` to the `summary` section (the score the product needs).',
  'goal.met.higher': '✅ {metric}: {value}, goal at least {target}.',
  'goal.missed.higher': '❌ {metric}: {value}, goal at least {target} ({gap} short).',
  'goal.met.lower': '✅ {metric}: {value}, goal at most {target}.',
  'goal.missed.lower': '❌ {metric}: {value}, goal at most {target} ({gap} too high).',
  'goal.hollow.higher':
    '❌ {metric}: {value}, goal at least {target}: the number clears the bar, but it does not count, because the model does no better than {baseline}.',
  'goal.hollow.lower':
    '❌ {metric}: {value}, goal at most {target}: the number clears the bar, but it does not count, because the model does no better than {baseline}.',
  'verdict.hollow':
    '❌ **Verdict: below the goal.** The scores clear the bar, but the model does no better than {baseline}, so the goal is not met.',
  'phrase.majority.product': 'always answering {label}',
  'phrase.majority.engineering': 'always predicting {label}',
  'phrase.luck.product': 'always answering {label} by more than luck could give on {samples} examples',
  'phrase.luck.engineering': 'the majority baseline ({label}) by a significant margin on {samples} samples',
  'phrase.chance.product': 'picking at random',
  'phrase.chance.engineering': 'chance',
  'phrase.mean.product': 'always predicting the average',
  'phrase.mean.engineering': 'predicting the training mean',
  'goal.unmeasured': '❔ {metric}: not measured in this run (goal {target}), so it counts as not met.',

  // Baselines
  'section.baselines.product': 'Compared with guessing',
  'section.baselines.engineering': 'Baselines',
  'baseline.from.test.product': 'test set',
  'baseline.from.validation.product': 'held-back examples',
  'baseline.from.folds.product': 'examples of all {folds} rounds',
  'baseline.from.train.product': 'training data',
  'baseline.from.test.engineering': 'test-split counts (confusion-matrix row sums)',
  'baseline.from.validation.engineering': 'validation-split counts (confusion-matrix row sums)',
  'baseline.from.folds.engineering': 'pooled counts of the {folds} folds (confusion-matrix row sums)',
  'baseline.from.train.engineering': 'training-split class balance',
  'baseline.on.test.product': 'test examples',
  'baseline.on.validation.product': 'held-back examples',
  'baseline.on.folds.product': 'examples of all {folds} rounds',
  'baseline.on.test.engineering': 'test',
  'baseline.on.validation.engineering': 'validation',
  'baseline.on.folds.engineering': '{folds}-fold cross-validation',
  'baseline.majorityTrain.product':
    'Always answering {label}, the most common answer in the training data, would be right on {share} of the {on}; picking at random, {chance}.',
  'baseline.majorityTrain.engineering':
    'Majority class {label} of the training split, on the {on} samples: accuracy {share}; chance ({classes} classes): {chance}.',
  'baseline.majority.product':
    'Always answering {label}, the most common answer in the {from}, would be right {share} of the time; picking at random, {chance}.',
  'baseline.majority.engineering':
    'Majority class {label} from the {from}: accuracy {share}; chance ({classes} classes): {chance}.',
  'baseline.even.product':
    'Every answer is equally common in the {from}, so always giving the same answer would be right {share} of the time, no better than picking at random.',
  'baseline.even.engineering':
    'Balanced classes in the {from}: majority-class accuracy = chance = {share} ({classes} classes).',
  'baseline.above.product': 'At {accuracy}, the model beats always giving the same answer by {gain}.',
  'baseline.above.engineering': 'Model accuracy {accuracy}: {gain} above the stronger baseline.',
  'baseline.near.product':
    '⚠️ At {accuracy}, the model is barely better than always answering {label}: it has learned little so far.',
  'baseline.constant.product':
    '⚠️ The model gives the same answer, {answer}, for every example: it has learned nothing useful (right {accuracy} of the time, against {share} for always answering {label}).',
  'baseline.constant.engineering':
    '⚠️ The model predicts {answer} for every sample: accuracy {accuracy} against {share} for the majority class {label}; it has learned nothing beyond a constant.',
  'baseline.constantMajority.product':
    '⚠️ The model answers {label} for every example, which is exactly what always answering {label} does ({share}): it has learned nothing useful.',
  'baseline.constantMajority.engineering':
    '⚠️ The model predicts the majority class {label} for every sample: accuracy {accuracy} is exactly the majority baseline; it has learned nothing beyond a constant.',
  'baseline.equal.product': '⚠️ At {accuracy}, the model does no better than always answering {label} ({share}).',
  'baseline.equal.engineering': '⚠️ Accuracy {accuracy} does not beat the majority baseline ({share}).',
  'baseline.luck.product':
    '⚠️ At {accuracy}, the model is {gain} above always answering {label}, but on {samples} examples a model that learned nothing lands within {margin} of it by luck alone: it has not clearly learned anything yet.',
  'baseline.luck.engineering':
    '⚠️ Accuracy {accuracy} is {gain} above the majority baseline ({share}), under the {margin} a one-sided 95% test needs on {samples} samples: not significant.',
  'baseline.chanceOnly.product':
    '⚠️ It is right more often than always answering {label} ({accuracy} against {share}), but averaged over the answers it is right only {balanced} of the time, no better than picking at random ({chance}).',
  'baseline.chanceOnly.engineering':
    '⚠️ Accuracy {accuracy} beats the majority baseline {label} ({share}), but balanced accuracy {balanced} is no better than chance ({chance}).',
  'baseline.positive.product':
    'Of the {support} {label} cases, it finds {recall}; averaged over the answers, it is right {balanced} of the time (always giving one answer: {chance}).',
  'baseline.positive.engineering':
    'Positive class {label}: recall {recall} ({support} samples); balanced accuracy {balanced} (chance {chance}).',
  'baseline.minority.product':
    'Of the {support} examples of its rarest answer, {label}, it gets {recall} right; averaged over the answers, it is right {balanced} of the time (always giving one answer: {chance}).',
  'baseline.minority.engineering':
    'Minority class {label}: recall {recall} ({support} samples); balanced accuracy {balanced} (chance {chance}).',
  'baseline.mean.product':
    'Always predicting the average of the training examples, {mean}, would be off by {baseMae} on average; the model is off by {mae}.',
  'baseline.mean.engineering':
    'Mean predictor (training mean {mean}, as scikit-learn’s `DummyRegressor`): MAE {baseMae}, RMSE {baseRmse}, R² {baseR2}; the model: MAE {mae}, RMSE {rmse}.',
  'baseline.meanEach.product':
    'Always predicting the average of the training examples would be off by {baseMae} on average; the model is off by {mae}.',
  'baseline.meanEach.engineering':
    'Mean predictor (training mean of each output): MAE {baseMae}, RMSE {baseRmse}, R² {baseR2}; the model: MAE {mae}, RMSE {rmse}.',
  'baseline.meanNoBetter.product':
    '⚠️ The model does no better than always predicting the average: it has learned nothing useful yet.',
  'baseline.meanNoBetter.engineering':
    '⚠️ MAE at or above the mean predictor’s: the model has learned nothing beyond the mean.',
  'baseline.meanNear.product': '⚠️ That is only slightly better than always predicting the average.',
  'baseline.meanNear.engineering': '⚠️ MAE barely below the mean predictor’s.',
  'baseline.meanAbove.product': 'Its average error is {cut} smaller than that.',
  'baseline.meanAbove.engineering': 'MAE {cut} below the mean predictor’s.',
  'baseline.r2.product':
    'Its predictions follow {r2} of the ups and downs in the true values; always predicting their average would follow none of them.',
  'baseline.r2.engineering':
    'R² {r2}: the share of the target’s variance the model explains (at or below zero, no better than predicting the mean).',
  'baseline.r2None.product':
    '⚠️ Its predictions follow none of the ups and downs in the true values: always predicting their average would do as well or better.',
  'baseline.r2None.engineering': '⚠️ R² {r2}: no variance explained; predicting the mean does as well or better.',
  'baseline.below.product': '⚠️ At {accuracy}, the model does worse than always answering {label} ({share}).',
  'baseline.below.engineering': '⚠️ Accuracy {accuracy} is below the majority baseline ({share}).',
  'baseline.near.engineering':
    '⚠️ Accuracy {accuracy} is barely above the majority baseline ({share}): little learned beyond the class prior.',

  // Classes
  'section.classes.product': 'Strengths and weak spots',
  'section.classes.engineering': 'Per class',
  'classes.rank.product': 'Best at {best} ({bestValue} of them labelled correctly); weakest at {worst} ({worstValue}).',
  'classes.rank.engineering': 'Highest F1: {best} ({bestValue}); lowest F1: {worst} ({worstValue}).',
  'classes.confused.product': 'Took {truth} for {predicted} {count} times (out of {of}).',
  'classes.confused.engineering': 'Confusion {truth} → {predicted}: {count} of {of} ({share}).',

  // Training curves
  'section.training.product': 'How training went',
  'section.training.engineering': 'Training',
  'stop.completed.product': 'It went through the training data {run} times, as planned.',
  'stop.completed.engineering': 'Ran all {total} epochs.',
  'stop.early-stopping.product':
    'Training stopped early, after {run} of {total} planned rounds, once results on held-back examples stopped improving.',
  'stop.early-stopping.engineering': 'Early stopping after epoch {run} of {total}.',
  'stop.cancelled.product':
    'Training was stopped by hand after {run} of {total} rounds, so these results describe an unfinished model.',
  'stop.cancelled.engineering': 'Cancelled after {run} of {total} epochs.',
  'stop.diverged.product':
    'Training broke down after {run} rounds (its numbers blew up); these results cannot be used.',
  'stop.diverged.engineering': 'Diverged (loss NaN or infinite) after {run} of {total} epochs.',
  'fit.rising.product':
    '⚠️ From training round {from} on, it began memorising its training examples instead of learning patterns that carry over: its results on held-back examples got worse while its training results kept improving.',
  'fit.rising.engineering':
    '⚠️ Overfitting: `val_loss` was lowest at {bestValLoss} and rose from epoch {from} on, to {valLoss} at epoch {last}, while `loss` fell to {loss}.',
  'fit.gap.product':
    '⚠️ From training round {from} on, it does clearly better on its training examples ({accuracy}) than on held-back ones ({valAccuracy}): it is memorising rather than learning patterns that carry over.',
  'fit.gap.engineering':
    '⚠️ Overfitting: the train/validation accuracy gap is open from epoch {from} on, {gap} at epoch {last} ({accuracy} vs {valAccuracy}).',
  'trouble.diverging.product':
    '⚠️ Training went wrong: its error grew instead of shrinking, a sign that it learned in steps that are too large (step size {rate}; an engineer would try {suggested}).',
  'trouble.diverging.engineering':
    '⚠️ Diverging: the loss rose far above its first value at learning rate {rate}; try {suggested}.',
  'trouble.stuck.product':
    '⚠️ Training got stuck: it stayed no better than guessing, a sign that its learning step size ({rate}) is too large (an engineer would try {suggested}).',
  'trouble.stuck.engineering':
    '⚠️ Stuck: the training metric stayed at chance at learning rate {rate}; try {suggested}.',
  'fit.kept.product':
    'It kept the model as it was after round {kept}, its best round, not after the last round ({last}); the results here describe the kept model.',
  'fit.kept.engineering':
    'Restored the weights of epoch {kept}, not those of the last epoch ({last}); the figures here are epoch {kept}’s.',
  'fit.keptMonitor.product':
    'It kept the model as it was after round {kept}, its best round by the measure it watched, not after the last round ({last}); the results here describe the kept model.',
  'fit.keptValidation.product':
    'It kept the model as it was after round {kept}, its best round on held-back examples, not after the last round ({last}); the results here describe the kept model.',
  'fit.keptValidation.engineering':
    'Restored the weights of epoch {kept} (best {monitor}), not those of the last epoch ({last}); the figures here are epoch {kept}’s.',
  'fit.keptMonitor.engineering':
    'Restored the weights of epoch {kept} (best {monitor}), not those of the last epoch ({last}); the figures here are epoch {kept}’s.',
  'fit.keptBefore.product': 'The kept model is from before that began.',
  'fit.keptBefore.engineering': 'The restored weights predate it.',
  'fit.earlyStopped.product': 'Stopping early limited the memorising.',
  'fit.earlyStopped.engineering': 'Early stopping limited the overfitting.',
  'fit.stillImproving.product':
    'It was still improving steadily when training ended: more training rounds would probably improve the results.',
  'fit.stillImproving.engineering':
    'Underfitting: both losses still falling steadily, epoch {from} to {last} (`loss` {fromLoss} → {loss}, `val_loss` {fromValLoss} → {valLoss}).',
  'fit.lowTraining.product':
    'It has not yet learned its own training examples well: right on {accuracy} of them, where always giving the most common answer would be right on {baseline}.',
  'fit.lowTraining.engineering':
    'Underfitting: training accuracy only {accuracy} against a majority baseline of {baseline}.',
  'fit.healthy.product': 'Results on training and held-back examples stayed close: no sign of memorising.',
  'fit.healthy.engineering': 'No overfitting signal: `val_loss` tracked `loss` to the end.',
  'fit.scores.product':
    'At the end it was right on {accuracy} of its training examples and {valAccuracy} of held-back ones.',
  'fit.scoresKept.product':
    'The kept model was right on {accuracy} of its training examples and {valAccuracy} of held-back ones.',
  'fit.final.engineering': 'Epoch {last}: `loss` {loss}, `val_loss` {valLoss}.',
  'fit.finalAccuracy.engineering':
    'Epoch {last}: `loss` {loss}, `val_loss` {valLoss}, `accuracy` {accuracy}, `val_accuracy` {valAccuracy} (gap {gap}).',

  // Cost and size
  'section.cost.product': 'Time and size',
  'section.cost.engineering': 'Cost and size',
  'cost.duration.product': 'Training took {duration} on {device}, about {speed} examples a second.',
  'cost.duration.engineering': 'Trained {run} epochs in {duration} on `{backend}` ({device}): {speed} samples/s.',
  'cost.speed.product': 'Training ran on {device} at about {speed} examples a second.',
  'cost.speed.engineering': '`{backend}` ({device}): {speed} samples/s.',
  'cost.more.product':
    'Each extra pass over the {train} training examples would take about {epochTime}; {n} more passes about {moreTime}.',
  'cost.more.engineering':
    'At the measured speed: {epochTime} per epoch over {train} samples; {n} more epochs ≈ {moreTime}.',
  'cost.full.product': 'Training on all {full} examples, {n} passes, would take about {fullTime}.',
  'cost.full.engineering': 'Full training set ({full} samples), {n} epochs ≈ {fullTime}.',
  'size.product': 'The model has {params} learned values and takes {size} to store.',
  'size.engineering': '{params} parameters ({trainable} trainable), {size}.',
  'latency.product':
    'Answering one example on its own takes about {latency}; in batches of {batch}, it gets through about {perSecond} examples a second.',
  'latency.engineering':
    'Single-sample latency {latency} (median of {calls} calls); throughput in batches of {batch}: {perSecond} samples/s.',

  // Data
  'section.data': 'The data',
  'data.splits': '{source}: {parts}.',
  'data.part.train.product': '{n} examples to learn from',
  'data.part.validation.product': '{n} held back to check progress',
  'data.part.test.product': '{n} for the final test',
  'data.part.train.engineering': 'train {n}',
  'data.part.validation.engineering': 'validation {n}',
  'data.part.test.engineering': 'test {n}',
  'data.classes.product': '{n} possible answers.',
  'data.classes.engineering': '{n} classes.',
  'data.sample.product': 'It learned from {train} of the {full} available examples.',
  'data.sample.engineering': 'Trained on a subset: {train} of {full} samples.',
  'data.partial.limit.product':
    'It learned from {train} of the {full} training examples: the data section sets a `limit`.',
  'data.partial.limit.engineering': 'Trained on {train} of {full} training rows (`limit`).',
  'data.partial.limitTimed.product':
    'It learned from {train} of the {full} training examples (the data section sets a `limit`); learning from all of them, {n} passes, would take about {fullTime}.',
  'data.partial.limitTimed.engineering':
    'Trained on {train} of {full} training rows (`limit`); all of them, {n} epochs ≈ {fullTime} at the measured speed.',
  'data.partial.memory.product':
    'It learned from only the first {train} of the {full} training examples: the whole table was too large to hold in memory.',
  'data.partial.memory.engineering':
    'Trained on the first {train} of {full} training rows: the table was too large to hold in memory.',
  'data.partial.memoryTimed.product':
    'It learned from only the first {train} of the {full} training examples (the whole table was too large to hold in memory); learning from all of them, {n} passes, would take about {fullTime}.',
  'data.partial.memoryTimed.engineering':
    'Trained on the first {train} of {full} training rows (too large to hold in memory); all of them, {n} epochs ≈ {fullTime} at the measured speed.',
  'data.imbalance.product':
    '⚠️ Uneven data: {largest} has {ratio} times as many training examples as {smallest} ({largestCount} against {smallestCount}).',
  'data.imbalance.engineering':
    '⚠️ Class imbalance: {largest} {largestCount} vs {smallest} {smallestCount} training samples (ratio {ratio}).',
  'data.missingClass.product': '⚠️ Uneven data: {smallest} has no training examples at all.',
  'data.missingClass.engineering': '⚠️ Class imbalance: {smallest} has no training samples.',
  'data.personal.product': '⚠️ Columns that look like personal data: {columns}.',
  'data.personal.engineering': '⚠️ Feature columns that look like personal data: {columns}.',

  // Risks
  'section.risks': 'Risks',
  'risk.below-goal.product': 'It does not yet reach the score the product needs.',
  'risk.below-goal.engineering': 'Below the goal: not ready to ship against this bar.',
  'risk.unmeasured-goal.product': 'Part of the goal could not be checked: {metrics}.',
  'risk.unmeasured-goal.engineering': 'Goal metrics not measured: {metrics}.',
  'risk.near-baseline.product': 'It adds little over always giving the most common answer.',
  'risk.near-baseline.engineering': 'Near-baseline accuracy: the model may be learning only the class prior.',
  'risk.noBetter.product': 'Overall it does no better than {baseline}: its score shows no real skill yet.',
  'risk.noBetter.engineering': 'No better than {baseline} overall: no usable skill shown yet.',
  'risk.nearMean.product': 'It adds little over always predicting the average.',
  'risk.nearMean.engineering': 'Near the mean predictor: the features may carry little signal.',
  'risk.optimistic.product':
    'The score comes from held-back examples that also decided when training stopped, so it is likely a little better than what the model will do on new data.',
  'risk.optimistic.engineering':
    'Evaluated on the validation split that chose the epoch: the estimate is optimistically biased.',
  'risk.unstable.product':
    'Training was unstable (its error grew as it went on), so a rerun with smaller learning steps may give a quite different model.',
  'risk.unstable.engineering':
    'Unstable training (diverging loss): the weights are not a converged solution; rerun with a lower learning rate before judging the model.',
  'risk.stuck.product': 'Training got stuck, so these results say little about what the model could do.',
  'risk.stuck.engineering': 'Training stalled at chance: these results say nothing about what the architecture can do.',
  'risk.overfitting.product':
    'It memorised part of its training data, so it is probably weaker than it could be on new examples.',
  'risk.overfitting.engineering': 'Overfitting: generalisation is worse than the training curve suggests.',
  'risk.class-imbalance.product':
    'Rare answers such as {smallest} may be missed more often, and the overall score hides it.',
  'risk.class-imbalance.engineering': 'Accuracy hides the minority class {smallest}: watch its recall.',
  'risk.personal-data.product': 'Using personal data may need consent and a privacy review.',
  'risk.personal-data.engineering':
    'Personal data in the features: needs a privacy review, and may leak identity into predictions.',
  'risk.small-test-set.product': 'Only {n} examples measured it: the score could move by several points on more data.',
  'risk.small-test-set.engineering': 'Small {split} set (n = {n}): every metric has a wide confidence interval.',
  'risk.sample-of-data.product': 'It learned from part of the data only; results on all of it may differ.',
  'risk.sample-of-data.engineering': 'Trained on a subset: full-data results may differ.',
  'risk.training-cut-short.product': 'Training did not finish, so the results may change after a full run.',
  'risk.training-cut-short.engineering': 'Training was cancelled: results describe a partly trained model.',
  'risk.diverged.product': 'Training failed: do not rely on these results.',
  'risk.diverged.engineering': 'Training diverged: these results are not meaningful.',
  'risk.none.product':
    'Nothing in this run stands out as a risk; still, try it on examples from real use before relying on it.',
  'risk.none.engineering': 'No risk flagged by these checks; validate on production-like data before shipping.',

  // Next steps
  'section.next': 'Next steps',
  'step.learningRate.product':
    'Ask an engineer to train again with smaller learning steps ({suggested} instead of {rate}).',
  'step.learningRate.engineering': 'Retrain with `learningRate: {suggested}` (was {rate}).',
  'step.divergedRate.product':
    'Ask an engineer to make the learning steps smaller (the step size is {rate} now) and check that the inputs are scaled, then train again.',
  'step.divergedRate.engineering': 'Lower the learning rate (now {rate}) and check input normalisation, then rerun.',
  'step.testSet.product': 'Measure it on examples kept apart from all of training (a test file) for a fair score.',
  'step.testSet.engineering': 'Evaluate `on: test` on a held-out test split: the validation split chose the epoch.',
  'step.diverged.product':
    'Ask an engineer to slow down the learning and check that the inputs are scaled, then train again.',
  'step.diverged.engineering': 'Lower the learning rate and check input normalisation, then rerun.',
  'step.personal-data.product': 'Remove {columns} unless the product truly needs them, then train again.',
  'step.personal-data.engineering': 'Drop {columns} from `features` (or document why they are needed) and retrain.',
  'step.overfitting.product':
    'Collect more training examples, or let training stop as soon as results on held-back examples stop improving.',
  'step.overfitting.engineering':
    'Add data or augmentation, add `dropout`, or use `earlyStopping: { monitor: val_loss, restoreBest: true }`.',
  'step.overfittingStopped.product': 'Collect more training examples, or ask an engineer for a simpler model.',
  'step.overfittingStopped.engineering': 'Add data or augmentation, more `dropout`, or a smaller model.',
  'step.moreEpochs.product': 'Train for more rounds: it was still improving.',
  'step.moreEpochs.engineering': 'Train for more epochs: both losses were still falling.',
  'step.moreEpochsTimed.product':
    'Train for more rounds: it was still improving ({n} more would take about {moreTime}).',
  'step.moreEpochsTimed.engineering': 'Train for more epochs: both losses were still falling ({n} more ≈ {moreTime}).',
  'step.biggerModel.product': 'Ask an engineer for a larger model, or train for longer.',
  'step.biggerModel.engineering':
    'Increase capacity (more filters, units or layers) or train longer; check the learning rate.',
  'step.near-baseline.product':
    'Check that the labels are right and that the inputs hold what is needed to predict them.',
  'step.near-baseline.engineering': 'Check label quality and feature signal, and that the loss fits the task.',
  'step.confused.product':
    'Look at examples of {truth} and {predicted} side by side: they are mixed up most; clearer examples or labels may help.',
  'step.confused.engineering':
    'Inspect the misclassified {truth} → {predicted} samples; consider targeted data or augmentation.',
  'step.imbalance.product':
    'Collect more {smallest} examples, or ask an engineer to give rare answers more weight in training.',
  'step.imbalance.engineering': 'Rebalance: oversample {smallest} or set class weights.',
  'step.fullData.product': 'Train on all {full} examples.',
  'step.fullData.engineering': 'Train on the full {full} samples.',
  'step.fullDataTimed.product': 'Train on all {full} examples (about {fullTime}).',
  'step.fullDataTimed.engineering': 'Train on the full {full} samples (≈ {fullTime} at the measured speed).',
  'step.finish.product': 'Let training run to the end before judging the model.',
  'step.finish.engineering': 'Rerun to completion.',
  'step.below-goal.product':
    'To close the gap to the goal, try longer training, a larger model or more data, and compare the runs.',
  'step.below-goal.engineering':
    'Below goal: try longer training, a larger model or more data, and compare runs in the history.',
  'step.set-goal.product': 'Agree on the score the product needs and add it as the goal.',
  'step.set-goal.engineering': 'Set `summary.goal` to get a verdict.',
  'step.real-examples.product': 'Try it on a handful of examples from real use before relying on it.',
  'step.real-examples.engineering': 'Validate on a sample of production-like data before shipping.',
} as const;

export type SummaryStringKey = keyof typeof en;
/** A complete table: a translation must give every key. */
export type SummaryStrings = Record<SummaryStringKey, string>;
