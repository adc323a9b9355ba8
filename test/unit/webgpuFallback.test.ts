// A WebGPU device that is lost mid-training (here destroyed for real by the core's test hook, on Dawn's software GL
// driver) ends the cell with a clear error, and the next run trains on wasm and says why; the adapter the core found
// is named with its memory limits; a synchronous read that WebGPU cannot do in Node says what to do instead.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { TrainingCore } from '../../src/client/trainingCore';
import { BigModelError } from '../../src/shared/bigModelError';
import { MIME, type TrainingPayload } from '../../src/shared/outputs';
import type { RunCellResult } from '../../src/shared/protocol';

const corePath = path.join(__dirname, '../../../dist/core.js');
const headlessGl = { EGL_PLATFORM: 'surfaceless', BIGMODEL_DAWN_FLAGS: 'backend=opengl', BIGMODEL_GPU_COMPAT: '1' };
const DATA = 'data: { source: xor, seed: 5 }';
const MODEL =
  'model:\n  layers:\n    - dense: { units: 8, activation: relu }\n    - dense: { units: 1, activation: sigmoid }';
const TRAIN = 'train: { epochs: 3, learningRate: 0.05, batchSize: 64 }';

const training = (r: RunCellResult) =>
  r.outputs.flatMap((o) => o.items).find((i) => i.mime === MIME.training)?.data as TrainingPayload;
const stderr = (r: RunCellResult) =>
  r.outputs
    .flatMap((o) => o.items)
    .filter((i) => i.mime === 'application/vnd.code.notebook.stderr')
    .map((i) => String(i.data));

describe('WebGPU failing mid-session (Dawn on a software GL driver)', function () {
  this.timeout(120000);

  it('names the adapter, its vendor fields and memory limits in the checks and the device', async () => {
    const core = await TrainingCore.start({ corePath, backend: 'webgpu', allowSoftwareGpu: true, env: headlessGl });
    try {
      const webgpu = core.info.checks.find((c) => c.name === 'webgpu');
      assert.equal(webgpu?.usable, true);
      const adapter = webgpu?.adapter;
      assert.ok(adapter, 'the check carries the adapter');
      assert.equal(adapter.software, true);
      assert.match(`${adapter.device} ${adapter.description}`, /llvmpipe/);
      assert.ok(adapter.maxBufferSize >= 2 ** 28, `maxBufferSize ${adapter.maxBufferSize}`);
      assert.ok(
        adapter.maxStorageBufferBindingSize >= 2 ** 27,
        `maxStorageBufferBindingSize ${adapter.maxStorageBufferBindingSize}`,
      );
      assert.match(
        core.info.device,
        /llvmpipe.*\(WebGPU; buffers up to \d+(\.\d)? [GM]iB, \d+(\.\d)? [GM]iB per kernel binding\)/,
      );
      assert.match(
        webgpu.reason,
        /software adapter, allowed by bigmodel.training.allowSoftwareGpu or BIGMODEL_ALLOW_SOFTWARE_GPU/,
      );
    } finally {
      await core.dispose();
    }
  });

  it('ends the cell whose device was lost with a clear error; the next run trains on wasm and says why', async () => {
    // The device is destroyed at the 150th queue submission: after the data and model cells, early in training.
    const core = await TrainingCore.start({
      corePath,
      backend: 'webgpu',
      allowSoftwareGpu: true,
      env: { ...headlessGl, BIGMODEL_TEST_LOSE_WEBGPU_AFTER: '150' },
    });
    try {
      assert.equal(core.info.backend, 'webgpu');
      await core.runCell({ cellId: 'a', language: 'bigmodel', source: DATA });
      await core.runCell({ cellId: 'b', language: 'bigmodel', source: MODEL });
      await assert.rejects(core.runCell({ cellId: 'c', language: 'bigmodel', source: TRAIN }), (e: unknown) => {
        assert.ok(e instanceof BigModelError, String(e));
        assert.equal(e.category, 'training');
        assert.match(e.message, /^WebGPU failed while this cell ran \(the GPU device was lost \(destroyed\)/);
        assert.match(e.message, /The next run falls back to WebAssembly \(wasm\)/);
        return true;
      });

      const data = await core.runCell({ cellId: 'a', language: 'bigmodel', source: DATA });
      assert.equal(stderr(data).length, 1);
      assert.match(
        stderr(data)[0],
        /^WebGPU failed earlier in this session \(the GPU device was lost \(destroyed\).*\): training now runs on wasm \(.*WebAssembly SIMD/,
      );
      await core.runCell({ cellId: 'b', language: 'bigmodel', source: MODEL });
      const trained = await core.runCell({ cellId: 'c', language: 'bigmodel', source: TRAIN });
      assert.deepEqual(stderr(trained), [], 'the reason is said once, by the first run after the failure');
      const p = training(trained);
      assert.equal(p.backend, 'wasm');
      assert.equal(p.epochs.length, 3);
      assert.ok(p.epochs[2].loss < p.epochs[0].loss, `loss ${p.epochs[0].loss} → ${p.epochs[2].loss}`);
    } finally {
      await core.dispose();
    }
  });

  it('a GPU error no kernel caught (a shader that does not compile) fails its cell the same way', async () => {
    const core = await TrainingCore.start({ corePath, backend: 'webgpu', allowSoftwareGpu: true, env: headlessGl });
    try {
      // The device tfjs trains on, given WGSL that does not parse; Dawn reports it as an uncaptured error, a moment later.
      const broken =
        "tf.backend().device.createShaderModule({ code: 'not a shader' });\nawait new Promise((r) => setTimeout(r, 200));";
      await assert.rejects(
        core.runCell({ cellId: 's', language: 'javascript', source: broken }),
        /^BigModelError: WebGPU failed while this cell ran \(a GPU error: Error while parsing WGSL/,
      );
      const data = await core.runCell({ cellId: 'a', language: 'bigmodel', source: DATA });
      assert.match(stderr(data)[0] ?? '', /training now runs on wasm/);
    } finally {
      await core.dispose();
    }
  });

  it('a core whose device was not lost keeps WebGPU: the hook is off unless its variable is set', async () => {
    const core = await TrainingCore.start({ corePath, backend: 'webgpu', allowSoftwareGpu: true, env: headlessGl });
    try {
      // A synchronous read of a result on the GPU says what to do instead; an asynchronous one works; neither loses WebGPU.
      const product = 'const p = tf.matMul(tf.ones([64, 64]), tf.ones([64, 64]));';
      await assert.rejects(
        core.runCell({ cellId: 's', language: 'javascript', source: `${product}\np.dataSync();` }),
        /WebGPU cannot read a tensor synchronously in Node .*use `await tensor\.data\(\)`/,
      );
      const read = await core.runCell({
        cellId: 's',
        language: 'javascript',
        source: `${product}\nconsole.log((await p.data())[0]);`,
      });
      assert.match(JSON.stringify(read.outputs), /64/);
      await core.runCell({ cellId: 'a', language: 'bigmodel', source: DATA });
      await core.runCell({ cellId: 'b', language: 'bigmodel', source: MODEL });
      const first = await core.runCell({ cellId: 'c', language: 'bigmodel', source: TRAIN });
      const second = await core.runCell({ cellId: 'c', language: 'bigmodel', source: TRAIN });
      assert.equal(training(first).backend, 'webgpu');
      assert.equal(training(second).backend, 'webgpu');
      assert.deepEqual([...stderr(first), ...stderr(second)], []);
    } finally {
      await core.dispose();
    }
  });
});
