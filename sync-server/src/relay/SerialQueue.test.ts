import { describe, expect, it } from 'vitest';
import { SerialQueue } from './SerialQueue';

describe('SerialQueue', () => {
  it('runs tasks one at a time in order, and a failure does not stop it', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    const slow = queue.run(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      log.push('slow');
    });
    const failing = queue.run(() => {
      log.push('fail');
      throw new Error('boom');
    });
    const fast = queue.run(() => {
      log.push('fast');
      return 7;
    });
    expect(queue.size).toBe(3);
    await expect(failing).rejects.toThrow('boom');
    await Promise.all([slow, fast]);
    expect(await fast).toBe(7);
    expect(log).toEqual(['slow', 'fail', 'fast']);
    await queue.idle();
    expect(queue.size).toBe(0);
  });
});
