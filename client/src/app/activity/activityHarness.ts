// Imported by tests only: a device with a fake relay, for the activity service's tests.
import 'fake-indexeddb/auto';
import {
  applyCommunityChange,
  type CommunityId,
  communityDocId,
  type DeviceId,
  HybridLogicalClock,
  yjsEngine,
} from '@ensemble/shared';
import { expect } from 'vitest';
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
/** Called after each test (stops what a test started). */
export const cleanups: (() => void)[] = [];

/** Deletes the test's database; call from `afterEach`. */
export async function tearDown(): Promise<void> {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await db?.delete();
  db = undefined;
}

/** A device whose relay holds `pending` updates for it; connections are counted. */
export function setup() {
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
