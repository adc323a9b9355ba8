// The WebGPU path through Dawn, on the software OpenGL driver (llvmpipe) every Debian machine has, so it cannot rot
// unseen. Numbers from a software adapter say nothing about a real GPU; this checks that the path trains at all.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { TrainingCore } from '../../src/client/trainingCore';
import { MIME, type TrainingPayload } from '../../src/shared/outputs';

const corePath = path.join(__dirname, '../../../dist/core.js');
const headlessGl = { EGL_PLATFORM: 'surfaceless', BIGMODEL_DAWN_FLAGS: 'backend=opengl', BIGMODEL_GPU_COMPAT: '1' };

describe('the WebGPU backend (Dawn on a software GL driver)', () => {
  it('is skipped by auto selection when the only adapter is software', async () => {
    const core = await TrainingCore.start({ corePath, backend: 'auto', env: headlessGl });
    try {
      const webgpu = core.info.checks.find((c) => c.name === 'webgpu');
      assert.equal(webgpu?.usable, false);
      assert.match(webgpu?.reason ?? '', /software adapter \(llvmpipe/);
      assert.equal(core.info.backend, 'wasm');
    } finally {
      await core.dispose();
    }
  });

  it('trains XOR on WebGPU when software adapters are allowed', async () => {
    const core = await TrainingCore.start({ corePath, backend: 'webgpu', allowSoftwareGpu: true, env: headlessGl });
    try {
      assert.equal(core.info.backend, 'webgpu');
      assert.match(core.info.device, /llvmpipe/);
      await core.runCell({
        cellId: 'a',
        language: 'bigmodel',
        source:
          'data: { source: xor, seed: 5 }\nmodel:\n  layers:\n    - dense: { units: 8, activation: relu }\n    - dense: { units: 1, activation: sigmoid }',
      });
      const result = await core.runCell({
        cellId: 'b',
        language: 'bigmodel',
        source: 'train: { epochs: 4, learningRate: 0.05, batchSize: 64 }',
      });
      const p = result.outputs.flatMap((o) => o.items).find((i) => i.mime === MIME.training)?.data as TrainingPayload;
      assert.equal(p.backend, 'webgpu');
      assert.equal(p.epochs.length, 4);
      assert.ok(p.epochs[3].loss < p.epochs[0].loss, `loss ${p.epochs[0].loss} → ${p.epochs[3].loss}`);
    } finally {
      await core.dispose();
    }
  });
});
