import 'fake-indexeddb/auto';
import {
  type CommunityId,
  type CrdtDocument,
  HybridLogicalClock,
  newDeviceId,
  readMembers,
  yjsEngine,
} from '@ensemble/shared';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceIdentity } from '../identity/DeviceIdentity';
import { loadDeviceKeys } from '../identity/DeviceKeys';
import { AccessStore, type CommunityAccess } from '../storage/AccessStore';
import { CommunityIndex } from '../storage/CommunityIndex';
import { DocumentStore } from '../storage/DocumentStore';
import { type EnsembleDatabase, openEnsembleDatabase } from '../storage/EnsembleDatabase';
import { InviteStore } from '../storage/InviteStore';
import { NetworkStatus } from '../sync/NetworkStatus';
import type { SyncState } from '../sync/syncStatus';
import { ValueStore } from '../util/ValueStore';
import { CommunityRepository } from './CommunityRepository';
import { loadChangeCode } from './changeCode';
import { COMMUNITY_LINK, Membership, SPONSOR_ONE } from './Membership';

const dbs: EnsembleDatabase[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

/** One device: its database, a key pair, and the documents it opened (to pass updates by hand). */
async function device() {
  const db = openEnsembleDatabase(`membership-${Math.random()}`);
  dbs.push(db);
  let saved: unknown;
  const keys = await loadDeviceKeys({
    load: async () => saved,
    save: async (pair) => {
      saved = pair;
    },
  });
  const deviceId = newDeviceId();
  const identity: DeviceIdentity = {
    deviceId,
    clock: new HybridLogicalClock(deviceId),
    keys,
    saveClock: async () => undefined,
  };
  const access = new AccessStore(db);
  const docs: CrdtDocument[] = [];
  const repository = new CommunityRepository({
    engine: yjsEngine,
    store: new DocumentStore(db, yjsEngine),
    index: new CommunityIndex(db),
    identity,
    network: new NetworkStatus(),
    access,
    connect: (doc: CrdtDocument, _grant: CommunityAccess | undefined) => {
      docs.push(doc);
      return {
        status: new ValueStore<SyncState>('offline'),
        refusal: new ValueStore(undefined),
        destroy: () => undefined,
      };
    },
    // Writes still running when a test's database is deleted: not what these tests check.
    onBackgroundError: () => undefined,
  });
  const membership = new Membership(repository, access, new InviteStore(db));
  return { repository, membership, access, docs, keys };
}

/** Sends everything `from` holds to `to`, as the relay would. */
function sync(from: CrdtDocument | undefined, to: CrdtDocument | undefined) {
  if (!from || !to) throw new Error('documents not open');
  to.applyUpdate(from.encodeState());
}

async function founded(founder: Awaited<ReturnType<typeof device>>) {
  await loadChangeCode();
  const created = await founder.repository.createCommunity({
    name: 'Entraide Croix-Rousse',
    description: '',
    city: 'Lyon',
    founderName: 'Amina',
  });
  if (!created.ok) throw new Error('not created');
  founder.repository.retain(created.value);
  return created.value;
}

describe('Membership [MEM1] [MEM2]', () => {
  it('makes the creator the founder: its member id comes from its public key', async () => {
    const amina = await device();
    const id = await founded(amina);
    const doc = amina.docs[0] as CrdtDocument;
    expect(readMembers(doc)).toMatchObject([
      { id: amina.keys?.memberId, displayName: 'Amina', role: 'organizer', sponsor: null },
    ]);
    expect(amina.keys?.publicKey).toMatch(/^ed25519:[A-Za-z0-9_-]{43}$/);
    expect(amina.repository.selfIn(id)).toBe(amina.keys?.memberId);
  });

  it('lets a newcomer join with the invite of the link, sponsored by its creator', async () => {
    const amina = await device();
    const id = await founded(amina);
    const invite = await amina.membership.createInvite(id, SPONSOR_ONE);
    if (!invite.ok) throw new Error('no invite');
    // The invite's secret is not in the document: only its verifier.
    expect(JSON.stringify(amina.docs[0]?.encodeState())).not.toContain(invite.value.secret);

    const bruno = await device();
    const capability = (await amina.access.get(id))?.capability;
    if (!capability) throw new Error('no capability');
    await bruno.repository.acceptInvite(id, capability, invite.value);
    bruno.repository.retain(id);
    await expect.poll(() => bruno.docs.length).toBe(1);

    // Before the community arrives, nothing to join yet: the UI waits and retries.
    const early = await bruno.membership.join(id, 'Bruno');
    expect(early).toMatchObject({ ok: false, error: { reason: 'not-initialised' } });

    sync(amina.docs[0], bruno.docs[0]);
    const joined = await bruno.membership.join(id, 'Bruno');
    expect(joined).toEqual({ ok: true, value: bruno.keys?.memberId });
    sync(bruno.docs[0], amina.docs[0]);
    const members = readMembers(amina.docs[0] as CrdtDocument);
    expect(members.map((m) => [m.displayName, m.sponsor])).toEqual([
      ['Amina', null],
      ['Bruno', amina.keys?.memberId],
    ]);
    // Joined: the invite is forgotten on Bruno's device.
    expect(await bruno.membership.pendingInvite(id)).toBeUndefined();
  });

  it('refuses a second newcomer on a single-use invite, and a forged secret', async () => {
    const amina = await device();
    const id = await founded(amina);
    const single = await amina.membership.createInvite(id, SPONSOR_ONE);
    const group = await amina.membership.createInvite(id, COMMUNITY_LINK);
    if (!single.ok || !group.ok) throw new Error('no invite');
    const capability = (await amina.access.get(id))?.capability as CommunityAccess['capability'];

    const join = async (name: string, secret: { id: typeof single.value.id; secret: string }) => {
      const newcomer = await device();
      await newcomer.repository.acceptInvite(id, capability, secret);
      newcomer.repository.retain(id);
      await expect.poll(() => newcomer.docs.length).toBe(1);
      sync(amina.docs[0], newcomer.docs[0]);
      const result = await newcomer.membership.join(id, name);
      sync(newcomer.docs[0], amina.docs[0]);
      return result;
    };
    expect((await join('Chloé', single.value)).ok).toBe(true);
    expect(await join('Driss', single.value)).toMatchObject({
      ok: false,
      error: { reason: 'invite-used-up' },
    });
    expect(await join('Eve', { id: group.value.id, secret: single.value.secret })).toMatchObject({
      ok: false,
      error: { reason: 'invite-mismatch' },
    });
    expect((await join('Farid', group.value)).ok).toBe(true);
    expect(readMembers(amina.docs[0] as CrdtDocument).map((m) => m.displayName)).toEqual([
      'Amina',
      'Chloé',
      'Farid',
    ]);
  });

  it('acts as the member in a founded community: a change by a non-member is refused', async () => {
    const amina = await device();
    const id: CommunityId = await founded(amina);
    const stranger = await device();
    const capability = (await amina.access.get(id))?.capability as CommunityAccess['capability'];
    await stranger.repository.acceptInvite(id, capability);
    stranger.repository.retain(id);
    await expect.poll(() => stranger.docs.length).toBe(1);
    sync(amina.docs[0], stranger.docs[0]);
    const event = {
      title: 'Réunion',
      start: '2030-05-04T10:00:00+02:00',
      end: '2030-05-04T12:00:00+02:00',
      timeZone: 'Europe/Paris',
      place: '',
    };
    expect(stranger.repository.addEvent(id, event)).toMatchObject({
      ok: false,
      error: { reason: 'unknown-member' },
    });
    expect(amina.repository.addEvent(id, event).ok).toBe(true);
  });
});
