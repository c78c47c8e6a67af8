/**
 * A token bucket: `ratePerSecond` tokens are added continuously up to
 * `burst`; take(n) spends n tokens or refuses. Refilled lazily from an
 * injected monotonic clock (milliseconds), so it costs nothing while idle.
 */
export class TokenBucket {
  private readonly ratePerMs: number;
  private readonly burst: number;
  private readonly now: () => number;
  private tokens: number;
  private updatedAt: number;

  constructor(
    ratePerSecond: number,
    burst: number,
    now: () => number = performance.now.bind(performance),
  ) {
    this.ratePerMs = ratePerSecond / 1000;
    this.burst = burst;
    this.now = now;
    this.tokens = burst;
    this.updatedAt = now();
  }

  take(count = 1): boolean {
    const at = this.now();
    this.tokens = Math.min(this.burst, this.tokens + (at - this.updatedAt) * this.ratePerMs);
    this.updatedAt = at;
    if (this.tokens < count) return false;
    this.tokens -= count;
    return true;
  }
}
