/**
 * Runs async tasks one at a time, in the order they were queued. A failed task
 * rejects its own promise and does not stop the queue.
 */
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;

  run<T>(task: () => T | Promise<T>): Promise<T> {
    this.pending++;
    const result = this.tail.then(task);
    this.tail = result.then(
      () => this.settle(),
      () => this.settle(),
    );
    return result;
  }

  /** Number of queued or running tasks. */
  get size(): number {
    return this.pending;
  }

  /** Resolves when every task queued so far has settled. */
  idle(): Promise<void> {
    return this.tail;
  }

  private settle(): void {
    this.pending--;
  }
}
