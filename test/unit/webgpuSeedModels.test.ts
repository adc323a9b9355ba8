// Every seed notebook (examples/*.bigmodel) runs on WebGPU through the real training core, on Dawn's software GL
// driver: its data, model and train cells (with evaluate, summary and cross-validation where the notebook has them),
// on a few dozen rows for one epoch so a 2-core CI machine takes seconds. Whether a model learns is the wasm tests'
// job (examplesSeedModels.test.ts); this checks that nothing in a run needs a kernel or a read WebGPU lacks in Node.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TrainingCore } from '../../src/client/trainingCore';
import { parseNotebook } from '../../src/shared/notebookFile';
import { MIME, type TrainingPayload } from '../../src/shared/outputs';

const root = path.join(__dirname, '../../..');
const corePath = path.join(root, 'dist/core.js');
const headlessGl = { EGL_PLATFORM: 'surfaceless', BIGMODEL_DAWN_FLAGS: 'backend=opengl', BIGMODEL_GPU_COMPAT: '1' };
const ROWS = 48;

/**
 * The notebook's bigmodel cells on `ROWS` rows and one epoch; `predict` on the session's model, without the `export`
 * that would write into examples/; not Fashion-MNIST's summary: it reads the 10,000 test images, half a minute on llvmpipe.
 */
function quickCells(name: string): string[] {
  const notebook = parseNotebook(fs.readFileSync(path.join(root, 'examples', name), 'utf8'));
  const sources = notebook.cells
    .filter((c) => c.kind === 'code' && (c.language ?? 'bigmodel') === 'bigmodel')
    .map((c) => c.source.join('\n'));
  const images = sources.some((s) => /source: fashion-mnist/.test(s));
  return sources
    .map((source) => source.replace(/^export:\n(?: {2}.*\n)*/m, ''))
    .filter((source) => source.trim() !== '' && !(images && /^summary:/m.test(source)))
    .map((source) =>
      source
        .replace(/^data:\n/m, `data:\n  limit: ${ROWS}\n`)
        .replace(/^ {2}epochs: \d+$/m, '  epochs: 1')
        .replace(/^ {2}folds: \d+$/m, '  folds: 2')
        // Fashion-MNIST's test set is 10,000 images: evaluated on llvmpipe that is minutes, so the held-back rows instead.
        .replace(/^ {2}on: test$/m, '  on: validation'),
    );
}

const SEEDS = fs
  .readdirSync(path.join(root, 'examples'))
  .filter((f) => f.endsWith('.bigmodel'))
  .sort();

describe('every seed notebook trains on WebGPU (Dawn on llvmpipe), on a few rows', function () {
  this.timeout(120000);
  let core: TrainingCore;
  before(async () => {
    core = await TrainingCore.start({
      corePath,
      backend: 'webgpu',
      allowSoftwareGpu: true,
      notebookFolder: path.join(root, 'examples'),
      env: headlessGl,
    });
  });
  after(async () => {
    await core?.dispose();
  });

  it('has the seed models the issue names: binary classifier, MLP, CNN, recommender, transformer', () => {
    for (const name of [
      'xor.bigmodel',
      'fashion-mnist-mlp.bigmodel',
      'fashion-mnist-cnn.bigmodel',
      'recommender.bigmodel',
      'transformer-text.bigmodel',
    ])
      assert.ok(SEEDS.includes(name), name);
  });

  for (const name of SEEDS) {
    it(name, async () => {
      assert.equal(core.info.backend, 'webgpu');
      const trained: TrainingPayload[] = [];
      for (const [i, source] of quickCells(name).entries()) {
        const result = await core.runCell({ cellId: `${name}-${i}`, language: 'bigmodel', source });
        for (const item of result.outputs.flatMap((o) => o.items))
          if (item.mime === MIME.training) trained.push(item.data as TrainingPayload);
        // A prediction reads the model's output back: asynchronously, since WebGPU in Node cannot read synchronously.
        if (/^predict:/m.test(source))
          assert.ok(
            result.outputs.some((o) => o.items.some((it) => it.mime === 'text/plain' && /\S/.test(String(it.data)))),
            'predictions',
          );
      }
      assert.ok(trained.length >= 1, 'a cell trained');
      for (const p of trained) {
        assert.equal(p.backend, 'webgpu');
        // The device the dashboard and the status bar show: the adapter and its memory limits.
        assert.match(p.device, /llvmpipe.*\(WebGPU; buffers up to .* per kernel binding\)$/);
        assert.equal(p.epochs.length, 1);
        assert.ok(Number.isFinite(p.epochs[0].loss), `loss ${p.epochs[0].loss}`);
      }
    });
  }
});
