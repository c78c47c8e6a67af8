import 'fake-indexeddb/auto';
import { yjsEngine as engine } from '@ensemble/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { ephemeralDeviceIdentity } from '../identity/DeviceIdentity';
import { AccessStore } from '../storage/AccessStore';
import { CommunityIndex } from '../storage/CommunityIndex';
import { DocumentStore } from '../storage/DocumentStore';
import { type EnsembleDatabase, openEnsembleDatabase } from '../storage/EnsembleDatabase';
import { NetworkStatus } from '../sync/NetworkStatus';
import type { SyncState } from '../sync/syncStatus';
import { ValueStore } from '../util/ValueStore';
import { CommunityRepository } from './CommunityRepository';

const dbs: EnsembleDatabase[] = [];

afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

/** The app on one device, over a database name: opening it again is a reload. */
function open(name: string) {
  const db = openEnsembleDatabase(name);
  dbs.push(db);
  const index = new CommunityIndex(db);
  const repository = new CommunityRepository({
    engine,
    store: new DocumentStore(db, engine),
    index,
    identity: ephemeralDeviceIdentity(),
    network: new NetworkStatus(),
    access: new AccessStore(db),
    connect: () => ({
      status: new ValueStore<SyncState>('offline'),
      refusal: new ValueStore(undefined),
      destroy: () => undefined,
    }),
    onBackgroundError: (error) => {
      throw error;
    },
    lingerMs: 10,
  });
  return { db, index, repository };
}

describe('the last file import of a community', () => {
  it('is shown after a reload of the app (kept in the home index)', async () => {
    const sender = open(`sender-${Math.random()}`);
    const created = await sender.repository.createCommunity({
      name: 'Troc de graines',
      description: '',
      city: 'Nantes',
    });
    if (!created.ok) throw new Error('not created');
    const id = created.value;
    const release = sender.repository.retain(id);
    const file = await sender.repository.exportBundle(id, 'test');
    release();
    if (!file) throw new Error('not exported');

    const name = `receiver-${Math.random()}`;
    const first = open(name);
    expect(first.repository.directSync(id).get().lastImportAt).toBeUndefined();
    const before = Date.now();
    const imported = await first.repository.importBundle(file.bytes);
    expect(imported.ok).toBe(true);
    const at = first.repository.directSync(id).get().lastImportAt;
    expect(at).toBeGreaterThanOrEqual(before);
    await expect.poll(() => first.index.lastImport(id)).toBe(at);
    // The profile is saved again later (a remote change): the import time stays.
    await first.index.saveProfile(id, { name: 'Troc de graines et plants', city: 'Nantes' });
    expect(await first.index.lastImport(id)).toBe(at);
    first.db.close();

    // Reload: a new app over the same database shows the same time.
    const again = open(name);
    await expect.poll(() => again.repository.directSync(id).get().lastImportAt).toBe(at);
  });
});
