// How long an epoch took in this notebook before: from the last training output's samples/s and the last data
// preview's training size, or else from the run history (`metadata.runs`). Pure, for the `epochs` hover.
import { MIME, type DataPreviewPayload, type RunRecord, type TrainingPayload } from '../shared/outputs';

export type TrainingPace =
  | { from: 'outputs'; secondsPerEpoch: number; samplesPerSecond: number; trainSamples: number }
  | { from: 'runs'; secondsPerEpoch: number };

/**
 * @param outputs the notebook's output items in cell order, JSON already parsed.
 * @param runs the notebook's `metadata.runs`.
 */
export function trainingPace(
  outputs: readonly { mime: string; data: unknown }[],
  runs: unknown,
): TrainingPace | undefined {
  let samplesPerSecond = 0;
  let trainSamples = 0;
  for (const item of outputs) {
    if (item.mime === MIME.training) {
      const sps = (item.data as Partial<TrainingPayload> | undefined)?.samplesPerSecond;
      if (typeof sps === 'number' && sps > 0 && Number.isFinite(sps)) samplesPerSecond = sps;
    } else if (item.mime === MIME.dataPreview) {
      const n = (item.data as Partial<DataPreviewPayload> | undefined)?.splits?.train;
      if (typeof n === 'number' && n > 0) trainSamples = n;
    }
  }
  if (samplesPerSecond > 0 && trainSamples > 0) {
    return { from: 'outputs', secondsPerEpoch: trainSamples / samplesPerSecond, samplesPerSecond, trainSamples };
  }
  const records = Array.isArray(runs) ? (runs as Partial<RunRecord>[]) : [];
  for (let i = records.length - 1; i >= 0; i--) {
    const { durationMs, epochs } = records[i] ?? {};
    if (typeof durationMs === 'number' && typeof epochs === 'number' && durationMs > 0 && epochs > 0) {
      return { from: 'runs', secondsPerEpoch: durationMs / 1000 / epochs };
    }
  }
  return undefined;
}

/** A duration split for display: seconds under a minute, minutes under an hour, else hours and minutes. */
export function durationParts(seconds: number): { unit: 's' | 'min' | 'h'; value: number; minutes?: number } {
  if (seconds < 59.5) return { unit: 's', value: Math.max(1, Math.round(seconds)) };
  if (seconds < 3570) return { unit: 'min', value: Math.round(seconds / 60) };
  const totalMinutes = Math.round(seconds / 60);
  return { unit: 'h', value: Math.floor(totalMinutes / 60), minutes: totalMinutes % 60 };
}
