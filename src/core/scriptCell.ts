// Runs a `javascript` or `typescript` cell (spec section 2) in the core: `tf`, `session`, `display` in scope,
// top-level await, console captured into the cell's outputs in order, errors at the cell's own line and column.
import * as l10n from '@vscode/l10n';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { formatWithOptions } from 'node:util';
import * as vm from 'node:vm';
import type { EpochRecord } from '../shared/outputs';
import type { CellOutput } from '../shared/protocol';
import { CellError } from './cellError';
import type { Tf } from './tf';

/** VS Code's stream MIME types: consecutive writes show as one block of text, stderr marked as such. */
export const STDOUT_MIME = 'application/vnd.code.notebook.stdout';
export const STDERR_MIME = 'application/vnd.code.notebook.stderr';

export interface ScriptHost {
  tf: Tf;
  /** The object the cell sees as `session` (data, model, history, signal). */
  session: object;
  /** Turns a value passed to `display(…)` into an output. */
  render(value: unknown): CellOutput;
  /** Aborted when the user interrupts the cell. */
  signal: AbortSignal;
  /** The outputs so far, while the cell runs (throttled here). */
  emit(outputs: CellOutput[]): void;
}

let runs = 0;
const LIVE_INTERVAL_MS = 125;
/** A cell's console output beyond this is dropped (with a note): every live update carries it all to the editor. */
const MAX_STREAM_CHARS = 1_000_000;

/** Runs one script cell; resolves with its outputs or rejects with a CellError positioned in the cell. */
export async function runScriptCell(
  language: 'javascript' | 'typescript',
  source: string,
  host: ScriptHost,
): Promise<CellOutput[]> {
  const filename = `bigmodel-cell-${++runs}.${language === 'typescript' ? 'ts' : 'js'}`;
  const outputs = new OutputLog(host.emit);
  const { code, map } = language === 'typescript' ? await transpile(source) : { code: source, map: undefined };
  let fn: (...args: unknown[]) => Promise<unknown>;
  try {
    // The wrapper's first line stands alone, so the cell's columns are the script's; lineOffset makes its lines the cell's.
    const script = new vm.Script(`(async function (tf, session, display, console, require) {\n${code}\n})`, {
      filename,
      lineOffset: -1,
    });
    fn = script.runInThisContext() as typeof fn;
  } catch (e) {
    throw syntaxError(e, filename, map);
  }
  const live = (f: () => void) => {
    if (host.signal.aborted) throw interruptedError();
    f();
  };
  const display = (value: unknown) => live(() => outputs.push(host.render(value)));
  const cellConsole = consoleFor(host.tf, (stream, text) => live(() => outputs.write(stream, text)));
  const interrupted = new Promise<never>((_, reject) => {
    const stop = () =>
      reject(
        new CellError('cancelled', l10n.t('interrupted: the cell stopped at your request'), undefined, outputs.all()),
      );
    if (host.signal.aborted) stop();
    else host.signal.addEventListener('abort', stop, { once: true });
  });
  // Library code prints through the global console (`model.summary()`, tfjs warnings): into the cell too, while it runs.
  // A cell's frame can sit deep under TensorFlow.js's own (kernel, engine, tidy): keep enough frames to find it.
  Error.stackTraceLimit = Math.max(Error.stackTraceLimit, 100);
  const restoreConsole = redirectGlobalConsole(host.tf, (stream, text) => {
    if (!host.signal.aborted) outputs.write(stream, text);
  });
  try {
    // `require` resolves from the notebook's folder (the core's working directory): Node's modules and the notebook's packages.
    const notebookRequire = createRequire(path.join(process.cwd(), 'notebook.js'));
    await Promise.race([fn.call(undefined, host.tf, host.session, display, cellConsole, notebookRequire), interrupted]);
  } catch (e) {
    if (e instanceof CellError) throw e;
    if (host.signal.aborted)
      throw new CellError(
        'cancelled',
        l10n.t('interrupted: the cell stopped at your request'),
        undefined,
        outputs.all(),
      );
    throw runtimeError(e, filename, map, outputs.all());
  } finally {
    restoreConsole();
    outputs.close();
  }
  return outputs.all();
}

function redirectGlobalConsole(tf: Tf, write: (stream: 'stdout' | 'stderr', text: string) => void): () => void {
  const names = ['log', 'info', 'debug', 'warn', 'error'] as const;
  const saved = names.map((name) => console[name]);
  const into = consoleFor(tf, write);
  for (const name of names) console[name] = into[name];
  return () => names.forEach((name, i) => (console[name] = saved[i]));
}

function interruptedError(): Error {
  const e = new Error(l10n.t('the cell was interrupted'));
  e.name = 'AbortError';
  return e;
}

/** TypeScript to JavaScript by stripping the types (no type check, like esbuild); keeps the lines, maps the columns. */
async function transpile(source: string): Promise<{ code: string; map: SourceMap }> {
  // Loaded on the first TypeScript cell: evaluating sucrase takes ~130 ms that a core without one never pays.
  const { transform } = await import('sucrase');
  try {
    const out = transform(source, {
      transforms: ['typescript'],
      disableESTransforms: true,
      filePath: 'cell.ts',
      sourceMapOptions: { compiledFilename: 'cell.js' },
    });
    return { code: out.code, map: out.sourceMap as SourceMap };
  } catch (e) {
    const err = e as Error & { loc?: { line: number; column: number } };
    const message = err.message.replace(/^Error transforming [^:]*: /, '').replace(/\s*\(\d+:\d+\)$/, '');
    // sucrase's loc is 1-based in both line and column.
    throw new CellError(
      'invalid-cell',
      `SyntaxError: ${message}`,
      err.loc ? { line: err.loc.line, column: err.loc.column } : undefined,
    );
  }
}

function syntaxError(e: unknown, filename: string, map: SourceMap | undefined): CellError {
  const err = e instanceof Error ? e : new Error(String(e));
  // V8 puts "file:line", the source line and a caret line in front of a SyntaxError's stack.
  const [head, , caret] = (err.stack ?? '').split('\n');
  const line = Number(head?.startsWith(`${filename}:`) ? head.slice(filename.length + 1) : NaN);
  const column = caret !== undefined && caret.includes('^') ? caret.indexOf('^') + 1 : 1;
  const message = /import statement|import\.meta|export/.test(err.message)
    ? l10n.t(
        '{0}: {1} — a cell has `tf`, `session` and `display` in scope already; import and export are not available in cells (`require` is)',
        err.name,
        err.message,
      )
    : `${err.name}: ${err.message}`;
  const position = Number.isFinite(line) && line >= 1 ? original(map, line, column) : undefined;
  return new CellError('invalid-cell', message, position, undefined, { cause: err });
}

function runtimeError(e: unknown, filename: string, map: SourceMap | undefined, outputs: CellOutput[]): CellError {
  if (!(e instanceof Error))
    return new CellError(
      'script',
      l10n.t('the cell threw {0}', formatWithOptions({ colors: false }, e)),
      undefined,
      outputs,
    );
  // The innermost frame in this cell: where the cell's own code failed, or called what failed.
  const escaped = filename.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const frame = new RegExp(`${escaped}:(\\d+):(\\d+)`).exec(e.stack ?? '');
  const position = frame ? original(map, Number(frame[1]), Number(frame[2])) : undefined;
  // The cause keeps the cell's own stack (its frames inside the user's code) for the log.
  return new CellError('script', `${e.name}: ${e.message}`, position, outputs, { cause: e });
}

/** A console that writes into the cell: log/info/debug to stdout, warn/error to stderr, formatted as Node does. */
function consoleFor(tf: Tf, write: (stream: 'stdout' | 'stderr', text: string) => void): Console {
  const format = (args: unknown[]) =>
    formatWithOptions({ colors: false, depth: 4 }, ...args.map((a) => (a instanceof tf.Tensor ? a.toString() : a)));
  const out = (...args: unknown[]) => write('stdout', format(args) + '\n');
  const err = (...args: unknown[]) => write('stderr', format(args) + '\n');
  const counts = new Map<string, number>();
  const timers = new Map<string, number>();
  return {
    ...console,
    log: out,
    info: out,
    debug: out,
    trace: out,
    warn: err,
    error: err,
    dir: (value: unknown) => out(value),
    table: (value: unknown) => out(value),
    assert: (ok: unknown, ...args: unknown[]) => {
      if (!ok) err('Assertion failed', ...args);
    },
    count: (label = 'default') => {
      counts.set(label, (counts.get(label) ?? 0) + 1);
      out(`${label}: ${counts.get(label)}`);
    },
    time: (label = 'default') => {
      timers.set(label, performance.now());
    },
    timeEnd: (label = 'default') => {
      const t = timers.get(label);
      if (t !== undefined) out(`${label}: ${(performance.now() - t).toFixed(3)}ms`);
      timers.delete(label);
    },
  } as Console;
}

/** The cell's outputs in the order they were made; consecutive writes to one stream join one output. */
class OutputLog {
  private readonly outputs: { stream?: 'stdout' | 'stderr'; output: CellOutput }[] = [];
  private timer?: NodeJS.Timeout;
  private closed = false;
  private written = 0;

  constructor(private readonly emit: (outputs: CellOutput[]) => void) {}

  write(stream: 'stdout' | 'stderr', text: string): void {
    if (this.written > MAX_STREAM_CHARS) return;
    this.written += text.length;
    if (this.written > MAX_STREAM_CHARS) {
      stream = 'stderr';
      text =
        l10n.t('… more than {0} million characters of console output: the rest is not shown', MAX_STREAM_CHARS / 1e6) +
        '\n';
    }
    const last = this.outputs[this.outputs.length - 1];
    if (last?.stream === stream) {
      const item = last.output.items[0];
      item.data = String(item.data) + text;
    } else {
      this.outputs.push({
        stream,
        output: { items: [{ mime: stream === 'stdout' ? STDOUT_MIME : STDERR_MIME, data: text }] },
      });
    }
    this.schedule();
  }

  push(output: CellOutput): void {
    this.outputs.push({ output });
    this.schedule();
  }

  all(): CellOutput[] {
    return this.outputs.map((o) => ({ items: o.output.items.map((i) => ({ ...i })) }));
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
  }

  private schedule(): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.closed) this.emit(this.all());
    }, LIVE_INTERVAL_MS);
  }
}

interface SourceMap {
  mappings: string;
}

/** The cell's position of a position in the transpiled code (1-based both), through the source map's segments. */
function original(map: SourceMap | undefined, line: number, column: number): { line: number; column: number } {
  if (!map) return { line, column };
  const segments = decodeMappings(map.mappings)[line - 1] ?? [];
  let best: number[] | undefined;
  for (const s of segments) if (s.length >= 4 && s[0] <= column - 1) best = s;
  if (!best) return { line, column };
  return { line: best[2] + 1, column: best[3] + (column - 1 - best[0]) + 1 };
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Source map v3 mappings as absolute [generatedColumn, source, originalLine, originalColumn] per generated line. */
export function decodeMappings(mappings: string): number[][][] {
  const lines: number[][][] = [];
  const state = [0, 0, 0, 0];
  for (const text of mappings.split(';')) {
    state[0] = 0; // the generated column restarts on each line; the others carry on
    const segments: number[][] = [];
    for (const segment of text.split(',')) {
      if (!segment) continue;
      const values: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of segment) {
        const digit = BASE64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      values.slice(0, 4).forEach((v, i) => (state[i] += v));
      segments.push(values.length >= 4 ? state.slice(0, 4) : [state[0]]);
    }
    lines.push(segments);
  }
  return lines;
}

/** The per-epoch records of a training payload as `session.history`: one list per figure, `epoch` first. */
export function historyOf(epochs: EpochRecord[]): Record<string, number[]> {
  const history: Record<string, number[]> = { epoch: [] };
  for (const record of epochs) {
    for (const [key, value] of Object.entries(record)) if (typeof value === 'number') (history[key] ??= []).push(value);
  }
  return history;
}

/** What a script cell may read and replace of its notebook's session. */
export interface SessionAccess<Data, Model> {
  data?: Data;
  model?: Model;
  history: Record<string, number[]>;
}

/**
 * The `session` a script cell sees: `data`, `model` and `history` of spec section 2 (read and replace), and `signal`,
 * aborted when the user interrupts the cell (a long loop can check it).
 */
export function scriptSession<Data, Model>(
  tf: Tf,
  target: SessionAccess<Data, Model>,
  adoptModel: (model: Model) => void,
  signal: AbortSignal,
): object {
  return {
    get data() {
      return target.data;
    },
    set data(value: Data | undefined) {
      const d = value as { train?: { xs?: unknown; ys?: unknown }; inputShape?: unknown; task?: unknown } | undefined;
      if (
        d !== undefined &&
        (!(d.train?.xs instanceof tf.Tensor) ||
          !(d.train?.ys instanceof tf.Tensor) ||
          !Array.isArray(d.inputShape) ||
          typeof d.task !== 'string')
      ) {
        throw new TypeError(
          l10n.t(
            'session.data needs { train: { xs: tf.Tensor, ys: tf.Tensor, size }, inputShape: number[], task: "classification" | "binary" | "regression" } (validation, test and classes are optional)',
          ),
        );
      }
      // A split's size and the data's source are filled in when left out: the trainer and the previews read them.
      const filled = value as { source?: string; [split: string]: unknown } | undefined;
      if (filled) {
        filled.source ??= 'a script cell';
        for (const name of ['train', 'validation', 'test']) {
          const split = filled[name] as { xs?: { shape: number[] }; size?: number } | undefined;
          if (split?.xs && split.size === undefined) split.size = split.xs.shape[0];
        }
      }
      target.data = value;
    },
    get model() {
      return target.model;
    },
    set model(value: Model | undefined) {
      if (!(value instanceof tf.LayersModel))
        throw new TypeError(l10n.t('session.model must be a tf.LayersModel, e.g. tf.sequential({ layers: [...] })'));
      adoptModel(value);
    },
    get history() {
      return target.history;
    },
    set history(value: Record<string, number[]>) {
      target.history = value;
    },
    get signal() {
      return signal;
    },
  };
}
