/**
 * Deferred work of every room (folding received updates into the merged
 * state, compacting the stored log), one task per turn of the event loop.
 *
 * Rooms opened together cross their fold threshold together: a thousand
 * rooms reconnected after a restart, each folding a few hundred microseconds
 * of merge in the same burst of microtasks, held the event loop for 250-330
 * ms and made the p99 delivery latency of every room (bench:relay (a)). Here
 * network events run between two tasks. A task's promise settles with its
 * result; a failed task does not stop the queue.
 */
export class BackgroundQueue {
  private readonly tasks: Array<() => Promise<void>> = [];
  private scheduled = false;
  private readonly schedule: (callback: () => void) => void;

  constructor(schedule: (callback: () => void) => void = setImmediate) {
    this.schedule = schedule;
  }

  run<T>(task: () => T | Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.tasks.push(async () => {
        try {
          resolve(await task());
        } catch (error) {
          reject(error);
        }
      });
      this.wake();
    });
  }

  /** Tasks waiting for their turn (not counting the one running). */
  get waiting(): number {
    return this.tasks.length;
  }

  private wake(): void {
    if (this.scheduled || this.tasks.length === 0) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      const task = this.tasks.shift();
      if (task === undefined) return;
      // The next task gets the next turn, even while this one awaits a worker.
      this.wake();
      void task();
    });
  }
}
