import { describe, expect, it } from 'vitest';
import { matchesDirectoryQuery, parseDirectoryListing } from '../../directory/listing';
import type { EventId } from '../../ids';
import { directoryListingOf } from './directory';
import { communityWithFounder, makeActor, sponsor } from './testkit';

const owner = makeActor('owner');
const ana = makeActor('ana');
const NOW = new Date('2026-11-01T10:00:00Z');
const JOIN = { kind: 'sponsorship', contact: 'Écrivez à bonjour@velorution.example' } as const;

function event(title: string, day: string) {
  return {
    type: 'addEvent' as const,
    title,
    description: `Détails privés de ${title}`,
    start: `${day}T18:30:00Z`,
    end: `${day}T21:00:00Z`,
    timeZone: 'Europe/Paris',
    place: `Lieu de ${title}`,
  };
}

/** A community with private things everywhere: members, events, items, posts, invites. */
function busyCommunity() {
  const doc = communityWithFounder(owner);
  owner.apply(doc, {
    type: 'updateProfile',
    description: 'Description réservée aux membres',
    themes: ['vélo', 'réparation'],
    city: 'Lyon',
  });
  sponsor(doc, owner, ana);
  const ids: EventId[] = [];
  for (const [title, day] of [
    ['Atelier public', '2026-11-20'],
    ['Réunion interne', '2026-11-21'],
    ['Balade passée', '2026-10-01'],
  ] as const) {
    const added = owner.apply(doc, event(title, day));
    if (!added.ok || added.value.type !== 'event') throw new Error('setup');
    ids.push(added.value.eventId);
  }
  owner.apply(doc, {
    type: 'postItem',
    kind: 'lend',
    title: 'Pompe à pied secrète',
    description: 'Chez Ana',
    tags: [],
  });
  ana.apply(doc, { type: 'startThread', title: 'Fil privé', text: 'Message privé' });
  return { doc, ids };
}

describe('public directory', () => {
  it('[DIR1] only organizers list the community or mark events public', () => {
    const { doc, ids } = busyCommunity();
    expect(ana.apply(doc, { type: 'setDirectoryListing', listed: true, join: JOIN })).toMatchObject(
      {
        ok: false,
        error: { reason: 'not-allowed' },
      },
    );
    expect(
      ana.apply(doc, { type: 'setEventPublic', eventId: ids[0] as EventId, public: true }).ok,
    ).toBe(false);
    expect(directoryListingOf(doc, NOW)).toBeUndefined();
  });

  it('[DIR2] the listing holds name, city, themes, join path and the next public events, nothing else', () => {
    const { doc, ids } = busyCommunity();
    // Not listed: nothing at all, even with public events.
    owner.apply(doc, { type: 'setEventPublic', eventId: ids[0] as EventId, public: true });
    expect(directoryListingOf(doc, NOW)).toBeUndefined();
    owner.apply(doc, { type: 'setDirectoryListing', listed: true, join: JOIN });
    // A past event marked public is not "next".
    owner.apply(doc, { type: 'setEventPublic', eventId: ids[2] as EventId, public: true });
    const listing = directoryListingOf(doc, NOW);
    expect(listing).toEqual({
      v: 1,
      name: 'Réseau d’entraide',
      city: 'Lyon',
      themes: ['vélo', 'réparation'],
      events: [
        {
          title: 'Atelier public',
          start: '2026-11-20T18:30:00.000Z',
          end: '2026-11-20T21:00:00.000Z',
          place: 'Lieu de Atelier public',
        },
      ],
      join: JOIN,
    });
    const text = JSON.stringify(listing);
    for (const secret of [
      'Description réservée',
      'Réunion interne',
      'Détails privés',
      'Balade passée',
      'Pompe à pied',
      'Chez Ana',
      'Fil privé',
      'Message privé',
      'ana',
      'member-',
      'pk-',
      'verifier-',
    ]) {
      expect(text).not.toContain(secret);
    }
    // What the device builds is exactly what the relay accepts.
    expect(parseDirectoryListing(JSON.parse(text))).toEqual({ ok: true, value: listing });
    owner.apply(doc, { type: 'setDirectoryListing', listed: false, join: JOIN });
    expect(directoryListingOf(doc, NOW)).toBeUndefined();
  });

  it('[DIR3] the relay refuses unknown fields and bad values, naming the field', () => {
    const good = {
      v: 1,
      name: 'Vélorution',
      city: 'Lyon',
      themes: ['vélo'],
      events: [],
      join: JOIN,
    };
    expect(parseDirectoryListing(good).ok).toBe(true);
    expect(parseDirectoryListing({ ...good, members: ['ana'] })).toEqual({
      ok: false,
      error: { reason: 'unknown-field', field: 'members' },
    });
    expect(
      parseDirectoryListing({
        ...good,
        events: [{ title: 'x', start: '2026-01-01', end: '2026-01-01', place: '', rsvps: 3 }],
      }),
    ).toEqual({ ok: false, error: { reason: 'unknown-field', field: 'events.0.rsvps' } });
    expect(parseDirectoryListing({ ...good, name: ' ' })).toMatchObject({
      error: { field: 'name' },
    });
    expect(
      parseDirectoryListing({ ...good, join: { kind: 'open', url: 'javascript:alert(1)' } }),
    ).toMatchObject({ error: { field: 'join.url' } });
  });

  it('[DIR4] search by theme and city ignores case and accents', () => {
    const listing = {
      v: 1 as const,
      name: 'V',
      city: 'Lyon',
      themes: ['Vélo'],
      events: [],
      join: JOIN,
    };
    expect(matchesDirectoryQuery(listing, { theme: 'velo', city: 'LYON' })).toBe(true);
    expect(matchesDirectoryQuery(listing, { theme: 'vél' })).toBe(true);
    expect(matchesDirectoryQuery(listing, { theme: 'jardin' })).toBe(false);
    expect(matchesDirectoryQuery(listing, { city: 'Paris' })).toBe(false);
    expect(matchesDirectoryQuery(listing, {})).toBe(true);
  });
});
