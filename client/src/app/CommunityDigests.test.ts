import 'fake-indexeddb/auto';
import { type CommunityId, newCommunityId, yjsEngine } from '@ensemble/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { ephemeralDeviceIdentity } from '../identity/DeviceIdentity';
import { AccessStore } from '../storage/AccessStore';
import { CommunityIndex } from '../storage/CommunityIndex';
import { DigestStore } from '../storage/DigestStore';
import { DocumentStore } from '../storage/DocumentStore';
import { type EnsembleDatabase, openEnsembleDatabase } from '../storage/EnsembleDatabase';
import { NetworkStatus } from '../sync/NetworkStatus';
import { ValueStore } from '../util/ValueStore';
import { CommunityDigests } from './CommunityDigests';
import { CommunityRepository, type NewEvent } from './CommunityRepository';
import { type CommunityDigest, DIGEST_FORMAT, digestSections } from './communityDigest';

let db: EnsembleDatabase | undefined;

afterEach(async () => {
  await db?.delete();
  db = undefined;
});

function setup() {
  db = openEnsembleDatabase(`digest-${Math.random()}`);
  const errors: unknown[] = [];
  const store = new DigestStore(db);
  const digests = new CommunityDigests(store, (error) => errors.push(error), 5);
  const repository = new CommunityRepository({
    engine: yjsEngine,
    store: new DocumentStore(db, yjsEngine),
    index: new CommunityIndex(db),
    identity: ephemeralDeviceIdentity(),
    network: new NetworkStatus(),
    access: new AccessStore(db),
    connect: () => ({
      status: new ValueStore('connecting' as const),
      refusal: new ValueStore(undefined),
      destroy: () => undefined,
    }),
    onBackgroundError: (error) => errors.push(error),
    digests,
    lingerMs: 10,
  });
  return { repository, store, errors };
}

const event = (title: string, day: string): NewEvent => ({
  title,
  start: `${day}T18:00:00Z`,
  end: `${day}T20:00:00Z`,
  timeZone: 'Europe/Paris',
  place: 'Le local',
});

async function created(repository: CommunityRepository): Promise<CommunityId> {
  const result = await repository.createCommunity({
    name: 'Vélo-école',
    description: 'Apprendre à rouler en ville',
    city: 'Lyon',
  });
  if (!result.ok) throw new Error('not created');
  return result.value;
}

/** The stored digest, as this app reads it (undefined when absent or not readable). */
const stored = (store: DigestStore, id: CommunityId) =>
  new CommunityDigests(store, () => undefined).read(id);
const titles = (digest: CommunityDigest | undefined) => digest?.upcoming.map((e) => e.title);

describe('community digest', () => {
  it('is written after changes with the profile and the upcoming events, then kept up to date', async () => {
    const { repository, store, errors } = setup();
    const id = await created(repository);
    const release = repository.retain(id);
    repository.addEvent(id, event('Balade du jeudi', '2031-05-08'));
    repository.addEvent(id, event('Atelier freinage', '2031-05-01'));
    repository.addEvent(id, event('Sortie passée', '2020-05-01'));

    await expect
      .poll(async () => titles(await stored(store, id)))
      .toEqual(['Atelier freinage', 'Balade du jeudi']);
    const digest = await stored(store, id);
    expect(digest?.profile).toEqual({
      name: 'Vélo-école',
      city: 'Lyon',
      description: 'Apprendre à rouler en ville',
    });
    expect(digest?.past.map((e) => e.title)).toEqual(['Sortie passée']);
    expect(digest?.upcoming[0]).toMatchObject({ place: 'Le local', timeZone: 'Europe/Paris' });

    // A later change (here a profile edit) rewrites it.
    expect(repository.change(id, { type: 'updateProfile', name: 'Vélo-école des Pentes' }).ok).toBe(
      true,
    );
    await expect
      .poll(async () => (await stored(store, id))?.profile.name)
      .toBe('Vélo-école des Pentes');
    release();
    expect(errors).toEqual([]);
  });

  it('is bounded, and drops what has ended since it was written', async () => {
    const { repository, store } = setup();
    const id = await created(repository);
    const release = repository.retain(id);
    for (let day = 1; day <= 28; day++) {
      for (const month of ['01', '02', '03']) {
        repository.addEvent(id, event(`Sortie ${month}/${day}`, `2031-${month}-${pad(day)}`));
      }
    }
    await expect.poll(async () => (await stored(store, id))?.upcoming.length).toBe(50);
    const digest = await stored(store, id);
    expect(digest?.upcoming[0]?.title).toBe('Sortie 01/1');
    if (!digest) throw new Error('no digest');
    const later = digestSections(digest, new Date('2031-01-03T00:00:00Z'));
    expect(later.upcoming[0]?.title).toBe('Sortie 01/3');
    expect(later.upcoming).toHaveLength(48);
    release();
  });

  it('is shown on reopening before the document is applied, then the document replaces it', async () => {
    const { repository, store } = setup();
    const id = await created(repository);
    const release = repository.retain(id);
    repository.addEvent(id, event('Balade du jeudi', '2031-05-08'));
    await expect.poll(async () => titles(await stored(store, id))).toEqual(['Balade du jeudi']);
    await repository.whenSaved(id);
    release();
    await new Promise((resolve) => setTimeout(resolve, 30));

    const reopened = repository.session(id);
    const releaseAgain = repository.retain(id);
    const seen: string[] = [];
    reopened.digest.subscribe(() => {
      const digest = reopened.digest.get();
      seen.push(digest ? `digest ${titles(digest)} doc:${Boolean(reopened.document)}` : 'cleared');
    });
    await expect.poll(() => reopened.getView().status).toBe('ready');
    expect(seen).toEqual(['digest Balade du jeudi doc:false', 'cleared']);
    expect(reopened.digest.get()).toBeUndefined();
    releaseAgain();
  });

  it('is ignored when written in another format, and replaced by a fresh one', async () => {
    const { repository, store } = setup();
    const id = await created(repository);
    await expect.poll(async () => titles(await stored(store, id))).toEqual([]);
    const old = { communityId: id, profile: { name: 'Ancien format' }, events: [] };
    await store.write(id, DIGEST_FORMAT + 1, old);
    expect(await store.read(id, DIGEST_FORMAT)).toBeUndefined();
    expect(await stored(store, id)).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 30));

    // Reopened: nothing from the other format is shown, and the document writes a fresh digest.
    const reopened = repository.session(id);
    const release = repository.retain(id);
    const shown: (CommunityDigest | undefined)[] = [];
    reopened.digest.subscribe(() => shown.push(reopened.digest.get()));
    await expect.poll(() => reopened.getView().status).toBe('ready');
    await expect.poll(async () => (await stored(store, id))?.profile.name).toBe('Vélo-école');
    expect(shown).toEqual([]);
    release();
  });

  it('is never shown for another community', async () => {
    const { repository, store } = setup();
    const id = await created(repository);
    await expect.poll(async () => (await stored(store, id))?.profile.name).toBe('Vélo-école');
    const digest = await stored(store, id);
    if (!digest) throw new Error('no digest');

    // Stored under another community's key (a bug, a tampered database): not read back.
    const other = newCommunityId();
    await store.write(other, DIGEST_FORMAT, digest);
    expect(await stored(store, other)).toBeUndefined();
    // Nor accepted by another community's session.
    const session = repository.session(other);
    expect(session.showDigest(digest)).toBe(false);
    expect(session.digest.get()).toBeUndefined();
  });
});

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
