// The hardware layer's chooser: picks the training backend (tfjs-node-gpu, tfjs-node, WebGPU, wasm, cpu), says why others were
// passed over, and registers the kernels of ours each needs; the rest of the core never asks which one runs.
import * as l10n from '@vscode/l10n';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import { createRequire } from 'node:module';
import * as tfjs from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { BackendCheck, BackendName, BackendPreference } from '../../shared/protocol';
import { describeCuda } from './cudaLibraries';
import { registerConvFilterGradient, registerWasmTrainingKernels } from './gradientKernels';
import { tryWebGpu, webGpuFailure } from './webgpu';
import { startThreadedWasm } from './wasmThreads';
import { prepareWasmKernels } from './wasmKernelModule';
import { ReplicaPool } from './replicaPool';
import type { DataParallel } from '../training/dataParallel';
import type { Tf } from '../tf';

export interface ChosenBackend {
  tf: Tf;
  backend: BackendName;
  device: string;
  checks: BackendCheck[];
  /** Replicas of the model on the other cores, where this backend trains with them. */
  parallel?: DataParallel;
}

const checkOf = ({ name, usable, reason }: WasmCheck): BackendCheck => ({ name, usable, reason });

export const BACKEND_ORDER: BackendName[] = ['tensorflow-gpu', 'tensorflow', 'webgpu', 'wasm', 'cpu'];

/**
 * Folders whose `node_modules` may hold a native package: those the client named (a setting, a flag), then our own
 * install. Nothing else: the workspace only when the user said so, and never a folder above one of these.
 */
function lookupFolders(options: BackendOptions): string[] {
  return [...(options.packageFolders ?? []), OWN_INSTALL];
}

/** The folder holding dist/: its node_modules has the packages installed with BigModel Studio. */
const OWN_INSTALL = path.join(__dirname, '..');

/**
 * `<folder>/node_modules/<pkg>` exactly. Node's own lookup (`require.resolve`, `import`) climbs through every folder
 * above, up to `/node_modules`: a package placed in any of them would run. A path resolves as itself, so no climbing.
 */
export function resolveIn(pkg: string, folder: string): string | undefined {
  const dir = path.join(folder, 'node_modules', pkg);
  if (!fs.existsSync(path.join(dir, 'package.json'))) return undefined;
  try {
    return createRequire(__filename).resolve(dir);
  } catch {
    return undefined; // a package.json without a loadable main
  }
}

function resolveFrom(pkg: string, folders: string[]): string | undefined {
  for (const folder of folders) {
    const found = resolveIn(pkg, folder);
    if (found) return found;
  }
  return undefined;
}

async function tryNative(pkg: string, name: BackendName, folders: string[]): Promise<{ check: BackendCheck; tf?: Tf }> {
  const where = resolveFrom(pkg, folders);
  const gpu = name === 'tensorflow-gpu';
  if (!where) {
    const reason = gpu
      ? l10n.t(
          '{0} is not installed — run `npm i {0}` in the folder that bigmodel.training.packageFolder (or `bigmodel --package-folder`) names; it needs CUDA 11.2 and cuDNN 8.1 ({1})',
          pkg,
          describeCuda(),
        )
      : l10n.t(
          '{0} is not installed — run `npm i {0}` in the folder that bigmodel.training.packageFolder (or `bigmodel --package-folder`) names',
          pkg,
        );
    return { check: { name, usable: false, reason } };
  }
  try {
    const tf = createRequire(where)(where) as Tf;
    await tf.ready();
    const active = tf.getBackend();
    if (active !== 'tensorflow')
      return { check: { name, usable: false, reason: l10n.t('{0} loaded but its backend is {1}', pkg, active) } };
    return { check: { name, usable: true, reason: l10n.t('{0} from {1}', pkg, path.dirname(where)) }, tf };
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0];
    const reason = gpu
      ? l10n.t(
          '{0} failed to load: {1} (it needs CUDA 11.2 and cuDNN 8.1 on the library path; {2})',
          pkg,
          msg,
          describeCuda(),
        )
      : l10n.t('{0} failed to load: {1}', pkg, msg);
    return { check: { name, usable: false, reason } };
  }
}

/**
 * Threads for the wasm backend: BIGMODEL_WASM_THREADS if set, else every core but one (left to the editor), at most
 * 8. On 2 cores that is 1: measured there under load, 2 threads made a tiny model (XOR) 2x slower, since each op
 * waits for a thread the busy machine has descheduled (README, Performance).
 */
export function wasmThreadsWanted(env: NodeJS.ProcessEnv = process.env, cores = os.availableParallelism()): number {
  const asked = Number(env.BIGMODEL_WASM_THREADS);
  const n = Number.isInteger(asked) && asked >= 1 ? asked : cores - 1;
  return Math.min(8, Math.max(1, n));
}

/**
 * How the wasm backend uses more than one thread: replicas of the model, each training its share of every batch (the
 * default: measured faster, docs/performance.md "Every core"), or BIGMODEL_PARALLEL=threads, tfjs's threaded build
 * with our products split over its threads.
 */
export function parallelWanted(env: NodeJS.ProcessEnv = process.env): 'replicas' | 'threads' {
  return env.BIGMODEL_PARALLEL === 'threads' ? 'threads' : 'replicas';
}

interface WasmCheck extends BackendCheck {
  /** The threads of tfjs's threaded build (1 for the plain one). */
  threads: number;
  /** Replicas of the model beside this thread (0 for none). */
  replicas: number;
}

async function tryWasm(): Promise<WasmCheck> {
  try {
    // The build ships the .wasm binaries (and the threaded build's factory) beside the core bundle (dist/).
    setWasmPaths(__dirname + path.sep);
    const wanted = wasmThreadsWanted();
    const replicas = wanted > 1 && parallelWanted() === 'replicas' ? wanted - 1 : 0;
    let threads = 1;
    let note = wanted > 1 ? '' : l10n.t('BIGMODEL_WASM_THREADS=2 or more for threads');
    if (wanted > 1 && replicas === 0) {
      try {
        threads = await startThreadedWasm(tfjs, __dirname, wanted);
      } catch (e) {
        note = l10n.t('threads failed, so 1: {0}', (e as Error).message);
        tfjs.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      }
    } else tfjs.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    if (tfjs.getBackend() !== 'wasm' && !(await tfjs.setBackend('wasm')))
      return {
        name: 'wasm',
        usable: false,
        reason: l10n.t('the wasm backend did not initialise'),
        threads,
        replicas: 0,
      };
    registerWasmTrainingKernels(tfjs, 'wasm');
    prepareWasmKernels(tfjs.backend());
    const words = replicas > 0 ? replicaWords(replicas + 1) : threadWord(threads);
    return {
      name: 'wasm',
      usable: true,
      reason: note
        ? l10n.t('WebAssembly with SIMD, {0} ({1})', words, note)
        : l10n.t('WebAssembly with SIMD, {0}', words),
      threads,
      replicas,
    };
  } catch (e) {
    return {
      name: 'wasm',
      usable: false,
      reason: l10n.t('the wasm backend failed: {0}', (e as Error).message),
      threads: 1,
      replicas: 0,
    };
  }
}

const threadWord = (n: number) => (n === 1 ? l10n.t('1 thread') : l10n.t('{0} threads', n));
const replicaWords = (n: number) => l10n.t('{0} threads, each training its share of every batch', n);

/** Tries backends in order (or only the one asked for) and returns the first that works. */
export interface BackendOptions {
  /** Accept a software GPU adapter (llvmpipe, lavapipe): CI uses it to exercise the WebGPU path. */
  allowSoftwareGpu?: boolean;
  /** Folders whose own node_modules may hold tfjs-node(-gpu) or webgpu, in order (StartCoreParams.packageFolders). */
  packageFolders?: string[];
}

export async function chooseBackend(
  preference: BackendPreference,
  options: BackendOptions = {},
): Promise<ChosenBackend> {
  const chosen = await firstWorking(preference, options);
  // The doctor lists every backend, also those after the one that worked.
  for (const name of BACKEND_ORDER) {
    if (!chosen.checks.some((c) => c.name === name))
      chosen.checks.push({
        name,
        usable: false,
        reason: l10n.t('not tried: {0} works and comes first', chosen.backend),
      });
  }
  return chosen;
}

const cpuLabel = () => os.cpus()[0]?.model?.trim() || 'CPU';
const wasmDevice = (words: string) => `${cpuLabel()} (WebAssembly SIMD, ${words})`;

/** The wasm backend as chosen: with replicas of the model on the other threads where it has them. */
function wasmBackend(check: WasmCheck, checks: BackendCheck[]): ChosenBackend {
  if (check.replicas === 0) return { tf: tfjs, backend: 'wasm', device: wasmDevice(threadWord(check.threads)), checks };
  const describe = (threads: number, whyOne?: string) =>
    threads > 1 ? wasmDevice(replicaWords(threads)) : wasmDevice(l10n.t('1 thread: {0}', whyOne ?? ''));
  return {
    tf: tfjs,
    backend: 'wasm',
    device: describe(check.replicas + 1),
    checks,
    parallel: new ReplicaPool(tfjs, check.replicas, __dirname, describe),
  };
}

async function useCpu(): Promise<BackendCheck> {
  await tfjs.setBackend('cpu');
  registerConvFilterGradient(tfjs, 'cpu');
  return { name: 'cpu', usable: true, reason: l10n.t('plain JavaScript: always available, slowest') };
}

/** Why the session's WebGPU device cannot be trusted any more (lost, an uncaught GPU error), or undefined. */
export function failedWebGpu(chosen: ChosenBackend): string | undefined {
  return chosen.backend === 'webgpu' ? webGpuFailure() : undefined;
}

/**
 * The next backend in the order after WebGPU failed in this process (wasm, else cpu), its check saying why: the
 * device does not come back, and trying it again would fail the same way.
 */
export async function fallBackFromWebGpu(chosen: ChosenBackend, failure: string): Promise<ChosenBackend> {
  const webgpu: BackendCheck = {
    name: 'webgpu',
    ...chosen.checks.find((c) => c.name === 'webgpu'),
    usable: false,
    reason: l10n.t('failed in this session: {0}', failure),
  };
  const wasm = await tryWasm();
  const replace = (check: BackendCheck) =>
    chosen.checks.map((c) => (c.name === 'webgpu' ? webgpu : c.name === check.name ? check : c));
  if (wasm.usable) return wasmBackend(wasm, replace(checkOf(wasm)));
  const cpu = await useCpu();
  return {
    tf: tfjs,
    backend: 'cpu',
    device: `${cpuLabel()} (JavaScript)`,
    checks: replace(checkOf(wasm)).map((c) => (c.name === 'cpu' ? cpu : c)),
  };
}

async function firstWorking(preference: BackendPreference, options: BackendOptions): Promise<ChosenBackend> {
  const folders = lookupFolders(options);
  const checks: BackendCheck[] = [];
  const wanted = preference === 'auto' ? BACKEND_ORDER : [preference];
  const cpuName = cpuLabel();
  for (const name of BACKEND_ORDER) {
    if (!wanted.includes(name)) {
      checks.push({ name, usable: false, reason: l10n.t('not tried: bigmodel.training.backend is "{0}"', preference) });
      continue;
    }
    if (name === 'tensorflow-gpu' || name === 'tensorflow') {
      const pkg = name === 'tensorflow-gpu' ? '@tensorflow/tfjs-node-gpu' : '@tensorflow/tfjs-node';
      const { check, tf } = await tryNative(pkg, name, folders);
      checks.push(check);
      if (tf)
        return {
          tf,
          backend: name,
          device: name === 'tensorflow-gpu' ? 'GPU (CUDA)' : `${cpuName} (libtensorflow)`,
          checks,
        };
    } else if (name === 'webgpu') {
      const env = process.env;
      const { check, device } = await tryWebGpu({
        packagePath: resolveFrom('webgpu', folders),
        allowSoftware: options.allowSoftwareGpu === true || env.BIGMODEL_ALLOW_SOFTWARE_GPU === '1',
        dawnFlags: (env.BIGMODEL_DAWN_FLAGS ?? '').split(',').filter(Boolean),
        compatibility: env.BIGMODEL_GPU_COMPAT === '1',
      });
      checks.push(check);
      if (device) return { tf: tfjs, backend: 'webgpu', device, checks };
    } else if (name === 'wasm') {
      const wasm = await tryWasm();
      checks.push(checkOf(wasm));
      if (wasm.usable) return wasmBackend(wasm, checks);
    } else {
      checks.push(await useCpu());
      return { tf: tfjs, backend: 'cpu', device: `${cpuLabel()} (JavaScript)`, checks };
    }
  }
  // Only reachable when a single non-cpu backend was asked for and failed.
  const failed = checks.find((c) => c.name === preference);
  throw new Error(
    l10n.t(
      'the training backend "{0}" cannot run here: {1}. Set bigmodel.training.backend to "auto".',
      preference,
      failed?.reason ?? l10n.t('unknown'),
    ),
  );
}
