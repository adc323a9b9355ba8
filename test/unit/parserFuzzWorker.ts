// Runs fuzz cases (parserFuzz.ts) in a worker thread for parserFuzz.test.ts: says which case it starts, so the test can
// stop a case that hangs and name it, and reports each case that breaks what it must hold or runs too long.
import { parentPort, workerData } from 'node:worker_threads';
import { caseProblem, fuzzCases } from './parserFuzz';

export type FuzzMessage =
  | { type: 'start'; index: number; name: string }
  | { type: 'problem'; name: string; problem: string; text: string }
  | { type: 'done'; count: number; slowest: { name: string; ms: number } };

const { seed, count, caseLimitMs } = workerData as { seed: number; count: number; caseLimitMs: number };
const post = (m: FuzzMessage) => parentPort!.postMessage(m);
let index = 0;
const slowest = { name: '', ms: 0 };
for (const c of fuzzCases(seed, count)) {
  post({ type: 'start', index, name: `${c.target} ${c.name}` });
  const started = performance.now();
  const problem = caseProblem(c);
  const ms = performance.now() - started;
  if (ms > slowest.ms) Object.assign(slowest, { name: `${c.target} ${c.name}`, ms });
  const slow = ms > caseLimitMs ? `took ${Math.round(ms)} ms (limit ${caseLimitMs} ms)` : undefined;
  if (problem || slow)
    post({
      type: 'problem',
      name: `${c.target} ${c.name}`,
      problem: [problem, slow].filter(Boolean).join('; '),
      text: c.text.slice(0, 300),
    });
  index++;
}
post({ type: 'done', count: index, slowest });
