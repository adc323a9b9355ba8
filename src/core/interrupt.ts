// Interrupts that reach the core while its main thread cannot read messages (a synchronous data load): the client
// writes a byte to the core's stdin, a thread of ours reads it and raises a shared flag, and the loaders look at the
// flag between rows (`throwIfInterrupted`), so an interrupted load ends at once and the session keeps what it had.
import { Worker } from 'node:worker_threads';
import { INTERRUPT_BYTE } from '../shared/protocol';

const flag = new Int32Array(new SharedArrayBuffer(4));

/** Raised by a loader that saw the interrupt flag: the session turns it into a cancelled cell. */
export class LoadInterrupted extends Error {
  constructor() {
    super('interrupted');
    this.name = 'LoadInterrupted';
  }
}

// Plain CommonJS run by the worker: blocking reads of fd 0 (the worker may block; the main thread must not).
const SOURCE = `
const { workerData } = require('node:worker_threads');
const { readSync } = require('node:fs');
const flag = new Int32Array(workerData.shared);
const buffer = Buffer.alloc(64);
for (;;) {
  let n = 0;
  try { n = readSync(0, buffer, 0, buffer.length, null); } catch (e) { if (e.code === 'EAGAIN') continue; break; }
  if (n <= 0) break;
  if (buffer.subarray(0, n).includes(workerData.byte)) Atomics.store(flag, 0, 1);
}
`;

/** Starts the reader; a core started without a stdin pipe (tests in-process) simply never sees the flag. */
export function listenForInterrupts(): void {
  const worker = new Worker(SOURCE, {
    eval: true,
    workerData: { shared: flag.buffer, byte: INTERRUPT_BYTE.charCodeAt(0) },
    resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 2 },
    stdout: false,
    stderr: false,
  });
  worker.unref();
}

/** A new cell starts without the interrupts meant for the one before. */
export function clearInterrupt(): void {
  Atomics.store(flag, 0, 0);
}

export function throwIfInterrupted(): void {
  if (Atomics.load(flag, 0) !== 0) throw new LoadInterrupted();
}
