import { describe, expect, it } from 'vitest';
import type { DeviceId } from '../ids';
import { compareHlc, decodeHlc, type HlcTimestamp, HybridLogicalClock } from './HybridLogicalClock';

const device = (name: string) => name as DeviceId;

describe('HybridLogicalClock', () => {
  it('[HLC1] stamps strictly increase when the wall clock goes backwards', () => {
    let wall = 1_000_000;
    const clock = new HybridLogicalClock(device('a'), () => wall);
    const first = clock.now();
    wall -= 60_000; // the phone's clock was corrected backwards by a minute
    const second = clock.now();
    const third = clock.now();
    expect(compareHlc(first, second)).toBe(-1);
    expect(compareHlc(second, third)).toBe(-1);
  });

  it('[HLC2] an action after observing a remote stamp sorts after it', () => {
    const slow = new HybridLogicalClock(device('slow'), () => 1_000);
    const fast = new HybridLogicalClock(device('fast'), () => 5_000);
    const remote = fast.now();
    slow.observe(remote);
    expect(compareHlc(remote, slow.now())).toBe(-1);
  });

  it('[HLC3] a device whose clock is years behind still stamps after what it has seen', () => {
    const behind = new HybridLogicalClock(device('old-phone'), () =>
      Date.parse('2020-01-01T00:00:00Z'),
    );
    const seen = new HybridLogicalClock(device('b'), () =>
      Date.parse('2026-11-01T00:00:00Z'),
    ).now();
    behind.observe(seen);
    expect(compareHlc(seen, behind.now())).toBe(-1);
  });

  it('[HLC4] resumes after a restart from its persisted last stamp', () => {
    const before = new HybridLogicalClock(device('a'), () => 9_000);
    const stamp = before.now();
    const after = new HybridLogicalClock(device('a'), () => 2_000, before.last());
    expect(compareHlc(stamp, after.now())).toBe(-1);
  });

  it('[HLC5] string order equals (wall, counter, node) order', () => {
    const stamps: HlcTimestamp[] = [];
    let wall = 0;
    const clock = new HybridLogicalClock(device('n'), () => wall);
    for (let i = 0; i < 200; i++) {
      if (i % 7 === 0) wall += 1;
      stamps.push(clock.now());
    }
    const sorted = [...stamps].sort(compareHlc);
    expect(sorted).toEqual(stamps);
    expect(decodeHlc('garbage')).toBeUndefined();
  });

  it('[HLC6] the counter overflowing within a millisecond borrows the next one', () => {
    const clock = new HybridLogicalClock(device('a'), () => 10);
    let previous = clock.now();
    let outOfOrder = 0;
    for (let i = 0; i < 0x10010; i++) {
      const next = clock.now();
      if (next <= previous) outOfOrder += 1;
      previous = next;
    }
    expect(outOfOrder).toBe(0);
    expect(decodeHlc(previous)?.wallMs).toBe(11);
  });
});
