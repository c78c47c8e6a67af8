import { describe, expect, it } from 'vitest';
import { BackgroundQueue } from './BackgroundQueue';

/** A scheduler stepped by hand: each step is one turn of the event loop. */
function manualTurns(): { schedule: (callback: () => void) => void; step: () => boolean } {
  const callbacks: Array<() => void> = [];
  return {
    schedule: (callback) => callbacks.push(callback),
    step: () => {
      const next = callbacks.shift();
      next?.();
      return next !== undefined;
    },
  };
}

describe('BackgroundQueue', () => {
  it('runs one task per turn, in the order queued, so other events get the turns between', async () => {
    const turns = manualTurns();
    const queue = new BackgroundQueue(turns.schedule);
    const ran: number[] = [];
    const results = [1, 2, 3].map((n) =>
      queue.run(() => {
        ran.push(n);
        return n * 10;
      }),
    );
    expect(ran).toEqual([]);
    expect(queue.waiting).toBe(3);
    turns.step();
    expect(ran).toEqual([1]);
    turns.step();
    expect(ran).toEqual([1, 2]);
    turns.step();
    expect(ran).toEqual([1, 2, 3]);
    expect(turns.step()).toBe(false);
    expect(await Promise.all(results)).toEqual([10, 20, 30]);
  });

  it('a failed task rejects its own promise; the next ones still run', async () => {
    const queue = new BackgroundQueue();
    const failed = queue.run(() => {
      throw new Error('merge failed');
    });
    const next = queue.run(async () => 'done');
    await expect(failed).rejects.toThrow('merge failed');
    expect(await next).toBe('done');
  });

  it('a task waiting on a worker does not hold the queue', async () => {
    const turns = manualTurns();
    const queue = new BackgroundQueue(turns.schedule);
    let release: () => void = () => undefined;
    const slow = queue.run(
      () => new Promise<string>((resolve) => (release = () => resolve('slow'))),
    );
    const fast = queue.run(() => 'fast');
    turns.step();
    turns.step();
    expect(await fast).toBe('fast');
    release();
    expect(await slow).toBe('slow');
  });
});
