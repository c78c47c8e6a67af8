import { describe, expect, it } from 'vitest';
import type { EventId } from '../../ids';
import { readCommunity } from './read';
import { type Actor, communityWithFounder, fork, makeActor, sponsor, syncPair } from './testkit';

const organizer = makeActor('orga');
const [second, member] = ['second', 'member'].map((n) => makeActor(n)) as [Actor, Actor];

function withEvent() {
  const doc = communityWithFounder(organizer);
  sponsor(doc, organizer, second);
  sponsor(doc, organizer, member);
  organizer.apply(doc, { type: 'setMemberRole', memberId: second.id, role: 'organizer' });
  const added = organizer.apply(doc, {
    type: 'addEvent',
    id: 'event-records-000001' as EventId,
    title: 'Atelier',
    start: '2030-05-01T10:00:00Z',
    end: '2030-05-01T12:00:00Z',
    timeZone: 'Europe/Paris',
    place: 'Local',
    capacity: 10,
  });
  if (!added.ok) throw new Error('setup');
  return { doc, eventId: 'event-records-000001' as EventId };
}

describe('records with an edit log', () => {
  it('[REC1] two organizers editing different fields offline both keep their edit', () => {
    const { doc, eventId } = withEvent();
    const a = fork(doc);
    const b = fork(doc);
    organizer.apply(a, { type: 'updateEvent', eventId, title: 'Atelier couture' });
    second.apply(b, { type: 'updateEvent', eventId, capacity: 12 });
    second.apply(b, { type: 'setEventCancelled', eventId, cancelled: true });
    syncPair(a, b);
    for (const replica of [a, b]) {
      expect(readCommunity(replica)?.events[0]).toMatchObject({
        title: 'Atelier couture',
        capacity: 12,
        cancelled: true,
      });
    }
  });

  it('[REC1] for one field, the later edit by hybrid logical clock wins on every replica', () => {
    const { doc, eventId } = withEvent();
    const a = fork(doc);
    const b = fork(doc);
    organizer.apply(a, { type: 'updateEvent', eventId, title: 'Premier titre' });
    syncPair(a, b);
    // B has seen A's edit, so its edit is later whatever the device clocks say.
    const late = makeActor('second', () => Date.parse('2020-01-01T00:00:00Z'));
    late.apply(b, { type: 'updateEvent', eventId, title: 'Titre corrigé' });
    syncPair(a, b);
    expect(readCommunity(a)?.events[0]?.title).toBe('Titre corrigé');
    expect(readCommunity(b)).toEqual(readCommunity(a));
  });

  it('[DOC7] a change listener added before any read sees the change it is told about', () => {
    const { doc, eventId } = withEvent();
    const fresh = fork(doc);
    const seen: (string | undefined)[] = [];
    fresh.onChange(() => seen.push(readCommunity(fresh)?.events[0]?.title));
    organizer.apply(doc, { type: 'updateEvent', eventId, title: 'Nouveau titre' });
    fresh.applyUpdate(doc.encodeUpdateSince(fresh.encodeStateVector()));
    expect(seen).toEqual(['Nouveau titre']);
  });
});
