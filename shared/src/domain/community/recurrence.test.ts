import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { EventId } from '../../ids';
import { communityToICalendar, eventToICalendar, foldLine, utf8Length } from './icalendar';
import { readCommunity, upcomingEvents } from './read';
import { occurrencesOf } from './recurrence';
import { attendance } from './rsvp';
import type { CommunityEvent } from './schema';
import { communityWithFounder, makeActor, sponsor } from './testkit';

const organizer = makeActor('orga');
const ana = makeActor('ana');
const EVENT = 'event-recurring-00001' as EventId;

function weeklyMeetup(
  recurrence: CommunityEvent['recurrence'],
  extra: Record<string, unknown> = {},
) {
  const doc = communityWithFounder(organizer);
  sponsor(doc, organizer, ana);
  const added = organizer.apply(doc, {
    type: 'addEvent',
    id: EVENT,
    title: 'Apéro, jeux; et discussions',
    description: 'Ligne 1\nLigne 2',
    start: '2026-03-17T18:30:00+01:00',
    end: '2026-03-17T21:00:00+01:00',
    timeZone: 'Europe/Paris',
    place: 'Café « Le Lien »',
    capacity: 2,
    recurrence,
    ...extra,
  });
  if (!added.ok) throw new Error(`setup: ${added.error.reason}`);
  return doc;
}

const eventOf = (doc: ReturnType<typeof weeklyMeetup>) =>
  readCommunity(doc)?.events[0] as CommunityEvent;

describe('recurring events', () => {
  it('[REC2] weekly occurrences keep 18:30 Paris time across the daylight-saving change', () => {
    const doc = weeklyMeetup({ frequency: 'weekly', interval: 1, until: null, count: 3 });
    const occurrences = occurrencesOf(eventOf(doc), '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z');
    expect(occurrences.map((o) => [o.key, o.start])).toEqual([
      ['2026-03-17', '2026-03-17T17:30:00.000Z'],
      ['2026-03-24', '2026-03-24T17:30:00.000Z'],
      ['2026-03-31', '2026-03-31T16:30:00.000Z'],
    ]);
  });

  it('[REC2] every 2 weeks until a date; monthly by day skips short months; monthly by weekday', () => {
    const biweekly = occurrencesOf(
      eventOf(weeklyMeetup({ frequency: 'weekly', interval: 2, until: '2026-04-28', count: null })),
      '2026-01-01T00:00:00Z',
      '2027-01-01T00:00:00Z',
    );
    expect(biweekly.map((o) => o.key)).toEqual([
      '2026-03-17',
      '2026-03-31',
      '2026-04-14',
      '2026-04-28',
    ]);
    const monthly31 = weeklyMeetup(
      { frequency: 'monthly-by-day', interval: 1, until: null, count: 3 },
      { start: '2026-01-31T18:00:00+01:00', end: '2026-01-31T19:00:00+01:00' },
    );
    expect(
      occurrencesOf(eventOf(monthly31), '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z').map(
        (o) => o.key,
      ),
    ).toEqual(['2026-01-31', '2026-03-31', '2026-05-31']);
    // 17 March 2026 is the 3rd Tuesday.
    const third = weeklyMeetup({
      frequency: 'monthly-by-weekday',
      interval: 1,
      until: null,
      count: 3,
    });
    expect(
      occurrencesOf(eventOf(third), '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z').map(
        (o) => o.key,
      ),
    ).toEqual(['2026-03-17', '2026-04-21', '2026-05-19']);
  });

  it('[REC3] one occurrence is cancelled and another moved; RSVPs are per occurrence', () => {
    const doc = weeklyMeetup({ frequency: 'weekly', interval: 1, until: null, count: 4 });
    expect(
      organizer.apply(doc, {
        type: 'setOccurrenceException',
        eventId: EVENT,
        occurrence: '2026-03-24',
        exception: { cancelled: true },
      }).ok,
    ).toBe(true);
    expect(
      organizer.apply(doc, {
        type: 'setOccurrenceException',
        eventId: EVENT,
        occurrence: '2026-03-31',
        exception: { start: '2026-04-01T17:00:00Z', end: '2026-04-01T19:00:00Z' },
      }).ok,
    ).toBe(true);
    expect(
      organizer.apply(doc, {
        type: 'setOccurrenceException',
        eventId: EVENT,
        occurrence: '2026-03-25',
        exception: { cancelled: true },
      }),
    ).toMatchObject({
      ok: false,
      error: { reason: 'invalid-date' },
    });
    const occurrences = occurrencesOf(eventOf(doc), '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z');
    expect(occurrences.map((o) => [o.key, o.cancelled, o.moved])).toEqual([
      ['2026-03-17', false, false],
      ['2026-03-24', true, false],
      ['2026-03-31', false, true],
      ['2026-04-07', false, false],
    ]);
    expect(
      ana.apply(doc, { type: 'setRsvp', eventId: EVENT, occurrence: '2026-03-17', status: 'going' })
        .ok,
    ).toBe(true);
    expect(
      ana.apply(doc, {
        type: 'setRsvp',
        eventId: EVENT,
        occurrence: '2026-03-24',
        status: 'going',
      }),
    ).toMatchObject({
      ok: false,
      error: { reason: 'event-cancelled' },
    });
    expect(ana.apply(doc, { type: 'setRsvp', eventId: EVENT, status: 'going' })).toMatchObject({
      ok: false,
      error: { reason: 'invalid-date' },
    });
    expect(attendance(doc, EVENT, '2026-03-17').confirmed).toEqual([ana.id]);
    expect(attendance(doc, EVENT, '2026-04-07').confirmed).toEqual([]);
    const snapshot = readCommunity(doc);
    if (!snapshot) throw new Error('no snapshot');
    expect(upcomingEvents(snapshot, new Date('2026-03-20T00:00:00Z')).map((e) => e.id)).toEqual([
      EVENT,
    ]);
    expect(upcomingEvents(snapshot, new Date('2026-05-01T00:00:00Z'))).toEqual([]);
  });
});

/** Parses with ical.js and expands every event into its occurrences (start instants, ISO). */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const vevents = calendar.getAllSubcomponents('vevent');
  const masters = vevents
    .filter((v) => !v.hasProperty('recurrence-id'))
    .map((v) => new ICAL.Event(v));
  for (const exception of vevents.filter((v) => v.hasProperty('recurrence-id'))) {
    masters
      .find((m) => m.uid === exception.getFirstPropertyValue('uid'))
      ?.relateException(new ICAL.Event(exception));
  }
  return masters.map((event) => {
    const starts: string[] = [];
    const iterator = event.iterator();
    for (let next = iterator.next(); next && starts.length < 50; next = iterator.next()) {
      starts.push(event.getOccurrenceDetails(next).startDate.toJSDate().toISOString());
    }
    return { event, starts };
  });
}

describe('iCalendar export', () => {
  it('[ICS1] a one-off event reads back with its title, place, description and instants', () => {
    const doc = weeklyMeetup(null);
    const text = eventToICalendar(eventOf(doc), { now: new Date('2026-03-01T00:00:00Z') });
    expect(text.split('\r\n').every((line) => utf8Length(line) <= 75)).toBe(true);
    const [parsed] = parse(text);
    expect(parsed?.event.summary).toBe('Apéro, jeux; et discussions');
    expect(parsed?.event.location).toBe('Café « Le Lien »');
    expect(parsed?.event.description).toBe('Ligne 1\nLigne 2');
    expect(parsed?.starts).toEqual(['2026-03-17T17:30:00.000Z']);
    expect(parsed?.event.endDate.toJSDate().toISOString()).toBe('2026-03-17T20:00:00.000Z');
  });

  it('[ICS2] recurrence, a cancelled and a moved occurrence read back to the same dates', () => {
    const doc = weeklyMeetup({
      frequency: 'weekly',
      interval: 1,
      until: '2026-04-07',
      count: null,
    });
    organizer.apply(doc, {
      type: 'setOccurrenceException',
      eventId: EVENT,
      occurrence: '2026-03-24',
      exception: { cancelled: true },
    });
    organizer.apply(doc, {
      type: 'setOccurrenceException',
      eventId: EVENT,
      occurrence: '2026-03-31',
      exception: { start: '2026-04-01T17:00:00Z', end: '2026-04-01T19:00:00Z' },
    });
    const [parsed] = parse(
      eventToICalendar(eventOf(doc), { now: new Date('2026-03-01T00:00:00Z') }),
    );
    const ours = occurrencesOf(eventOf(doc), '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z')
      .filter((o) => !o.cancelled)
      .map((o) => o.start);
    expect(parsed?.starts).toEqual(ours);
    expect(ours).toEqual([
      '2026-03-17T17:30:00.000Z',
      '2026-04-01T17:00:00.000Z',
      '2026-04-07T16:30:00.000Z',
    ]);
  });

  it('[ICS3] monthly rules and the community calendar (cancelled events marked) read back', () => {
    const doc = weeklyMeetup({
      frequency: 'monthly-by-weekday',
      interval: 2,
      until: null,
      count: 3,
    });
    organizer.apply(doc, {
      type: 'addEvent',
      title: 'Annulé',
      start: '2026-06-01T10:00:00Z',
      end: '2026-06-01T11:00:00Z',
      timeZone: 'America/New_York',
      place: '',
    });
    const cancelled = readCommunity(doc)?.events.find((e) => e.title === 'Annulé');
    if (cancelled)
      organizer.apply(doc, { type: 'setEventCancelled', eventId: cancelled.id, cancelled: true });
    const snapshot = readCommunity(doc);
    if (!snapshot) throw new Error('no snapshot');
    const parsed = parse(communityToICalendar(snapshot, { now: new Date('2026-03-01T00:00:00Z') }));
    const monthly = parsed.find((p) => p.event.uid.startsWith(EVENT));
    expect(monthly?.starts).toEqual(
      occurrencesOf(eventOf(doc), '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z').map(
        (o) => o.start,
      ),
    );
    const other = parsed.find((p) => p.event.summary === 'Annulé');
    expect(other?.event.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(other?.starts).toEqual(['2026-06-01T10:00:00.000Z']);
  });

  it('[ICS4] long lines fold at 75 octets without splitting a character', () => {
    const folded = foldLine(`SUMMARY:${'é'.repeat(100)}`);
    for (const line of folded.split('\r\n')) expect(utf8Length(line)).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(`SUMMARY:${'é'.repeat(100)}`);
  });
});
