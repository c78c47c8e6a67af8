import { describe, expect, it } from 'vitest';
import {
  type CloseInfo,
  fullJitterDelay,
  isPermanentCloseCode,
  ReconnectScheduler,
  type TimerPort,
} from './backoff';

/** A fake clock: timers fire only when the test advances time. */
class FakeTimers implements TimerPort {
  now = 0;
  private next = 1;
  private readonly pending = new Map<number, { at: number; callback: () => void }>();
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { at: this.now + ms, callback });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  get size(): number {
    return this.pending.size;
  }
  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const due = [...this.pending.entries()]
        .filter(([, t]) => t.at <= until)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (due === undefined) break;
      this.pending.delete(due[0]);
      this.now = due[1].at;
      due[1].callback();
    }
    this.now = until;
  }
}

const policy = { baseMs: 100, capMs: 1_000 };

function harness(random: () => number = () => 0.5) {
  const timers = new FakeTimers();
  const connects: number[] = [];
  const stops: CloseInfo[] = [];
  const scheduled: [number, number][] = [];
  const scheduler = new ReconnectScheduler({
    connect: () => connects.push(timers.now),
    timers,
    policy,
    random,
    onStopped: (close) => stops.push(close),
    onScheduled: (attempt, delay) => scheduled.push([attempt, delay]),
  });
  return { timers, connects, stops, scheduled, scheduler };
}

describe('full jitter backoff', () => {
  it('[BACKOFF1] draws in [0, min(cap, base * 2^attempt))', () => {
    expect(fullJitterDelay(0, policy, () => 0)).toBe(0);
    expect(fullJitterDelay(0, policy, () => 0.999)).toBe(99);
    expect(fullJitterDelay(3, policy, () => 0.5)).toBe(400);
    expect(fullJitterDelay(4, policy, () => 0.999)).toBe(999);
    expect(fullJitterDelay(500, policy, () => 0.5)).toBe(500);
    expect(fullJitterDelay(-3, policy, () => 0.5)).toBe(50);
  });

  it('[BACKOFF2] spreads first retries uniformly over the base window', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x80000000;
    };
    const buckets = [0, 0, 0, 0];
    for (let i = 0; i < 4_000; i++) {
      const delay = fullJitterDelay(0, { baseMs: 1_000, capMs: 30_000 }, random);
      const bucket = Math.floor(delay / 250);
      buckets[bucket] = (buckets[bucket] ?? 0) + 1;
    }
    for (const count of buckets) expect(count).toBeGreaterThan(850);
  });

  it('[BACKOFF3] 4400-4499 are permanent, everything else transient', () => {
    expect([4400, 4403, 4409, 4499].every(isPermanentCloseCode)).toBe(true);
    expect([1000, 1006, 4399, 4500, 4503, 4529].some(isPermanentCloseCode)).toBe(false);
  });
});

describe('ReconnectScheduler', () => {
  it('[BACKOFF4] schedules one connect per close with growing windows, reset by onOpened', () => {
    const { timers, connects, scheduled, scheduler } = harness();
    scheduler.onClosed({ code: 1006, reason: '' });
    expect(scheduled).toEqual([[1, 50]]);
    timers.advance(49);
    expect(connects).toEqual([]);
    timers.advance(1);
    expect(connects).toEqual([50]);
    scheduler.onClosed(null);
    scheduler.onClosed({ code: 4503, reason: 'shutting-down' });
    expect(scheduled).toEqual([
      [1, 50],
      [2, 100],
    ]);
    timers.advance(100);
    scheduler.onClosed(null);
    timers.advance(1_000);
    expect(connects).toEqual([50, 150, 350]);
    expect(scheduler.attempts).toBe(3);
    scheduler.onOpened();
    scheduler.onClosed(null);
    expect(scheduled.at(-1)).toEqual([1, 50]);
  });

  it('[BACKOFF5] stops on a permanent code and reports it; no timer is left', () => {
    const { timers, connects, stops, scheduler } = harness();
    scheduler.onClosed({ code: 4409, reason: 'epoch-mismatch: x' });
    expect(stops).toEqual([{ code: 4409, reason: 'epoch-mismatch: x' }]);
    expect(scheduler.isStopped).toBe(true);
    expect(timers.size).toBe(0);
    scheduler.onClosed(null);
    timers.advance(10_000);
    expect(connects).toEqual([]);
  });

  it('[BACKOFF6] stop() cancels a scheduled retry; resume() starts from the first window', () => {
    const { timers, connects, scheduled, scheduler } = harness();
    scheduler.onClosed(null);
    scheduler.onClosed(null);
    scheduler.stop();
    expect(timers.size).toBe(0);
    timers.advance(10_000);
    expect(connects).toEqual([]);
    scheduler.resume();
    expect(scheduler.attempts).toBe(0);
    scheduler.onClosed(null);
    expect(scheduled.at(-1)).toEqual([1, 50]);
    timers.advance(50);
    expect(connects).toEqual([10_050]);
  });

  it('[BACKOFF7] caps the window', () => {
    const { timers, scheduled, scheduler } = harness(() => 0.999);
    for (let i = 0; i < 10; i++) {
      scheduler.onClosed(null);
      timers.advance(1_000);
    }
    expect(scheduled.map(([, delay]) => delay)).toEqual([
      99, 199, 399, 799, 999, 999, 999, 999, 999, 999,
    ]);
  });
});
