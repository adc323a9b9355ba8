// `node out/test/bench/parserFuzz.js [cases] [first seed]`: the parser fuzz cases of test/unit/parserFuzz.ts, many more
// than the unit test runs (1,200), in this process; prints each case that breaks what it must hold and the slowest.
import { caseProblem, fuzzCases } from '../unit/parserFuzz';

const cases = Number(process.argv[2] ?? 20000);
const first = Number(process.argv[3] ?? 100000);
const started = performance.now();
let failed = 0;
const slowest = { name: '', ms: 0 };
for (const c of fuzzCases(first, cases)) {
  const t = performance.now();
  const problem = caseProblem(c);
  const ms = performance.now() - t;
  if (ms > slowest.ms) Object.assign(slowest, { name: `${c.target} ${c.name}`, ms });
  if (problem) {
    failed++;
    console.log(`${c.target} ${c.name}: ${problem}\n  ${JSON.stringify(c.text.slice(0, 200))}`);
  }
}
console.log(
  `${cases} cases, ${failed} failed, ${((performance.now() - started) / cases).toFixed(2)} ms each; slowest ${slowest.name} (${slowest.ms.toFixed(0)} ms)`,
);
process.exitCode = failed > 0 ? 1 : 0;
