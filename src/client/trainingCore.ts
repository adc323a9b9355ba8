// The client end of the training core: starts the core process, sends typed requests, reports how it ended.
import * as l10n from '@vscode/l10n';
import { fork, type ChildProcess } from 'node:child_process';
import {
  CancellationToken,
  createMessageConnection,
  Emitter,
  IPCMessageReader,
  IPCMessageWriter,
  ResponseError,
  type Event,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import {
  CoreErrorCode,
  Notifications,
  Requests,
  type BackendPreference,
  type CellOutput,
  type CellOutputsParams,
  type CoreErrorCategory,
  type CoreErrorData,
  type CoreInfo,
  type CoreMemory,
  type RunCellParams,
  type RunCellResult,
} from '../shared/protocol';

export interface CoreExit {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** Why, in a sentence a user can read. */
  reason: string;
  /** The last lines the core wrote to stderr. */
  stderr: string;
}

/** A cell failed in the core; carries where in the cell and any outputs made before the failure. */
export class CoreCellError extends Error {
  constructor(
    message: string,
    readonly category: CoreErrorCategory,
    readonly line?: number,
    readonly column?: number,
    readonly outputs?: CellOutput[],
  ) {
    super(message);
    this.name = 'CoreCellError';
  }
}

export interface StartOptions {
  /** Path of the core bundle (dist/core.js). */
  corePath: string;
  backend: BackendPreference;
  notebookFolder?: string;
  allowSoftwareGpu?: boolean;
  /** Folders whose own node_modules may hold native backends, in order (see src/client/packageFolders.ts). */
  packageFolders?: string[];
  displayLanguage?: string;
  /** Extra environment for the core process (e.g. Dawn flags for a headless GL driver). */
  env?: Record<string, string>;
  log?: (line: string) => void;
}

const STDERR_KEEP = 8 * 1024;

export class TrainingCore {
  private readonly exitEmitter = new Emitter<CoreExit>();
  private readonly outputsEmitter = new Emitter<CellOutputsParams>();
  /** Fires once when the core process ends, whatever the cause. */
  readonly onExit: Event<CoreExit> = this.exitEmitter.event;
  readonly onCellOutputs: Event<CellOutputsParams> = this.outputsEmitter.event;
  private stderr = '';
  private exit?: CoreExit;
  private readonly exited: Promise<CoreExit>;
  private disposed = false;
  info!: CoreInfo;

  private constructor(
    private readonly child: ChildProcess,
    private readonly connection: MessageConnection,
    log: (line: string) => void,
  ) {
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-STDERR_KEEP);
      log(chunk.trimEnd());
    });
    this.exited = new Promise((resolve) => {
      child.once('exit', (exitCode, signal) => {
        this.exit = { exitCode, signal, stderr: this.stderr, reason: describeExit(exitCode, signal, this.stderr, this.disposed) };
        connection.dispose();
        this.exitEmitter.fire(this.exit);
        resolve(this.exit);
      });
    });
    connection.onNotification(Notifications.cellOutputs, (p) => this.outputsEmitter.fire(p));
    connection.onNotification(Notifications.log, (p) => log(p.message));
    connection.listen();
  }

  /** Starts a core process and its backend; rejects with the reason when the core cannot start. */
  static async start(options: StartOptions): Promise<TrainingCore> {
    const child = fork(options.corePath, [], {
      execArgv: [],
      // In desktop VS Code process.execPath is Electron: run it as plain Node.
      env: { ...process.env, ...options.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    child.stdout?.resume();
    const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const core = new TrainingCore(child, connection, options.log ?? (() => {}));
    try {
      core.info = await core.request(connection.sendRequest(Requests.start, { backend: options.backend, notebookFolder: options.notebookFolder, allowSoftwareGpu: options.allowSoftwareGpu, packageFolders: options.packageFolders, displayLanguage: options.displayLanguage }));
    } catch (e) {
      core.kill(); // a core that could not start is no one's to end later
      throw e;
    }
    return core;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }
  get running(): boolean {
    return this.exit === undefined;
  }

  /** Runs a cell. Cancelling the token stops training after the current batch; the weights are kept. */
  runCell(params: RunCellParams, token: CancellationToken = CancellationToken.None): Promise<RunCellResult> {
    return this.request(this.connection.sendRequest(Requests.runCell, params, token));
  }

  /** Tensors and memory in the core (leak checks, benchmarks). */
  memory(): Promise<CoreMemory> {
    return this.request(this.connection.sendRequest(Requests.memory));
  }

  stopTraining(): void {
    if (this.running) void this.connection.sendNotification(Notifications.stopTraining);
  }

  /** Ends the core at once (a second interrupt, a restart). */
  kill(): void {
    this.disposed = true;
    if (this.running) this.child.kill('SIGKILL');
  }

  /** Asks the core to shut down, and kills it if it does not within a few seconds. */
  async dispose(): Promise<void> {
    if (!this.running) return;
    this.disposed = true;
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
    this.connection.sendRequest(Requests.shutdown).catch(() => {});
    await this.exited;
    clearTimeout(timer);
  }

  /** A request that fails with the core's exit reason if the core dies before it answers. */
  private request<T>(pending: Promise<T>): Promise<T> {
    const died = this.exited.then((e): never => {
      throw new CoreCellError(l10n.t('the training core stopped: {0}', e.reason), 'internal');
    });
    return Promise.race([pending, died]).catch(async (e: unknown) => {
      if (e instanceof CoreCellError) throw e;
      if (e instanceof ResponseError && e.code === CoreErrorCode) {
        const data = (e.data ?? {}) as Partial<CoreErrorData>;
        throw new CoreCellError(e.message, data.category ?? 'internal', data.line, data.column, data.outputs);
      }
      // A dying core closes the connection a moment before the process exit arrives: prefer the exit's reason.
      const exit = this.exit ?? (await Promise.race([this.exited, new Promise<undefined>((r) => setTimeout(r, 1000))]));
      if (exit) throw new CoreCellError(l10n.t('the training core stopped: {0}', exit.reason), 'internal');
      throw e;
    });
  }
}

function describeExit(code: number | null, signal: NodeJS.Signals | null, stderr: string, requested: boolean): string {
  if (requested) return l10n.t('it was shut down');
  const lastLine = stderr.trim().split('\n').filter(Boolean).pop();
  const how = signal === 'SIGKILL' ? l10n.t('killed by {0} (out of memory, or ended by another program)', signal)
    : signal ? l10n.t('killed by {0}', signal)
    : l10n.t('exited with code {0}', String(code));
  return lastLine ? `${how}: ${lastLine}` : how;
}
