// The client end of the training core: starts the core process, sends typed requests, reports how it ended.
import * as l10n from '@vscode/l10n';
import { BigModelError, errorLogText, type BigModelErrorData } from '../shared/bigModelError';
import { DisposableStore, type Disposable } from '../shared/lifecycle';
import { LiveEpochsReceiver } from '../shared/liveEpochs';
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
  INTERRUPT_BYTE,
  MEMORY_LIMIT_FLAG,
  Notifications,
  OUT_OF_MEMORY_MARK,
  Requests,
  type AllowWriteParams,
  type BackendPreference,
  type CellOutputsParams,
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

export interface StartOptions {
  /** Path of the core bundle (dist/core.js). */
  corePath: string;
  backend: BackendPreference;
  notebookFolder?: string;
  allowSoftwareGpu?: boolean;
  /** Folders whose own node_modules may hold native backends, in order (see src/client/packageFolders.ts). */
  packageFolders?: string[];
  /**
   * The core's memory limit in MB: its V8 heap (`--max-old-space-size`) and, watched from a thread of its own, the
   * whole process's resident memory (tensors live outside the V8 heap). 0 or absent: no limit of ours.
   */
  memoryLimitMb?: number;
  displayLanguage?: string;
  /** Extra environment for the core process (e.g. Dawn flags for a headless GL driver). */
  env?: Record<string, string>;
  /** Folders `export` writes in without asking (StartCoreParams.writeRoots); absent: anywhere. */
  writeRoots?: string[];
  /** Answers the core's question before a write outside `writeRoots`; absent: no. */
  allowWrite?: (p: AllowWriteParams) => Promise<boolean> | boolean;
  log?: (line: string) => void;
}

const STDERR_KEEP = 8 * 1024;

export class TrainingCore {
  /** Every core process this process started that has not exited yet. */
  private static readonly children = new Set<ChildProcess>();

  /** Kills every core this process started, synchronously: for exit handlers, where nothing can be awaited. */
  static killAll(): void {
    for (const child of TrainingCore.children) child.kill('SIGKILL');
  }

  /** What lives as long as the core process: disposed when it exits (CONVENTIONS item 4, the core's lifetime). */
  private readonly lifetime = new DisposableStore();
  private readonly exitEmitter = this.lifetime.add(new Emitter<CoreExit>());
  private readonly outputsEmitter = this.lifetime.add(new Emitter<CellOutputsParams>());
  private readonly liveEpochs = new LiveEpochsReceiver();
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
    private readonly memoryLimitMb: number,
  ) {
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-STDERR_KEEP);
      log(chunk.trimEnd());
    });
    this.exited = new Promise((resolve) => {
      child.once('exit', (exitCode, signal) => {
        const finish = () => {
          if (this.exit) return;
          this.exit = {
            exitCode,
            signal,
            stderr: this.stderr,
            reason: describeExit(exitCode, signal, this.stderr, this.disposed, this.memoryLimitMb),
          };
          this.exitEmitter.fire(this.exit);
          resolve(this.exit);
          // After the listeners heard of the exit: the connection, the emitters and whatever was added with untilExit.
          try {
            this.lifetime.dispose();
          } catch (e) {
            log(`disposing core ${child.pid}'s listeners failed: ${errorLogText(e)}`);
          }
        };
        // Its last stderr lines (why it ended) may arrive just after the exit: wait for them, but not for a
        // grandchild that inherited the pipe and keeps it open.
        if (!child.stderr || child.stderr.readableEnded) return finish();
        child.stderr.once('end', finish);
        setTimeout(finish, 250);
      });
    });
    // Live training updates carry only the epochs since the last one: put each history back together here.
    this.lifetime.add(connection);
    this.lifetime.add(
      connection.onNotification(Notifications.cellOutputs, (p) =>
        this.outputsEmitter.fire({ ...p, outputs: this.liveEpochs.decode(p.cellId, p.outputs) }),
      ),
    );
    this.lifetime.add(connection.onNotification(Notifications.log, (p) => log(p.message)));
    connection.listen();
  }

  /** Starts a core process and its backend; rejects with the reason when the core cannot start. */
  static async start(options: StartOptions): Promise<TrainingCore> {
    const limit = options.memoryLimitMb && options.memoryLimitMb > 0 ? Math.round(options.memoryLimitMb) : 0;
    const child = fork(options.corePath, limit ? [`${MEMORY_LIMIT_FLAG}${limit}`] : [], {
      execArgv: limit ? [`--max-old-space-size=${limit}`] : [],
      // In desktop VS Code process.execPath is Electron: run it as plain Node.
      env: { ...process.env, ...options.env, ELECTRON_RUN_AS_NODE: '1' },
      // stdin: interrupts, which a thread of the core reads while its main thread may be busy loading data.
      stdio: ['pipe', 'pipe', 'pipe', 'ipc'],
    });
    // A write to a core that has just ended fails with EPIPE: nothing to interrupt then, and no error to raise.
    child.stdin?.on('error', () => undefined);
    TrainingCore.children.add(child);
    child.once('exit', () => TrainingCore.children.delete(child));
    child.stdout?.resume();
    const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const core = new TrainingCore(child, connection, options.log ?? (() => {}), limit);
    connection.onRequest(Requests.allowWrite, async (p) => (await options.allowWrite?.(p)) === true);
    try {
      core.info = await core.request(
        connection.sendRequest(Requests.start, {
          backend: options.backend,
          notebookFolder: options.notebookFolder,
          allowSoftwareGpu: options.allowSoftwareGpu,
          packageFolders: options.packageFolders,
          displayLanguage: options.displayLanguage,
          incrementalEpochs: true,
          writeRoots: options.writeRoots,
        }),
      );
    } catch (e) {
      core.kill(); // a core that could not start is no one's to end later
      throw e;
    }
    return core;
  }

  /** Disposes `d` when this core process ends (at once if it has): for listeners and state that live with it. */
  untilExit<T extends Disposable>(d: T): T {
    return this.lifetime.add(d);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }
  get running(): boolean {
    return this.exit === undefined;
  }

  /** Runs a cell. Cancelling the token stops training after the current batch; the weights are kept. */
  runCell(params: RunCellParams, token: CancellationToken = CancellationToken.None): Promise<RunCellResult> {
    const interrupt = token.onCancellationRequested(() => this.interruptLoad());
    return this.request(this.connection.sendRequest(Requests.runCell, params, token)).finally(() => {
      interrupt.dispose();
      this.liveEpochs.forget(params.cellId);
    });
  }

  /** Tensors and memory in the core (leak checks, benchmarks). */
  memory(): Promise<CoreMemory> {
    return this.request(this.connection.sendRequest(Requests.memory));
  }

  /** Whether the core answers within `timeoutMs`: false when its event loop is blocked (a synchronous load, a loop). */
  async responsive(timeoutMs: number): Promise<boolean> {
    if (!this.running) return false;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const answer = this.connection.sendRequest(Requests.ping).then(
      () => true,
      () => false,
    );
    const answered = await Promise.race([answer, late, this.exited.then(() => false)]);
    clearTimeout(timer);
    return answered;
  }

  stopTraining(): void {
    if (!this.running) return;
    void this.connection.sendNotification(Notifications.stopTraining);
    this.interruptLoad();
  }

  /** A byte on the core's stdin: a data load, which holds the core's main thread, sees it between rows and stops. */
  private interruptLoad(): void {
    try {
      this.child.stdin?.write(INTERRUPT_BYTE);
    } catch {
      // the core is gone; nothing to interrupt
    }
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
      throw new BigModelError('internal', l10n.t('the training core stopped: {0}', e.reason));
    });
    return Promise.race([pending, died]).catch(async (e: unknown) => {
      if (e instanceof BigModelError) throw e;
      // The core's failure as the core raised it: category, position, outputs and the core's own stack.
      if (e instanceof ResponseError && e.code === CoreErrorCode) {
        throw BigModelError.fromData({
          category: 'internal',
          ...(e.data as Partial<BigModelErrorData> | undefined),
          message: e.message,
        });
      }
      // A dying core closes the connection a moment before the process exit arrives: prefer the exit's reason.
      const exit = this.exit ?? (await Promise.race([this.exited, new Promise<undefined>((r) => setTimeout(r, 1000))]));
      if (exit)
        throw new BigModelError(
          'internal',
          l10n.t('the training core stopped: {0}', exit.reason),
          undefined,
          undefined,
          { cause: e },
        );
      throw BigModelError.from(e);
    });
  }
}

function describeExit(
  code: number | null,
  signal: NodeJS.Signals | null,
  stderr: string,
  requested: boolean,
  limitMb: number,
): string {
  if (requested) return l10n.t('it was shut down');
  // Our watchdog's line (resident memory over the limit), or V8's own when the heap reaches --max-old-space-size.
  if (stderr.includes(OUT_OF_MEMORY_MARK) || /JavaScript heap out of memory|Reached heap limit/.test(stderr)) {
    return limitMb > 0
      ? l10n.t(
          'it ran out of memory (the limit is {0} MB: raise bigmodel.training.memoryLimitMB, or `bigmodel run --memory-limit`, or use less data)',
          limitMb,
        )
      : l10n.t(
          'it ran out of memory (set a limit with bigmodel.training.memoryLimitMB, or `bigmodel run --memory-limit`, and use less data)',
        );
  }
  const lastLine = stderr.trim().split('\n').filter(Boolean).pop();
  const how =
    signal === 'SIGKILL'
      ? l10n.t('killed by {0} (out of memory, or ended by another program)', signal)
      : signal
        ? l10n.t('killed by {0}', signal)
        : l10n.t('exited with code {0}', String(code));
  return lastLine ? `${how}: ${lastLine}` : how;
}
