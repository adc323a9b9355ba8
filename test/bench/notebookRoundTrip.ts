// `node out/test/bench/notebookRoundTrip.js [cases] [first seed]`: the serializer's round-trip property on thousands of
// random notebooks (the unit test runs hundreds); prints each failing seed, and the time per notebook.
import { Generator, roundTripProblem } from '../unit/notebookGenerator';

const cases = Number(process.argv[2] ?? 5000);
const first = Number(process.argv[3] ?? 1);
const started = performance.now();
let failed = 0;
let bytes = 0;
for (let seed = first; seed < first + cases; seed++) {
  const text = new Generator(seed).text();
  bytes += text.length;
  const problem = roundTripProblem(text, seed % 3 === 0 ? '\r\n' : '\n');
  if (problem) {
    failed++;
    console.log(`seed ${seed}: ${problem.slice(0, 2000)}`);
  }
}
const ms = performance.now() - started;
console.log(
  `${cases} notebooks (${(bytes / 1e6).toFixed(1)} MB of JSON), ${failed} failed, ${(ms / cases).toFixed(2)} ms each`,
);
process.exitCode = failed > 0 ? 1 : 0;
