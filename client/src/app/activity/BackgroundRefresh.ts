import type { CommunityId } from '@ensemble/shared';
import type { ReadableStore } from '../../util/ValueStore';
import type { CommunitySession } from '../CommunitySession';

export interface RefreshDeps {
  /** Opens a community for a moment, without showing it; `release` closes it. */
  readonly visit: (id: CommunityId) => {
    readonly session: CommunitySession;
    readonly release: () => void;
  };
  readonly network: ReadableStore<boolean>;
  /** Whether the page is visible: a hidden tab or an app in the background does not refresh. */
  readonly visible: ReadableStore<boolean>;
  /** The communities to refresh, in order (most recently opened first). */
  readonly communities: () => readonly CommunityId[];
  /** Whether this device may sync the community through a relay (an invite link was opened). */
  readonly hasAccess: (id: CommunityId) => Promise<boolean>;
  /** Reads the synced document into the home's summary. */
  readonly record: (id: CommunityId, session: CommunitySession) => Promise<void>;
  readonly onError: (error: unknown) => void;
  /** Between two rounds while the home is shown. */
  readonly everyMs: number;
  /**
   * A round starts at once when the home is shown (the network comes back, the page becomes
   * visible), unless one ended less than this ago.
   */
  readonly minGapMs: number;
  /** How long a community may take to sync before its summary is read anyway. */
  readonly syncTimeoutMs: number;
  readonly now: () => number;
}

/**
 * While the home is shown (in a visible page) and the device is online, brings each community up to date in
 * turn: opens it (with its relay connection), waits until the relay has answered, reads
 * it into the summary, closes it; then again every few minutes. One community at a time,
 * never two rounds at once; communities this device has no relay access to are skipped.
 */
export class BackgroundRefresh {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Of the current showing of the home; aborted when it is left. */
  private controller: AbortController | undefined;
  private running = false;
  private lastEnd = Number.NEGATIVE_INFINITY;

  constructor(private readonly deps: RefreshDeps) {}

  /** The home is shown: refresh now (or soon) and every few minutes; returns a stop. */
  start(): () => void {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const { network, visible } = this.deps;
    const resume = () => {
      if (network.get() && visible.get()) this.scheduleSoon();
    };
    const stops = [network.subscribe(resume), visible.subscribe(resume)];
    this.scheduleSoon();
    return () => {
      for (const stop of stops) stop();
      controller.abort();
      if (this.controller !== controller) return;
      this.controller = undefined;
      clearTimeout(this.timer);
      this.timer = undefined;
    };
  }

  /** Whether a round is under way (for tests). */
  get busy(): boolean {
    return this.running;
  }

  /** Now, unless a round ended less than `minGapMs` ago. */
  private scheduleSoon(): void {
    this.schedule(Math.max(0, this.lastEnd + this.deps.minGapMs - this.deps.now()));
  }

  private schedule(delayMs: number): void {
    if (!this.controller) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.round().catch(this.deps.onError);
    }, delayMs);
  }

  private async round(): Promise<void> {
    const controller = this.controller;
    // A round under way schedules the next one itself; without network or while the page is
    // hidden, coming back online or visible does.
    const { network, visible } = this.deps;
    if (!controller || this.running || !network.get() || !visible.get()) return;
    this.running = true;
    try {
      for (const id of this.deps.communities()) {
        if (controller.signal.aborted || !network.get() || !visible.get()) break;
        if (!(await this.deps.hasAccess(id))) continue;
        if (controller.signal.aborted) break;
        await this.refreshOne(id, controller.signal);
      }
    } finally {
      this.running = false;
      this.lastEnd = this.deps.now();
      // Shown again while this round wound down: the new showing starts one now.
      this.schedule(this.controller === controller ? this.deps.everyMs : 0);
    }
  }

  private async refreshOne(id: CommunityId, signal: AbortSignal): Promise<void> {
    const { session, release } = this.deps.visit(id);
    try {
      await whenSettled(session, this.deps.syncTimeoutMs, signal);
      if (!signal.aborted && session.document) await this.deps.record(id, session);
    } catch (error) {
      this.deps.onError(error);
    } finally {
      release();
    }
  }
}

/**
 * Resolves once the session's document is loaded and the relay has answered (or refused, or
 * cannot be reached), after `timeoutMs` at the latest, or as soon as `signal` aborts.
 */
export function whenSettled(
  session: CommunitySession,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<void> {
  return new Promise((resolve) => {
    const stops: (() => void)[] = [];
    const finish = () => {
      for (const stop of stops.splice(0)) stop();
      clearTimeout(timer);
      signal.removeEventListener('abort', finish);
      resolve();
    };
    const check = () => {
      if (!session.document) return;
      const state = session.syncStatus.get();
      if (state === 'synced' || state === 'offline' || session.relayRefusal.get()) finish();
    };
    const timer = setTimeout(finish, timeoutMs);
    signal.addEventListener('abort', finish);
    stops.push(
      session.subscribe(check),
      session.syncStatus.subscribe(check),
      session.relayRefusal.subscribe(check),
    );
    if (signal.aborted) finish();
    else check();
  });
}
