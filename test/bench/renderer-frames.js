// `npm run bench` (first part): the training renderer's time per live update in headless chromium, with curves of
// 1,000 / 10,000 / 100,000 points each. Each update appends an epoch to a running payload and calls the renderer's
// renderOutputItem, as VS Code does ~8 times a second while training; the time includes Chart.js drawing the canvas.
// The peer is the same renderer at 1,000 points, side by side in the same page: the ratio says what size costs.
'use strict';
/* global window -- page.evaluate callbacks run in the page */
const fs = require('fs');
const path = require('path');
const { launch } = require('../tools/browser/lib');

const ROOT = path.join(__dirname, '..', '..');
// BENCH_RENDER_BUNDLE: another build's training.js, to compare two builds on the same machine and load.
const BUNDLE = process.env.BENCH_RENDER_BUNDLE || path.join(ROOT, 'dist', 'webview', 'renderers', 'training.js');
const SIZES = (process.env.BENCH_RENDER_POINTS || '1000,10000,100000').split(',').map(Number);
const UPDATES = Number(process.env.BENCH_RENDER_UPDATES || 40);
const FRAME_BUDGET_MS = 16;

const PAGE = `<!doctype html><html><body style="width:1000px">
<div id="out"></div>
<script type="module">
import { activate } from './training.js';
const renderer = activate({});
function payload(n) {
  const epochs = new Array(n);
  for (let i = 0; i < n; i++) {
    const loss = 2 * Math.exp(-i / (n / 5)) + 0.05 * Math.sin(i / 7);
    epochs[i] = { epoch: i + 1, loss, val_loss: loss * 1.1 + 0.02, accuracy: 1 - loss / 2.5, val_accuracy: 1 - loss / 2.3 };
  }
  return { schema: 1, state: 'running', epochs, totalEpochs: n + ${UPDATES}, backend: 'wasm', device: 'bench', samplesPerSecond: 1000,
    progress: { epoch: n, batch: 1, batchesPerEpoch: 10, loss: 0.1, etaSeconds: 10 } };
}
window.bench = async (n, updates) => {
  const element = document.getElementById('out');
  const p = payload(n);
  const id = 'bench-' + n;
  const item = { id, mime: 'application/vnd.bigmodel.training+json', json: () => p };
  renderer.renderOutputItem(item, element); // the first render builds the chart
  const times = [];
  for (let u = 0; u < updates; u++) {
    const last = p.epochs[p.epochs.length - 1];
    p.epochs.push({ ...last, epoch: last.epoch + 1 });
    p.progress = { ...p.progress, epoch: last.epoch + 1 };
    const t = performance.now();
    renderer.renderOutputItem(item, element);
    element.getBoundingClientRect(); // layout of what the update changed, inside the measured time
    times.push(performance.now() - t);
    await new Promise((r) => requestAnimationFrame(() => r()));
  }
  renderer.disposeOutputItem(id);
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { median: at(0.5), p95: at(0.95), max: times[times.length - 1] };
};
window.ready = true;
</script></body></html>`;

async function main() {
  if (!fs.existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run \`node esbuild.mjs\` first`);
  const browser = await launch({ viewport: { width: 1100, height: 800 } });
  try {
    const { page } = browser;
    await page.route('http://bench.invalid/**', (route) => {
      const name = new URL(route.request().url()).pathname.slice(1);
      if (name === 'index.html') return route.fulfill({ contentType: 'text/html', body: PAGE });
      if (name === 'training.js')
        return route.fulfill({ contentType: 'text/javascript', body: fs.readFileSync(BUNDLE) });
      return route.fulfill({ status: 404, body: '' });
    });
    await page.goto('http://bench.invalid/index.html');
    await page.waitForFunction(() => window.ready === true);
    // Not measured: the first size would otherwise pay for compiling the renderer and Chart.js, and skew the ratio.
    await page.evaluate(([points]) => window.bench(points, 10), [SIZES[0]]);
    const results = {};
    for (const n of SIZES) {
      results[n] = await page.evaluate(([points, updates]) => window.bench(points, updates), [n, UPDATES]);
      const r = results[n];
      console.log(
        `renderer: ${n} points per curve, update median ${r.median.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, max ${r.max.toFixed(1)} ms`,
      );
    }
    const small = results[SIZES[0]];
    const large = results[SIZES[SIZES.length - 1]];
    const verdict = large.p95 <= FRAME_BUDGET_MS ? 'within' : 'over';
    console.log(
      `bench: renderer ${SIZES[SIZES.length - 1]} points p95 ${large.p95.toFixed(1)} ms per update (${verdict} the ${FRAME_BUDGET_MS} ms frame), ` +
        `${SIZES[0]} points ${small.p95.toFixed(1)} ms, ratio ${(large.p95 / small.p95).toFixed(2)}`,
    );
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
