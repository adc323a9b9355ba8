// The Training Dashboard webview bundle (toolkit components included) loaded into jsdom as VS Code loads it: it says
// ready, draws what the host posts, and its Stop and Compare Runs work; read back from the DOM.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { JSDOM } from 'jsdom';
import type { DashboardSnapshot, DashboardState, HostMessage, WebviewMessage } from '../../src/shared/dashboard';
import type {
  EpochRecord,
  EvaluationPayload,
  RunRecord,
  SummaryPayload,
  TrainingPayload,
} from '../../src/shared/outputs';
import {
  closeDom,
  DASHBOARD_GLOBALS as GLOBALS,
  dashboardDom,
  importWebviewBundle,
  installGlobals,
  layOut,
  repositoryRoot,
} from './browserBundle';
import { fakeContext } from './fakeCanvas';

const root = repositoryRoot();

const epochs = (n: number, scale = 1): EpochRecord[] =>
  Array.from({ length: n }, (_, i) => ({
    epoch: i + 1,
    loss: scale / (i + 1),
    val_loss: (scale * 1.2) / (i + 1),
    accuracy: 1 - 0.5 / (i + 1),
  }));

const running: TrainingPayload = {
  schema: 1,
  state: 'running',
  epochs: epochs(3),
  totalEpochs: 30,
  backend: 'wasm',
  device: 'cpu (wasm, SIMD)',
  samplesPerSecond: 4321.6,
  progress: { epoch: 4, batch: 5, batchesPerEpoch: 10, loss: 0.21, samplesPerSecond: 4321.6, etaSeconds: 12.4 },
};
const done: TrainingPayload = {
  ...running,
  state: 'done',
  epochs: epochs(30),
  progress: undefined,
  stopped: 'completed',
};

const evaluation: EvaluationPayload = {
  schema: 1,
  on: 'test',
  task: 'binary',
  samples: 100,
  metrics: { loss: 0.2, accuracy: 0.95 },
  confusionMatrix: {
    labels: ['outside', 'inside'],
    values: [
      [48, 2],
      [3, 47],
    ],
  },
};
const summary: SummaryPayload = {
  schema: 1,
  language: 'en',
  audience: 'product',
  verdict: 'meets-goal',
  headline: 'x',
  sections: [],
  goal: [],
  findings: [],
  figures: [],
  markdown: '## Summary: xor\n\n**Correctly labels 95.0% of cases it has never seen.**\n',
};

function record(n: number, over: Partial<RunRecord> = {}): RunRecord {
  return {
    specHash: `hash${n}`,
    startedAt: `2026-11-23T10:0${n}:00.000Z`,
    durationMs: 2000,
    backend: 'wasm',
    device: 'cpu',
    hyperparameters: { epochs: 30, learningRate: 0.02, optimizer: 'adam' },
    epochs: 30,
    stopped: 'completed',
    final: { loss: 0.05, accuracy: 0.97 },
    history: epochs(30, n),
    cells: ['data: { source: xor }', 'train:\n  learningRate: 0.02\n  epochs: 30'],
    ...over,
  };
}

function snapshot(over: Partial<DashboardSnapshot>): DashboardSnapshot {
  return {
    language: 'en',
    notebookName: 'xor.bigmodel',
    notebookUri: 'file:///w/xor.bigmodel',
    running: false,
    runs: [],
    ...over,
  };
}

/** The text Chart.js drew (axis titles, legend labels). */
const drawnText: string[] = [];

describe('training dashboard webview', () => {
  let dom: JSDOM;
  let restoreGlobals: (() => void) | undefined;
  const posted: WebviewMessage[] = [];
  let state: DashboardState | undefined;

  const $ = <T extends Element = HTMLElement>(selector: string) => document.querySelector<T>(selector);
  const $$ = (selector: string) => [...document.querySelectorAll<HTMLElement>(selector)];
  const send = (message: HostMessage) =>
    window.dispatchEvent(new dom.window.MessageEvent('message', { data: message }));
  const lastShown = () => posted.filter((m) => m.type === 'shown').pop();

  before(async () => {
    dom = dashboardDom((canvas) => fakeContext(canvas, { texts: drawnText }));
    const w = dom.window as unknown as Record<string, unknown>;
    w.acquireVsCodeApi = () => ({
      postMessage: (m: WebviewMessage) => posted.push(m),
      getState: () => state,
      setState: (s: DashboardState) => (state = s),
    });
    dom.window.document.getElementById('dashboard')!.dataset.state = JSON.stringify({
      notebookUri: 'file:///w/xor.bigmodel',
    });
    restoreGlobals = installGlobals(dom.window, GLOBALS);
    // The bundle as esbuild.mjs builds it for the webview.
    await importWebviewBundle(path.join(root, 'webview/dashboard/main.ts'), root);
  });

  after(() => closeDom(dom, restoreGlobals));

  it('says ready once loaded, keeps its notebook in the webview state, and uses the toolkit’s components', () => {
    assert.deepEqual(posted[0], { type: 'ready' });
    assert.equal(state?.notebookUri, 'file:///w/xor.bigmodel');
    assert.ok(customElements.get('vscode-button'), 'vscode-button is defined');
    assert.ok(customElements.get('vscode-checkbox'), 'vscode-checkbox is defined');
  });

  it('shows a live run: state, backend, device, speed, ETA, current metrics and a Stop button', () => {
    send({ type: 'snapshot', snapshot: snapshot({ running: true, training: running }) });
    const dash = $('.bm-dashboard')!;
    assert.equal(dash.dataset.state, 'running');
    assert.equal(dash.dataset.epochs, '3');
    assert.equal($('h1')!.textContent, 'Training Dashboard: xor.bigmodel');
    assert.equal($('.bm-state')!.textContent, 'Training');
    const facts = $$('.bm-facts > div').map(
      (d) => `${d.querySelector('dt')!.textContent}=${d.querySelector('dd')!.textContent}`,
    );
    assert.deepEqual(facts, [
      'Backend=wasm',
      'Device=cpu (wasm, SIMD)',
      'Epoch=4/30',
      'Speed=4322 samples/s',
      'Time left=12 s',
    ]);
    const metrics = $$('table.bm-metrics tr').map((tr) => [...tr.children].map((c) => c.textContent));
    assert.deepEqual(metrics, [
      ['loss', '0.3333'],
      ['val_loss', '0.4000'],
      ['accuracy', '0.8333'],
    ]);
    const stop = $('.bm-stop')!;
    assert.equal(stop.tagName.toLowerCase(), 'vscode-button');
    assert.equal(stop.hasAttribute('disabled'), false);
    assert.ok($('.bm-live canvas'), 'the curves have a canvas');
    assert.deepEqual(lastShown(), { type: 'shown', epochs: 3, runs: 0, state: 'running' });
  });

  it('updates in place on a live training message', () => {
    const canvas = $('.bm-live canvas');
    send({
      type: 'training',
      payload: { ...running, epochs: epochs(5), progress: { ...running.progress!, epoch: 6 } },
    });
    assert.equal($('.bm-dashboard')!.dataset.epochs, '5');
    assert.equal($('.bm-live canvas'), canvas, 'the same chart, not a new one');
    assert.match($$('.bm-facts dd')[2].textContent!, /^6\/30$/);
    // A delta: only the new epochs come, after the 5 the dashboard holds.
    send({
      type: 'training',
      payload: { ...running, epochs: epochs(7).slice(5), progress: { ...running.progress!, epoch: 8 } },
      from: 5,
    });
    assert.equal($('.bm-dashboard')!.dataset.epochs, '7');
    assert.equal($('.bm-live canvas'), canvas);
  });

  it('Stop posts stop, says it stops after this batch, and cannot be pressed twice', () => {
    $('.bm-stop')!.click();
    assert.deepEqual(posted[posted.length - 1], { type: 'stop' });
    assert.equal($('.bm-state')!.textContent, 'Stopping after this batch…');
    assert.equal($('.bm-stop')!.hasAttribute('disabled'), true);
    const stops = posted.filter((m) => m.type === 'stop').length;
    $('.bm-stop')!.click();
    assert.equal(posted.filter((m) => m.type === 'stop').length, stops);
  });

  it('when done, shows the confusion matrix and the summary card, and lists the runs with checkboxes', () => {
    send({
      type: 'snapshot',
      snapshot: snapshot({ training: done, evaluation, summary, runs: [record(1), record(2)] }),
    });
    assert.equal($('.bm-dashboard')!.dataset.state, 'done');
    assert.equal($('.bm-state')!.textContent, 'Finished: completed');
    assert.equal($('.bm-stop')!.hidden, true);
    const counts = $$('table.bm-confusion tbody td .bm-count').map((c) => c.textContent);
    assert.deepEqual(counts, ['48', '2', '3', '47']);
    assert.equal($('.bigmodel-summary .bm-verdict')!.textContent, 'meets the goal');
    const boxes = $$('.bm-run-list vscode-checkbox');
    assert.equal(boxes.length, 2);
    assert.match(boxes[0].textContent!, /^Run 1: .*, 30 epochs, loss 0\.05000, accuracy 0\.9700$/);
    assert.equal(
      $('.bm-comparison p')!.textContent,
      'Pick two or more runs to overlay their curves and see what changed between their cells.',
    );
    assert.deepEqual(lastShown(), { type: 'shown', epochs: 30, runs: 2, state: 'done' });
  });

  it('Compare Runs overlays the picked runs’ curves and shows the changed hyperparameters and cell lines', () => {
    const runs = [
      record(1),
      record(2),
      record(3, {
        hyperparameters: { epochs: 30, learningRate: 0.1, optimizer: 'adam' },
        cells: ['data: { source: xor }', 'train:\n  learningRate: 0.1\n  epochs: 30'],
      }),
    ];
    send({ type: 'snapshot', snapshot: snapshot({ training: done, runs }) });
    const tick = (i: number) => {
      const box = $$('.bm-run-list vscode-checkbox')[i] as HTMLElement & { checked: boolean };
      box.checked = true;
      box.dispatchEvent(new dom.window.Event('change'));
    };
    tick(0);
    tick(2);
    const compared = $('.bm-comparison')!;
    assert.equal(compared.dataset.compared, '1,3');
    assert.equal(
      $('.bm-compare-plot')!.dataset.series,
      'loss of run 1|val_loss of run 1|loss of run 3|val_loss of run 3',
    );
    const rows = $$('table.bm-hyperparameters tbody tr').map((tr) => [...tr.children].map((c) => c.textContent));
    assert.deepEqual(rows, [['learningRate', '0.02', '0.1']]);
    assert.equal($('.bm-comparison h4:nth-of-type(2)')!.textContent, 'Cell changes from run 1 to run 3');
    const diff = $$('pre.bm-diff span').map((s) => `${s.className}|${s.textContent}`);
    assert.deepEqual(diff, [
      'bm-same|  train:',
      'bm-removed|-   learningRate: 0.02',
      'bm-added|+   learningRate: 0.1',
      'bm-same|    epochs: 30',
    ]);
    assert.deepEqual(state?.compared, [runs[0].startedAt, runs[2].startedAt], 'the picked runs are kept for a reload');
  });

  it('says so when the picked runs have the same settings and cells', () => {
    const boxes = () => $$('.bm-run-list vscode-checkbox') as (HTMLElement & { checked: boolean })[];
    const third = boxes()[2];
    third.checked = false;
    third.dispatchEvent(new dom.window.Event('change'));
    const second = boxes()[1];
    second.checked = true;
    second.dispatchEvent(new dom.window.Event('change'));
    assert.equal($('.bm-hp-same')!.textContent, 'The same hyperparameters.');
    assert.equal($('.bm-cells-same')!.textContent, 'The same cells.');
  });

  it('draws again when VS Code switches the colour theme, keeping what it shows', async () => {
    const before = $('.bm-live canvas');
    const picked = $('.bm-comparison')!.dataset.compared;
    document.body.className = 'vscode-high-contrast';
    await new Promise((r) => setTimeout(r, 10));
    assert.notEqual($('.bm-live canvas'), before, 'the charts were built again with the new theme colours');
    assert.equal($('.bm-comparison')!.dataset.compared, picked, 'the picked runs stay picked');
    assert.equal($('.bm-dashboard')!.dataset.state, 'done');
  });

  it('speaks Simplified Chinese when VS Code does', () => {
    send({ type: 'snapshot', snapshot: snapshot({ language: 'zh-cn', running: true, training: running }) });
    assert.equal($('h1')!.textContent, '训练面板：xor.bigmodel');
    assert.equal($('.bm-state')!.textContent, '正在训练');
    assert.equal($('.bm-stop')!.textContent, '停止');
    assert.deepEqual(
      $$('.bm-facts dt').map((d) => d.textContent),
      ['后端', '设备', '轮次', '速度', '剩余时间'],
    );
    assert.equal($('.bm-run-list li')!.textContent, '还没有运行记录：此笔记本的每次训练都会列在这里。');
    assert.equal($('.bm-dashboard')!.getAttribute('lang'), 'zh-CN');
  });

  it('draws the views it embeds in Simplified Chinese too: the curves, the evaluation and the run comparison', () => {
    // jsdom lays nothing out; Chart.js draws nothing in an empty box, so give every element one while it draws.
    const unlayOut = layOut(dom);
    drawnText.length = 0;
    try {
      send({
        type: 'snapshot',
        snapshot: snapshot({
          language: 'zh-cn',
          training: done,
          evaluation,
          summary: { ...summary, language: 'zh-cn', markdown: '## 总结：xor\n' },
          runs: [record(1), record(2)],
        }),
      });
    } finally {
      unlayOut();
    }
    const view = $('.bm-results .bigmodel-evaluation')!;
    assert.equal(view.getAttribute('lang'), 'zh-CN');
    assert.equal(view.querySelector('.bm-title')!.textContent, '在测试集上的评估 — 100 个样本');
    assert.equal(view.querySelector('table.bm-metrics caption')!.textContent, '指标');
    assert.match(view.querySelector('table.bm-confusion caption')!.textContent!, /^混淆矩阵：/);
    assert.equal(view.querySelector('table.bm-confusion thead th[scope="colgroup"]')!.textContent, '预测 →');
    assert.equal(view.querySelector('.bm-confused .bm-subtitle')!.textContent, '最常混淆（真实 → 预测）');
    assert.deepEqual(
      [...view.querySelectorAll('ol.bm-pairs li')].map((li) => li.textContent),
      ['inside → outside：3（占 inside 的 6.0%）', 'outside → inside：2（占 outside 的 4.0%）'],
    );
    assert.equal($('.bigmodel-summary button')!.textContent, '复制为 Markdown');
    assert.equal($('.bm-comparison')!.dataset.compared, '1,2', 'the runs picked before are compared');
    const drawn = new Set(drawnText);
    assert.ok(drawn.has('轮次') && drawn.has('损失'), `the live and compare charts' axes in Chinese: ${[...drawn]}`);
    assert.ok(!drawn.has('epoch') && !drawn.has('loss'), `no English axis title: ${[...drawn]}`);
  });
});
