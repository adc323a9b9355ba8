// Which adapters `auto` takes before wasm: a hardware one (Vulkan, Metal, Direct3D 12), never the CPU pretending to
// be a GPU; read from Dawn's GPUAdapterInfo as real drivers fill it.
import * as assert from 'node:assert/strict';
import { adapterLabel, adapterLimits, describeAdapter } from '../../src/core/backends/webgpu';

const limits = { maxBufferSize: 4 * 2 ** 30, maxStorageBufferBindingSize: 2 ** 31 - 4 };
const adapter = (info: Record<string, unknown>, isFallbackAdapter?: boolean) =>
  describeAdapter({
    info,
    isFallbackAdapter,
    features: new Set(),
    limits,
    requestDevice: () => Promise.reject(new Error('not here')),
  });

describe('WebGPU adapters: hardware or software', () => {
  it('takes hardware adapters as Dawn describes them on Vulkan, Metal and Direct3D 12', () => {
    const nvidia = adapter({
      vendor: 'nvidia',
      architecture: 'ampere',
      device: '',
      description: 'NVIDIA GeForce RTX 3080',
    });
    const apple = adapter({ vendor: 'apple', architecture: 'common-3', device: '', description: 'Apple M2' });
    const intel = adapter({
      vendor: 'intel',
      architecture: 'gen-12lp',
      device: '0x9a49',
      description: 'Intel(R) Iris(R) Xe Graphics',
    });
    for (const a of [nvidia, apple, intel]) assert.equal(a.software, false, JSON.stringify(a));
    assert.equal(adapterLabel(nvidia), 'nvidia ampere: NVIDIA GeForce RTX 3080');
    assert.equal(adapterLabel(intel), 'intel gen-12lp: 0x9a49, Intel(R) Iris(R) Xe Graphics');
    assert.deepEqual(
      [nvidia.maxBufferSize, nvidia.maxStorageBufferBindingSize],
      [limits.maxBufferSize, limits.maxStorageBufferBindingSize],
    );
    assert.equal(adapterLimits(nvidia), 'buffers up to 4.0 GiB, 2.0 GiB per kernel binding');
  });

  it('refuses software adapters however they are marked', () => {
    assert.equal(
      adapter({ vendor: 'mesa', architecture: '', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' }).software,
      true,
    );
    assert.equal(adapter({ vendor: 'mesa', description: 'lavapipe' }).software, true);
    assert.equal(
      adapter({ vendor: 'google', architecture: 'swiftshader', description: 'SwiftShader Device (Subzero)' }).software,
      true,
    );
    assert.equal(adapter({ vendor: 'x', architecture: 'software' }).software, true);
    assert.equal(adapter({ vendor: 'x', description: 'y', isFallbackAdapter: true }).software, true);
    assert.equal(adapter({ vendor: 'x', description: 'y' }, true).software, true);
  });

  it('names an adapter Dawn said nothing about', () => {
    const blank = adapter({});
    assert.equal(adapterLabel(blank), 'unknown adapter');
    assert.equal(
      adapterLimits({ ...blank, maxBufferSize: 256 * 2 ** 20, maxStorageBufferBindingSize: 128 * 2 ** 20 }),
      'buffers up to 256 MiB, 128 MiB per kernel binding',
    );
  });
});
