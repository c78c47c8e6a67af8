import type { CommunityId } from '@ensemble/shared';
import { liveQuery, type Table } from 'dexie';
import type { EnsembleDatabase } from './EnsembleDatabase';
import { toStorageError } from './StorageError';

/**
 * What other people wrote in a community, counted in records. Records are never removed
 * (deletion is a flag), so the difference between two counts is what was added between them.
 */
export interface ActivityCounts {
  readonly events: number;
  readonly items: number;
  readonly threads: number;
  /** Posts of discussions and comments (a thread's first post included). */
  readonly posts: number;
  readonly members: number;
  readonly projects: number;
}

/** An event this device takes part in (RSVP), as it was when the community was last looked at. */
export interface WatchedEvent {
  readonly title: string;
  /** Its occurrence concerned ('' for a one-off event). */
  readonly occurrence: string;
  /** What a participant would notice changing: time, place, title, cancellation. */
  readonly fingerprint: string;
}

/** A watched event that changed since then. */
export interface ChangedEvent {
  readonly id: string;
  readonly title: string;
  readonly cancelled: boolean;
}

/**
 * One community's activity summary for the home screen: a few numbers, so that the home
 * never loads whole documents. Written when the community's screen is open (then all of
 * it counts as seen) and when the home's background refresh reads the document.
 */
export interface ActivityRow {
  readonly communityId: string;
  /** Others' records when this device last looked (had the community's screen open). */
  readonly seen: ActivityCounts;
  readonly seenAt: number;
  /** Others' records the last time the document was read on this device. */
  readonly latest: ActivityCounts;
  readonly checkedAt: number;
  /** Events taken part in when last looked, by id. */
  readonly watched: Readonly<Record<string, WatchedEvent>>;
  /** Watched events that changed since. */
  readonly changed: readonly ChangedEvent[];
}

export type ActivityRows = ReadonlyMap<CommunityId, ActivityRow>;

/** The `activity` table (Dexie version 5): one small row per community. */
export class ActivityStore {
  private readonly table: Table<ActivityRow, string>;

  constructor(db: EnsembleDatabase) {
    this.table = db.table('activity');
  }

  get(id: CommunityId): Promise<ActivityRow | undefined> {
    return this.table.get(id);
  }

  async put(row: ActivityRow): Promise<void> {
    await this.table.put(row);
  }

  /** Calls `listener` with every row now and after every change; returns an unsubscribe. */
  watch(listener: (rows: ActivityRows) => void, onError: (error: unknown) => void): () => void {
    const subscription = liveQuery(() => this.table.toArray()).subscribe({
      next: (rows) => listener(new Map(rows.map((row) => [row.communityId as CommunityId, row]))),
      error: (error: unknown) => onError(toStorageError(error)),
    });
    return () => subscription.unsubscribe();
  }
}
