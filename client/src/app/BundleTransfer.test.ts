import 'fake-indexeddb/auto';
import { type CommunityId, communityDocId, readCommunity, yjsEngine } from '@ensemble/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ephemeralDeviceIdentity } from '../identity/DeviceIdentity';
import { AccessStore } from '../storage/AccessStore';
import { CommunityIndex } from '../storage/CommunityIndex';
import { DocumentStore } from '../storage/DocumentStore';
import { type EnsembleDatabase, openEnsembleDatabase } from '../storage/EnsembleDatabase';
import { NetworkStatus } from '../sync/NetworkStatus';
import type { SyncState } from '../sync/syncStatus';
import { ValueStore } from '../util/ValueStore';
import { bundleFileName } from './BundleTransfer';
import { CommunityRepository } from './CommunityRepository';

const dbs: EnsembleDatabase[] = [];

afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

/** One device: its own database, repository and stores. */
function device() {
  const db = openEnsembleDatabase(`bundle-${Math.random()}`);
  dbs.push(db);
  const store = new DocumentStore(db, yjsEngine);
  const index = new CommunityIndex(db);
  const access = new AccessStore(db);
  const errors: unknown[] = [];
  const repository = new CommunityRepository({
    engine: yjsEngine,
    store,
    index,
    identity: ephemeralDeviceIdentity(),
    network: new NetworkStatus(),
    access,
    connect: () => ({
      status: new ValueStore<SyncState>('offline'),
      refusal: new ValueStore(undefined),
      destroy: () => undefined,
    }),
    onBackgroundError: (error) => errors.push(error),
    lingerMs: 10,
  });
  return { repository, store, index, access, errors };
}

const addEvent = (repo: CommunityRepository, id: CommunityId, title: string) => {
  const result = repo.addEvent(id, {
    title,
    start: '2030-06-12T18:30:00+02:00',
    end: '2030-06-12T21:00:00+02:00',
    timeZone: 'Europe/Paris',
    place: 'Lyon',
  });
  if (!result.ok) throw new Error(result.error.reason);
};

describe('file bundles on a device', () => {
  it('[BND1][BND7] a file opens a community on another device (listed, stored, no access) and merges back', async () => {
    const alice = device();
    const created = await alice.repository.createCommunity({
      name: 'Atelier / vélo',
      description: '',
      city: 'Lyon',
    });
    if (!created.ok) throw new Error('not created');
    const id = created.value;
    const release = alice.repository.retain(id);
    addEvent(alice.repository, id, 'Réparation');
    const exported = await alice.repository.exportBundle(id, 'test');
    if (!exported) throw new Error('not exported');
    expect(exported.fileName).toBe('Atelier vélo.ensemble');

    const bob = device();
    const imported = await bob.repository.importBundle(exported.bytes);
    expect(imported.ok && imported.value.changes).toBeGreaterThan(0);
    expect(await bob.index.count()).toBe(1);
    expect(await bob.access.get(id)).toBeUndefined(); // a file grants no relay access
    await bob.repository.whenSaved(id);
    const stored = await bob.store.load(communityDocId(id));
    expect(readCommunity(stored)?.events.map((e) => e.title)).toEqual(['Réparation']);

    const again = await bob.repository.importBundle(exported.bytes, id);
    expect(again.ok && again.value.changes).toBe(0);

    const other = await bob.repository.importBundle(
      exported.bytes,
      'another-community-0001' as CommunityId,
    );
    expect(other.ok ? 'ok' : other.error.reason).toBe('wrong-community');

    // Back to Alice with Bob's event: both converge.
    const bobRelease = bob.repository.retain(id);
    await vi.waitFor(() => expect(bob.repository.session(id).getView().status).toBe('ready'));
    addEvent(bob.repository, id, 'Bourse aux pièces');
    const fromBob = await bob.repository.exportBundle(id, 'test');
    if (!fromBob) throw new Error('not exported');
    const merged = await alice.repository.importBundle(fromBob.bytes, id);
    expect(merged.ok && merged.value.changes).toBeGreaterThan(0);
    const titles = (repo: CommunityRepository) => {
      const view = repo.session(id).getView();
      return view.status === 'ready' ? view.snapshot.events.map((e) => e.title).sort() : [];
    };
    expect(titles(alice.repository)).toEqual(['Bourse aux pièces', 'Réparation']);
    expect(titles(bob.repository)).toEqual(['Bourse aux pièces', 'Réparation']);
    release();
    bobRelease();
    expect([...alice.errors, ...bob.errors]).toEqual([]);
  });

  it('[BND1] file names drop characters file systems refuse', () => {
    expect(bundleFileName('Café: "des" <libres>?')).toBe('Café des libres.ensemble');
    expect(bundleFileName('  ')).toBe('communaute.ensemble');
  });
});
