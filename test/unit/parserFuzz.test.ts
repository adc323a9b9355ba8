// Fuzzes the parsers at the edge with mutated real notebooks and cells (test/unit/parserFuzz.ts) in a worker thread:
// no error but the documented ones, every error at a line and column of the text, and no case runs longer than its
// limit; a case that hangs is stopped and named by its seed.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FuzzMessage } from './parserFuzzWorker';

const COUNT = 1200;
/** One case: far above the slowest seen (tens of ms for 100,000 nested brackets), far below a hang. */
const CASE_LIMIT_MS = 1000;
/** No word from the worker for this long: the case it started hangs. */
const HANG_MS = 5000;

function fuzz(seed: number, count: number): Promise<{ problems: FuzzMessage[]; done?: FuzzMessage }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'parserFuzzWorker.js'), {
      workerData: { seed, count, caseLimitMs: CASE_LIMIT_MS },
    });
    const problems: FuzzMessage[] = [];
    let current = '(loading)';
    let timer: NodeJS.Timeout;
    const watch = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        void worker.terminate();
        reject(new Error(`no answer for ${HANG_MS} ms: the case ${current} hangs`));
      }, HANG_MS);
    };
    watch();
    worker.on('message', (m: FuzzMessage) => {
      watch();
      if (m.type === 'start') current = m.name;
      else if (m.type === 'problem') problems.push(m);
      else {
        clearTimeout(timer);
        void worker.terminate();
        resolve({ problems, done: m });
      }
    });
    worker.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`the worker died in ${current}: ${e.message}`));
    });
  });
}

describe('fuzzing the notebook and cell parsers', () => {
  it(`reads ${COUNT} mutated notebooks and cells without a crash or a hang, every error at a line and column`, async () => {
    const { problems, done } = await fuzz(1, COUNT);
    const report = problems
      .slice(0, 8)
      .map((p) => (p.type === 'problem' ? `${p.name}: ${p.problem}\n  ${JSON.stringify(p.text).slice(0, 200)}` : ''));
    assert.deepEqual(report, []);
    assert.equal(done?.type === 'done' && done.count, COUNT);
  });
});
