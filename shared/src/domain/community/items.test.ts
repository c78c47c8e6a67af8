import { describe, expect, it } from 'vitest';
import type { ItemId } from '../../ids';
import { listItems, readItem, searchItems } from './items';
import { type Actor, communityWithFounder, fork, makeActor, sponsor, syncPair } from './testkit';

const owner = makeActor('owner');
const [ana, ben, cleo] = ['ana', 'ben', 'cleo'].map((n) => makeActor(n)) as [Actor, Actor, Actor];

function withProjector() {
  const doc = communityWithFounder(owner);
  for (const member of [ana, ben, cleo]) sponsor(doc, owner, member);
  const posted = owner.apply(doc, {
    type: 'postItem',
    kind: 'lend',
    title: 'Vidéoprojecteur',
    description: 'Epson, câble HDMI fourni',
    tags: ['matériel', 'vidéo'],
  });
  if (!posted.ok || posted.value.type !== 'item') throw new Error('setup');
  return { doc, itemId: posted.value.itemId as ItemId };
}

describe('shared items', () => {
  it('[ITM1] a loan goes open → reserved → handed over → returned, with its history', () => {
    const { doc, itemId } = withProjector();
    expect(readItem(doc, itemId)?.state).toBe('open');
    ana.apply(doc, { type: 'claimItem', itemId });
    expect(readItem(doc, itemId)).toMatchObject({ state: 'reserved', queue: [ana.id] });
    expect(
      owner.apply(doc, { type: 'handOverItem', itemId, to: ana.id, dueAt: '2030-01-10T00:00:00Z' })
        .ok,
    ).toBe(true);
    expect(readItem(doc, itemId)).toMatchObject({
      state: 'handed-over',
      holder: ana.id,
      queue: [],
    });
    expect(owner.apply(doc, { type: 'returnItem', itemId }).ok).toBe(true);
    const item = readItem(doc, itemId);
    expect(item).toMatchObject({ state: 'returned', holder: null });
    expect(item?.history).toHaveLength(1);
    expect(item?.history[0]).toMatchObject({ member: ana.id, dueAt: '2030-01-10T00:00:00.000Z' });
    expect(item?.history[0]?.until).not.toBeNull();
    expect(owner.apply(doc, { type: 'closeItem', itemId, closed: true }).ok).toBe(true);
    expect(readItem(doc, itemId)?.state).toBe('closed');
  });

  it('[ITM2] concurrent claims form one queue in the same order everywhere', () => {
    const { doc, itemId } = withProjector();
    const replicas = [fork(doc), fork(doc), fork(doc)];
    [ana, ben, cleo].forEach((member, i) => {
      const replica = replicas[i];
      if (replica) member.apply(replica, { type: 'claimItem', itemId });
    });
    for (const replica of replicas) syncPair(doc, replica);
    for (const replica of replicas) syncPair(doc, replica);
    const queue = readItem(doc, itemId)?.queue;
    expect(queue).toHaveLength(3);
    for (const replica of replicas) expect(readItem(replica, itemId)?.queue).toEqual(queue);
  });

  it('[ITM3] two handovers recorded concurrently on two devices still leave one holder', () => {
    const { doc, itemId } = withProjector();
    ana.apply(doc, { type: 'claimItem', itemId });
    ben.apply(doc, { type: 'claimItem', itemId });
    const laptop = fork(doc);
    const phone = fork(doc);
    owner.apply(laptop, { type: 'handOverItem', itemId, to: ana.id });
    makeActor('owner').apply(phone, { type: 'handOverItem', itemId, to: ben.id });
    syncPair(laptop, phone);
    const a = readItem(laptop, itemId);
    expect(a?.holder).not.toBeNull();
    expect(a?.history.filter((h) => h.until === null)).toHaveLength(1);
    expect(readItem(phone, itemId)).toEqual(a);
  });

  it('[ITM4] only the owner hands over; search ignores accents and case', () => {
    const { doc, itemId } = withProjector();
    ana.apply(doc, { type: 'claimItem', itemId });
    expect(ben.apply(doc, { type: 'handOverItem', itemId, to: ana.id })).toMatchObject({
      ok: false,
      error: { reason: 'not-allowed' },
    });
    expect(owner.apply(doc, { type: 'handOverItem', itemId, to: cleo.id })).toMatchObject({
      ok: false,
      error: { reason: 'unknown-member' },
    });
    ben.apply(doc, {
      type: 'postItem',
      kind: 'request',
      title: 'Perceuse',
      description: 'pour une étagère',
      tags: [],
    });
    const items = listItems(doc);
    expect(searchItems(items, 'VIDEOPROJECTEUR').map((i) => i.title)).toEqual(['Vidéoprojecteur']);
    expect(searchItems(items, 'etagere perceuse').map((i) => i.title)).toEqual(['Perceuse']);
    expect(searchItems(items, 'matériel hdmi').map((i) => i.title)).toEqual(['Vidéoprojecteur']);
    expect(
      owner.apply(doc, { type: 'postItem', kind: 'offer', title: ' ', description: '', tags: [] }),
    ).toMatchObject({
      ok: false,
      error: { reason: 'required', field: 'title' },
    });
  });
});
