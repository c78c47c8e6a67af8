import 'fake-indexeddb/auto';
import {
  applyCommunityChange,
  type CommunityId,
  communityDocId,
  type DeviceId,
  HybridLogicalClock,
  yjsEngine,
} from '@ensemble/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { ephemeralDeviceIdentity } from '../../identity/DeviceIdentity';
import { AccessStore } from '../../storage/AccessStore';
import { ActivityStore } from '../../storage/ActivityStore';
import { CommunityIndex, type CommunitySummary } from '../../storage/CommunityIndex';
import { DocumentStore } from '../../storage/DocumentStore';
import { type EnsembleDatabase, openEnsembleDatabase } from '../../storage/EnsembleDatabase';
import { NetworkStatus } from '../../sync/NetworkStatus';
import type { SyncState } from '../../sync/syncStatus';
import { ValueStore } from '../../util/ValueStore';
import { CommunityRepository } from '../CommunityRepository';
import { ActivityService } from './ActivityService';
import { activityDigest } from './activityRow';

let db: EnsembleDatabase | undefined;
const cleanups: (() => void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await db?.delete();
  db = undefined;
});

/** A device whose relay holds `pending` updates for it; connections are counted. */
function setup() {
  db = openEnsembleDatabase(`activity-${Math.random()}`);
  const pending = new Map<string, Uint8Array[]>();
  const connections = { open: 0, most: 0, opened: [] as { id: string; background: boolean }[] };
  const store = new DocumentStore(db, yjsEngine);
  const access = new AccessStore(db);
  // The browser's online / offline events.
  const browser = Object.assign(new EventTarget(), { navigator: { onLine: true } });
  const network = new NetworkStatus(browser as unknown as Window);
  const setOnline = (online: boolean) =>
    browser.dispatchEvent(new Event(online ? 'online' : 'offline'));
  const repository = new CommunityRepository({
    engine: yjsEngine,
    store,
    index: new CommunityIndex(db),
    identity: ephemeralDeviceIdentity(),
    network,
    access,
    connect: (doc, _grant, { background }) => {
      connections.open += 1;
      connections.most = Math.max(connections.most, connections.open);
      connections.opened.push({ id: doc.id, background });
      const status = new ValueStore<SyncState>('connecting');
      // The relay answers: what it holds for the document arrives, then it is synced.
      const timer = setTimeout(() => {
        for (const update of pending.get(doc.id) ?? []) doc.applyUpdate(update);
        pending.delete(doc.id);
        status.set('synced');
      }, 5);
      return {
        status,
        refusal: new ValueStore(undefined),
        destroy: () => {
          clearTimeout(timer);
          connections.open -= 1;
        },
      };
    },
    onBackgroundError: (error) => {
      throw error;
    },
    lingerMs: 10,
  });
  const communities = new ValueStore<readonly CommunitySummary[] | undefined>(undefined);
  const visible = new ValueStore(true);
  const errors: unknown[] = [];
  const service = new ActivityService({
    repository,
    db,
    access,
    network,
    visible,
    communities,
    onError: (error) => errors.push(error),
    refreshEveryMs: 40,
    minGapMs: 0,
    syncTimeoutMs: 2000,
    seenEveryMs: 5,
  });
  cleanups.push(service.followViewed());
  const rows = new ActivityStore(db);

  async function create(name: string): Promise<CommunityId> {
    const created = await repository.createCommunity({ name, description: '', city: 'Lyon' });
    if (!created.ok) throw new Error('not created');
    communities.set([
      ...(communities.get() ?? []),
      { id: created.value, name, city: 'Lyon', lastOpenedAt: 0 },
    ]);
    return created.value;
  }

  /** Another device adds an event; the relay will send it on the next connection. */
  async function remoteEvent(id: CommunityId, title: string): Promise<void> {
    const replica = await store.load(communityDocId(id));
    for (const update of pending.get(replica.id) ?? []) replica.applyUpdate(update);
    const before = replica.encodeStateVector();
    const context = { clock: new HybridLogicalClock('other-device-0001' as DeviceId) };
    applyCommunityChange(
      replica,
      {
        type: 'addEvent',
        title,
        start: '2030-06-12T18:30:00+02:00',
        end: '2030-06-12T21:00:00+02:00',
        timeZone: 'Europe/Paris',
        place: '',
      },
      context,
    );
    pending.set(replica.id, [
      ...(pending.get(replica.id) ?? []),
      replica.encodeUpdateSince(before),
    ]);
    replica.destroy();
  }

  const newEvents = async (id: CommunityId) => {
    const row = await rows.get(id);
    return row ? activityDigest(row).events : undefined;
  };
  const seenEvents = async (id: CommunityId) => (await rows.get(id))?.seen.events;
  const allClosed = () => expect.poll(() => connections.open).toBe(0);
  return {
    repository,
    service,
    setOnline,
    visible,
    access,
    connections,
    errors,
    db,
    create,
    remoteEvent,
    newEvents,
    seenEvents,
    allClosed,
  };
}

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

describe('CommunityRepository.retain in the background', () => {
  it('opens a community without showing it, and closes it at once when done', async () => {
    const { repository, create, allClosed, connections, db } = setup();
    const id = await create('Chorale');
    await allClosed();
    await db.table('communities').update(id, { lastOpenedAt: 1 });

    const release = repository.retain(id, true);
    await expect.poll(() => connections.open).toBe(1);
    expect(repository.viewers.get().get(id) ?? 0).toBe(0);
    release();
    // Closed right away (no linger), and not moved up the home list.
    expect(connections.open).toBe(0);
    expect((await db.table('communities').get(id))?.lastOpenedAt).toBe(1);
  });

  it('leaves a community open that a screen shows', async () => {
    const { repository, create, allClosed, connections } = setup();
    const id = await create('Chorale');
    await allClosed();
    const visit = repository.retain(id, true);
    const release = repository.retain(id);
    expect(repository.viewers.get().get(id)).toBe(1);
    await expect.poll(() => connections.open).toBe(1);
    visit();
    expect(connections.open).toBe(1);
    release();
    expect(repository.viewers.get().get(id)).toBe(0);
    await allClosed();
  });
});
