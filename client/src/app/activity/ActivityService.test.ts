import { communityDocId } from '@ensemble/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanups, setup, tearDown } from './activityHarness';

afterEach(tearDown);

describe('ActivityService', () => {
  it('counts what arrives on screen as seen, and what the background refresh brings as new', async () => {
    const test = setup();
    const { repository, service, create, remoteEvent, newEvents, seenEvents, allClosed } = test;
    const id = await create('Jardin partagé');
    await allClosed();

    // Looking at the community: an event arriving meanwhile is seen.
    await remoteEvent(id, 'Plantation');
    const release = repository.retain(id);
    await expect.poll(() => seenEvents(id)).toBe(1);
    expect(await newEvents(id)).toBe(0);
    release();
    await allClosed();

    // On the home: the refresh opens the community, gets the new event and closes it.
    await remoteEvent(id, 'Récolte');
    const leave = service.showingSummary();
    cleanups.push(leave);
    await expect.poll(() => newEvents(id)).toBe(1);
    await allClosed();
    expect(test.connections.opened.at(-1)).toEqual({ id: communityDocId(id), background: true });

    // Opening it again: seen.
    const again = repository.retain(id);
    await expect.poll(() => newEvents(id)).toBe(0);
    again();
  });

  it('refreshes one community at a time, skips those without relay access, and repeats', async () => {
    const { service, create, remoteEvent, newEvents, allClosed, connections, db } = setup();
    const first = await create('Chorale');
    const second = await create('Ciné-club');
    const local = await create('Carnet perso');
    await db.table('access').delete(local);
    await allClosed();
    const before = connections.opened.length;
    connections.most = 0;

    const leave = service.showingSummary();
    cleanups.push(leave);
    await expect.poll(() => newEvents(second)).toBe(0);
    expect(await newEvents(first)).toBe(0);
    expect(await newEvents(local)).toBeUndefined();
    const round = connections.opened.slice(before, before + 2).map((c) => c.id);
    expect(round).toEqual([communityDocId(first), communityDocId(second)]);
    expect(connections.most).toBe(1);

    // A few moments later (every `refreshEveryMs`), another round brings what arrived since.
    await remoteEvent(second, 'Concert');
    await expect.poll(() => newEvents(second), { timeout: 3000 }).toBe(1);
    expect(connections.most).toBe(1);
    expect(connections.opened.slice(before).some((c) => c.id === communityDocId(local))).toBe(
      false,
    );

    // Leaving the home stops the rounds and closes what they opened.
    leave();
    await allClosed();
    const after = connections.opened.length;
    await remoteEvent(first, 'Répétition');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(connections.opened.length).toBe(after);
    expect(await newEvents(first)).toBe(0);
  });

  it('waits for the network, and refreshes as soon as it is back', async () => {
    const { service, setOnline, create, remoteEvent, newEvents, allClosed, connections } = setup();
    const id = await create('Repair café');
    await allClosed();
    setOnline(false);
    const before = connections.opened.length;
    cleanups.push(service.showingSummary());
    await remoteEvent(id, 'Atelier');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(connections.opened.length).toBe(before);

    setOnline(true);
    await expect.poll(() => newEvents(id)).toBeDefined();
  });

  it('does not refresh while the page is hidden, and does as soon as it is visible again', async () => {
    const { service, visible, create, remoteEvent, newEvents, allClosed, connections } = setup();
    const id = await create('Repair café');
    await allClosed();
    visible.set(false);
    const before = connections.opened.length;
    cleanups.push(service.showingSummary());
    await remoteEvent(id, 'Atelier');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(connections.opened.length).toBe(before);

    visible.set(true);
    await expect.poll(() => newEvents(id)).toBeDefined();
  });
});
