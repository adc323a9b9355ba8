// The one error type of BigModel Studio: what failed (a category), a message for the user, where in the cell, and the
// stacks of where it really happened, kept when it crosses the core's process boundary as plain data.
import type { CellOutput } from './protocol';

/** What kind of failure: the editor and the command line show each the same way (`script`: thrown by a JS/TS cell). */
export type ErrorCategory = 'invalid-cell' | 'data' | 'training' | 'script' | 'cancelled' | 'internal';

/** 1-based, inside the cell's source. */
export interface CellPosition {
  line: number;
  column: number;
}

/** Any error that led to a BigModelError (a user's script, TensorFlow.js), as JSON. */
export interface ErrorCauseData {
  name: string;
  message: string;
  stack?: string;
  cause?: ErrorCauseData;
}

/** A BigModelError as JSON: what the core sends in a ResponseError's data. */
export interface BigModelErrorData {
  category: ErrorCategory;
  message: string;
  /** 1-based position inside the cell, when the error has one. */
  line?: number;
  column?: number;
  /** Where it was raised, in the process that raised it (the core's stack on the client). */
  stack?: string;
  cause?: ErrorCauseData;
  /** Outputs produced before the failure (e.g. a curve up to divergence), shown with the error. */
  outputs?: CellOutput[];
}

/** A cause chain longer than this is cut: a cycle (`a.cause = a`) must not hang the serialiser. */
const MAX_CAUSES = 8;

export class BigModelError extends Error {
  constructor(
    readonly category: ErrorCategory,
    message: string,
    readonly position?: CellPosition,
    /** Outputs worth keeping despite the failure (e.g. the curve up to a divergence). */
    readonly outputs?: CellOutput[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'BigModelError';
  }

  /** Any thrown value as a BigModelError: itself, or an `internal` one that keeps the original message and stack. */
  static from(e: unknown, category: ErrorCategory = 'internal'): BigModelError {
    if (e instanceof BigModelError) return e;
    const err = e instanceof Error ? e : new Error(safeString(e));
    const wrapped = new BigModelError(
      category,
      err.message,
      undefined,
      undefined,
      err.cause === undefined ? undefined : { cause: err.cause },
    );
    // Where it really failed: the wrapper's own stack would point here.
    wrapped.stack = err.stack;
    return wrapped;
  }

  /** Plain JSON for the other side of the boundary; `fromData` makes the same error again, stacks included. */
  toData(): BigModelErrorData {
    const data: BigModelErrorData = { category: this.category, message: this.message };
    if (this.position) {
      data.line = this.position.line;
      data.column = this.position.column;
    }
    if (this.stack !== undefined) data.stack = this.stack;
    const cause = causeData(this.cause, MAX_CAUSES);
    if (cause) data.cause = cause;
    if (this.outputs) data.outputs = this.outputs;
    return data;
  }

  static fromData(data: BigModelErrorData): BigModelError {
    const position = typeof data.line === 'number' ? { line: data.line, column: data.column ?? 1 } : undefined;
    const cause = data.cause ? causeError(data.cause) : undefined;
    const err = new BigModelError(
      data.category ?? 'internal',
      data.message,
      position,
      data.outputs,
      cause ? { cause } : undefined,
    );
    if (data.stack !== undefined) err.stack = data.stack;
    return err;
  }
}

/**
 * An error for the log: its stack (or message), then each cause's, as Java and vscode-jupyter's WrappedError print
 * them. Users see the message alone; this is for whoever reads the BigModel output to find where it broke.
 */
export function errorLogText(e: unknown): string {
  const lines: string[] = [];
  let current: unknown = e;
  for (let depth = 0; current !== undefined && depth <= MAX_CAUSES; depth++) {
    const text =
      current instanceof Error ? (current.stack ?? `${current.name}: ${current.message}`) : safeString(current);
    lines.push(depth === 0 ? text : `Caused by: ${text}`);
    current = current instanceof Error ? current.cause : undefined;
  }
  return lines.join('\n');
}

function causeData(cause: unknown, depth: number): ErrorCauseData | undefined {
  if (cause === undefined || depth <= 0) return undefined;
  // A thrown string or object has no stack of its own: a new Error's would point here.
  if (!(cause instanceof Error)) return { name: 'Error', message: safeString(cause) };
  const err = cause;
  const data: ErrorCauseData = { name: err.name, message: err.message };
  if (err.stack !== undefined) data.stack = err.stack;
  const next = causeData(err.cause, depth - 1);
  if (next) data.cause = next;
  return data;
}

function causeError(data: ErrorCauseData): Error {
  const err = new Error(data.message, data.cause ? { cause: causeError(data.cause) } : undefined);
  err.name = data.name;
  // No stack sent (a thrown string): none, rather than one of this side pointing here.
  err.stack = data.stack;
  return err;
}

/** String(x), also for what has no string form (`Object.create(null)`, a throwing toString): a user's script throws anything. */
function safeString(x: unknown): string {
  try {
    return String(x);
  } catch {
    return Object.prototype.toString.call(x);
  }
}
