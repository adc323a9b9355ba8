// The results renderer (evaluation, data preview, model summary) rendered into a DOM and read back, as a notebook shows it.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { JSDOM } from 'jsdom';
import type { ActivationFunction, RendererApi } from 'vscode-notebook-renderer';
import {
  MIME,
  type DataPreviewPayload,
  type EvaluationPayload,
  type ModelSummaryPayload,
} from '../../src/shared/outputs';
import {
  importWebviewBundle,
  installGlobals,
  layOut,
  outputItem as item,
  RENDERER_GLOBALS as GLOBALS,
  rendererContext,
  webviewDom,
} from './browserBundle';
import { fakeContext } from './fakeCanvas';

const root = path.join(__dirname, '../../..');

const classifier: EvaluationPayload = {
  schema: 1,
  on: 'test',
  task: 'classification',
  samples: 160,
  metrics: { loss: 0.5123, accuracy: 0.78125 },
  confusionMatrix: {
    labels: ['cat', 'dog', 'bird'],
    values: [
      [50, 3, 7],
      [12, 30, 8],
      [0, 5, 45],
    ],
  },
  perClass: [
    { label: 'cat', precision: 50 / 62, recall: 50 / 60, f1: 0.81967, support: 60 },
    { label: 'dog', precision: 30 / 38, recall: 0.6, f1: 0.68182, support: 50 },
    { label: 'bird', precision: 0.75, recall: 0.9, f1: 0.81818, support: 50 },
  ],
};

const binary: EvaluationPayload = {
  schema: 1,
  on: 'validation',
  task: 'binary',
  samples: 100,
  metrics: { loss: 0.41, accuracy: 0.83, auc: 0.9125 },
  confusionMatrix: {
    labels: ['paid', 'default'],
    values: [
      [60, 10],
      [7, 23],
    ],
  },
  perClass: [
    { label: 'paid', precision: 60 / 67, recall: 60 / 70, f1: 0.8759, support: 70 },
    { label: 'default', precision: 23 / 33, recall: 23 / 30, f1: 0.7302, support: 30 },
  ],
  roc: { fpr: [0, 0, 0.1, 0.3, 1], tpr: [0, 0.5, 0.8, 0.95, 1] },
};

const preview: DataPreviewPayload = {
  schema: 1,
  source: 'credit-default.csv',
  task: 'binary',
  inputShape: [23],
  classes: ['paid', 'default'],
  splits: { train: 800, validation: 100, test: 100 },
  classBalance: [
    { label: 'paid', count: 600 },
    { label: 'default', count: 200 },
  ],
  note: 'the last column is the label',
};

const model: ModelSummaryPayload = {
  schema: 1,
  totalParams: 101770,
  trainableParams: 101770,
  sizeBytes: 407080,
  layers: [
    { name: 'flatten_1', type: 'Flatten', outputShape: [null, 784], params: 0 },
    { name: 'dense_1', type: 'Dense', outputShape: [null, 128], params: 100480 },
    { name: 'dense_2', type: 'Dense', outputShape: [null, 10], params: 1290 },
  ],
};

/** The text of each row's cells (th and td), row by row. */
function cells(table: Element | null): string[][] {
  assert.ok(table, 'table exists');
  return [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent ?? ''));
}

describe('renderer: results (evaluation, data preview, model summary)', () => {
  let dom: JSDOM;
  let renderer: RendererApi;
  let restoreGlobals: (() => void) | undefined;
  /** Whether canvases get a 2D context: off by default, as in jsdom; some tests hand out a fake one. */
  let canvasContext: ((canvas: HTMLCanvasElement) => CanvasRenderingContext2D) | undefined;

  before(async () => {
    dom = webviewDom('', (canvas) => (canvasContext ? canvasContext(canvas) : null));
    restoreGlobals = installGlobals(dom.window, GLOBALS);
    // The bundle as esbuild.mjs builds it for the notebook (Chart.js included).
    const { activate } = await importWebviewBundle<{ activate: ActivationFunction }>(
      path.join(root, 'webview/renderers/results.ts'),
      root,
    );
    const api = await activate(rendererContext());
    assert.ok(api);
    renderer = api;
  });

  after(() => {
    renderer?.disposeOutputItem?.();
    restoreGlobals?.();
    dom?.window.close();
  });

  afterEach(() => {
    canvasContext = undefined;
  });

  it('draws the summary card from its markdown, with the verdict and bold text, without markup injection', () => {
    const element = document.createElement('div');
    const markdown =
      '## Summary: xor\n\n**Correctly labels 99.0% of cases it has never seen.**\n\n### Next steps\n- Try <img src=x onerror=alert(1)> more **data**\n- Stop early\n';
    renderer.renderOutputItem(
      item('s1', MIME.summary, {
        schema: 1,
        language: 'en',
        audience: 'product',
        verdict: 'meets-goal',
        headline: 'x',
        sections: [],
        goal: [],
        findings: [],
        figures: [],
        markdown,
      }),
      element,
      new AbortController().signal,
    );
    assert.equal(element.querySelector('h2')?.textContent, 'Summary: xormeets the goal');
    assert.equal(element.querySelector('.bm-verdict.meets-goal')?.textContent, 'meets the goal');
    assert.equal(element.querySelector('p strong')?.textContent, 'Correctly labels 99.0% of cases it has never seen.');
    assert.equal(element.querySelector('h3')?.textContent, 'Next steps');
    const items = [...element.querySelectorAll('li')].map((li) => li.textContent);
    assert.deepEqual(items, ['Try <img src=x onerror=alert(1)> more data', 'Stop early']);
    assert.equal(element.querySelector('img'), null, 'markdown text never becomes markup');
    assert.equal(element.querySelector('button')?.textContent, 'Copy as Markdown');
  });

  it('labels the summary card in Chinese when the summary is in Chinese', () => {
    const element = document.createElement('div');
    renderer.renderOutputItem(
      item('s2', MIME.summary, {
        schema: 1,
        language: 'zh-cn',
        audience: 'product',
        verdict: 'below-goal',
        headline: 'x',
        sections: [],
        goal: [],
        findings: [],
        figures: [],
        markdown: '## 总结：xor\n',
      }),
      element,
      new AbortController().signal,
    );
    assert.equal(element.querySelector('.bm-verdict')?.textContent, '未达到目标');
    assert.equal(element.querySelector('button')?.textContent, '复制为 Markdown');
    assert.equal(element.querySelector('.bigmodel-summary')?.getAttribute('lang'), 'zh-CN');
  });

  function render(id: string, mime: string, payload: unknown): HTMLElement {
    const element = document.createElement('div');
    document.body.append(element);
    renderer.renderOutputItem(item(id, mime, payload), element, new AbortController().signal);
    return element;
  }

  describe('evaluation of a classifier', () => {
    let out: HTMLElement;
    before(() => {
      out = render('eval-3', MIME.evaluation, classifier);
    });

    it('names the split and the sample count and lists the metrics, accuracy first', () => {
      assert.match(out.querySelector('.bm-title')!.textContent!, /test split — 160 samples/);
      assert.deepEqual(cells(out.querySelector('table.bm-metrics')), [
        ['accuracy', '0.7813 (78.1%)'],
        ['loss', '0.5123'],
      ]);
      assert.equal(out.querySelector('table.bm-metrics caption')!.textContent, 'Metrics');
    });

    it('draws the confusion matrix with class names on both axes, counts and row percentages', () => {
      const table = out.querySelector('table.bm-confusion')!;
      const columns = [...table.querySelectorAll('thead tr:last-child th')].map((th) => th.textContent);
      assert.deepEqual(columns, ['true ↓', 'cat', 'dog', 'bird']);
      assert.equal(table.querySelector('thead th[scope="colgroup"]')!.textContent, 'predicted →');
      assert.deepEqual(
        [...table.querySelectorAll('tbody th[scope="row"]')].map((th) => th.textContent),
        ['cat', 'dog', 'bird'],
      );
      const counts = [...table.querySelectorAll('tbody tr')].map((tr) =>
        [...tr.querySelectorAll('td .bm-count')].map((s) => s.textContent),
      );
      assert.deepEqual(counts, [
        ['50', '3', '7'],
        ['12', '30', '8'],
        ['0', '5', '45'],
      ]);
      const shares = [...table.querySelectorAll('tbody tr')].map((tr) =>
        [...tr.querySelectorAll('td .bm-share')].map((s) => s.textContent),
      );
      assert.deepEqual(shares, [
        ['83.3%', '5.0%', '11.7%'],
        ['24.0%', '60.0%', '16.0%'],
        ['0.0%', '10.0%', '90.0%'],
      ]);
      assert.match(table.querySelector('caption')!.textContent!, /^Confusion matrix: rows are the true class/);
    });

    it('shades cells by row share in theme colours and marks the diagonal', () => {
      const tds = [...out.querySelectorAll<HTMLElement>('table.bm-confusion tbody td')];
      const diagonal = tds.filter((td) => td.classList.contains('bm-diagonal')).map((td) => td.dataset.count);
      assert.deepEqual(diagonal, ['50', '30', '45']);
      const heat = tds.map((td) => parseFloat(td.style.getPropertyValue('--bm-heat')));
      assert.equal(heat[6], 0, 'an empty cell has no colour');
      assert.ok(
        heat[8] > heat[0] && heat[0] > heat[3] && heat[3] > heat[7] && heat[7] > heat[1],
        `heat follows the row share: ${heat}`,
      );
      assert.ok(
        heat.every((h) => h <= 45),
        'text stays readable on the strongest colour',
      );
      const style = out.querySelector('style')!.textContent!;
      assert.match(style, /color-mix\(in srgb, var\(--bm-hue\) var\(--bm-heat/);
      assert.match(style, /--vscode-charts-blue/);
    });

    it('lists the three most confused pairs, largest first', () => {
      const items = [...out.querySelectorAll('ol.bm-pairs li')].map((li) => li.textContent);
      assert.deepEqual(items, [
        'dog → cat: 12 (24.0% of dog)',
        'dog → bird: 8 (16.0% of dog)',
        'cat → bird: 7 (11.7% of cat)',
      ]);
      const list = out.querySelector('ol.bm-pairs')!;
      assert.equal(
        document.getElementById(list.getAttribute('aria-labelledby')!)!.textContent,
        'Most confused (true → predicted)',
      );
    });

    it('shows precision, recall, F1 and support per class', () => {
      assert.deepEqual(cells(out.querySelector('table.bm-per-class')), [
        ['cat', '0.806', '0.833', '0.820', '60'],
        ['dog', '0.789', '0.600', '0.682', '50'],
        ['bird', '0.750', '0.900', '0.818', '50'],
      ]);
      const head = [...out.querySelectorAll('table.bm-per-class thead th')];
      assert.deepEqual(
        head.map((th) => th.textContent),
        ['class', 'precision', 'recall', 'F1', 'support'],
      );
      assert.ok(head.every((th) => th.getAttribute('scope') === 'col'));
    });

    it('has no ROC curve, and every table has a caption', () => {
      assert.equal(out.querySelector('.bm-roc'), null);
      for (const t of out.querySelectorAll('table')) assert.ok(t.querySelector('caption')?.textContent, 'caption');
      const region = out.querySelector('.bm-scroll[role="region"]')!;
      assert.equal(region.getAttribute('tabindex'), '0', 'a scrolling matrix can be reached by keyboard');
    });
  });

  describe('evaluation of a binary classifier', () => {
    it('falls back to the ROC points as a table, with the AUC in text, where the canvas cannot draw', () => {
      const out = render('eval-bin', MIME.evaluation, binary);
      const figure = out.querySelector('figure.bm-roc')!;
      assert.equal(figure.querySelector('figcaption')!.textContent, 'ROC curve — AUC 0.9125');
      assert.equal(figure.querySelector('canvas'), null, 'no empty canvas is left behind');
      const details = figure.querySelector('details')!;
      assert.equal(details.open, true);
      assert.ok(!figure.querySelector('p')!.classList.contains('bm-sr-only'), 'the note saying why is visible');
      assert.deepEqual(cells(details.querySelector('table')), [
        ['1', '0.000', '0.000'],
        ['2', '0.000', '0.500'],
        ['3', '0.100', '0.800'],
        ['4', '0.300', '0.950'],
        ['5', '1.000', '1.000'],
      ]);
      assert.deepEqual(
        cells(out.querySelector('table.bm-metrics')).map((r) => r[0]),
        ['accuracy', 'AUC', 'loss'],
      );
      assert.deepEqual(
        [...out.querySelectorAll('ol.bm-pairs li')].map((li) => li.textContent),
        ['paid → default: 10 (14.3% of paid)', 'default → paid: 7 (23.3% of default)'],
      );
    });

    it('draws the ROC curve with Chart.js where there is a 2D canvas, and recolours it when the theme changes', async () => {
      const strokes: string[] = [];
      canvasContext = (canvas) => fakeContext(canvas, { strokes });
      // jsdom lays nothing out; Chart.js sizes the chart from its container's box, so give every element one.
      const unlayOut = layOut(dom, 340, 340);
      const out = render('eval-bin-chart', MIME.evaluation, binary);
      unlayOut();
      const canvas = out.querySelector('figure.bm-roc canvas')!;
      assert.ok(canvas, 'the canvas stays');
      assert.equal(canvas.getAttribute('role'), 'img');
      assert.match(canvas.getAttribute('aria-label')!, /area under the curve 0\.9125/);
      assert.equal(
        out.querySelector<HTMLDetailsElement>('figure.bm-roc details')!.open,
        false,
        'the points stay folded away under the chart',
      );
      assert.ok(strokes.includes('#3794ff'), `the curve is stroked in the fallback blue: ${[...new Set(strokes)]}`);
      // jsdom does not inherit custom properties, so the new theme colour is set where the chart reads it.
      (canvas as HTMLElement).style.setProperty('--vscode-charts-blue', '#0000aa');
      strokes.length = 0;
      document.documentElement.style.setProperty('--vscode-charts-blue', '#0000aa');
      await new Promise((r) => setTimeout(r, 0));
      assert.ok(strokes.includes('#0000aa'), `redrawn in the new theme's blue: ${[...new Set(strokes)]}`);
      renderer.disposeOutputItem?.('eval-bin-chart');
    });
  });

  it('shows regression metrics by their usual names and no matrix', () => {
    const out = render('eval-reg', MIME.evaluation, {
      schema: 1,
      on: 'test',
      task: 'regression',
      samples: 4128,
      metrics: { loss: 0.2874, mae: 0.3721, rmse: 0.5361, r2: 0.7803 },
    });
    assert.deepEqual(cells(out.querySelector('table.bm-metrics')), [
      ['MAE', '0.3721'],
      ['RMSE', '0.5361'],
      ['R²', '0.7803'],
      ['loss', '0.2874'],
    ]);
    assert.equal(out.querySelector('table.bm-confusion'), null);
    assert.equal(out.querySelector('ol.bm-pairs'), null);
  });

  it('shows what always answering the majority class scores beside each metric, the positive class, and validation that chose the epoch', () => {
    const out = render('eval-baseline', MIME.evaluation, {
      schema: 1,
      on: 'validation',
      task: 'binary',
      samples: 2000,
      positive: 'yes',
      choseEpoch: true,
      metrics: { loss: 0.1992, auc: 0.5031, recall: 0, accuracy: 0.95, balancedAccuracy: 0.5 },
      baseline: {
        kind: 'majority',
        label: 'no',
        metrics: { accuracy: 0.95, balancedAccuracy: 0.5, recall: 0, auc: 0.5 },
      },
    } satisfies EvaluationPayload);
    const table = out.querySelector('table.bm-metrics')!;
    assert.deepEqual(
      [...table.querySelectorAll('thead th')].map((th) => th.textContent),
      ['metric', 'value', 'always no'],
    );
    assert.deepEqual(cells(table), [
      ['accuracy', '0.9500 (95.0%)', '0.9500 (95.0%)'],
      ['balancedAccuracy', '0.5000', '0.5000'],
      ['recall', '0.000', '0.000'],
      ['AUC', '0.5031', '0.5000'],
      ['loss', '0.1992', ''],
    ]);
    assert.equal(
      out.querySelector('.bm-positive')!.textContent,
      'Precision, recall, F1 and AUC are those of the positive class, yes.',
    );
    assert.match(out.querySelector('.bm-chose-epoch')!.textContent!, /optimistic: it is not unseen data/);
    const regression = render('eval-mean', MIME.evaluation, {
      schema: 1,
      on: 'test',
      task: 'regression',
      samples: 89,
      metrics: { mae: 43.52, r2: 0.4671 },
      baseline: { kind: 'mean', value: 152.13, metrics: { mae: 61.01, r2: -0.0038 } },
    } satisfies EvaluationPayload);
    assert.deepEqual(cells(regression.querySelector('table.bm-metrics')), [
      ['MAE', '43.52', '61.01'],
      ['R²', '0.4671', '-0.003800'],
    ]);
    assert.equal(
      regression.querySelectorAll('table.bm-metrics thead th')[2].textContent,
      'always 152.1 (training mean)',
    );
    assert.equal(regression.querySelector('.bm-chose-epoch'), null);
  });

  it('updates an output in place when the same id is rendered again', () => {
    const element = render('eval-again', MIME.evaluation, classifier);
    const second: EvaluationPayload = {
      ...classifier,
      samples: 170,
      confusionMatrix: {
        labels: ['cat', 'dog', 'bird'],
        values: [
          [60, 0, 0],
          [0, 50, 0],
          [1, 0, 59],
        ],
      },
    };
    renderer.renderOutputItem(item('eval-again', MIME.evaluation, second), element, new AbortController().signal);
    assert.equal(element.querySelectorAll('.bigmodel-evaluation').length, 1);
    assert.equal(element.querySelectorAll('style').length, 1);
    assert.equal(element.querySelectorAll('table.bm-confusion').length, 1);
    assert.match(element.querySelector('.bm-title')!.textContent!, /170 samples/);
    assert.deepEqual(
      [...element.querySelectorAll('ol.bm-pairs li')].map((li) => li.textContent),
      ['bird → cat: 1 (1.7% of bird)'],
    );
  });

  it('says so when every sample was classified correctly', () => {
    const out = render('eval-perfect', MIME.evaluation, {
      ...classifier,
      confusionMatrix: {
        labels: ['a', 'b'],
        values: [
          [3, 0],
          [0, 4],
        ],
      },
      perClass: undefined,
    });
    assert.equal(out.querySelector('ol.bm-pairs'), null);
    assert.match(out.querySelector('.bm-confused')!.textContent!, /every sample was classified correctly/);
  });

  describe('data preview', () => {
    it('shows source, task, shape, splits and note', () => {
      const out = render('preview', MIME.dataPreview, preview);
      assert.equal(out.querySelector('.bm-title')!.textContent, 'credit-default.csv');
      const facts = Object.fromEntries(
        [...out.querySelectorAll('dl.bm-facts dt')].map((dt) => [dt.textContent, dt.nextElementSibling!.textContent]),
      );
      assert.deepEqual(facts, {
        task: 'binary',
        'input shape': '[23]',
        classes: '2: paid, default',
        train: '800 samples (80.0%)',
        validation: '100 samples (10.0%)',
        test: '100 samples (10.0%)',
        note: 'the last column is the label',
      });
    });

    it('draws the class balance as bars with counts and percentages', () => {
      const out = render('preview-balance', MIME.dataPreview, preview);
      const table = out.querySelector('table.bm-balance')!;
      assert.equal(table.querySelector('caption')!.textContent, 'Class balance (training split)');
      assert.deepEqual(cells(table), [
        ['paid', '', '600', '75.0%'],
        ['default', '', '200', '25.0%'],
      ]);
      const bars = [...table.querySelectorAll<HTMLElement>('.bm-bar')];
      assert.deepEqual(
        bars.map((b) => b.style.width),
        ['100%', `${100 / 3}%`],
      );
      assert.ok(
        bars.every((b) => b.getAttribute('aria-hidden') === 'true'),
        'a screen reader reads the numbers, not the bars',
      );
      assert.match(out.querySelector('.bm-warning')!.textContent!, /3\.0× the samples of the smallest/);
    });

    it('draws without a class balance (regression)', () => {
      const out = render('preview-reg', MIME.dataPreview, {
        schema: 1,
        source: 'housing.csv',
        task: 'regression',
        inputShape: [8],
        splits: { train: 100 },
      });
      assert.equal(out.querySelector('table.bm-balance'), null);
      assert.equal(out.querySelector('dl.bm-facts dd:nth-of-type(3)')!.textContent, '100 samples');
    });
  });

  it('lists the model layers with output shapes and parameters', () => {
    const out = render('model', MIME.modelSummary, model);
    assert.equal(out.querySelector('.bm-title')!.textContent, 'Model: 3 layers, 101,770 parameters, 397.5 KB');
    assert.deepEqual(cells(out.querySelector('table.bm-layers')), [
      ['flatten_1', 'Flatten', '[batch, 784]', '0', '0.0%'],
      ['dense_1', 'Dense', '[batch, 128]', '100,480', '98.7%'],
      ['dense_2', 'Dense', '[batch, 10]', '1,290', '1.3%'],
    ]);
    assert.deepEqual(
      [...out.querySelectorAll('table.bm-layers tfoot tr > *')].map((c) => c.textContent),
      ['total', '', '', '101,770', ''],
    );
  });

  it('shows a payload it cannot draw as its data, with the reason, instead of failing', () => {
    const newer = render('newer', MIME.evaluation, { schema: 2, on: 'test' });
    assert.match(newer.querySelector('.bigmodel-plain p')!.textContent!, /schema 2/);
    assert.match(newer.querySelector('pre')!.textContent!, /"schema": 2/);
    // A payload of this schema with fields missing or of the wrong type: what can be read is drawn, the rest named.
    const broken = render('broken', MIME.evaluation, {
      schema: 1,
      on: 'test',
      samples: 3,
      perClass: [{ label: 'a', precision: 'high' }],
    });
    assert.match(broken.querySelector('.bm-title')!.textContent!, /test split — 3 samples/);
    assert.equal(
      broken.querySelector('.bm-unread')!.textContent,
      'Some fields of this output could not be read and are left out: task, metrics, perClass[0].precision, perClass[0].recall, perClass[0].f1, ….',
    );
    assert.deepEqual(cells(broken.querySelector('table.bm-per-class')), [['a', '–', '–', '–', 'NaN']]);
  });

  it('takes its colours from the theme, with literal colours only as fallbacks', () => {
    const style = render('style', MIME.modelSummary, model).querySelector('style')!.textContent!;
    for (const m of style.matchAll(/#[0-9a-f]{3,8}\b|rgba?\(/gi)) {
      const before = style.slice(0, m.index);
      const open = before.lastIndexOf('var(');
      const inside = open >= 0 && before.slice(open).split('(').length > before.slice(open).split(')').length;
      assert.ok(inside, `${m[0]} at ${style.slice(Math.max(0, m.index - 40), m.index + 10)} is a var() fallback`);
    }
  });
});
