// The notebook renderers and the Training Dashboard never throw on a payload they do not expect: seeded mutations of
// each MIME type's payload of spec section 4 (missing fields, wrong types, unknown `stopped` and verdict values, NaN,
// Infinity, huge arrays, deep nesting) rendered into jsdom, as the bundles run in VS Code. Each draws what it can; a
// field it could not read is named on screen; the last-resort "could not be drawn" fallback is never needed.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { JSDOM } from 'jsdom';
import type { ActivationFunction, RendererApi } from 'vscode-notebook-renderer';
import { MIME, type EvaluationPayload, type RunRecord, type TrainingPayload } from '../../src/shared/outputs';
import {
  readDataPreview,
  readEvaluation,
  readModelSummary,
  readSummary,
  readTraining,
  type Reading,
} from '../../src/shared/payloadRead';
import {
  closeDom,
  DASHBOARD_GLOBALS as GLOBALS,
  dashboardDom,
  importWebviewBundle,
  installGlobals,
  layOut,
  outputItem as item,
  rendererContext,
  repositoryRoot,
} from './browserBundle';
import { fakeContext } from './fakeCanvas';
import { Generator } from './notebookGenerator';

const root = repositoryRoot();

const epochs = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    epoch: i + 1,
    loss: 1 / (i + 1),
    val_loss: 1.2 / (i + 1),
    accuracy: 1 - 0.5 / (i + 1),
  }));
const training: TrainingPayload = {
  schema: 1,
  state: 'running',
  epochs: epochs(5),
  totalEpochs: 20,
  backend: 'wasm',
  device: 'cpu',
  samplesPerSecond: 1234.5,
  stopped: 'completed',
  message: 'note',
  progress: { epoch: 6, batch: 3, batchesPerEpoch: 10, loss: 0.2, samplesPerSecond: 1000, etaSeconds: 4 },
  learningRate: 0.01,
  keptEpoch: 4,
};
const evaluation: EvaluationPayload = {
  schema: 1,
  on: 'test',
  task: 'binary',
  samples: 100,
  metrics: { loss: 0.3, accuracy: 0.9, auc: 0.95 },
  positive: 'yes',
  choseEpoch: true,
  confusionMatrix: {
    labels: ['no', 'yes'],
    values: [
      [40, 10],
      [5, 45],
    ],
  },
  perClass: [
    { label: 'no', precision: 0.89, recall: 0.8, f1: 0.84, support: 50 },
    { label: 'yes', precision: 0.82, recall: 0.9, f1: 0.86, support: 50 },
  ],
  roc: { fpr: [0, 0.1, 1], tpr: [0, 0.8, 1] },
  baseline: { kind: 'majority', label: 'no', metrics: { accuracy: 0.5 } },
};
const BASE: Record<string, unknown> = {
  [MIME.training]: training,
  [MIME.evaluation]: evaluation,
  [MIME.dataPreview]: {
    schema: 1,
    source: 'x.csv',
    task: 'classification',
    inputShape: [4],
    classes: ['a', 'b'],
    splits: { train: 80, validation: 10, test: 10 },
    classBalance: [
      { label: 'a', count: 60 },
      { label: 'b', count: 20 },
    ],
    sampleRows: [[1, 2.5, 3, 4]],
    note: 'n',
    positive: 'b',
  },
  [MIME.modelSummary]: {
    schema: 1,
    layers: [{ name: 'd', type: 'Dense', outputShape: [null, 3], params: 15 }],
    totalParams: 15,
    trainableParams: 15,
    sizeBytes: 60,
  },
  [MIME.summary]: {
    schema: 1,
    language: 'en',
    audience: 'product',
    verdict: 'meets-goal',
    headline: 'h',
    sections: [],
    goal: [],
    findings: [],
    figures: [],
    markdown: '## Summary\n\n- **a** b\n',
    modelCard: '# Card',
  },
};
const READERS: Record<string, (data: unknown) => Reading<unknown>> = {
  [MIME.training]: readTraining,
  [MIME.evaluation]: readEvaluation,
  [MIME.dataPreview]: readDataPreview,
  [MIME.modelSummary]: readModelSummary,
  [MIME.summary]: readSummary,
};
const run = (n: number): RunRecord => ({
  specHash: `h${n}`,
  startedAt: `2026-01-0${n}T10:00:00.000Z`,
  durationMs: 100,
  backend: 'wasm',
  device: 'cpu',
  hyperparameters: { lr: n },
  epochs: 5,
  stopped: 'completed',
  final: { loss: 0.1 },
  history: epochs(5),
  cells: ['data: xor', `train: { epochs: ${n} }`],
});

/** Values that break naive code; the huge ones are made once. */
const HUGE = {
  // Longer than a call's arguments may be (Math.max(...list) throws from about 130,000).
  numbers: Array.from({ length: 150_000 }, (_, i) => (i % 7 === 0 ? -i : i / 3)),
  epochs: Array.from({ length: 20_000 }, (_, i) => ({
    epoch: i + 1,
    loss: Math.exp(-i / 1e4),
    val_loss: i % 1000 === 0 ? null : 0.5,
  })),
  strings: Array.from({ length: 20_000 }, (_, i) => `c${i}`),
  matrix: Array.from({ length: 200 }, (_, r) => Array.from({ length: 200 }, (_, c) => (r === c ? 50 : (r * c) % 3))),
  records: Array.from({ length: 20_000 }, (_, i) => ({
    label: `c${i}`,
    count: i,
    precision: 0.5,
    recall: 0.5,
    f1: 0.5,
    support: i,
    name: `l${i}`,
    type: 'Dense',
    outputShape: [null, i],
    params: i,
  })),
  lines: Array.from({ length: 3000 }, (_, i) => `line ${i}`).join('\n'),
};
function deep(n: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < n; i++) v = [v];
  return v;
}

function weird(g: Generator): unknown {
  return g.pick<() => unknown>([
    () => null,
    () => undefined,
    () => NaN,
    () => Infinity,
    () => -Infinity,
    () => -0,
    () => 1e308,
    () => -1e308,
    () => 0,
    () => -1,
    () => 2.5,
    () => true,
    () => '',
    () => g.string(20),
    () => '<img src=x onerror=alert(1)>',
    () => '=HYPERLINK("x")',
    () => [],
    () => ({}),
    () => [null, 'a', {}],
    () => 'completed',
    () => 'paused-by-a-newer-version',
    () => 'meets-goal',
    () => g.json(3),
    () => deep(300),
    () => HUGE.numbers,
    () => HUGE.epochs,
    () => HUGE.strings,
    () => HUGE.matrix,
    () => HUGE.records,
    () => HUGE.lines,
  ])();
}

/** The payload with 1–4 fields, at any depth, removed or replaced by a value of another type (or an unknown enum value). */
function mutate(base: unknown, g: Generator): unknown {
  const value = structuredClone(base) as Record<string, unknown>;
  for (let n = 1 + g.int(4); n > 0; n--) {
    const holders: [Record<string | number, unknown>, string | number][] = [];
    const walk = (v: unknown, depth: number) => {
      if (depth > 4 || typeof v !== 'object' || v === null || (Array.isArray(v) && v.length > 50)) return;
      for (const k of Object.keys(v)) {
        holders.push([v as Record<string, unknown>, Array.isArray(v) ? Number(k) : k]);
        walk((v as Record<string, unknown>)[k], depth + 1);
      }
    };
    walk(value, 0);
    if (holders.length === 0) break;
    const [holder, key] = g.pick(holders);
    if (g.chance(0.2) && !Array.isArray(holder)) delete holder[key];
    else holder[key] = weird(g);
  }
  return value;
}

function payloadFor(mime: string, g: Generator): unknown {
  const kind = g.int(20);
  if (kind === 0) return weird(g); // not an object at all
  if (kind === 1) return { ...g.object(2), schema: 1 }; // an object of this schema with none of the fields
  return mutate(BASE[mime], g);
}

// Output items' json() as VS Code gives it (JSON has no NaN); the dashboard's postMessage keeps NaN and Infinity, tested below.
/** Cases per MIME type (the dashboard gets 20 snapshots, each followed by live updates and picked runs). */
const CASES = 30;
const FAILED = /could not be drawn|could not draw/;
/** A value for a failure message, long lists shortened. */
const short = (v: unknown) =>
  JSON.stringify(v, (_k, x) => (Array.isArray(x) && x.length > 20 ? `[${x.length} items]` : x))?.slice(0, 600);
const UNREAD = /could not be read/;

describe('renderers and the dashboard on unexpected payloads', () => {
  let dom: JSDOM;
  let restoreGlobals: (() => void) | undefined;
  const renderers: Record<'training' | 'results', RendererApi> = {} as never;

  before(async () => {
    // Charts draw (Chart.js computes scales and ticks from the data) into a fake 2D context, in a laid-out box.
    dom = dashboardDom((canvas) => fakeContext(canvas));
    layOut(dom);
    const w = dom.window as unknown as Record<string, unknown>;
    w.acquireVsCodeApi = () => ({ postMessage: () => undefined, getState: () => undefined, setState: () => undefined });
    dom.window.document.getElementById('dashboard')!.dataset.state = JSON.stringify({
      notebookUri: 'file:///w/x.bigmodel',
    });
    restoreGlobals = installGlobals(dom.window, GLOBALS);
    const context = rendererContext({
      postMessage: () => undefined,
      onDidReceiveMessage: () => ({ dispose: () => undefined }),
    });
    for (const name of ['training', 'results'] as const) {
      const { activate } = await importWebviewBundle<{ activate: ActivationFunction }>(
        path.join(root, `webview/renderers/${name}.ts`),
        root,
      );
      renderers[name] = (await activate(context))!;
    }
    await importWebviewBundle(path.join(root, 'webview/dashboard/main.ts'), root);
  });

  /** A message from the host to the dashboard, as its webview receives one. */
  const send = (message: unknown) => window.dispatchEvent(new dom.window.MessageEvent('message', { data: message }));
  /** A finished notebook's snapshot with no runs, `extra` over it. */
  const sendSnapshot = (extra: Record<string, unknown>) =>
    send({
      type: 'snapshot',
      snapshot: { language: 'en', notebookName: 'x', notebookUri: 'u', running: false, runs: [], ...extra },
    });

  after(async () => {
    renderers.training?.disposeOutputItem?.();
    renderers.results?.disposeOutputItem?.();
    await closeDom(dom, restoreGlobals);
  });

  for (const mime of Object.values(MIME)) {
    it(`draws ${CASES} mutated ${mime.replace(/^application\/vnd\.bigmodel\.|\+json$/g, '')} payloads without throwing, naming what it could not read`, () => {
      const renderer = mime === MIME.training ? renderers.training : renderers.results;
      for (let seed = 1; seed <= CASES; seed++) {
        const g = new Generator(seed * 101 + mime.length);
        const payload = payloadFor(mime, g);
        const element = document.createElement('div');
        document.body.append(element);
        const started = Date.now();
        const id = `${mime}-${seed % 7}`; // some ids drawn again: an output updated in place
        try {
          renderer.renderOutputItem(item(id, mime, payload), element, new AbortController().signal);
        } catch (e) {
          assert.fail(`seed ${seed} threw ${(e as Error).stack}\n${JSON.stringify(payload)?.slice(0, 300)}`);
        }
        const ms = Date.now() - started;
        const text = element.textContent ?? '';
        const where = () => `seed ${seed}: ${short(payload)}`;
        if (ms > 3000) assert.fail(`${where()}: took ${ms} ms`);
        if (text.trim().length === 0) assert.fail(`${where()}: shows nothing`);
        const object = typeof payload === 'object' && payload !== null && !Array.isArray(payload);
        if (object && (payload as { schema?: unknown }).schema === 1) {
          if (FAILED.test(text)) assert.fail(`${where()}: needed the last-resort fallback: ${text.slice(0, 300)}`);
          const asRendered = item(id, mime, payload).json();
          if (READERS[mime](asRendered).unread.length > 0 && !UNREAD.test(text))
            assert.fail(`${where()}: does not say what it could not read`);
        }
        element.remove();
      }
    });
  }

  it('draws huge payloads as the first rows with a note: 150,000 classes, a 200-class matrix, 150 runs', () => {
    const element = document.createElement('div');
    document.body.append(element);
    const classBalance = Array.from({ length: 150_000 }, (_, i) => ({ label: `c${i}`, count: 1 + (i % 5) }));
    renderers.results.renderOutputItem(
      item('huge-preview', MIME.dataPreview, { ...(BASE[MIME.dataPreview] as object), classBalance }),
      element,
      new AbortController().signal,
    );
    assert.equal(element.querySelectorAll('table.bm-balance tbody tr').length, 500);
    assert.equal(element.querySelector('.bm-capped')!.textContent, 'The first 500 of 150,000 rows are shown.');
    assert.match(
      element.querySelector('.bm-warning')!.textContent!,
      /5\.0× the samples of the smallest/,
      'the imbalance is of every class',
    );
    const labels = Array.from({ length: 200 }, (_, i) => `c${i}`);
    renderers.results.renderOutputItem(
      item('huge-matrix', MIME.evaluation, { ...evaluation, confusionMatrix: { labels, values: HUGE.matrix } }),
      element,
      new AbortController().signal,
    );
    assert.equal(element.querySelectorAll('table.bm-confusion tbody tr').length, 50);
    assert.equal(
      element
        .querySelector('.bm-confused')!
        .previousElementSibling!.previousElementSibling!.querySelector('.bm-capped')!.textContent,
      'The first 50 of 200 classes are shown.',
    );
    sendSnapshot({ runs: Array.from({ length: 150 }, (_, i) => ({ ...run(1), startedAt: `t${i}` })) });
    assert.equal(document.querySelectorAll('.bm-run-list vscode-checkbox').length, 100);
    assert.equal(
      document.querySelector('.bm-run-list .bm-capped')!.textContent,
      'The latest 100 of 150 runs are listed.',
    );
    assert.match(
      document.querySelector('.bm-run-list vscode-checkbox')!.textContent!,
      /^Run 51:/,
      'runs keep their numbers',
    );
  });

  it('shows an unknown `stopped` reason as written, in the header, the screen-reader text and the dashboard', () => {
    const element = document.createElement('div');
    document.body.append(element);
    renderers.training.renderOutputItem(
      item('stopped', MIME.training, { ...training, state: 'done', stopped: 'paused-by-a-newer-version' }),
      element,
      new AbortController().signal,
    );
    assert.match(element.querySelector('.bm-header')!.textContent!, /ended: paused-by-a-newer-version/);
    assert.match(
      element.querySelector('.bigmodel-training')!.getAttribute('aria-label')!,
      /paused-by-a-newer-version$/,
    );
    sendSnapshot({ training: { ...training, state: 'done', stopped: 'paused-by-a-newer-version' } });
    assert.equal(document.querySelector('.bm-state')!.textContent, 'Finished: paused-by-a-newer-version');
  });

  it('draws dashboard messages with wrong types, NaN and Infinity (postMessage keeps them), huge runs and deltas', () => {
    const dashboard = () => document.querySelector<HTMLElement>('.bm-dashboard')!;
    for (let seed = 1; seed <= 20; seed++) {
      const g = new Generator(seed * 7919);
      const runs = g.chance(0.2)
        ? weird(g)
        : Array.from({ length: g.pick([0, 2, 3, 120]) }, (_, i) =>
            g.chance(0.3) ? mutate(run(i + 1), g) : run(i + 1),
          );
      const snapshot = mutate(
        {
          language: g.pick(['en', 'zh-cn', 'fr']),
          notebookName: 'x.bigmodel',
          notebookUri: 'u',
          running: g.chance(0.5),
          training,
          evaluation,
          summary: BASE[MIME.summary],
          runs: [],
        },
        g,
      ) as Record<string, unknown>;
      snapshot.runs = runs;
      const messages: unknown[] = [
        { type: 'snapshot', snapshot },
        {
          type: 'training',
          payload: mutate(
            { ...training, epochs: epochs(8).map((e, i) => (i === 3 ? { ...e, loss: NaN, accuracy: Infinity } : e)) },
            g,
          ),
          from: g.pick([undefined, 0, 3, -1, 1.5, 1e9, NaN]),
        },
        { type: 'training', payload: weird(g) },
        { type: 'stopping' },
      ];
      for (const message of messages) {
        const started = Date.now();
        send(message);
        const ms = Date.now() - started;
        const where = () => `seed ${seed}: ${short(message)}`;
        if (ms > 3000) assert.fail(`${where()}: took ${ms} ms`);
        const failed = document.querySelector('.bm-failed');
        if (failed) assert.fail(`${where()}: ${failed.textContent}`);
        if (dashboard().textContent!.trim().length === 0) assert.fail(`${where()}: shows nothing`);
      }
      // Pick every run for comparison: overlays, hyperparameters and cell diffs of whatever the runs hold.
      for (const box of [
        ...document.querySelectorAll<HTMLElement & { checked: boolean }>('.bm-run-list vscode-checkbox'),
      ].slice(0, 4)) {
        box.checked = true;
        box.dispatchEvent(new dom.window.Event('change'));
      }
      assert.equal(document.querySelector('.bm-failed'), null);
    }
    send({
      type: 'snapshot',
      snapshot: {
        language: 'en',
        notebookName: 'x',
        notebookUri: 'u',
        running: true,
        runs: [],
        training: { ...training, epochs: [{ epoch: 1, loss: 'high' }] },
      },
    });
    assert.match(
      document.querySelector('.bm-live .bm-message')!.textContent!,
      /could not be read and are left out: epochs\[0\]\.loss/,
    );
  });
});
