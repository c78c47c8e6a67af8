import { afterEach, describe, expect, it } from 'vitest';
import { fullCollection, type IdleTrim, startIdleTrim } from './idleTrim';

/** Event-loop utilization advanced by hand: `busy` ms of work and `idle` ms of waiting. */
function loop(): {
  utilization: () => { active: number; idle: number };
  spend: (busy: number, idle: number) => void;
} {
  let active = 0;
  let idle = 0;
  return {
    utilization: () => ({ active, idle }),
    spend: (b, i) => {
      active += b;
      idle += i;
    },
  };
}

describe('idle memory trim', () => {
  let trim: IdleTrim | undefined;
  afterEach(() => trim?.stop());
  /** A trim on a hand-driven loop (its own timer far away); counts collections. */
  const MiB = 1024 * 1024;
  const started = () => {
    const clock = loop();
    const heap = { bytes: 40 * MiB };
    const collections = { count: 0 };
    trim = startIdleTrim({
      collect: () => {
        collections.count++;
        heap.bytes = 20 * MiB;
      },
      utilization: clock.utilization,
      heapBytes: () => heap.bytes,
      intervalMs: 60_000,
    });
    // The heap grew since start: worth trimming at the next quiet second.
    heap.bytes = 80 * MiB;
    return { clock, collections, heap, trim };
  };

  it('collects once the loop goes quiet after work, not while busy, and not again without new work', () => {
    const { clock, collections } = started();
    clock.spend(600, 400); // busy second: no trim
    trim?.sample();
    expect(collections.count).toBe(0);
    clock.spend(5, 995); // quiet second after 600 ms of work: trim
    trim?.sample();
    expect(collections.count).toBe(1);
    clock.spend(5, 995); // still quiet, no new work: nothing to give back
    trim?.sample();
    expect(collections.count).toBe(1);
  });

  it('does not collect for a trickle of work (less than minBusyMs since the last trim)', () => {
    const { clock, collections } = started();
    for (let second = 0; second < 20; second++) {
      clock.spend(10, 990);
      trim?.sample();
    }
    // 200 ms of work in all: under the default 500 ms.
    expect(collections.count).toBe(0);
    for (let second = 0; second < 31; second++) {
      clock.spend(10, 990);
      trim?.sample();
    }
    expect(collections.count).toBe(1);
  });

  it('does not collect when the heap has not grown since the last trim, nor past the size cap', () => {
    const { clock, collections, heap } = started();
    /** A busy second, then a quiet one. */
    const workThenRest = (): void => {
      clock.spend(800, 200);
      trim?.sample();
      clock.spend(5, 995);
      trim?.sample();
    };
    workThenRest();
    expect(collections.count).toBe(1);
    // More work, but the heap stays near its trimmed size (20 MiB): nothing to give back.
    heap.bytes = 30 * MiB;
    workThenRest();
    expect(collections.count).toBe(1);
    // A heap of 600 MiB (live data): a collection would pause the relay too long.
    heap.bytes = 600 * MiB;
    workThenRest();
    expect(collections.count).toBe(1);
  });

  it('really gives heap back: a full collection is reachable without --expose-gc', async () => {
    const collect = fullCollection();
    expect(collect).toBeTypeOf('function');
    // Objects that nothing references once this returns: garbage still in the heap.
    const objects = Array.from({ length: 200_000 }, (_, i) => ({ i, s: `x${i}` })).length;
    expect(objects).toBe(200_000);
    const before = process.memoryUsage().heapUsed;
    collect?.();
    expect(process.memoryUsage().heapUsed).toBeLessThan(before - 5 * 1024 * 1024);
  });
});
