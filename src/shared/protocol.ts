// Every message between the extension host (client) and the training core process, one typed descriptor each.
import { NotificationType, NotificationType0, RequestType, RequestType0 } from 'vscode-jsonrpc';
import type { BigModelErrorData } from './bigModelError';
import type { RunRecord, TrainingPayload } from './outputs';

export type BackendName = 'tensorflow-gpu' | 'tensorflow' | 'webgpu' | 'wasm' | 'cpu';
export type BackendPreference = 'auto' | BackendName;

export interface StartCoreParams {
  backend: BackendPreference;
  /** Folder the notebook lives in: relative paths in cells resolve against it. */
  notebookFolder?: string;
  /** Accept a software GPU adapter for WebGPU (bigmodel.training.allowSoftwareGpu). */
  allowSoftwareGpu?: boolean;
  /**
   * Folders whose own `node_modules` may hold a native backend (tfjs-node(-gpu), webgpu), looked at in this order and
   * never above them; the core's own install comes last. The client decides which (settings, flags): the core trusts none.
   */
  packageFolders?: string[];
  /** VS Code's display language (e.g. `zh-cn`): a summary with `language: auto` is written in it. */
  displayLanguage?: string;
  /**
   * The client puts training histories back together (LiveEpochsReceiver in liveEpochs.ts): live `cellOutputs` then
   * carry only the epochs since the last update. Left out: every update carries every epoch.
   */
  incrementalEpochs?: boolean;
  /**
   * Folders `export` may write inside (the workspace folders; the notebook's folder for `bigmodel run`). A place
   * outside them, symlinks resolved, is written only when the client answers `Requests.allowWrite` with true. Left out:
   * anywhere.
   */
  writeRoots?: string[];
}

/** The core asks before writing outside the write roots: the editor asks the user, the command line reads its flag. */
export interface AllowWriteParams {
  /** The real path (symlinks resolved) the cell would write. */
  target: string;
  /** The setting that names it, e.g. `export.to`. */
  setting: string;
}

/** One backend the core looked at, and why it was or was not chosen. */
export interface BackendCheck {
  name: BackendName;
  usable: boolean;
  reason: string;
  /** WebGPU only, where Dawn found an adapter (also one it refused): what it is and how much memory it gives. */
  adapter?: GpuAdapterInfo;
}

/** A WebGPU adapter as Dawn describes it (GPUAdapterInfo) and the two limits that bound a tensor's size. */
export interface GpuAdapterInfo {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** A CPU pretending to be a GPU (llvmpipe, lavapipe, SwiftShader). */
  software: boolean;
  /** Bytes: the largest buffer, and the largest one a kernel may read or write at once. */
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
}

export interface CoreInfo {
  backend: BackendName;
  device: string;
  checks: BackendCheck[];
  tfjsVersion: string;
  pid: number;
}

/** A cell output as plain data: JSON MIME types carry objects, text types strings. */
export interface CellOutputItem {
  mime: string;
  data: unknown;
  /**
   * Live updates to a client that asked for `incrementalEpochs` only: this training payload's `epochs` are those from
   * this index on, the earlier ones were in earlier updates of the same run.
   */
  epochsFrom?: number;
}
export interface CellOutput {
  items: CellOutputItem[];
}

export interface RunCellParams {
  cellId: string;
  language: string;
  source: string;
}
export interface RunCellResult {
  outputs: CellOutput[];
  /** Set when the cell trained: the record for the notebook's `metadata.runs`. */
  run?: RunRecord;
}

/** The core's memory, for leak checks and benchmarks. */
export interface CoreMemory {
  numTensors: number;
  numBytes: number;
  rssBytes: number;
  peakRssBytes: number;
}

/** What the core sends while a cell runs: the cell's outputs so far (replace what is shown). */
export interface CellOutputsParams {
  cellId: string;
  outputs: CellOutput[];
}

/** The ResponseError code of a failure the core reports; its data is a BigModelErrorData (shared/bigModelError.ts). */
export const CoreErrorCode = -32001;

/**
 * The byte the client writes to the core's stdin to interrupt it: a thread of the core reads it while the main thread
 * may be held by a synchronous data load, which sees the flag between rows (src/core/interrupt.ts).
 */
export const INTERRUPT_BYTE = 's';

/** The core's command-line flag for its memory limit in MB (the client passes it; the core's watchdog reads it). */
export const MEMORY_LIMIT_FLAG = '--memory-limit-mb=';
/** The start of the stderr line a core writes when it ends itself for passing its memory limit. */
export const OUT_OF_MEMORY_MARK = 'bigmodel-core: out of memory';

export const Requests = {
  start: new RequestType<StartCoreParams, CoreInfo, BigModelErrorData>('core/session/start'),
  runCell: new RequestType<RunCellParams, RunCellResult, BigModelErrorData>('core/cell/run'),
  memory: new RequestType0<CoreMemory, void>('core/memory/get'),
  /** Answered at once unless the core's event loop is blocked (a synchronous load, a busy script cell). */
  ping: new RequestType0<void, void>('core/session/ping'),
  shutdown: new RequestType0<void, void>('core/session/shutdown'),
  /** From the core to the client: may a cell write outside the write roots? */
  allowWrite: new RequestType<AllowWriteParams, boolean, void>('core/write/allow'),
} as const;

export const Notifications = {
  cellOutputs: new NotificationType<CellOutputsParams>('core/cell/outputs'),
  /** Ask the core to stop training after the current batch and keep the weights. */
  stopTraining: new NotificationType0('core/training/stop'),
  /** The core's own log lines (backend choice, warnings) for the output channel. */
  log: new NotificationType<{ message: string }>('core/log/write'),
} as const;

export type { RunRecord, TrainingPayload };
