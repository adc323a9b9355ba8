// The training core process: answers the client's requests over IPC; the only process that loads TensorFlow.js.
import * as l10n from '@vscode/l10n';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter, ResponseError } from 'vscode-jsonrpc/node';
import { LiveEpochsSender } from '../shared/liveEpochs';
import { BigModelError, type BigModelErrorData } from '../shared/bigModelError';
import {
  CoreErrorCode,
  MEMORY_LIMIT_FLAG,
  Notifications,
  Requests,
  type CellOutput,
  type CoreInfo,
  type StartCoreParams,
} from '../shared/protocol';
import { SerialQueue } from '../shared/serialQueue';
import { chooseBackend, failedWebGpu, fallBackFromWebGpu, type ChosenBackend } from './backends';
import { CellError } from './cellError';
import { useDisplayLanguage } from './language';
import { Session } from './session';
import { listenForInterrupts } from './interrupt';
import { startWatchdog } from './watchdog';

// First, before anything can block: the core ends with its parent and within its memory limit.
startWatchdog({ parentPid: process.ppid, memoryLimitMb: memoryLimit(process.argv) });
listenForInterrupts();

const connection = createMessageConnection(new IPCMessageReader(process), new IPCMessageWriter(process));
let session: Session | undefined;
/** Makes a session as the start request asked, on a given backend: WebGPU's failure replaces the session. */
let newSession: ((backend: ChosenBackend) => Session) | undefined;
/** One cell at a time, in the order they came: cells share the session's data, model and tensors. */
const cells = new SerialQueue();
/** The client puts live training histories back together: send only the new epochs (shared/liveEpochs.ts). */
let incrementalEpochs = false;

// Failures go as the one error type, stack included: thrown as they are, vscode-jsonrpc would send the message alone.
connection.onRequest(Requests.start, (params) =>
  start(params).catch((e: unknown) => Promise.reject(toResponseError(e))),
);

async function start(params: StartCoreParams): Promise<CoreInfo> {
  useDisplayLanguage(params.displayLanguage); // before anything can fail: the core's messages are in the user's language
  const chosen = await chooseBackend(params.backend, {
    allowSoftwareGpu: params.allowSoftwareGpu,
    packageFolders: params.packageFolders,
  });
  if (params.notebookFolder) process.chdir(params.notebookFolder); // relative paths in cells are relative to the notebook
  session?.dispose();
  newSession = (backend) =>
    new Session(backend, params.displayLanguage, {
      roots: params.writeRoots,
      allow: (p) => connection.sendRequest(Requests.allowWrite, p),
    });
  session = newSession(chosen);
  incrementalEpochs = params.incrementalEpochs === true;
  connection.sendNotification(Notifications.log, { message: `training on ${chosen.backend}: ${chosen.device}` });
  return {
    backend: chosen.backend,
    device: chosen.device,
    checks: chosen.checks,
    tfjsVersion: chosen.tf.version.tfjs,
    pid: process.pid,
  };
}

connection.onRequest(Requests.runCell, (params, token) =>
  cells.run(async () => {
    if (!session) throw toResponseError(new BigModelError('internal', l10n.t('the training core was not started')));
    // Interrupted while it waited for the cell before it: it never starts.
    if (token.isCancellationRequested)
      throw toResponseError(new BigModelError('cancelled', l10n.t('interrupted before it started')));
    const fellBack = await replaceFailedWebGpu();
    const active = session;
    const cancel = token.onCancellationRequested(() => active.stopTraining());
    try {
      const sender = incrementalEpochs ? new LiveEpochsSender() : undefined;
      const result = await active.runCell(params, (live) =>
        connection.sendNotification(Notifications.cellOutputs, {
          cellId: params.cellId,
          outputs: sender ? sender.encode([...fellBack, ...live]) : [...fellBack, ...live],
        }),
      );
      throwIfWebGpuFailed(active);
      return { ...result, outputs: [...fellBack, ...result.outputs] };
    } catch (e) {
      throwIfWebGpuFailed(active);
      throw toResponseError(e);
    } finally {
      cancel.dispose();
    }
  }),
);

// Not queued: a stop reaches the running cell, and a ping answers whenever the event loop is free.
connection.onNotification(Notifications.stopTraining, () => session?.stopTraining());

connection.onRequest(Requests.memory, () => {
  const tf = session?.backend.tf;
  const memory = tf?.memory();
  return {
    numTensors: memory?.numTensors ?? 0,
    numBytes: memory?.numBytes ?? 0,
    rssBytes: process.memoryUsage().rss,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
});

connection.onRequest(Requests.ping, () => {});

connection.onRequest(Requests.shutdown, () => {
  session?.dispose();
  setImmediate(() => process.exit(0));
});

/**
 * A cell that ran while the WebGPU device was lost (or a GPU error went uncaught) fails, whatever it returned: its
 * numbers came from a device that stopped answering.
 */
function throwIfWebGpuFailed(active: Session): void {
  const failure = failedWebGpu(active.backend);
  if (failure)
    throw toResponseError(
      new CellError(
        'training',
        l10n.t(
          'WebGPU failed while this cell ran ({0}), so its results cannot be trusted. The next run falls back to WebAssembly (wasm); run the data and model cells again there.',
          failure,
        ),
      ),
    );
}

/** After WebGPU failed: a fresh session on the next backend, and an output that says why (empty when nothing changed). */
async function replaceFailedWebGpu(): Promise<CellOutput[]> {
  const failure = session && failedWebGpu(session.backend);
  if (!session || !newSession || !failure) return [];
  const next = await fallBackFromWebGpu(session.backend, failure);
  session.dispose();
  session = newSession(next);
  const message = l10n.t(
    'WebGPU failed earlier in this session ({0}): training now runs on {1} ({2}). The data and model made on WebGPU are gone: run their cells again.',
    failure,
    next.backend,
    next.device,
  );
  connection.sendNotification(Notifications.log, { message });
  return [{ items: [{ mime: 'application/vnd.code.notebook.stderr', data: `${message}\n` }] }];
}

/** Any failure as the one error type's data, stacks included: the client logs them (src/shared/bigModelError.ts). */
function toResponseError(e: unknown): ResponseError<BigModelErrorData> {
  const err = BigModelError.from(e);
  return new ResponseError(CoreErrorCode, err.message, err.toData());
}

function memoryLimit(argv: string[]): number {
  const flag = argv.find((a) => a.startsWith(MEMORY_LIMIT_FLAG));
  const mb = flag ? Number(flag.slice(MEMORY_LIMIT_FLAG.length)) : 0;
  return Number.isFinite(mb) && mb > 0 ? mb : 0;
}

// The parent going away (editor closed, CLI killed) must not leave a training process behind.
process.on('disconnect', () => process.exit(0));
connection.listen();
