// Ends the core when its parent is gone or it outgrows its memory limit, from a thread of its own: the main thread may
// be stuck in a synchronous load or in a script cell's `while (true) {}`, where no event of its own can run.
import { Worker } from 'node:worker_threads';
import { OUT_OF_MEMORY_MARK } from '../shared/protocol';

export interface WatchdogOptions {
  /** The process that started the core: when it is gone (its pid is no longer our parent), the core ends. */
  parentPid: number;
  /** Resident memory of the whole process (V8 heap, tensors, wasm heap, native libraries) it may not pass; 0: none. */
  memoryLimitMb: number;
  everyMs?: number;
}

// Plain CommonJS in a string: the worker runs it as is (the bundle has no file of its own for it). It writes with
// writeSync, since a worker's process.stderr goes through the main thread, which may be the one that is stuck.
// Plain CommonJS in a string: the worker runs it as is (the bundle has no file of its own for it). It writes with
// writeSync, since a worker's process.stderr goes through the main thread, which may be the one that is stuck; and
// ignores a failed write: with the parent gone, so is the other end of stderr (EPIPE), and the kill must still come.
const SOURCE = `
const { workerData } = require('node:worker_threads');
const { writeSync } = require('node:fs');
const { parentPid, limitBytes, everyMs, mark } = workerData;
const say = (line) => { try { writeSync(2, line + '\\n'); } catch {} };
setInterval(() => {
  if (process.ppid !== parentPid) {
    say('bigmodel-core: the process that started it (pid ' + parentPid + ') is gone; ending');
    process.kill(process.pid, 'SIGKILL');
  }
  const rss = process.memoryUsage.rss();
  if (limitBytes > 0 && rss > limitBytes) {
    say(mark + ': ' + Math.round(rss / 1048576) + ' MB resident, the limit is ' + Math.round(limitBytes / 1048576) + ' MB');
    process.kill(process.pid, 'SIGKILL');
  }
}, everyMs);
`;

export function startWatchdog(options: WatchdogOptions): void {
  const worker = new Worker(SOURCE, {
    eval: true,
    workerData: {
      parentPid: options.parentPid,
      limitBytes: options.memoryLimitMb * 1024 * 1024,
      everyMs: options.everyMs ?? 250,
      mark: OUT_OF_MEMORY_MARK,
    },
    // A few MB is plenty for a timer; it must not count much against the limit it watches.
    resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 },
    stdout: false,
    stderr: false,
  });
  worker.unref(); // it never keeps the core alive on its own
}
