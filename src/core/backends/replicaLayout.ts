// The shared memory between the core and one replica of its model: a control block, the step's figures, the weights,
// the replica's share of the batch and its gradients, at offsets both sides compute from the same sizes.

/** What one replica's memory must hold, in elements (4 bytes each) unless said. */
export interface ReplicaSizes {
  /** Every weight of the model (trainable or not), in `model.weights` order. */
  weights: number;
  /** The trainable ones, in `collectedTrainableWeights` order: the gradients. */
  trainable: number;
  /** The most rows a replica's share of one batch may have. */
  rows: number;
  /** Elements in one sample's input (`x`) and target (`y`). */
  xRow: number;
  yRow: number;
}

/** The control block's slots (Int32). */
export enum Slot {
  /** Bumped by the core to start a step. */
  Go = 0,
  /** Set by the replica to the step's Go value when its gradients are written. */
  Done = 1,
  /** 1 when the step failed in the replica (its message is in the message region: readMessage). */
  Failed = 2,
  /** The rows of this step's share. */
  Rows = 3,
  /** 0 float32, 1 int32: the input's and the target's. */
  XType = 4,
  YType = 5,
  /** A sample's shape: its rank, then up to 4 sizes; the input's at XShape, the target's at YShape. */
  XShape = 6,
  YShape = 11,
  /** 1 once the replica's thread is ending (an error outside a step): it takes no more steps. */
  Gone = 16,
}
const CONTROL_SLOTS = 20;
export const MAX_SAMPLE_RANK = 4;
export const MAX_LOGS = 31;

export interface ReplicaViews {
  control: Int32Array;
  /** [0]: this share's part of the batch (its rows / the batch's); [1…]: its loss and metrics. */
  figures: Float64Array;
  weights: Float32Array;
  /** The share's input and target rows, seen as float32 or int32 (the same bytes). */
  x: { float32: Float32Array; int32: Int32Array };
  y: { float32: Float32Array; int32: Int32Array };
  /** The replica's gradients (of its share's mean loss). */
  gradients: Float32Array;
  /** A failed step's message, UTF-8, its length first. */
  message: Int32Array;
}
const MESSAGE_BYTES = 1024;

export function bytesFor(s: ReplicaSizes): number {
  return (
    4 * CONTROL_SLOTS + 8 * (1 + MAX_LOGS) + 4 * (s.weights + s.rows * (s.xRow + s.yRow) + s.trainable) + MESSAGE_BYTES
  );
}

export function viewsOf(buffer: SharedArrayBuffer, s: ReplicaSizes): ReplicaViews {
  let at = 0;
  const take = (bytes: number) => {
    const start = at;
    at += bytes;
    return start;
  };
  const control = new Int32Array(buffer, take(4 * CONTROL_SLOTS), CONTROL_SLOTS);
  const figures = new Float64Array(buffer, take(8 * (1 + MAX_LOGS)), 1 + MAX_LOGS);
  const weights = new Float32Array(buffer, take(4 * s.weights), s.weights);
  const rowsOf = (row: number) => {
    const start = take(4 * s.rows * row);
    return {
      float32: new Float32Array(buffer, start, s.rows * row),
      int32: new Int32Array(buffer, start, s.rows * row),
    };
  };
  const x = rowsOf(s.xRow);
  const y = rowsOf(s.yRow);
  const gradients = new Float32Array(buffer, take(4 * s.trainable), s.trainable);
  const message = new Int32Array(buffer, take(MESSAGE_BYTES), MESSAGE_BYTES / 4);
  return { control, figures, weights, x, y, gradients, message };
}

/** Writes a sample's shape into the control block; false when it has too many axes to be shared. */
export function writeShape(control: Int32Array, slot: Slot, sample: readonly number[]): boolean {
  if (sample.length > MAX_SAMPLE_RANK) return false;
  control[slot] = sample.length;
  sample.forEach((d, i) => (control[slot + 1 + i] = d));
  return true;
}

export function readShape(control: Int32Array, slot: Slot): number[] {
  return Array.from(control.subarray(slot + 1, slot + 1 + control[slot]));
}

export function writeMessage(views: ReplicaViews, text: string): void {
  const bytes = new Uint8Array(views.message.buffer, views.message.byteOffset + 4, MESSAGE_BYTES - 4);
  const encoded = new TextEncoder().encode(text).subarray(0, bytes.length);
  bytes.set(encoded);
  views.message[0] = encoded.length;
}

export function readMessage(views: ReplicaViews): string {
  // TextDecoder does not read shared memory: copy the bytes out first.
  const bytes = new Uint8Array(views.message.buffer, views.message.byteOffset + 4, views.message[0]).slice();
  return new TextDecoder().decode(bytes);
}
