import { describe, expect, it } from 'vitest';
import { HybridLogicalClock } from '../../clock/HybridLogicalClock';
import { yjsEngine } from '../../crdt/yjs/YjsDocument';
import type { DeviceId, DocId } from '../../ids';
import { applyCommunityChange } from './changes';
import { communityAccess, readCommunity, upcomingEvents } from './read';

const docId = 'community-test-00001' as DocId;
const context = (node: string, now = () => Date.parse('2026-11-01T10:00:00Z')) => ({
  clock: new HybridLogicalClock(node as DeviceId, now),
});

function newCommunity(node = 'alice') {
  const doc = yjsEngine.create(docId);
  const created = applyCommunityChange(
    doc,
    {
      type: 'createCommunity',
      name: '  Rencontres de Lyon ',
      description: 'Apéros mensuels',
      city: 'Lyon',
    },
    context(node),
  );
  expect(created.ok).toBe(true);
  return doc;
}

const event = {
  type: 'addEvent' as const,
  title: 'Apéro de décembre',
  start: '2026-12-03T18:30:00+01:00',
  end: '2026-12-03T21:00:00+01:00',
  timeZone: 'Europe/Paris',
  place: 'Café du Rhône',
};

describe('community', () => {
  it('[COM1] creating a community records profile, schema version and an epoch', () => {
    const snapshot = readCommunity(newCommunity());
    expect(snapshot?.profile).toEqual({
      name: 'Rencontres de Lyon',
      description: 'Apéros mensuels',
      city: 'Lyon',
      themes: [],
    });
    expect(snapshot?.schemaVersion).toBe(1);
    expect(snapshot?.epoch).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(snapshot?.events).toEqual([]);
  });

  it('[COM2] a community is created once; an empty name is refused', () => {
    const doc = newCommunity();
    const again = applyCommunityChange(
      doc,
      { type: 'createCommunity', name: 'X', description: '', city: '' },
      context('bob'),
    );
    expect(again).toEqual({ ok: false, error: { reason: 'already-exists' } });
    const empty = applyCommunityChange(
      yjsEngine.create(docId),
      { type: 'createCommunity', name: '   ', description: '', city: '' },
      context('bob'),
    );
    expect(empty).toEqual({ ok: false, error: { reason: 'required', field: 'name' } });
  });

  it('[EVT1] an added event is listed with UTC instants and its time zone', () => {
    const doc = newCommunity();
    const added = applyCommunityChange(doc, event, context('alice'));
    expect(added.ok).toBe(true);
    const [listed] = readCommunity(doc)?.events ?? [];
    expect(listed).toMatchObject({
      title: 'Apéro de décembre',
      start: '2026-12-03T17:30:00.000Z',
      end: '2026-12-03T20:00:00.000Z',
      timeZone: 'Europe/Paris',
      place: 'Café du Rhône',
      createdBy: 'alice',
    });
  });

  it('[EVT2] invalid events are refused with the field at fault and nothing is written', () => {
    const doc = newCommunity();
    const cases = [
      [
        { ...event, title: '' },
        { reason: 'required', field: 'title' },
      ],
      [
        { ...event, title: 'x'.repeat(201) },
        { reason: 'too-long', field: 'title', limit: 200 },
      ],
      [
        { ...event, start: 'demain' },
        { reason: 'invalid-date', field: 'start' },
      ],
      [
        { ...event, start: '2026-12-03T18:30:00' },
        { reason: 'invalid-date', field: 'start' },
      ],
      [
        { ...event, end: '2026-12-03T17:00:00+01:00' },
        { reason: 'end-before-start', field: 'end' },
      ],
      [
        { ...event, timeZone: 'Mars/Olympus' },
        { reason: 'invalid-time-zone', field: 'timeZone' },
      ],
    ] as const;
    for (const [input, error] of cases) {
      expect(applyCommunityChange(doc, input, context('alice'))).toEqual({ ok: false, error });
    }
    expect(readCommunity(doc)?.events).toHaveLength(0);
  });

  it('[EVT3] events are listed by start, then id; upcoming excludes ended ones', () => {
    const doc = newCommunity();
    applyCommunityChange(
      doc,
      { ...event, title: 'Plus tard', start: '2027-01-07T18:00:00Z', end: '2027-01-07T20:00:00Z' },
      context('a'),
    );
    applyCommunityChange(
      doc,
      { ...event, title: 'Passé', start: '2026-01-07T18:00:00Z', end: '2026-01-07T20:00:00Z' },
      context('a'),
    );
    applyCommunityChange(doc, event, context('a'));
    const snapshot = readCommunity(doc);
    expect(snapshot?.events.map((e) => e.title)).toEqual([
      'Passé',
      'Apéro de décembre',
      'Plus tard',
    ]);
    const upcoming = snapshot ? upcomingEvents(snapshot, new Date('2026-11-22T00:00:00Z')) : [];
    expect(upcoming.map((e) => e.title)).toEqual(['Apéro de décembre', 'Plus tard']);
  });

  it('[EVT4] events added offline on two replicas both appear after merge', () => {
    const a = newCommunity();
    const b = yjsEngine.load(docId, [a.encodeState()]);
    applyCommunityChange(a, { ...event, title: 'De A' }, context('a'));
    applyCommunityChange(b, { ...event, title: 'De B' }, context('b'));
    a.applyUpdate(b.encodeUpdateSince(a.encodeStateVector()));
    b.applyUpdate(a.encodeUpdateSince(b.encodeStateVector()));
    expect(readCommunity(a)).toEqual(readCommunity(b));
    expect(
      readCommunity(a)
        ?.events.map((e) => e.title)
        .sort(),
    ).toEqual(['De A', 'De B']);
  });

  it('[SCH1] a document written by a newer schema opens read-only and refuses changes', () => {
    const doc = newCommunity();
    doc.transact(() => doc.map('meta').set('schemaVersion', 99));
    expect(communityAccess(doc)).toEqual({
      mode: 'read-only',
      reason: 'newer-schema',
      schemaVersion: 99,
    });
    const before = doc.encodeState();
    expect(applyCommunityChange(doc, event, context('a'))).toEqual({
      ok: false,
      error: { reason: 'read-only' },
    });
    expect(doc.encodeState()).toEqual(before);
    expect(readCommunity(doc)?.profile.name).toBe('Rencontres de Lyon');
  });

  it('[SCH2] events cannot be added before the community exists', () => {
    const doc = yjsEngine.create(docId);
    expect(applyCommunityChange(doc, event, context('a'))).toEqual({
      ok: false,
      error: { reason: 'not-initialised' },
    });
    expect(readCommunity(doc)).toBeUndefined();
  });

  it('[COM3] the profile is edited field by field, with themes; an empty name is refused', () => {
    const doc = newCommunity();
    const a = yjsEngine.load(docId, [doc.encodeState()]);
    const b = yjsEngine.load(docId, [doc.encodeState()]);
    expect(
      applyCommunityChange(
        a,
        { type: 'updateProfile', description: 'Apéros et balades' },
        context('a'),
      ).ok,
    ).toBe(true);
    expect(
      applyCommunityChange(
        b,
        { type: 'updateProfile', themes: [' vélo ', 'balades', 'vélo'] },
        context('b'),
      ).ok,
    ).toBe(true);
    a.applyUpdate(b.encodeUpdateSince(a.encodeStateVector()));
    expect(readCommunity(a)?.profile).toMatchObject({
      description: 'Apéros et balades',
      themes: ['vélo', 'balades'],
    });
    expect(applyCommunityChange(a, { type: 'updateProfile', name: ' ' }, context('a'))).toEqual({
      ok: false,
      error: { reason: 'required', field: 'name' },
    });
  });
});
