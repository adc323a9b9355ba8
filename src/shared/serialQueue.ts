// Runs jobs one at a time, in the order they were added, whatever each one's outcome: a notebook's cells share one
// session (its data, model and tensors), so two at once would free what the other is using.

export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;

  /** Runs `job` once every job added before it has settled; settles as `job` does. */
  run<T>(job: () => T | Promise<T>): Promise<T> {
    this.pending++;
    const result = this.tail.then(job).finally(() => this.pending--);
    this.tail = result.then(
      () => {},
      () => {},
    );
    return result;
  }

  /** Jobs added and not yet settled, the running one included. */
  get size(): number {
    return this.pending;
  }
}
