/**
 * Reconnection with exponential backoff and FULL jitter (AWS Architecture
 * Blog, "Exponential Backoff And Jitter"): the n-th retry waits a uniformly
 * random time in [0, min(cap, base * 2^n)). Spreading the first retry over the
 * whole window is what keeps 1,000 clients of a restarted relay from coming
 * back in the same 100 ms. Pure: timers and randomness are injected.
 */

export interface BackoffPolicy {
  /** Window of the first retry. */
  readonly baseMs: number;
  /** Largest window. */
  readonly capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 30_000 };

/** A delay in [0, min(capMs, baseMs * 2^attempt)); `random` returns [0, 1). */
export function fullJitterDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(0, Math.floor(attempt)), 52);
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  return Math.floor(random() * ceiling);
}

/** Relay close codes 4400-4499 are permanent: reconnecting cannot help (PROTOCOL.md). */
export function isPermanentCloseCode(code: number): boolean {
  return code >= 4400 && code < 4500;
}

/** The two timer functions the scheduler needs (window's or Node's, or a fake). */
export interface TimerPort {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface CloseInfo {
  readonly code: number;
  readonly reason: string;
}

export interface ReconnectSchedulerOptions {
  /** Opens a new connection; the adapter then calls onOpened / onClosed. */
  readonly connect: () => void;
  readonly timers: TimerPort;
  readonly policy?: BackoffPolicy;
  readonly random?: () => number;
  /** Default: {@link isPermanentCloseCode}. */
  readonly isPermanent?: (code: number) => boolean;
  /** A permanent close stopped the scheduler: show `reason` to the user. */
  readonly onStopped?: (close: CloseInfo) => void;
  /** A retry was scheduled: `attempt` counts from 1 since the last success. */
  readonly onScheduled?: (attempt: number, delayMs: number) => void;
}

/**
 * Drives reconnection for one transport. The adapter reports what happens to
 * its connection; the scheduler decides when to call `connect()` again.
 * - `onClosed(close)`: a connection closed or failed to open; a permanent
 *   code stops the scheduler, anything else schedules one retry.
 * - `onOpened()`: the connection works; the next failure starts from the
 *   first window again. (Call it once the connection proved useful, e.g. on
 *   the first sync, so that a relay accepting then closing is backed off.)
 * - `stop()` / `resume()`: the user or the app disconnects / reconnects.
 */
export class ReconnectScheduler {
  private readonly options: ReconnectSchedulerOptions;
  private readonly policy: BackoffPolicy;
  private attempt = 0;
  private timer: { handle: unknown } | undefined;
  private stopped = false;

  constructor(options: ReconnectSchedulerOptions) {
    this.options = options;
    this.policy = options.policy ?? DEFAULT_BACKOFF;
  }

  /** Failed or closed connections since the last onOpened(). */
  get attempts(): number {
    return this.attempt;
  }

  get isScheduled(): boolean {
    return this.timer !== undefined;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  onOpened(): void {
    this.attempt = 0;
  }

  /** `close` is null when the connection failed or was closed locally without a code. */
  onClosed(close: CloseInfo | null): void {
    if (this.stopped) return;
    const isPermanent = this.options.isPermanent ?? isPermanentCloseCode;
    if (close !== null && isPermanent(close.code)) {
      this.stop();
      this.options.onStopped?.(close);
      return;
    }
    if (this.timer !== undefined) return;
    const delay = fullJitterDelay(this.attempt, this.policy, this.options.random);
    this.attempt++;
    const timer = {
      handle: this.options.timers.setTimeout(() => {
        if (this.timer !== timer) return;
        this.timer = undefined;
        if (!this.stopped) this.options.connect();
      }, delay),
    };
    this.timer = timer;
    this.options.onScheduled?.(this.attempt, delay);
  }

  /** Cancels any scheduled retry; later onClosed() calls do nothing until resume(). */
  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) {
      this.options.timers.clearTimeout(this.timer.handle);
      this.timer = undefined;
    }
  }

  /** Allows retries again, starting from the first window (the caller connects itself). */
  resume(): void {
    this.stopped = false;
    this.attempt = 0;
  }
}
