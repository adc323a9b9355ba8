// WebGPU through Dawn (the `webgpu` npm package): finds an adapter, refuses software ones unless asked,
// registers tfjs's WebGPU backend on that device, and remembers why it stopped working (a lost device, a GPU error).
import * as l10n from '@vscode/l10n';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tfjs from '@tensorflow/tfjs';
import { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import type { BackendCheck, GpuAdapterInfo } from '../../shared/protocol';

interface DawnModule {
  create(flags: string[]): { requestAdapter(options?: Record<string, unknown>): Promise<Adapter | null> };
  globals: Record<string, unknown>;
}
export interface Adapter {
  info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
  features: Set<string>;
  limits: Record<string, number>;
  requestDevice(descriptor?: Record<string, unknown>): Promise<Device>;
}
interface Device {
  lost: Promise<{ reason?: string; message?: string }>;
  addEventListener(type: 'uncapturederror', listener: (e: { error?: { message?: string } }) => void): void;
  queue: { submit(buffers: unknown[]): void };
  destroy(): void;
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

/** Why WebGPU stopped working in this process, or undefined while it works: the core then falls back to wasm. */
let failure: string | undefined;

export function webGpuFailure(): string | undefined {
  return failure;
}

/** Dawn's info on an adapter, read once: its fields are getters on a native object. */
export function describeAdapter(adapter: Adapter): GpuAdapterInfo {
  const info = adapter.info ?? {};
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const described = {
    vendor: text(info.vendor),
    architecture: text(info.architecture),
    device: text(info.device),
    description: text(info.description),
  };
  const all = Object.values(described).join(' ');
  return {
    ...described,
    software:
      adapter.isFallbackAdapter === true ||
      info.isFallbackAdapter === true ||
      described.architecture === 'software' ||
      /llvmpipe|lavapipe|swiftshader/i.test(all),
    maxBufferSize: adapter.limits.maxBufferSize ?? 0,
    maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize ?? 0,
  };
}

/** `NVIDIA ampere: NVIDIA GeForce RTX 3080`, or the fields Dawn filled. */
export function adapterLabel(a: GpuAdapterInfo): string {
  const maker = [a.vendor, a.architecture].filter(Boolean).join(' ');
  const model = [a.device, a.description]
    .filter(Boolean)
    .filter((v, i, all) => all.indexOf(v) === i)
    .join(', ');
  return [maker, model].filter(Boolean).join(': ') || l10n.t('unknown adapter');
}

const mib = (bytes: number) =>
  bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GiB` : `${Math.round(bytes / 2 ** 20)} MiB`;

/** The adapter's two size limits in words: a tensor above the binding size cannot be one kernel's input. */
export function adapterLimits(a: GpuAdapterInfo): string {
  return l10n.t('buffers up to {0}, {1} per kernel binding', mib(a.maxBufferSize), mib(a.maxStorageBufferBindingSize));
}

/**
 * A lost device (driver reset, out of memory, `destroy()`) or an error no kernel caught (a shader that does not
 * compile) leaves every later result wrong or missing: the core fails the cell and falls back for the rest of the
 * session. BIGMODEL_TEST_LOSE_WEBGPU_AFTER=n (tests only) destroys the device at its n-th queue submission.
 */
function watchDevice(device: Device): void {
  void device.lost.then((lost) => {
    failure ??= l10n.t(
      'the GPU device was lost ({0}): {1}',
      lost.reason ?? 'unknown',
      lost.message?.split('\n')[0] || '-',
    );
  });
  device.addEventListener('uncapturederror', (e) => {
    failure ??= l10n.t('a GPU error: {0}', e.error?.message?.split('\n')[0] ?? '-');
  });
  const loseAfter = Number(process.env.BIGMODEL_TEST_LOSE_WEBGPU_AFTER);
  if (Number.isInteger(loseAfter) && loseAfter > 0) {
    const queue = device.queue;
    const submit = queue.submit.bind(queue);
    let submitted = 0;
    queue.submit = (buffers) => {
      if (++submitted === loseAfter) device.destroy();
      submit(buffers);
    };
  }
}

/**
 * tfjs reads a GPU tensor synchronously (dataSync, arraySync, print) through an OffscreenCanvas, which Node lacks:
 * say what to do instead of "OffscreenCanvas is not defined". Tensors still on the CPU read as before.
 */
function withClearSyncReads(backend: WebGPUBackend): WebGPUBackend {
  const readSync = backend.readSync.bind(backend);
  backend.readSync = (dataId) => {
    try {
      return readSync(dataId);
    } catch (e) {
      if (!(e instanceof ReferenceError) || !/OffscreenCanvas/.test(e.message)) throw e;
      throw new Error(
        l10n.t(
          'WebGPU cannot read a tensor synchronously in Node (dataSync, arraySync, print, display of a computed tensor): use `await tensor.data()` or `await tensor.array()`, or set bigmodel.training.backend to "wasm"',
        ),
      );
    }
  };
  return backend;
}

export async function tryWebGpu(options: WebGpuOptions): Promise<{ check: BackendCheck; device?: string }> {
  const name = 'webgpu';
  if (!options.packagePath) {
    return {
      check: {
        name,
        usable: false,
        reason: l10n.t(
          'the `webgpu` package (Dawn) is not installed — run `npm i webgpu` in the folder that bigmodel.training.packageFolder (or `bigmodel --package-folder`) names; it needs a Vulkan, Metal or Direct3D 12 driver',
        ),
      },
    };
  }
  let dawn: DawnModule;
  try {
    dawn = await importModule(pathToFileURL(options.packagePath).href);
  } catch (e) {
    return {
      check: {
        name,
        usable: false,
        reason: l10n.t(
          'webgpu from {0} failed to load: {1}',
          path.dirname(options.packagePath),
          (e as Error).message.split('\n')[0],
        ),
      },
    };
  }
  Object.assign(globalThis, dawn.globals); // GPUBufferUsage, GPUMapMode, … that the tfjs backend uses
  const gpu = dawn.create(options.dawnFlags);
  const adapterOptions = {
    powerPreference: 'high-performance',
    ...(options.compatibility ? { featureLevel: 'compatibility' } : {}),
  };
  let adapter = await gpu.requestAdapter(adapterOptions);
  // A GPU whose only driver is OpenGL ES or Direct3D 11 (older ones) is offered in compatibility mode only: a
  // hardware adapter there still beats wasm, a software one does not replace the first answer.
  if (!options.compatibility && (!adapter || describeAdapter(adapter).software)) {
    const compatible = await gpu.requestAdapter({ ...adapterOptions, featureLevel: 'compatibility' });
    if (compatible && !describeAdapter(compatible).software) adapter = compatible;
  }
  if (!adapter) {
    return {
      check: {
        name,
        usable: false,
        reason: l10n.t(
          "no GPU adapter: Dawn found no usable driver (on Linux: libvulkan1 and the GPU vendor's Vulkan driver)",
        ),
      },
    };
  }
  const described = describeAdapter(adapter);
  const { limits: adapterLimitValues, info } = adapter;
  const label = adapterLabel(described);
  const software = described.software;
  if (software && !options.allowSoftware) {
    return {
      check: {
        name,
        usable: false,
        adapter: described,
        reason: l10n.t(
          'only a software adapter ({0}): the CPU pretending to be a GPU, slower than wasm; to use it anyway, turn on the setting bigmodel.training.allowSoftwareGpu (or set BIGMODEL_ALLOW_SOFTWARE_GPU=1 for the bigmodel command)',
          label,
        ),
      },
    };
  }
  try {
    const device = await adapter.requestDevice({
      requiredLimits: Object.fromEntries(
        [
          'maxComputeWorkgroupStorageSize',
          'maxComputeWorkgroupsPerDimension',
          'maxStorageBufferBindingSize',
          'maxBufferSize',
          'maxComputeWorkgroupSizeX',
          'maxComputeInvocationsPerWorkgroup',
        ]
          .filter((k) => adapterLimitValues[k] !== undefined)
          .map((k) => [k, adapterLimitValues[k]]),
      ),
    });
    watchDevice(device);
    // The tfjs backend checks navigator.gpu before it starts (Node 20 has no navigator at all).
    const g = globalThis as { navigator?: object };
    if (!g.navigator) g.navigator = {};
    Object.defineProperty(g.navigator, 'gpu', { value: gpu, configurable: true, writable: true });
    tfjs.registerBackend(name, () => withClearSyncReads(new WebGPUBackend(device as never, info as never)), 0);
    if (!(await tfjs.setBackend(name))) throw new Error('setBackend returned false');
    await tfjs.ready();
  } catch (e) {
    return {
      check: {
        name,
        usable: false,
        adapter: described,
        reason: l10n.t('the WebGPU backend failed on {0}: {1}', label, (e as Error).message.split('\n')[0]),
      },
    };
  }
  const limits = adapterLimits(described);
  const reason = software
    ? l10n.t(
        '{0} (software adapter, allowed by bigmodel.training.allowSoftwareGpu or BIGMODEL_ALLOW_SOFTWARE_GPU); {1}',
        label,
        limits,
      )
    : l10n.t('{0}; {1}', label, limits);
  return {
    check: { name, usable: true, adapter: described, reason },
    device: l10n.t('{0} (WebGPU; {1})', label, limits),
  };
}
