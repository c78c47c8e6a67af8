import type { CommunityId } from '@ensemble/shared';
import type { AccessStore } from '../../storage/AccessStore';
import { type ActivityRows, ActivityStore } from '../../storage/ActivityStore';
import type { CommunitySummary } from '../../storage/CommunityIndex';
import type { EnsembleDatabase } from '../../storage/EnsembleDatabase';
import type { ReadableStore } from '../../util/ValueStore';
import type { CommunityRepository } from '../CommunityRepository';
import type { CommunitySession } from '../CommunitySession';
import { nextActivityRow } from './activityRow';
import { BackgroundRefresh } from './BackgroundRefresh';
import { readActivity } from './readActivity';

export interface ActivityDeps {
  readonly repository: CommunityRepository;
  readonly db: EnsembleDatabase;
  readonly access: AccessStore;
  readonly network: ReadableStore<boolean>;
  /** Whether the page is visible (document.visibilityState by default). */
  readonly visible?: ReadableStore<boolean>;
  /** The home's list, most recently opened first (undefined while it is read). */
  readonly communities: ReadableStore<readonly CommunitySummary[] | undefined>;
  readonly onError: (error: unknown) => void;
  readonly now?: () => number;
  readonly refreshEveryMs?: number;
  readonly minGapMs?: number;
  readonly syncTimeoutMs?: number;
  /** While a community is on screen, its summary is brought up to date at most this often. */
  readonly seenEveryMs?: number;
}

/**
 * The home's "what changed since I last looked": records what the screens show as seen,
 * refreshes the communities in the background while the home is shown, and serves the
 * summary rows. Loaded on demand (it reads documents through the domain API).
 */
export class ActivityService {
  readonly rows: ReadableStore<ActivityRows | undefined>;
  private readonly store: ActivityStore;
  private readonly refresh: BackgroundRefresh;
  private readonly watching = new Map<CommunityId, () => void>();
  private queue: Promise<void> = Promise.resolve();
  private readonly now: () => number;
  private summariesShown = 0;
  private stopRefresh: (() => void) | undefined;

  constructor(private readonly deps: ActivityDeps) {
    this.now = deps.now ?? Date.now;
    this.store = new ActivityStore(deps.db);
    this.rows = liveRows(this.store, deps.onError);
    this.refresh = new BackgroundRefresh({
      visit: (id) => {
        const release = deps.repository.retain(id, true);
        return { session: deps.repository.session(id), release };
      },
      network: deps.network,
      visible: deps.visible ?? pageVisibility(),
      communities: () => deps.communities.get()?.map((community) => community.id) ?? [],
      hasAccess: async (id) => (await deps.access.get(id)) !== undefined,
      record: (id, session) => this.record(id, session),
      onError: deps.onError,
      everyMs: deps.refreshEveryMs ?? 3 * 60_000,
      minGapMs: deps.minGapMs ?? 60_000,
      syncTimeoutMs: deps.syncTimeoutMs ?? 20_000,
      now: this.now,
    });
  }

  /** Follows the communities on screen: what they hold while shown counts as seen. */
  followViewed(): () => void {
    const { viewers } = this.deps.repository;
    const follow = () => {
      const shown = viewers.get();
      for (const [id, count] of shown) {
        if (count > 0 && !this.watching.has(id)) this.watching.set(id, this.watch(id));
      }
      for (const [id, stop] of this.watching) {
        if ((shown.get(id) ?? 0) > 0) continue;
        this.watching.delete(id);
        stop();
      }
    };
    follow();
    return viewers.subscribe(follow);
  }

  /**
   * A summary is on screen: while at least one is, the communities are kept up to date in
   * the background. Returns a function to call when it leaves the screen.
   */
  showingSummary(): () => void {
    this.summariesShown += 1;
    if (this.summariesShown === 1) this.stopRefresh = this.refresh.start();
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.summariesShown -= 1;
      if (this.summariesShown > 0) return;
      this.stopRefresh?.();
      this.stopRefresh = undefined;
    };
  }

  /**
   * Reads an open community into its summary row: seen if a screen shows it (or `seen`).
   * One at a time: a background round and a screen may both record the same community.
   */
  record(id: CommunityId, session: CommunitySession, seen?: boolean): Promise<void> {
    this.queue = this.queue
      .then(async () => {
        const previous = await this.store.get(id);
        const doc = session.document;
        if (!doc) return; // closed meanwhile
        const now = this.now();
        const self = this.deps.repository.selfIn(id);
        const reading = readActivity(doc, self, new Date(now), previous?.watched);
        if (!reading) return; // no community in it yet: nothing to compare
        const viewed = seen ?? (this.deps.repository.viewers.get().get(id) ?? 0) > 0;
        await this.store.put(nextActivityRow(previous, id, reading, { viewed, now }));
      })
      .catch(this.deps.onError);
    return this.queue;
  }

  private watch(id: CommunityId): () => void {
    const session = this.deps.repository.session(id);
    let timer: ReturnType<typeof setTimeout> | undefined;
    // What the screen shows is written as seen now, then at most every `seenEveryMs`.
    const flush = () => {
      clearTimeout(timer);
      timer = undefined;
      return this.record(id, session, true);
    };
    const stop = session.subscribe(() => {
      timer ??= setTimeout(() => {
        flush().catch(this.deps.onError);
      }, this.deps.seenEveryMs ?? 1500);
    });
    flush().catch(this.deps.onError);
    return () => {
      stop();
      // The screen was just left: what it showed was seen.
      flush().catch(this.deps.onError);
    };
  }
}

/** Starts the service: from now on, what the screens show counts as seen. */
export function startActivity(deps: ActivityDeps): ActivityService {
  const service = new ActivityService(deps);
  service.followViewed();
  return service;
}

/** `document.visibilityState` as a store (always visible where there is no document). */
function pageVisibility(): ReadableStore<boolean> {
  const visible = () => typeof document === 'undefined' || document.visibilityState !== 'hidden';
  return {
    get: visible,
    subscribe: (listener) => {
      if (typeof document === 'undefined') return () => undefined;
      document.addEventListener('visibilitychange', listener);
      return () => document.removeEventListener('visibilitychange', listener);
    },
  };
}

/** The rows as a store, watched (one live query) while someone subscribes. */
function liveRows(
  store: ActivityStore,
  onError: (error: unknown) => void,
): ReadableStore<ActivityRows | undefined> {
  let value: ActivityRows | undefined;
  let stop: (() => void) | undefined;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    subscribe: (listener) => {
      listeners.add(listener);
      stop ??= store.watch((rows) => {
        value = rows;
        for (const notify of [...listeners]) notify();
      }, onError);
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        stop?.();
        stop = undefined;
      };
    },
  };
}
