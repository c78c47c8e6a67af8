import 'fake-indexeddb/auto';
import { newCapability, newCommunityId, yjsEngine } from '@ensemble/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { ephemeralDeviceIdentity } from '../identity/DeviceIdentity';
import { AccessStore, type CommunityAccess } from '../storage/AccessStore';
import { CommunityIndex } from '../storage/CommunityIndex';
import { DocumentStore } from '../storage/DocumentStore';
import { type EnsembleDatabase, openEnsembleDatabase } from '../storage/EnsembleDatabase';
import { NetworkStatus } from '../sync/NetworkStatus';
import type { SyncState } from '../sync/syncStatus';
import { ValueStore } from '../util/ValueStore';
import { CommunityRepository } from './CommunityRepository';

let db: EnsembleDatabase | undefined;

afterEach(async () => {
  await db?.delete();
  db = undefined;
});

function setup() {
  db = openEnsembleDatabase(`repo-${Math.random()}`);
  const status = new ValueStore<SyncState>('connecting');
  const errors: unknown[] = [];
  const grants: (CommunityAccess | undefined)[] = [];
  const access = new AccessStore(db);
  const repository = new CommunityRepository({
    engine: yjsEngine,
    store: new DocumentStore(db, yjsEngine),
    index: new CommunityIndex(db),
    identity: ephemeralDeviceIdentity(),
    network: new NetworkStatus(),
    access,
    connect: (_doc, grant) => {
      grants.push(grant);
      return { status, refusal: new ValueStore(undefined), destroy: () => undefined };
    },
    onBackgroundError: (error) => errors.push(error),
    lingerMs: 10,
  });
  return { repository, status, errors, grants, access };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('CommunityRepository', () => {
  it('shows a new event to a subscribed screen right after the change', async () => {
    const { repository, errors } = setup();
    const created = await repository.createCommunity({
      name: 'Café des libres',
      description: '',
      city: 'Lyon',
    });
    if (!created.ok) throw new Error('not created');
    const session = repository.session(created.value);
    const release = repository.retain(created.value);
    let renders = 0;
    const unsubscribe = session.subscribe(() => {
      renders += 1;
      session.getView(); // React reads the snapshot inside the notification
    });
    const before = session.getView();
    expect(before.status).toBe('ready');

    const added = repository.addEvent(created.value, {
      title: 'Atelier vélo',
      start: '2030-05-04T10:00:00+02:00',
      end: '2030-05-04T12:00:00+02:00',
      timeZone: 'Europe/Paris',
      place: '',
    });
    expect(added.ok).toBe(true);
    await tick();
    const view = session.getView();
    expect(renders).toBe(1);
    expect(view.status === 'ready' && view.snapshot.events.map((e) => e.title)).toEqual([
      'Atelier vélo',
    ]);
    // Memoised: the same object until the next change.
    expect(session.getView()).toBe(view);
    unsubscribe();
    release();
    expect(errors).toEqual([]);
  });

  it('returns the domain error for a bad change and changes nothing', async () => {
    const { repository } = setup();
    const created = await repository.createCommunity({ name: '  ', description: '', city: '' });
    expect(created).toEqual({ ok: false, error: { reason: 'required', field: 'name' } });
  });

  it('reopens a community from the device after its session closed', async () => {
    const { repository } = setup();
    const created = await repository.createCommunity({ name: 'Jardin', description: '', city: '' });
    if (!created.ok) throw new Error('not created');
    const release = repository.retain(created.value);
    repository.addEvent(created.value, {
      title: 'Semis',
      start: '2030-03-01T09:00:00Z',
      end: '2030-03-01T11:00:00Z',
      timeZone: 'UTC',
      place: 'Parcelle 3',
    });
    await repository.whenSaved(created.value);
    release();
    await new Promise((resolve) => setTimeout(resolve, 30));

    const reopened = repository.session(created.value);
    const releaseAgain = repository.retain(created.value);
    expect(reopened.getView().status).toBe('opening');
    await expect
      .poll(() => {
        const view = reopened.getView();
        return view.status === 'ready' ? view.snapshot.events.map((e) => e.title) : view.status;
      })
      .toEqual(['Semis']);
    releaseAgain();
  });

  it('connects a community it created with a fresh capability, kept on the device', async () => {
    const { repository, grants, access } = setup();
    const created = await repository.createCommunity({ name: 'Jardin', description: '', city: '' });
    if (!created.ok) throw new Error('create failed');
    expect(grants).toHaveLength(1);
    expect(grants[0]?.capability).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await access.get(created.value)).toEqual(grants[0]);
  });

  it("opens a community known only by id without access, then with the invite's capability", async () => {
    const { repository, grants } = setup();
    const id = newCommunityId();
    repository.session(id);
    await expect.poll(() => grants.length, { timeout: 10_000 }).toBe(1);
    expect(grants[0]).toBeUndefined();
    const capability = newCapability();
    await repository.acceptInvite(id, capability);
    repository.session(id);
    await expect.poll(() => grants.length, { timeout: 10_000 }).toBe(2);
    expect(grants[1]).toEqual({ capability, readOnly: false });
  });
});
