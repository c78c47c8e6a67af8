import type {
  ActivityCounts,
  ActivityRow,
  ChangedEvent,
  WatchedEvent,
} from '../../storage/ActivityStore';
import type { ActivityReading } from './readActivity';

/** What the home says about a community: what others added since this device last looked. */
export interface ActivityDigest {
  readonly events: number;
  readonly items: number;
  readonly threads: number;
  /** Replies and comments (the first post of a new thread counts as the thread). */
  readonly messages: number;
  readonly members: number;
  readonly projects: number;
  /** Events this device takes part in that were changed or cancelled. */
  readonly changed: readonly ChangedEvent[];
}

/**
 * The next summary row after reading the document. On screen (`viewed`), or the first
 * time, everything there is counts as seen; otherwise what is new is measured against
 * what was there when last seen, and watched events are compared with how they were then.
 */
export function nextActivityRow(
  previous: ActivityRow | undefined,
  communityId: string,
  reading: ActivityReading,
  options: { readonly viewed: boolean; readonly now: number },
): ActivityRow {
  const { viewed, now } = options;
  if (viewed || !previous) {
    return {
      communityId,
      seen: reading.counts,
      seenAt: now,
      latest: reading.counts,
      checkedAt: now,
      watched: reading.involved,
      changed: [],
    };
  }
  return {
    ...previous,
    latest: reading.counts,
    checkedAt: now,
    changed: changedEvents(previous.watched, reading),
  };
}

function changedEvents(
  watched: Readonly<Record<string, WatchedEvent>>,
  reading: ActivityReading,
): ChangedEvent[] {
  const changed: ChangedEvent[] = [];
  for (const [id, before] of Object.entries(watched)) {
    const now = reading.current[id];
    // Gone from the document (another replica's history): nothing a person can look at.
    if (!now || now.fingerprint === before.fingerprint) continue;
    changed.push({ id, title: now.title, cancelled: now.cancelled });
  }
  return changed;
}

const added = (row: ActivityRow, key: keyof ActivityCounts) =>
  Math.max(0, (row.latest[key] ?? 0) - (row.seen[key] ?? 0));

/** What others added since this device last looked at the community. */
export function activityDigest(row: ActivityRow): ActivityDigest {
  const threads = added(row, 'threads');
  return {
    events: added(row, 'events'),
    items: added(row, 'items'),
    threads,
    // Each new thread brings its first post, by the same author.
    messages: Math.max(0, added(row, 'posts') - threads),
    members: added(row, 'members'),
    projects: added(row, 'projects'),
    changed: row.changed,
  };
}

export function isQuiet(digest: ActivityDigest): boolean {
  return (
    digest.events + digest.items + digest.threads + digest.messages + digest.members === 0 &&
    digest.projects === 0 &&
    digest.changed.length === 0
  );
}
