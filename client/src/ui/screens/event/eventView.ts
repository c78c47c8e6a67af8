import {
  type Attendance,
  type CommunityEvent,
  type CommunitySnapshot,
  type MemberId,
  MemberRole,
  type Occurrence,
  occurrencesOf,
} from '@ensemble/shared';
import type { FeatureTranslate } from '../../../i18n/featureMessages';
import type { DisplayNameMessageKey } from './displayNameMessages';
import type { EventMessageKey } from './messages';

type Translate = FeatureTranslate<EventMessageKey>;

/** Where I stand for one occurrence: what the RSVP panel says. */
export type RsvpState =
  | { readonly kind: 'confirmed' }
  | { readonly kind: 'waitlisted'; readonly position: number }
  | { readonly kind: 'maybe' }
  | { readonly kind: 'not-going' }
  | { readonly kind: 'none' };

/** [RSVP1] My state, read from the attendance every replica computes the same way. */
export function rsvpState(attendance: Attendance, me: MemberId): RsvpState {
  if (attendance.confirmed.includes(me)) return { kind: 'confirmed' };
  const index = attendance.waitlist.indexOf(me);
  if (index >= 0) return { kind: 'waitlisted', position: index + 1 };
  if (attendance.maybe.includes(me)) return { kind: 'maybe' };
  if (attendance.notGoing.includes(me)) return { kind: 'not-going' };
  return { kind: 'none' };
}

export function rsvpStateText(t: Translate, state: RsvpState): string {
  switch (state.kind) {
    case 'confirmed':
      return t('rsvp.state.confirmed');
    case 'waitlisted':
      return t('rsvp.state.waitlisted', { position: state.position });
    case 'maybe':
      return t('rsvp.state.maybe');
    case 'not-going':
      return t('rsvp.state.notGoing');
    case 'none':
      return t('rsvp.state.none');
  }
}

/** "12 places, 3 restantes", "12 places, complet"; undefined when seats are unlimited. */
export function capacityText(
  t: Translate,
  capacity: number | null,
  confirmed: number,
): string | undefined {
  if (capacity === null) return undefined;
  const left = Math.max(0, capacity - confirmed);
  const seats = t(capacity === 1 ? 'capacity.seats.one' : 'capacity.seats.other', {
    count: capacity,
  });
  const remaining =
    left === 0
      ? t('capacity.full')
      : t(left === 1 ? 'capacity.left.one' : 'capacity.left.other', { count: left });
  return t('capacity.summary', { seats, left: remaining });
}

/** How many occurrences the picker offers. */
export const PICKER_SIZE = 6;

/**
 * The occurrences the picker shows: the next ones from `now` (cancelled ones
 * included, to be shown struck through), plus the chosen one if it is further away.
 */
export function pickerOccurrences(
  event: CommunityEvent,
  now: Date,
  chosenKey: string,
  size = PICKER_SIZE,
): Occurrence[] {
  if (!event.recurrence) return [];
  const to = new Date(now.getTime() + 10 * 366 * 86_400_000).toISOString();
  const upcoming = occurrencesOf(event, now.toISOString(), to).slice(0, size);
  if (chosenKey && !upcoming.some((o) => o.key === chosenKey)) {
    const chosen = findOccurrence(event, chosenKey);
    if (chosen) return [chosen, ...upcoming];
  }
  return upcoming;
}

/** The occurrence with this key, wherever it falls in time. */
export function findOccurrence(event: CommunityEvent, key: string): Occurrence | undefined {
  if (!event.recurrence) {
    return key === ''
      ? { key: '', start: event.start, end: event.end, cancelled: event.cancelled, moved: false }
      : undefined;
  }
  const day = Date.parse(`${key}T00:00:00Z`);
  if (Number.isNaN(day)) return undefined;
  // A moved occurrence may sit anywhere: look at every exception first.
  const exception = event.exceptions[key];
  const from = new Date(day - 3 * 86_400_000).toISOString();
  const to = new Date(day + 4 * 86_400_000).toISOString();
  const near = occurrencesOf(event, from, to).find((o) => o.key === key);
  if (near || !exception) return near;
  return occurrencesOf(event, event.start, '9999-12-31T00:00:00Z').find((o) => o.key === key);
}

/**
 * The occurrence the page is about: the one asked for when it exists, otherwise the
 * next one not cancelled, otherwise the last one (a past recurring event).
 */
export function chooseOccurrence(
  event: CommunityEvent,
  requested: string,
  now: Date,
): Occurrence | undefined {
  if (!event.recurrence) return findOccurrence(event, '');
  if (requested) {
    const found = findOccurrence(event, requested);
    if (found) return found;
  }
  const to = new Date(now.getTime() + 10 * 366 * 86_400_000).toISOString();
  const next = occurrencesOf(event, now.toISOString(), to).find((o) => !o.cancelled);
  if (next) return next;
  return occurrencesOf(event, event.start, now.toISOString()).at(-1);
}

/**
 * [EVT5] [RSVP5] Whether this person may use the organizer tools (check-in, cancel):
 * everyone in an open community (MEM5), otherwise organizers and the event's creator.
 */
export function canOrganize(
  snapshot: CommunitySnapshot,
  event: CommunityEvent,
  me: MemberId,
): boolean {
  if (snapshot.members.length === 0) return true;
  if (event.createdBy === me) return true;
  return snapshot.members.some((m) => m.id === me && m.role === MemberRole.organizer);
}

/**
 * A person's name as shown to me: "Vous" for me, the member's name when the community
 * has members, otherwise a short label from their device id.
 */
export function personName(
  t: FeatureTranslate<DisplayNameMessageKey>,
  snapshot: CommunitySnapshot,
  id: string,
  me: MemberId,
): string {
  if (id === me) return t('people.you');
  const member = snapshot.members.find((m) => m.id === id);
  if (member?.displayName) return member.displayName;
  return t('people.someone', { tag: id.slice(0, 4).toUpperCase() });
}

/** Check-in search: names containing the query, accents and case ignored. */
export function matchesQuery(name: string, query: string): boolean {
  const fold = (text: string) =>
    text
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase()
      .trim();
  const q = fold(query);
  return q === '' || fold(name).includes(q);
}

/** A file name for the event's calendar file: "apero-de-juin.ics". */
export function icsFileName(title: string): string {
  const slug = title
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'evenement'}.ics`;
}

/** "Toutes les 2 semaines, jusqu’au 30 juin 2031". */
export function recurrenceText(t: Translate, event: CommunityEvent, locale: string): string {
  const rule = event.recurrence;
  if (!rule) return t('recurrence.none');
  const text =
    rule.frequency === 'weekly'
      ? rule.interval === 1
        ? t('recurrence.weekly')
        : t('recurrence.everyNWeeks', { n: rule.interval })
      : rule.frequency === 'monthly-by-day'
        ? t('recurrence.monthlyByDay')
        : t('recurrence.monthlyByWeekday');
  if (!rule.until) return text;
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${rule.until}T12:00:00Z`),
  );
  return t('recurrence.until', { rule: text, date });
}
