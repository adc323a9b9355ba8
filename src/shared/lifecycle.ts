// Owning disposables: a store that disposes everything added to it, once, also what is added after it was disposed
// (as vscode-jupyter's and pull-request-github's `common/lifecycle.ts` do). The extension and each core have one.

/** Anything with a `dispose()`: VS Code's and vscode-jsonrpc's disposables, emitters, our own classes. */
export interface Disposable {
  dispose(): unknown;
}

/** A disposable that runs `cleanup` once, however often it is disposed. */
export function toDisposable(cleanup: () => unknown): Disposable {
  let done = false;
  return {
    dispose: () => {
      if (done) return;
      done = true;
      cleanup();
    },
  };
}

export class DisposableStore implements Disposable {
  private readonly items = new Set<Disposable>();
  private disposed = false;

  get isDisposed(): boolean {
    return this.disposed;
  }

  /**
   * Keeps `d` until the store is disposed. Added to a store already disposed (a core that finished starting while
   * the extension was deactivated), `d` is disposed at once: nothing outlives its owner.
   */
  add<T extends Disposable>(d: T): T {
    if (this.disposed) disposeAll([d]);
    else this.items.add(d);
    return d;
  }

  /** Takes `d` out of the store without disposing it: it ended by itself (a core that exited). */
  release(d: Disposable): void {
    this.items.delete(d);
  }

  /**
   * Disposes everything, the newest first (what was added later may use what came before, as a listener uses its
   * emitter). One disposer that throws does not stop the others: the first error is thrown after all ran, or an
   * AggregateError when several failed.
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const items = [...this.items].reverse();
    this.items.clear();
    disposeAll(items);
  }
}

/** Disposes each in order, all of them even when some throw; then throws what they threw. */
export function disposeAll(items: Iterable<Disposable>): void {
  const errors: unknown[] = [];
  for (const d of items) {
    try {
      d.dispose();
    } catch (e) {
      errors.push(e);
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, `${errors.length} disposers failed`);
}
