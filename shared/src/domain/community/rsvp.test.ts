import { describe, expect, it } from 'vitest';
import type { EventId } from '../../ids';
import { attendance } from './rsvp';
import { type Actor, communityWithFounder, fork, makeActor, sponsor, syncPair } from './testkit';

const organizer = makeActor('orga');
const [ana, ben, cleo] = ['ana', 'ben', 'cleo'].map((n) => makeActor(n)) as [Actor, Actor, Actor];
const START = '2030-03-05T18:00:00.000Z';

function meetup(capacity: number | null) {
  const doc = communityWithFounder(organizer);
  for (const member of [ana, ben, cleo]) sponsor(doc, organizer, member);
  const added = organizer.apply(doc, {
    type: 'addEvent',
    title: 'Meetup de mars',
    start: START,
    end: '2030-03-05T20:00:00Z',
    timeZone: 'Europe/Paris',
    place: 'La Cantine',
    capacity,
  });
  if (!added.ok || added.value.type !== 'event') throw new Error('setup');
  return { doc, eventId: added.value.eventId };
}

const going = (eventId: EventId) => ({
  type: 'setRsvp' as const,
  eventId,
  status: 'going' as const,
});

describe('RSVPs, capacity and waitlist', () => {
  it('[RSVP1] the first `capacity` going members are confirmed, the others waitlisted in order', () => {
    const { doc, eventId } = meetup(2);
    for (const member of [ana, ben, cleo]) member.apply(doc, going(eventId));
    expect(attendance(doc, eventId)).toMatchObject({
      confirmed: [ana.id, ben.id],
      waitlist: [cleo.id],
    });
  });

  it('[RSVP2] two members taking the last seat offline: exactly one is confirmed on every replica', () => {
    const { doc, eventId } = meetup(1);
    const phoneA = fork(doc);
    const phoneB = fork(doc);
    ana.apply(phoneA, going(eventId));
    ben.apply(phoneB, going(eventId));
    syncPair(phoneA, phoneB);
    syncPair(doc, phoneA);
    const views = [doc, phoneA, phoneB].map((d) => attendance(d, eventId));
    expect(views[0]?.confirmed).toHaveLength(1);
    expect(views[0]?.waitlist).toHaveLength(1);
    expect(views[1]).toEqual(views[0]);
    expect(views[2]).toEqual(views[0]);
  });

  it('[RSVP3] when a confirmed member withdraws, the first waitlisted one is promoted', () => {
    const { doc, eventId } = meetup(1);
    ana.apply(doc, going(eventId));
    ben.apply(doc, going(eventId));
    expect(attendance(doc, eventId).waitlist).toEqual([ben.id]);
    ana.apply(doc, { ...going(eventId), status: 'not-going' });
    expect(attendance(doc, eventId)).toMatchObject({
      confirmed: [ben.id],
      waitlist: [],
      notGoing: [ana.id],
    });
    // Saying "going" again puts Ana at the back of the line.
    ana.apply(doc, going(eventId));
    expect(attendance(doc, eventId)).toMatchObject({
      confirmed: [ben.id],
      waitlist: [ana.id],
    });
    // Repeating "going" keeps one's place.
    ben.apply(doc, going(eventId));
    expect(attendance(doc, eventId).confirmed).toEqual([ben.id]);
  });

  it('[RSVP4] RSVPs of a cancelled event, or of members who left, do not count', () => {
    const { doc, eventId } = meetup(5);
    ana.apply(doc, going(eventId));
    ben.apply(doc, going(eventId));
    ben.apply(doc, { type: 'leaveCommunity' });
    expect(attendance(doc, eventId).confirmed).toEqual([ana.id]);
    organizer.apply(doc, { type: 'setEventCancelled', eventId, cancelled: true });
    expect(attendance(doc, eventId).confirmed).toEqual([]);
    expect(cleo.apply(doc, going(eventId))).toMatchObject({
      ok: false,
      error: { reason: 'event-cancelled' },
    });
    organizer.apply(doc, { type: 'setEventCancelled', eventId, cancelled: false });
    expect(attendance(doc, eventId).confirmed).toEqual([ana.id]);
  });

  it('[RSVP5] only organizers check members in; check-in works on a disconnected replica', () => {
    const { doc, eventId } = meetup(null);
    const door = fork(doc);
    expect(
      ana.apply(door, {
        type: 'checkIn',
        eventId,
        memberId: ben.id,
        present: true,
      }),
    ).toMatchObject({
      ok: false,
      error: { reason: 'not-allowed' },
    });
    expect(
      organizer.apply(door, {
        type: 'checkIn',
        eventId,
        memberId: ben.id,
        present: true,
      }).ok,
    ).toBe(true);
    syncPair(doc, door);
    expect(attendance(doc, eventId).checkedIn).toEqual([ben.id]);
  });

  it('[EVT5] only the creator or an organizer edits an event; capacity must be a whole number', () => {
    const { doc, eventId } = meetup(2);
    expect(ana.apply(doc, { type: 'updateEvent', eventId, title: 'Piraté' })).toMatchObject({
      ok: false,
      error: { reason: 'not-allowed' },
    });
    expect(organizer.apply(doc, { type: 'updateEvent', eventId, capacity: -1 })).toMatchObject({
      ok: false,
      error: { reason: 'invalid-number', field: 'capacity' },
    });
    expect(
      organizer.apply(doc, { type: 'updateEvent', eventId, end: '2030-03-05T17:00:00Z' }),
    ).toMatchObject({
      ok: false,
      error: { reason: 'end-before-start' },
    });
    expect(
      organizer.apply(doc, { type: 'updateEvent', eventId, title: 'Meetup d’avril', capacity: 3 })
        .ok,
    ).toBe(true);
  });
});
