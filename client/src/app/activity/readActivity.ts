import {
  attendance,
  type CommunityEvent,
  type CrdtDocument,
  listItems,
  listProjects,
  listThreads,
  nextOccurrence,
  postIndex,
  readCommunity,
} from '@ensemble/shared';
import type { ActivityCounts, WatchedEvent } from '../../storage/ActivityStore';

/** A watched event as it is now; undefined once it is gone from the document. */
export interface EventState {
  readonly title: string;
  readonly fingerprint: string;
  readonly cancelled: boolean;
}

/** What the home's summary needs from a community document, read through the domain API. */
export interface ActivityReading {
  /** Records written by others (never by `self`). */
  readonly counts: ActivityCounts;
  /** Upcoming events `self` answered going or maybe to (confirmed, waitlisted or maybe). */
  readonly involved: Readonly<Record<string, WatchedEvent>>;
  /** The events asked about (those watched when last looked), as they are now. */
  readonly current: Readonly<Record<string, EventState>>;
}

const countOthers = <T>(records: Iterable<T>, author: (record: T) => string, self: string) => {
  let count = 0;
  for (const record of records) if (author(record) !== self) count += 1;
  return count;
};

/**
 * Reads what others did in a community, as counts of their records, and which events
 * `self` takes part in. `self` is this device's member id (its device id in an open
 * community, where the device acts). Undefined while the document holds no community.
 */
export function readActivity(
  doc: CrdtDocument,
  self: string,
  now: Date,
  watched: Readonly<Record<string, WatchedEvent>> = {},
): ActivityReading | undefined {
  const snapshot = readCommunity(doc);
  if (!snapshot) return undefined;
  const counts: ActivityCounts = {
    events: countOthers(snapshot.events, (event) => event.createdBy, self),
    items: countOthers(listItems(doc), (item) => item.owner, self),
    threads: countOthers(listThreads(doc), (thread) => thread.createdBy, self),
    posts: countOthers(postIndex(doc).byId.values(), (post) => post.author, self),
    members: countOthers(snapshot.members, (member) => member.id, self),
    projects: countOthers(listProjects(doc), (project) => project.createdBy, self),
  };
  const involved: Record<string, WatchedEvent> = {};
  const current: Record<string, EventState> = {};
  const nowIso = now.toISOString();
  for (const event of snapshot.events) {
    const before = watched[event.id];
    if (before) {
      current[event.id] = {
        title: event.title,
        fingerprint: fingerprint(event, before.occurrence),
        cancelled: isCancelled(event, before.occurrence),
      };
    }
    if (event.cancelled) continue;
    const occurrence = event.recurrence
      ? nextOccurrence(event, now)?.key
      : event.end >= nowIso
        ? ''
        : undefined;
    if (occurrence === undefined) continue;
    const lists = attendance(doc, event.id, occurrence);
    const mine = (list: readonly string[]) => list.includes(self);
    if (mine(lists.confirmed) || mine(lists.waitlist) || mine(lists.maybe)) {
      involved[event.id] = {
        title: event.title,
        occurrence,
        fingerprint: fingerprint(event, occurrence),
      };
    }
  }
  return { counts, involved, current };
}

function isCancelled(event: CommunityEvent, occurrence: string): boolean {
  return event.cancelled || event.exceptions[occurrence]?.cancelled === true;
}

/** What someone who said they would come notices: title, time, place, cancellation. */
function fingerprint(event: CommunityEvent, occurrence: string): string {
  return JSON.stringify([
    event.title,
    event.start,
    event.end,
    event.timeZone,
    event.place,
    event.recurrence,
    event.exceptions[occurrence] ?? null,
    isCancelled(event, occurrence),
  ]);
}
