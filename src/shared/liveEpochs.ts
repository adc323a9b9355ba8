// Live training updates that carry only the epochs the other side has not had. The core sends a cell's outputs about
// eight times a second while it trains; with every epoch's figures in each, a long run sent its whole history again
// every 125 ms. The sender replaces a training payload's `epochs` with the new ones and says from which index they
// start (`epochsFrom`); the receiver puts the history back together, so whoever listens on the client gets whole
// payloads as before. Pure: the core sends, the client receives, and a test drives both.
import { MIME, type EpochRecord, type TrainingPayload } from './outputs';
import type { CellOutput, CellOutputItem } from './protocol';

/** Where an item sits in a cell's outputs: a script cell may show several training payloads. */
const keyOf = (output: number, item: number) => `${output}:${item}`;

/** The core's side, one per cell run: remembers how many epochs of each training payload it has sent. */
export class LiveEpochsSender {
  private readonly sent = new Map<string, { count: number; lastEpoch: number | undefined }>();

  /** The outputs to send: training payloads with only their new epochs, marked with `epochsFrom`. */
  encode(outputs: readonly CellOutput[]): CellOutput[] {
    return outputs.map((o, oi) => ({
      ...o,
      items: o.items.map((item, ii): CellOutputItem => {
        if (item.mime !== MIME.training || !isPayload(item.data)) return item;
        const epochs = item.data.epochs;
        const key = keyOf(oi, ii);
        const before = this.sent.get(key);
        // The same run grows at its end; anything else (fewer epochs, another epoch where the last sent one was) is
        // sent whole.
        const grows =
          before !== undefined &&
          epochs.length >= before.count &&
          (before.count === 0 || epochs[before.count - 1]?.epoch === before.lastEpoch);
        const from = grows ? before.count : 0;
        this.sent.set(key, { count: epochs.length, lastEpoch: epochs[epochs.length - 1]?.epoch });
        return { ...item, data: { ...item.data, epochs: epochs.slice(from) }, epochsFrom: from };
      }),
    }));
  }
}

/** The client's side: the epochs each cell's training payloads have had so far, to put whole payloads back together. */
export class LiveEpochsReceiver {
  private readonly cells = new Map<string, Map<string, EpochRecord[]>>();

  /** `outputs` with every training payload's epochs whole again; items without `epochsFrom` pass as they are. */
  decode(cellId: string, outputs: readonly CellOutput[]): CellOutput[] {
    let known = this.cells.get(cellId);
    if (!known) this.cells.set(cellId, (known = new Map()));
    const cell = known;
    return outputs.map((o, oi) => ({
      ...o,
      items: o.items.map((item, ii): CellOutputItem => {
        if (item.mime !== MIME.training || !isPayload(item.data)) return item;
        const key = keyOf(oi, ii);
        const { epochsFrom, ...rest } = item;
        const had = epochsFrom ? (cell.get(key) ?? []).slice(0, epochsFrom) : [];
        const epochs = had.concat(item.data.epochs);
        cell.set(key, epochs);
        return { ...rest, data: { ...item.data, epochs } };
      }),
    }));
  }

  /** The cell's run ended: its epochs are in the final result, not needed here. */
  forget(cellId: string): void {
    this.cells.delete(cellId);
  }
}

function isPayload(data: unknown): data is TrainingPayload {
  return typeof data === 'object' && data !== null && Array.isArray((data as TrainingPayload).epochs);
}
