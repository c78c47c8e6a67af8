import type { HlcTimestamp } from '../../clock/HybridLogicalClock';
import type { CrdtDocument } from '../../crdt/DocumentPort';
import type { EventId, MemberId } from '../../ids';
import { err, ok, type Result } from '../../result';
import { derived } from '../derived';
import { type DomainError, DomainErrorReason, domainError } from '../errors';
import { actingMember, hasMembership, readEventById } from './access';
import type { ChangeContext } from './context';
import { MemberRole, readMembers } from './members';
import { isOccurrenceKey } from './recurrence';
import { ATTENDANCE_ROOTS, CommunityRoot } from './schema';

export const RsvpStatus = { going: 'going', maybe: 'maybe', notGoing: 'not-going' } as const;
export type RsvpStatus = (typeof RsvpStatus)[keyof typeof RsvpStatus];

/**
 * Stored compactly (100,000 RSVPs must load fast): one string per member and
 * occurrence, a status letter then a stamp. For "going" the stamp is when the
 * member's current "going" began (their place in line for a seat); otherwise
 * it is when the answer was given.
 */
interface StoredRsvp {
  readonly status: RsvpStatus;
  readonly stamp: HlcTimestamp;
}

const STATUS_CODE: Record<RsvpStatus, string> = { going: 'g', maybe: 'm', 'not-going': 'n' };
const CODE_STATUS: Record<string, RsvpStatus> = { g: 'going', m: 'maybe', n: 'not-going' };

function encodeRsvp(rsvp: StoredRsvp): string {
  return `${STATUS_CODE[rsvp.status]}${rsvp.stamp}`;
}

function decodeRsvp(value: unknown): StoredRsvp | undefined {
  if (typeof value !== 'string' || value.length < 2) return undefined;
  const status = CODE_STATUS[value[0] ?? ''];
  return status ? { status, stamp: value.slice(1) as HlcTimestamp } : undefined;
}

export interface SetRsvp {
  readonly type: 'setRsvp';
  readonly eventId: EventId;
  /** Which occurrence: '' (the default) for a one-off event. */
  readonly occurrence?: string;
  readonly status: RsvpStatus | null;
}
export interface CheckIn {
  readonly type: 'checkIn';
  readonly eventId: EventId;
  readonly occurrence?: string;
  readonly memberId: MemberId;
  readonly present: boolean;
}
export type RsvpChange = SetRsvp | CheckIn;

const key = (eventId: EventId, occurrence: string, memberId: MemberId) =>
  `${eventId}|${occurrence}|${memberId}`;

export function applyRsvpChange(
  doc: CrdtDocument,
  change: RsvpChange,
  context: ChangeContext,
): Result<{ readonly type: 'rsvp' }, DomainError> {
  const event = readEventById(doc, change.eventId);
  if (!event) return err(domainError(DomainErrorReason.unknownEvent, 'eventId'));
  if (event.cancelled) return err(domainError(DomainErrorReason.eventCancelled));
  const occurrence = change.occurrence ?? '';
  if (!isOccurrenceKey(event, occurrence)) {
    return err(domainError(DomainErrorReason.invalidDate, 'occurrence'));
  }
  if (event.exceptions[occurrence]?.cancelled) {
    return err(domainError(DomainErrorReason.eventCancelled, 'occurrence'));
  }
  if (change.type === 'setRsvp') {
    const actor = actingMember(doc, context, null);
    if (!actor.ok) return actor;
    const rsvps = doc.map(CommunityRoot.rsvps);
    const k = key(change.eventId, occurrence, actor.value);
    const previous = decodeRsvp(rsvps.getValue(k));
    if (previous) context.clock.observe(previous.stamp);
    const at = context.clock.now();
    doc.transact(() => {
      if (change.status === null) {
        rsvps.delete(k);
        return;
      }
      // Saying "going" again keeps one's place in line; leaving "going" gives it up.
      const keepsPlace =
        change.status === RsvpStatus.going && previous?.status === RsvpStatus.going;
      rsvps.set(
        k,
        encodeRsvp({ status: change.status, stamp: keepsPlace && previous ? previous.stamp : at }),
      );
    });
    return ok({ type: 'rsvp' });
  }
  const actor = actingMember(doc, context, MemberRole.organizer);
  if (!actor.ok) return actor;
  const checkins = doc.map(CommunityRoot.checkins);
  const k = key(change.eventId, occurrence, change.memberId);
  doc.transact(() => {
    if (change.present) checkins.set(k, { by: actor.value, at: context.clock.now() });
    else checkins.delete(k);
  });
  return ok({ type: 'rsvp' });
}

export interface Attendance {
  /** The first `capacity` "going" members in (since, member id) order. */
  readonly confirmed: readonly MemberId[];
  /** The other "going" members, in line for a seat: promoted automatically when one frees. */
  readonly waitlist: readonly MemberId[];
  readonly maybe: readonly MemberId[];
  readonly notGoing: readonly MemberId[];
  readonly checkedIn: readonly MemberId[];
}

const EMPTY: Attendance = { confirmed: [], waitlist: [], maybe: [], notGoing: [], checkedIn: [] };

/**
 * [RSVP1-4] Every replica computes the same lists from the same RSVPs; RSVPs of
 * members who left or were removed, and of cancelled events, do not count.
 * One pass over all RSVPs builds every event's lists (memoised until the next change).
 */
export function attendance(doc: CrdtDocument, eventId: EventId, occurrence = ''): Attendance {
  const event = readEventById(doc, eventId);
  // [RSVP4] Nothing counts for a cancelled event or a cancelled occurrence.
  if (!event || event.cancelled || event.exceptions[occurrence]?.cancelled) return EMPTY;
  const lists = attendanceIndex(doc).get(`${eventId}|${occurrence}`);
  if (!lists) return EMPTY;
  const going = [...lists.going].sort((a, b) =>
    a.since < b.since ? -1 : a.since > b.since ? 1 : a.member < b.member ? -1 : 1,
  );
  const seats = event.capacity ?? going.length;
  return {
    confirmed: going.slice(0, seats).map((g) => g.member),
    waitlist: going.slice(seats).map((g) => g.member),
    maybe: [...lists.maybe].sort(),
    notGoing: [...lists.notGoing].sort(),
    checkedIn: [...lists.checkedIn].sort(),
  };
}

interface OccurrenceLists {
  readonly going: { member: MemberId; since: string }[];
  readonly maybe: MemberId[];
  readonly notGoing: MemberId[];
  readonly checkedIn: MemberId[];
}

function splitKey(key: string): [string, MemberId] {
  const cut = key.lastIndexOf('|');
  return [key.slice(0, cut), key.slice(cut + 1) as MemberId];
}

function attendanceIndex(doc: CrdtDocument): Map<string, OccurrenceLists> {
  return derived(doc, 'attendance', ATTENDANCE_ROOTS, () => {
    const active = hasMembership(doc)
      ? new Set(
          readMembers(doc)
            .filter((m) => m.status === 'active')
            .map((m) => m.id as string),
        )
      : undefined;
    const index = new Map<string, OccurrenceLists>();
    const listsFor = (occurrence: string) => {
      let lists = index.get(occurrence);
      if (!lists) {
        lists = { going: [], maybe: [], notGoing: [], checkedIn: [] };
        index.set(occurrence, lists);
      }
      return lists;
    };
    const rsvps = doc.map(CommunityRoot.rsvps);
    for (const key of rsvps.keys()) {
      const [occurrence, member] = splitKey(key);
      if (active && !active.has(member)) continue;
      const value = decodeRsvp(rsvps.getValue(key));
      if (!value) continue;
      const lists = listsFor(occurrence);
      if (value.status === RsvpStatus.going) lists.going.push({ member, since: value.stamp });
      else if (value.status === RsvpStatus.maybe) lists.maybe.push(member);
      else lists.notGoing.push(member);
    }
    for (const key of doc.map(CommunityRoot.checkins).keys()) {
      const [occurrence, member] = splitKey(key);
      if (!active || active.has(member)) listsFor(occurrence).checkedIn.push(member);
    }
    return index;
  });
}
