// The editor's diagnostics on a large notebook (issue: 200 cells took 3.8 s on the extension host thread, 1,000 about
// 95 s): NotebookProblems, the pure part the diagnostics run, on 1,000 cells — a first pass, then one keystroke in a
// model cell in the middle and one in the data cell at the top (which changes the context of every cell below).
// `node out/test/bench/diagnostics.js [cells]`; targets: the first pass under 1 s, a keystroke under 20 ms.
import { NotebookProblems } from '../../src/shared/notebookProblems';

const count = Number(process.argv[2] ?? 1000);
const kinds = [
  'data:\n  source: iris\n  validation: 0.2',
  'model:\n  layers:\n    - dense: { units: 16, activation: relu }\n    - dense: { units: 3, activation: softmax }',
  'train:\n  optimizer: adam\n  learningRate: 0.01\n  epochs: 20\n  earlyStopping: { monitor: val_loss, patience: 3 }',
  'evaluate:\n  on: validation\nsummary:\n  goal: { accuracy: 0.9 }',
];
const cells = Array.from({ length: count }, (_, i) => (i === 0 ? kinds[0] : kinds[1 + (i % 3)]) + `\n# cell ${i}`);
const time = (f: () => void) => {
  const t = performance.now();
  f();
  return performance.now() - t;
};
const checker = new NotebookProblems();
const first = time(() => checker.update(cells));
const middle = Math.floor(count / 2) - (Math.floor(count / 2) % 3) + 1; // a model cell
const keystrokes: number[] = [];
for (let k = 0; k < 20; k++) {
  cells[middle] = cells[middle].replace('units: 16', `units: ${17 + k}`);
  keystrokes.push(time(() => checker.update(cells)));
}
cells[0] = cells[0].replace('validation: 0.2', 'validation: 0.25');
const top = time(() => checker.update(cells));
keystrokes.sort((a, b) => a - b);
console.log(
  `diagnostics of ${count} cells: first pass ${first.toFixed(0)} ms (target < 1000); keystroke in a model cell: median ${keystrokes[10].toFixed(1)} ms, worst ${keystrokes[19].toFixed(1)} ms (target < 20); keystroke in the data cell at the top: ${top.toFixed(1)} ms`,
);
