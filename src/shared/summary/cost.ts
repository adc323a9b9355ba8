// What training cost (time, device, speed) and what more would cost, estimated only from the measured speed.
import type { SummaryInput } from './types';
import type { Cost } from './types';

export function readCost(input: SummaryInput): Cost | undefined {
  const t = input.training;
  if (!t) return undefined;
  const sps = Number.isFinite(t.samplesPerSecond) && t.samplesPerSecond > 0 ? t.samplesPerSecond : 0;
  const trainSize = input.data?.partial?.usedRows ?? input.data?.splits.train;
  const epochsRun = t.epochs.length;
  const cost: Cost = {
    backend: t.backend,
    device: t.device,
    samplesPerSecond: sps,
    epochsRun,
    totalEpochs: t.totalEpochs,
    stopped: t.stopped,
  };
  if (t.learningRate !== undefined && Number.isFinite(t.learningRate)) cost.learningRate = t.learningRate;
  if (t.trouble) cost.trouble = t.trouble;
  if (input.trainingDurationMs !== undefined && input.trainingDurationMs > 0)
    cost.durationSeconds = input.trainingDurationMs / 1000;
  if (trainSize && sps > 0) {
    cost.trainSize = trainSize;
    cost.epochSeconds = trainSize / sps;
    const full = fullTrainSize(input);
    if (full && full > trainSize && epochsRun > 0) {
      cost.fullTrainSize = full;
      cost.fullDataSeconds = (full * epochsRun) / sps;
    }
  }
  return cost;
}

/** The training rows a full run would learn from: the data preview's count, else the input's. */
export function fullTrainSize(input: SummaryInput): number | undefined {
  return input.data?.partial?.totalRows ?? input.fullTrainSize;
}
