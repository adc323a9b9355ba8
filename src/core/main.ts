// The training core process: answers the client's requests over IPC; the only process that loads TensorFlow.js.
import * as l10n from '@vscode/l10n';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter, ResponseError } from 'vscode-jsonrpc/node';
import { LiveEpochsSender } from '../shared/liveEpochs';
import { CoreErrorCode, Notifications, Requests, type CoreErrorData, type CoreInfo } from '../shared/protocol';
import { chooseBackend } from './backends';
import { CellError } from './cellError';
import { useDisplayLanguage } from './language';
import { Session } from './session';

const connection = createMessageConnection(new IPCMessageReader(process), new IPCMessageWriter(process));
let session: Session | undefined;
/** The client puts live training histories back together: send only the new epochs (shared/liveEpochs.ts). */
let incrementalEpochs = false;

connection.onRequest(Requests.start, async (params): Promise<CoreInfo> => {
  useDisplayLanguage(params.displayLanguage); // before anything can fail: the core's messages are in the user's language
  const chosen = await chooseBackend(params.backend, { notebookFolder: params.notebookFolder, allowSoftwareGpu: params.allowSoftwareGpu, packageFolder: params.packageFolder });
  if (params.notebookFolder) process.chdir(params.notebookFolder); // relative paths in cells are relative to the notebook
  session?.dispose();
  session = new Session(chosen, params.displayLanguage);
  incrementalEpochs = params.incrementalEpochs === true;
  connection.sendNotification(Notifications.log, { message: `training on ${chosen.backend}: ${chosen.device}` });
  return { backend: chosen.backend, device: chosen.device, checks: chosen.checks, tfjsVersion: chosen.tf.version.tfjs, pid: process.pid };
});

connection.onRequest(Requests.runCell, async (params, token) => {
  if (!session) throw new ResponseError<CoreErrorData>(CoreErrorCode, l10n.t('the training core was not started'), { category: 'internal' });
  const active = session;
  const cancel = token.onCancellationRequested(() => active.stopTraining());
  try {
    const sender = incrementalEpochs ? new LiveEpochsSender() : undefined;
    return await active.runCell(params, (live) =>
      connection.sendNotification(Notifications.cellOutputs, { cellId: params.cellId, outputs: sender ? sender.encode(live) : live }),
    );
  } catch (e) {
    throw toResponseError(e);
  } finally {
    cancel.dispose();
  }
});

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

connection.onRequest(Requests.shutdown, () => {
  session?.dispose();
  setImmediate(() => process.exit(0));
});

function toResponseError(e: unknown): ResponseError<CoreErrorData> {
  if (e instanceof CellError) {
    return new ResponseError(CoreErrorCode, e.message, { category: e.category, line: e.position?.line, column: e.position?.column, outputs: e.outputs });
  }
  const err = e instanceof Error ? e : new Error(String(e));
  return new ResponseError(CoreErrorCode, err.message, { category: 'internal', stack: err.stack });
}

// The parent going away (editor closed, CLI killed) must not leave a training process behind.
process.on('disconnect', () => process.exit(0));
connection.listen();
