import {
  type CommunityEvent,
  type CommunityId,
  type CommunitySnapshot,
  upcomingEvents,
} from '@ensemble/shared';

/**
 * A community's digest: the little its events tab needs for a first screen (profile, the
 * next upcoming events, the latest past ones), derived from the document and kept on the
 * device, so that a reopened community paints at once while its full document loads.
 * Never a source of truth: the document replaces it as soon as it is read.
 */

/** Bumped whenever the shape below changes: a digest of another format is ignored. */
export const DIGEST_FORMAT = 1;
/** Enough for a first screen and some scrolling (the events tab draws as many at first). */
export const DIGEST_UPCOMING = 50;
export const DIGEST_PAST = 20;

/** What an event card shows. */
export type EventCardData = Pick<
  CommunityEvent,
  'id' | 'title' | 'start' | 'end' | 'timeZone' | 'place'
>;

export interface DigestEvent extends EventCardData {
  /** When the occurrence that made it upcoming ends (ISO): after that, the digest drops it. */
  readonly until: string;
}

export interface CommunityDigest {
  readonly format: typeof DIGEST_FORMAT;
  readonly communityId: CommunityId;
  readonly profile: {
    readonly name: string;
    readonly city: string;
    readonly description: string;
  };
  /** Soonest first, at most DIGEST_UPCOMING. */
  readonly upcoming: readonly DigestEvent[];
  /** Most recent first, at most DIGEST_PAST. */
  readonly past: readonly DigestEvent[];
}

export interface EventSections<E> {
  /** Soonest next occurrence first. */
  readonly upcoming: readonly E[];
  /** Most recent first (cancelled events included, as on the events tab). */
  readonly past: readonly E[];
}

/** The events tab's two lists, from the full snapshot. */
export function eventSections(
  snapshot: CommunitySnapshot,
  now: Date,
): EventSections<CommunityEvent> {
  const upcoming = upcomingEvents(snapshot, now);
  const upcomingIds = new Set(upcoming.map((event) => event.id));
  const past = snapshot.events.filter((event) => !upcomingIds.has(event.id)).reverse();
  return { upcoming, past };
}

/** The lists a digest shows at `now`: events that have ended since it was written are left out. */
export function digestSections(digest: CommunityDigest, now: Date): EventSections<DigestEvent> {
  const iso = now.toISOString();
  return { upcoming: digest.upcoming.filter((event) => event.until >= iso), past: digest.past };
}

/**
 * A stored digest read back: undefined unless it has this format and belongs to `id`
 * (a digest is never shown for another community).
 */
export function parseDigest(value: unknown, id: CommunityId): CommunityDigest | undefined {
  const digest = value as Partial<CommunityDigest> | undefined;
  return digest?.format === DIGEST_FORMAT &&
    digest.communityId === id &&
    Array.isArray(digest.upcoming) &&
    Array.isArray(digest.past)
    ? (digest as CommunityDigest)
    : undefined;
}
