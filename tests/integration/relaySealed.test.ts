// Sealed communities on the REAL relay process: the relay verifies and linearizes the
// membership log, refuses bad operations and stale or revoked envelopes, drops removed
// devices, and never holds plaintext (data dir, logs, process memory).

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createAdmit,
  createGenesis,
  createJoinRequest,
  createRemove,
  createSponsor,
  type DeviceKeys,
  decodeOp,
  formatSubprotocol,
  generateDeviceKeys,
  type MembershipOp,
  type MembershipState,
  openEnvelope,
  PROTOCOL_VERSION,
  SealRefusalReason as R,
  randomId128,
  recoverKeyRing,
  requestHash,
  roomKey,
  sealEnvelope,
  toB64u,
  verifyLog,
} from '@ensemble/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processMemoryContains } from '../support/memoryScan';
import { rawClient } from '../support/rawClient';
import { type RelayProcess, startRelayProcess } from '../support/relayProcess';
import { type SealedClient, sealedClient } from '../support/sealedClient';

const ROOM = 'home';
const HOUR = 3_600_000;
const enc = (text: string) => new TextEncoder().encode(text);

function opsOf(client: SealedClient): MembershipOp[] {
  return client.ops.map((bytes) => {
    const d = decodeOp(bytes);
    if (!d.ok) throw new Error(d.error.reason);
    return d.value;
  });
}

async function stateOf(client: SealedClient, count: number): Promise<MembershipState> {
  await expect.poll(() => client.ops.filter(Boolean).length).toBeGreaterThanOrEqual(count);
  const v = await verifyLog(opsOf(client));
  if (!v.ok) throw new Error(`client refuses the relay's log: ${v.error.reason}`);
  return v.value;
}

/** A founder connected to a fresh community with the given policy; members admitted by it. */
async function community(relay: RelayProcess, sponsors: number) {
  const id = randomId128();
  const founder = await generateDeviceKeys();
  const f = await sealedClient(relay.url, id, founder);
  const genesis = await createGenesis(founder, id, sponsors, Date.now());
  f.appendOp(genesis.op);
  let secret = genesis.secret;
  let count = 1;
  const state = () => stateOf(f, count);
  const append = async (op: MembershipOp) => {
    f.appendOp(op);
    count++;
    return state();
  };
  const admit = async (sponsorsOf: readonly DeviceKeys[] = [founder]) => {
    const keys = await generateDeviceKeys();
    const request = await createJoinRequest(keys, id, Date.now(), HOUR);
    const hash = await requestHash(request);
    for (const s of sponsorsOf) {
      // Sponsors sign; the founder's connection carries their ops (any connection may).
      await append(await createSponsor(await state(), s, hash, Date.now() + HOUR, Date.now()));
    }
    await append(await createAdmit(await state(), founder, request, secret, Date.now()));
    return keys;
  };
  const remove = async (member: DeviceKeys) => {
    const r = await createRemove(
      await state(),
      founder,
      toB64u(member.signPublic),
      secret,
      Date.now(),
    );
    secret = r.secret;
    return append(r.op);
  };
  return { id, founder, f, state, append, admit, remove, secret: () => secret, count: () => count };
}

async function refusalAfter(client: SealedClient, send: () => void): Promise<string> {
  const before = client.refusals.length;
  send();
  await expect.poll(() => client.refusals.length).toBe(before + 1);
  return client.refusals[before]?.reason ?? '';
}

describe('relay process: sealed communities', () => {
  let relay: RelayProcess;
  const open: SealedClient[] = [];
  const track = (c: SealedClient) => {
    open.push(c);
    return c;
  };

  beforeAll(async () => {
    relay = await startRelayProcess();
  });
  afterAll(async () => {
    for (const c of open) c.close();
    await relay.dispose();
  });

  it('[SEAL19] a malformed community id (a broken %-escape) is refused with 4404; the relay keeps running', async () => {
    const client = rawClient(`${relay.url.replace(/^http/, 'ws')}/sealed/%E0%A4%A`, [
      formatSubprotocol(PROTOCOL_VERSION),
    ]);
    expect((await client.closed).code).toBe(4404);
    const health = await fetch(`${relay.url}/healthz`);
    expect(health.status).toBe(200);
  });

  it('[SEAL20] the relay refuses forged, under-N, expired, revoked, wrong-community and stale-head operations', async () => {
    const c = await community(relay, 2);
    track(c.f);
    const alice = await c.admit([c.founder]);
    const bob = await c.admit([c.founder, alice]);
    const s = await c.state();
    expect(s.members.size).toBe(3);
    const newcomer = await generateDeviceKeys();
    const request = await createJoinRequest(newcomer, c.id, Date.now(), HOUR);
    const hash = await requestHash(request);
    // forged: a changed field under the founder's signature
    const real = await createSponsor(s, c.founder, hash, Date.now() + HOUR, Date.now());
    expect(
      await refusalAfter(c.f, () => c.f.appendOp({ ...real, expiresAt: real.expiresAt + 1 })),
    ).toBe(R.Forged);
    // under-N: one sponsor of the two the policy asks
    const one = await c.append(real);
    const underN = await createAdmit(one, c.founder, request, c.secret(), Date.now());
    expect(await refusalAfter(c.f, () => c.f.appendOp(underN))).toBe(R.UnderSponsored);
    // expired: alice's sponsorship lapses before the admission's time
    const short = await c.append(
      await createSponsor(one, alice, hash, Date.now() + 1_000, Date.now()),
    );
    const late = await createAdmit(short, c.founder, request, c.secret(), Date.now() + 5 * 60_000);
    expect(await refusalAfter(c.f, () => c.f.appendOp(late))).toBe(R.Expired);
    // revoked: bob sponsors a second newcomer, then is removed before the admission
    const other = await createJoinRequest(await generateDeviceKeys(), c.id, Date.now(), HOUR);
    const otherHash = await requestHash(other);
    await c.append(
      await createSponsor(await c.state(), alice, otherHash, Date.now() + HOUR, Date.now()),
    );
    await c.append(
      await createSponsor(await c.state(), bob, otherHash, Date.now() + HOUR, Date.now()),
    );
    const afterRemoval = await c.remove(bob);
    const revoked = await createAdmit(afterRemoval, c.founder, other, c.secret(), Date.now());
    expect(await refusalAfter(c.f, () => c.f.appendOp(revoked))).toBe(R.Revoked);
    // wrong-community: an operation built for another community
    const foreign = await createSponsor(
      { ...afterRemoval, community: randomId128() },
      c.founder,
      hash,
      Date.now() + HOUR,
      Date.now(),
    );
    expect(await refusalAfter(c.f, () => c.f.appendOp(foreign))).toBe(R.WrongCommunity);
    // stale head: built on an older state, it loses the compare-and-set
    const stale = await createSponsor(one, c.founder, otherHash, Date.now() + HOUR, Date.now());
    expect(await refusalAfter(c.f, () => c.f.appendOp(stale))).toBe(R.BrokenChain);
    // Nothing refused was appended: the log still verifies and ends at the removal.
    expect((await c.state()).head).toBe(afterRemoval.head);
    // A stranger's device is refused at once and receives nothing.
    const stranger = await sealedClient(relay.url, c.id, await generateDeviceKeys());
    const closed = await stranger.closed;
    expect(closed).toEqual({ code: 4403, reason: 'forbidden: not a member' });
    expect(stranger.received).toEqual([]);
  });

  it('[SEAL21] a removed device gets its removal then nothing, its writes are refused; a racing write is resealed', async () => {
    const c = await community(relay, 1);
    track(c.f);
    const alice = await c.admit();
    const bob = await c.admit();
    const a = track(await sealedClient(relay.url, c.id, alice));
    const b = track(await sealedClient(relay.url, c.id, bob));
    await expect.poll(() => b.ops.length).toBe(c.count());
    const key0 = await roomKey(c.secret(), c.id, ROOM, 0);
    a.put(
      await sealEnvelope(
        { community: c.id, room: ROOM, epoch: 0, counter: 1 },
        enc('avant'),
        key0,
        alice,
      ),
    );
    await expect.poll(() => b.envelopes.length).toBe(1);
    const racing = await sealEnvelope(
      { community: c.id, room: ROOM, epoch: 0, counter: 2 },
      enc('pendant'),
      key0,
      alice,
    );
    const bobLate = await sealEnvelope(
      { community: c.id, room: ROOM, epoch: 0, counter: 1 },
      enc('bob'),
      key0,
      bob,
    );
    await c.remove(bob);
    expect(await b.closed).toEqual({ code: 4403, reason: 'forbidden: removed' });
    expect(b.ops.length).toBe(c.count()); // it did receive its removal
    // alice's write raced the removal: refused as stale, resealed under epoch 1, stored.
    expect(await refusalAfter(a, () => a.put(racing))).toBe(R.StaleEpoch);
    await expect.poll(() => a.ops.length).toBe(c.count());
    const ring = await recoverKeyRing(opsOf(a), alice);
    const key1 = await roomKey(ring.get(1) as Uint8Array, c.id, ROOM, 1);
    a.put(
      await sealEnvelope(
        { community: c.id, room: ROOM, epoch: 1, counter: 3 },
        enc('pendant'),
        key1,
        alice,
      ),
    );
    await expect.poll(() => a.acks.length).toBe(2);
    await expect.poll(() => c.f.envelopes.length).toBe(2);
    const opened = await openEnvelope(
      c.f.envelopes[1] as Uint8Array,
      { community: c.id, room: ROOM },
      async (e) => roomKey(e === 1 ? c.secret() : (ring.get(0) as Uint8Array), c.id, ROOM, e),
    );
    expect(opened.ok && new TextDecoder().decode(opened.value.plaintext)).toBe('pendant');
    // bob's envelope is refused even when another connection carries it.
    expect(await refusalAfter(c.f, () => c.f.put(bobLate))).toBe(R.Revoked);
    // bob reconnects: refused, and not one envelope or operation reaches it.
    const again = await sealedClient(relay.url, c.id, bob, { ops: 0, envelopes: 0 });
    expect(await again.closed).toEqual({ code: 4403, reason: 'forbidden: removed' });
    expect(again.received).toEqual([]);
    expect(b.envelopes.length).toBe(1);
  });

  it('[SEAL22] no plaintext marker in the relay data dir, its logs or its memory', async () => {
    const marker = `MARQUEUR-${randomId128()}`;
    const c = await community(relay, 1);
    track(c.f);
    const alice = await c.admit();
    const a = track(await sealedClient(relay.url, c.id, alice));
    const key = await roomKey(c.secret(), c.id, ROOM, 0);
    const env = await sealEnvelope(
      { community: c.id, room: ROOM, epoch: 0, counter: 1 },
      enc(`Prêt de projecteur ${marker}`),
      key,
      alice,
    );
    a.put(env);
    await expect.poll(() => c.f.envelopes.length).toBe(1);
    const files: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) await walk(path);
        else files.push(path);
      }
    };
    await walk(relay.dataDir);
    const stored = Buffer.concat(await Promise.all(files.map((f) => readFile(f))));
    expect(stored.includes(Buffer.from(env.subarray(40, 80)))).toBe(true); // the ciphertext is there
    expect(stored.includes(Buffer.from(marker))).toBe(false);
    expect(relay.output().includes(marker)).toBe(false);
    const pid = relay.pid();
    expect(pid).toBeDefined();
    const [cipherSeen, markerSeen] = processMemoryContains(pid as number, [
      env.subarray(env.length - 64),
      enc(marker),
    ]);
    expect(cipherSeen).toBe(true); // the scan does see the relay's buffers
    expect(markerSeen).toBe(false);
  });
});

describe('relay process: sealed connections share the /sync limits', () => {
  let relay: RelayProcess;
  beforeAll(async () => {
    relay = await startRelayProcess({
      args: [
        '--max-messages-per-second',
        '5',
        '--message-burst',
        '10',
        '--max-message-bytes',
        '4096',
      ],
    });
  });
  afterAll(async () => {
    await relay.dispose();
  });

  it('[SEAL19][LIM1] a flooding device is closed with 4529, an oversized frame with 4413', async () => {
    const flooder = await sealedClient(relay.url, randomId128(), await generateDeviceKeys());
    await expect.poll(() => flooder.received.length).toBe(2); // the catch-up frames
    for (let i = 0; i < 30; i++) flooder.put(new Uint8Array([1, 2, 3]));
    const closed = await flooder.closed;
    expect(closed.code).toBe(4529);
    expect(flooder.refusals.length).toBeLessThanOrEqual(10);
    const big = await sealedClient(relay.url, randomId128(), await generateDeviceKeys());
    big.put(new Uint8Array(5000));
    expect((await big.closed).code).toBe(4413);
  });
});
