import type { DeviceId } from '../ids';

/**
 * A hybrid logical clock timestamp, encoded so that string order is causal
 * order: `<wall ms, 12 hex>:<counter, 4 hex>:<device id>`.
 */
export type HlcTimestamp = string & { readonly __brand: 'HlcTimestamp' };

export interface HlcParts {
  readonly wallMs: number;
  readonly counter: number;
  readonly node: string;
}

const MAX_COUNTER = 0xffff;

export function encodeHlc(parts: HlcParts): HlcTimestamp {
  const wall = Math.max(0, Math.floor(parts.wallMs)).toString(16).padStart(12, '0');
  const counter = parts.counter.toString(16).padStart(4, '0');
  return `${wall}:${counter}:${parts.node}` as HlcTimestamp;
}

const HLC_PATTERN = /^([0-9a-f]{12}):([0-9a-f]{4}):(.+)$/;

export function decodeHlc(value: string): HlcParts | undefined {
  const match = HLC_PATTERN.exec(value);
  if (!match?.[1] || !match[2] || !match[3]) return undefined;
  return {
    wallMs: Number.parseInt(match[1], 16),
    counter: Number.parseInt(match[2], 16),
    node: match[3],
  };
}

export function compareHlc(a: HlcTimestamp, b: HlcTimestamp): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * One per device. `now()` stamps a local action: strictly increasing even when
 * the wall clock jumps backwards, so a user's own actions are never reordered.
 * `observe()` folds in a timestamp seen in a remote change.
 */
export class HybridLogicalClock {
  private wallMs: number;
  private counter: number;

  constructor(
    readonly node: DeviceId,
    private readonly physicalNow: () => number = Date.now,
    last?: HlcTimestamp,
  ) {
    const parts = last ? decodeHlc(last) : undefined;
    this.wallMs = parts?.wallMs ?? 0;
    this.counter = parts?.counter ?? 0;
  }

  now(): HlcTimestamp {
    const physical = this.physicalNow();
    if (physical > this.wallMs) {
      this.wallMs = physical;
      this.counter = 0;
    } else {
      this.bumpCounter();
    }
    return encodeHlc({ wallMs: this.wallMs, counter: this.counter, node: this.node });
  }

  observe(remote: HlcTimestamp): void {
    const parts = decodeHlc(remote);
    if (!parts) return;
    // Causality first: whatever this device's wall clock says, what it does after
    // seeing a stamp sorts after that stamp. Stamps order changes; they are never
    // shown to people as times.
    if (parts.wallMs > this.wallMs) {
      this.wallMs = parts.wallMs;
      this.counter = parts.counter;
    } else if (parts.wallMs === this.wallMs && parts.counter > this.counter) {
      this.counter = parts.counter;
    }
  }

  /** The last timestamp issued or observed, to persist across restarts. */
  last(): HlcTimestamp {
    return encodeHlc({ wallMs: this.wallMs, counter: this.counter, node: this.node });
  }

  private bumpCounter(): void {
    if (this.counter >= MAX_COUNTER) {
      // Counter exhausted within one millisecond: borrow the next millisecond.
      this.wallMs += 1;
      this.counter = 0;
    } else {
      this.counter += 1;
    }
  }
}
