import { describe, expect, it } from 'vitest';
import { TokenBucket } from './TokenBucket';

describe('TokenBucket', () => {
  it('[LIM0] allows a burst, then the rate, and refills only up to the burst', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 20, () => now);
    let granted = 0;
    while (bucket.take()) granted++;
    expect(granted).toBe(20);
    now += 500;
    granted = 0;
    while (bucket.take()) granted++;
    expect(granted).toBe(5);
    now += 60_000;
    granted = 0;
    while (bucket.take()) granted++;
    expect(granted).toBe(20);
  });

  it('[LIM0] takes several tokens at once (bytes), refusing without spending', () => {
    let now = 0;
    const bucket = new TokenBucket(1_000, 2_000, () => now);
    expect(bucket.take(1_500)).toBe(true);
    expect(bucket.take(600)).toBe(false);
    expect(bucket.take(500)).toBe(true);
    now += 100;
    expect(bucket.take(100)).toBe(true);
    expect(bucket.take(1)).toBe(false);
  });
});
