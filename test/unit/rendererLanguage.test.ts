// The notebook renderers in VS Code's display language: each asks the host (renderer messaging), draws in English
// until the answer comes, then draws its outputs on show again in Simplified Chinese; read back from a jsdom DOM.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { JSDOM } from 'jsdom';
import type { ActivationFunction, RendererApi, RendererContext } from 'vscode-notebook-renderer';
import {
  MIME,
  type DataPreviewPayload,
  type EvaluationPayload,
  type ModelSummaryPayload,
  type TrainingPayload,
} from '../../src/shared/outputs';
import type { LanguageMessage } from '../../src/shared/rendererMessages';
import {
  closeDom,
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

const done: TrainingPayload = {
  schema: 1,
  state: 'done',
  totalEpochs: 3,
  backend: 'wasm',
  device: 'cpu (wasm, SIMD)',
  samplesPerSecond: 4321.6,
  stopped: 'early-stopping',
  epochs: [1, 2, 3].map((epoch) => ({ epoch, loss: 1 / epoch, val_loss: 1.2 / epoch })),
};
const running: TrainingPayload = {
  ...done,
  state: 'running',
  stopped: undefined,
  totalEpochs: 30,
  progress: { epoch: 4, batch: 5, batchesPerEpoch: 10, loss: 0.21, samplesPerSecond: 4321.6, etaSeconds: 12.4 },
};
const evaluation: EvaluationPayload = {
  schema: 1,
  on: 'test',
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
    { label: 'paid', precision: 0.9, recall: 0.86, f1: 0.88, support: 70 },
    { label: 'default', precision: 0.7, recall: 0.77, f1: 0.73, support: 30 },
  ],
  roc: { fpr: [0, 0.1, 1], tpr: [0, 0.8, 1] },
};
const preview: DataPreviewPayload = {
  schema: 1,
  source: 'credit.csv',
  task: 'binary',
  inputShape: [23],
  classes: ['paid', 'default'],
  splits: { train: 800, test: 200 },
  classBalance: [
    { label: 'paid', count: 600 },
    { label: 'default', count: 100 },
  ],
  sampleRows: [[1, 2.5]],
};
const model: ModelSummaryPayload = {
  schema: 1,
  totalParams: 1000,
  trainableParams: 900,
  sizeBytes: 4000,
  layers: [{ name: 'dense_1', type: 'Dense', outputShape: [null, 10], params: 1000 }],
};

/** A renderer context with messaging: what the renderer posted, and a way to answer as the host does. */
function messagingContext(): {
  context: RendererContext<unknown>;
  posted: unknown[];
  answer: (message: unknown) => void;
} {
  const posted: unknown[] = [];
  const listeners: ((message: unknown) => void)[] = [];
  const context = rendererContext({
    postMessage: (message: unknown) => posted.push(message),
    onDidReceiveMessage: (listener: (message: unknown) => void) => {
      listeners.push(listener);
      return { dispose: () => listeners.splice(listeners.indexOf(listener), 1) };
    },
  });
  return { context, posted, answer: (message) => listeners.forEach((l) => l(message)) };
}

const zhCn: LanguageMessage = { type: 'language', language: 'zh-cn' };

describe('renderers in the display language', () => {
  let dom: JSDOM;
  let restoreGlobals: (() => void) | undefined;
  const bundles: Record<'training' | 'results', ActivationFunction> = {} as never;
  const drawn: string[] = [];

  before(async () => {
    dom = webviewDom('', (canvas) => fakeContext(canvas, { texts: drawn }));
    layOut(dom);
    restoreGlobals = installGlobals(dom.window, GLOBALS);
    for (const name of ['training', 'results'] as const) {
      bundles[name] = (
        await importWebviewBundle<{ activate: ActivationFunction }>(
          path.join(root, `webview/renderers/${name}.ts`),
          root,
        )
      ).activate;
    }
  });

  after(() => closeDom(dom, restoreGlobals));

  async function activate(name: 'training' | 'results', context: RendererContext<unknown>): Promise<RendererApi> {
    const api = await bundles[name](context);
    assert.ok(api);
    return api;
  }

  function render(api: RendererApi, id: string, mime: string, payload: unknown): HTMLElement {
    const element = document.createElement('div');
    document.body.append(element);
    api.renderOutputItem(item(id, mime, payload), element, new AbortController().signal);
    return element;
  }

  const texts = (out: HTMLElement, selector: string) => [...out.querySelectorAll(selector)].map((e) => e.textContent);

  it('training: asks the host, draws in English until it answers, then relabels the mounted output in Chinese', async () => {
    const host = messagingContext();
    const api = await activate('training', host.context);
    assert.deepEqual(host.posted, [{ type: 'language/get' }], 'asks once, when it starts');
    const out = render(api, 'train-zh', MIME.training, running);
    assert.deepEqual(texts(out, 'button'), ['Log scale', 'Export PNG', 'Export CSV']);
    assert.deepEqual(texts(out, '.bm-header b'), ['backend: ', 'device: ', 'speed: ', 'epoch: ', 'ETA: ']);

    drawn.length = 0;
    host.answer(zhCn);
    assert.deepEqual(texts(out, 'button'), ['对数坐标', '导出 PNG', '导出 CSV']);
    assert.deepEqual(texts(out, '.bm-header b'), ['后端: ', '设备: ', '速度: ', '轮次: ', '剩余时间: ']);
    assert.deepEqual(texts(out, '.bm-header span').slice(2), [
      '速度: 每秒 4322 个样本',
      '轮次: 4/30 · 批次 5/10',
      '剩余时间: 12 秒',
    ]);
    const figure = out.querySelector('.bigmodel-training')!;
    assert.equal(figure.getAttribute('lang'), 'zh-CN');
    assert.equal(figure.getAttribute('aria-label'), '训练损失曲线：第 3 轮（共 30 轮），损失 0.3333，验证损失 0.4000');
    assert.equal(out.querySelector('table caption')!.textContent, figure.getAttribute('aria-label'));
    assert.deepEqual(
      texts(out, 'table th'),
      ['轮次', 'loss', 'val_loss'],
      'the series keep the names the cell gave them',
    );
    assert.ok(
      drawn.includes('轮次') && drawn.includes('损失') && drawn.includes('批次损失'),
      `the chart's axes and batch loss in Chinese: ${[...new Set(drawn)]}`,
    );

    // A later output and a live update are drawn in Chinese straight away.
    api.renderOutputItem(item('train-zh', MIME.training, done), out, new AbortController().signal);
    assert.deepEqual(texts(out, '.bm-header span').slice(3), ['结束: 提前停止（不再改进）']);
    assert.match(figure.getAttribute('aria-label')!, /，提前停止（不再改进）$/);
    const next = render(api, 'train-zh-2', MIME.training, done);
    assert.equal(next.querySelector('button')!.textContent, '对数坐标');
    api.disposeOutputItem?.();
  });

  it('training: stays English without messaging, and ignores messages that are not the answer', async () => {
    const plain = await activate('training', {
      workspace: { isTrusted: true },
      settings: {},
    } as unknown as RendererContext<unknown>);
    const out = render(plain, 'train-en', MIME.training, done);
    assert.equal(out.querySelector('button')!.textContent, 'Log scale');
    assert.equal(
      out.querySelector('.bigmodel-training')!.getAttribute('aria-label'),
      'Training loss curve: epoch 3 of 3, loss 0.3333, validation loss 0.4000, stopped early (no more improvement)',
    );
    plain.disposeOutputItem?.();

    const host = messagingContext();
    const api = await activate('training', host.context);
    const other = render(api, 'train-other', MIME.training, done);
    host.answer({ type: 'language', language: 'fr' });
    host.answer({ type: 'exportModelCard', markdown: '# x' });
    assert.equal(other.querySelector('button')!.textContent, 'Log scale');
    api.disposeOutputItem?.();
  });

  it('results: draws the evaluation, data preview and model summary again in Chinese when the host answers', async () => {
    const host = messagingContext();
    const api = await activate('results', host.context);
    assert.deepEqual(host.posted, [{ type: 'language/get' }]);
    const evaluationOut = render(api, 'eval-zh', MIME.evaluation, evaluation);
    const previewOut = render(api, 'preview-zh', MIME.dataPreview, preview);
    const modelOut = render(api, 'model-zh', MIME.modelSummary, model);
    assert.match(evaluationOut.querySelector('table.bm-confusion caption')!.textContent!, /^Confusion matrix/);

    drawn.length = 0;
    host.answer(zhCn);
    const evaluationView = evaluationOut.querySelector('.bigmodel-evaluation')!;
    assert.equal(evaluationView.getAttribute('lang'), 'zh-CN');
    assert.equal(evaluationOut.querySelectorAll('.bigmodel-evaluation').length, 1, 'drawn again in place, not twice');
    assert.equal(evaluationOut.querySelector('.bm-title')!.textContent, '在测试集上的评估 — 100 个样本');
    const confusion = evaluationOut.querySelector('table.bm-confusion')!;
    assert.match(confusion.querySelector('caption')!.textContent!, /^混淆矩阵：行是真实类别/);
    assert.equal(confusion.querySelector('thead th[scope="colgroup"]')!.textContent, '预测 →');
    assert.deepEqual(texts(confusion as HTMLElement, 'thead tr:last-child th'), ['真实 ↓', 'paid', 'default']);
    assert.equal(evaluationOut.querySelector('.bm-confused .bm-subtitle')!.textContent, '最常混淆（真实 → 预测）');
    assert.deepEqual(texts(evaluationOut, 'ol.bm-pairs li'), [
      'paid → default：10（占 paid 的 14.3%）',
      'default → paid：7（占 default 的 23.3%）',
    ]);
    assert.deepEqual(texts(evaluationOut, 'table.bm-per-class thead th'), ['类别', '精确率', '召回率', 'F1', '样本数']);
    assert.equal(evaluationOut.querySelector('table.bm-metrics caption')!.textContent, '指标');
    assert.equal(evaluationOut.querySelector('figure.bm-roc figcaption')!.textContent, 'ROC 曲线 — AUC 0.9125');
    assert.ok(
      drawn.includes('假阳性率') && drawn.includes('真阳性率') && drawn.includes('随机猜测'),
      `the ROC chart in Chinese: ${[...new Set(drawn)]}`,
    );

    const facts = Object.fromEntries(
      [...previewOut.querySelectorAll('dl.bm-facts dt')].map((dt) => [
        dt.textContent,
        dt.nextElementSibling!.textContent,
      ]),
    );
    assert.deepEqual(facts, {
      任务: '二分类',
      输入形状: '[23]',
      类别: '2: paid, default',
      训练集: '800 个样本（80.0%）',
      测试集: '200 个样本（20.0%）',
    });
    assert.equal(previewOut.querySelector('table.bm-balance caption')!.textContent, '类别分布（训练集）');
    assert.match(
      previewOut.querySelector('.bm-warning')!.textContent!,
      /^类别不平衡：最大类别的样本数是最小类别的 6\.0 倍/,
    );
    assert.equal(previewOut.querySelector('table.bm-samples caption')!.textContent, '样本行（1 行中的前 1 行）');

    assert.equal(
      modelOut.querySelector('.bm-title')!.textContent,
      '模型：1 层，1,000 个参数（100 个不可训练），3.9 KB',
    );
    assert.deepEqual(texts(modelOut, 'table.bm-layers thead th'), ['层', '类型', '输出形状', '参数', '占比']);
    assert.deepEqual(texts(modelOut, 'table.bm-layers tbody td').slice(1, 2), ['[批次, 10]']);

    // A payload it cannot draw says why in Chinese too.
    const newer = render(api, 'newer-zh', MIME.evaluation, { schema: 2 });
    assert.match(newer.querySelector('.bigmodel-plain p')!.textContent!, /第 2 版格式/);
    api.disposeOutputItem?.();
  });
});
