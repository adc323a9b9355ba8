// Checks that a text shows no number its run did not produce: every figure the summary or the model card may show,
// computed from the run on its own, and the numbers a Markdown text shows. Shared by the summary and model card tests.
import type { SummaryInput } from '../../src/shared/summary';

/**
 * Every figure the summary may show, computed here from the input on its own: raw values, percentages of
 * fractions, counts, differences, ratios, sizes in KB / MB, durations in s / min / h, and the estimates the
 * spec allows (time per epoch, for more epochs, for the full data: each from the measured samples per second);
 * the baselines (the evaluation's own, chance over the classes that occur, the model's error cut against the mean
 * predictor's), the learning rates of a run that went wrong, and the measured prediction speed.
 */
export function allowedFigures(input: SummaryInput, goal: Record<string, number>): number[] {
  const out: number[] = [];
  const fraction = (v: number) => out.push(v, v * 100);
  const seconds = (s: number) => out.push(s, s / 60, s / 3600);
  const e = input.evaluation;
  const d = input.data;
  const t = input.training;
  for (const v of Object.values(e?.metrics ?? {})) fraction(v);
  const perClass = e?.perClass ?? [];
  for (const c of perClass) {
    fraction(c.precision);
    fraction(c.recall);
    fraction(c.f1);
    out.push(c.support);
  }
  const measured: Record<string, number> = { ...e?.metrics };
  for (const k of ['precision', 'recall', 'f1'] as const) {
    if (perClass.length === 0) continue;
    const macro = perClass.reduce((s, c) => s + c[k], 0) / perClass.length;
    fraction(macro);
    if (e?.task === 'binary') fraction(perClass[1][k]);
    measured[k] ??= e?.task === 'binary' ? perClass[1][k] : macro;
  }
  // Balanced accuracy: the mean recall over the classes that have samples.
  const present = perClass.filter((c) => c.support > 0);
  if (present.length > 0) {
    const balanced = present.reduce((s, c) => s + c.recall, 0) / present.length;
    fraction(balanced);
    measured.balancedAccuracy ??= balanced;
  }
  // The evaluation's baseline: what a model that learned nothing scores, its training mean, and the model's error cut.
  for (const v of Object.values(e?.baseline?.metrics ?? {})) fraction(v);
  if (e?.baseline?.value !== undefined) out.push(e.baseline.value);
  const baseMae = e?.baseline?.metrics.mae;
  if (baseMae && e?.metrics.mae !== undefined) fraction(1 - e.metrics.mae / baseMae);
  const folds = (e as { crossValidation?: { folds?: number } } | undefined)?.crossValidation?.folds;
  if (folds !== undefined) out.push(folds);
  // Baselines: the test split's row sums, the training split's class balance, and chance.
  const shares: number[] = [];
  const rows = e?.confusionMatrix?.values ?? [];
  const total = rows.flat().reduce((a, b) => a + b, 0);
  for (const row of rows) {
    const sum = row.reduce((a, b) => a + b, 0);
    out.push(sum);
    for (const v of row) {
      out.push(v);
      if (sum > 0) fraction(v / sum);
    }
    if (total > 0) shares.push(sum / total);
  }
  const occurring = rows.filter((row) => row.some((v) => v > 0)).length;
  if (occurring > 0) shares.push(1 / occurring);
  if (e?.baseline?.metrics.accuracy !== undefined) shares.push(e.baseline.metrics.accuracy);
  const balance = d?.classBalance ?? [];
  const balanceTotal = balance.reduce((a, c) => a + c.count, 0);
  for (const c of balance) {
    out.push(c.count);
    if (balanceTotal > 0) shares.push(c.count / balanceTotal);
  }
  if (balance.length > 0) {
    const counts = balance.map((c) => c.count);
    out.push(Math.max(...counts) / Math.min(...counts));
  }
  const k = d?.classes?.length ?? rows.length;
  if (k > 0) {
    out.push(k);
    shares.push(1 / k);
  }
  for (const s of shares) {
    fraction(s);
    if (e?.metrics.accuracy !== undefined) fraction(Math.abs(e.metrics.accuracy - s));
  }
  // Goal targets and the distance to them.
  for (const [metric, target] of Object.entries(goal)) {
    fraction(target);
    const v = measured[metric];
    if (v !== undefined) fraction(Math.abs(v - target));
  }
  // Data sizes.
  for (const n of Object.values(d?.splits ?? {})) if (n !== undefined) out.push(n);
  if (input.fullTrainSize) out.push(input.fullTrainSize);
  const partial = d?.partial;
  if (partial) out.push(partial.usedRows, partial.totalRows);
  if (e) out.push(e.samples);
  // Training curves, epochs, speed, time and estimates.
  if (t) {
    out.push(t.totalEpochs, t.epochs.length, t.samplesPerSecond);
    for (const v of [t.learningRate, t.keptEpoch, t.trouble?.learningRate, t.trouble?.suggestedLearningRate])
      if (v !== undefined) out.push(v);
    for (const r of t.epochs) {
      for (const v of Object.values(r)) fraction(v);
      if (r.accuracy !== undefined && r.val_accuracy !== undefined) fraction(r.accuracy - r.val_accuracy);
    }
    if (input.trainingDurationMs) seconds(input.trainingDurationMs / 1000);
    const train = partial?.usedRows ?? d?.splits.train;
    if (train && t.samplesPerSecond > 0) {
      const epoch = train / t.samplesPerSecond;
      seconds(epoch);
      seconds(epoch * t.epochs.length);
      for (const full of [input.fullTrainSize, partial?.totalRows])
        if (full) seconds((full * t.epochs.length) / t.samplesPerSecond);
    }
  }
  // Model size and latency.
  if (input.model)
    out.push(
      input.model.totalParams,
      input.model.trainableParams,
      input.model.sizeBytes / 1024,
      input.model.sizeBytes / 1024 / 1024,
    );
  const p = input.prediction;
  if (p) out.push(p.oneExampleMs, p.calls, p.examplesPerSecond, p.batchSize);
  // Numbers inside names the input gives (a device "NVIDIA H100 80GB", a class "Class 3").
  const names = [d?.source, t?.device, t?.backend, ...(d?.classes ?? []), ...(input.featureNames ?? [])];
  for (const name of names) for (const m of (name ?? '').matchAll(/\d+(?:\.\d+)?/g)) out.push(Number(m[0]));
  return out.map(Math.abs);
}

/** Numbers as the text shows them: `54,000`, `91.2`, `0.0350`; digits inside a word (F1, H100) are not figures. */
export function numbersIn(markdown: string): { text: string; value: number; decimals: number }[] {
  return [...markdown.matchAll(/(?<![A-Za-z\d_.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![A-Za-z\d_.,])\d+(?:\.\d+)?/g)].map(
    (m) => {
      const text = m[0];
      const plain = text.replace(/,/g, '');
      return { text, value: Number(plain), decimals: plain.split('.')[1]?.length ?? 0 };
    },
  );
}

/** The numbers of `markdown` that no allowed figure rounds to. */
export function invented(markdown: string, allowed: number[]): string[] {
  return numbersIn(markdown)
    .filter(({ value, decimals }) => !allowed.some((c) => Number(c.toFixed(decimals)) === value))
    .map((n) => n.text);
}
