import { type CommunityEvent, type CommunitySnapshot, nextOccurrence } from '@ensemble/shared';
import {
  type CommunityDigest,
  DIGEST_FORMAT,
  DIGEST_PAST,
  DIGEST_UPCOMING,
  type DigestEvent,
  eventSections,
} from './communityDigest';

// Writing a digest is off the critical path: this code loads on demand, after the first paint.

/** The digest of a snapshot at `now` (bounded, whatever the size of the community). */
export function digestOf(snapshot: CommunitySnapshot, now: Date): CommunityDigest {
  const { upcoming, past } = eventSections(snapshot, now);
  return {
    format: DIGEST_FORMAT,
    communityId: snapshot.id,
    profile: {
      name: snapshot.profile.name,
      city: snapshot.profile.city,
      description: snapshot.profile.description,
    },
    upcoming: upcoming
      .slice(0, DIGEST_UPCOMING)
      .map((event) =>
        cardOf(event, event.recurrence ? nextOccurrence(event, now)?.end : event.end),
      ),
    past: past.slice(0, DIGEST_PAST).map((event) => cardOf(event, event.end)),
  };
}

/** Whether two digests show the same thing (to skip rewriting an unchanged one). */
export function sameDigest(a: CommunityDigest | undefined, b: CommunityDigest): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

function cardOf(event: CommunityEvent, until: string | undefined): DigestEvent {
  return {
    id: event.id,
    title: event.title,
    start: event.start,
    end: event.end,
    timeZone: event.timeZone,
    place: event.place,
    until: until ?? event.end,
  };
}
