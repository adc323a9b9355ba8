// WebGPU through Dawn (the `webgpu` npm package): finds an adapter, refuses software ones unless asked,
// and registers tfjs's WebGPU backend on that device.
import * as l10n from '@vscode/l10n';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tfjs from '@tensorflow/tfjs';
import { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import type { BackendCheck } from '../../shared/protocol';

interface DawnModule {
  create(flags: string[]): { requestAdapter(options?: Record<string, unknown>): Promise<Adapter | null> };
  globals: Record<string, unknown>;
}
interface Adapter {
  info?: { vendor?: string; architecture?: string; device?: string; description?: string };
  isFallbackAdapter?: boolean;
  features: Set<string>;
  limits: Record<string, number>;
  requestDevice(descriptor?: Record<string, unknown>): Promise<unknown>;
}

export interface WebGpuOptions {
  /** Where `webgpu` resolved from (undefined: not installed). */
  packagePath?: string;
  allowSoftware: boolean;
  /** Dawn toggles, e.g. `backend=opengl` (BIGMODEL_DAWN_FLAGS, comma separated). */
  dawnFlags: string[];
  /** WebGPU compatibility mode (needed on OpenGL ES drivers). */
  compatibility: boolean;
}

// Hidden from the bundler: `webgpu` is an ES module only, and a bundled `import()` would become `require()`.
const importModule = new Function('url', 'return import(url)') as (url: string) => Promise<DawnModule>;

export async function tryWebGpu(options: WebGpuOptions): Promise<{ check: BackendCheck; device?: string }> {
  const name = 'webgpu';
  if (!options.packagePath) {
    return { check: { name, usable: false, reason: l10n.t('the `webgpu` package (Dawn) is not installed — run `npm i webgpu` in the folder that bigmodel.training.packageFolder (or `bigmodel --package-folder`) names; it needs a Vulkan, Metal or Direct3D 12 driver') } };
  }
  let dawn: DawnModule;
  try {
    dawn = await importModule(pathToFileURL(options.packagePath).href);
  } catch (e) {
    return { check: { name, usable: false, reason: l10n.t('webgpu from {0} failed to load: {1}', path.dirname(options.packagePath), (e as Error).message.split('\n')[0]) } };
  }
  Object.assign(globalThis, dawn.globals); // GPUBufferUsage, GPUMapMode, … that the tfjs backend uses
  const gpu = dawn.create(options.dawnFlags);
  const adapterOptions = { powerPreference: 'high-performance', ...(options.compatibility ? { featureLevel: 'compatibility' } : {}) };
  const adapter = await gpu.requestAdapter(adapterOptions);
  if (!adapter) {
    return { check: { name, usable: false, reason: l10n.t('no GPU adapter: Dawn found no usable driver (on Linux: libvulkan1 and the GPU vendor\'s Vulkan driver)') } };
  }
  const info = adapter.info ?? {};
  const label = [info.device, info.description, info.vendor].filter(Boolean).join(', ') || l10n.t('unknown adapter');
  const software = adapter.isFallbackAdapter === true || info.architecture === 'software' || /llvmpipe|lavapipe|swiftshader/i.test(label);
  if (software && !options.allowSoftware) {
    return { check: { name, usable: false, reason: l10n.t('only a software adapter ({0}): the CPU pretending to be a GPU, slower than wasm; set BIGMODEL_ALLOW_SOFTWARE_GPU=1 to use it anyway', label) } };
  }
  try {
    const device = await adapter.requestDevice({
      requiredLimits: Object.fromEntries(
        ['maxComputeWorkgroupStorageSize', 'maxComputeWorkgroupsPerDimension', 'maxStorageBufferBindingSize', 'maxBufferSize', 'maxComputeWorkgroupSizeX', 'maxComputeInvocationsPerWorkgroup']
          .filter((k) => adapter.limits[k] !== undefined)
          .map((k) => [k, adapter.limits[k]]),
      ),
    });
    // The tfjs backend checks navigator.gpu before it starts (Node 20 has no navigator at all).
    const g = globalThis as { navigator?: object };
    if (!g.navigator) g.navigator = {};
    Object.defineProperty(g.navigator, 'gpu', { value: gpu, configurable: true, writable: true });
    tfjs.registerBackend(name, () => new WebGPUBackend(device as never, info as never), 0);
    if (!(await tfjs.setBackend(name))) throw new Error('setBackend returned false');
    await tfjs.ready();
  } catch (e) {
    return { check: { name, usable: false, reason: l10n.t('the WebGPU backend failed on {0}: {1}', label, (e as Error).message.split('\n')[0]) } };
  }
  return { check: { name, usable: true, reason: software ? l10n.t('{0} (software adapter, allowed by BIGMODEL_ALLOW_SOFTWARE_GPU)', label) : label }, device: `${label} (WebGPU)` };
}
