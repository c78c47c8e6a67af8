import { describe, expect, it } from 'vitest';
import { fromUtf8, toB64u, utf8 } from './bytes';
import { admitEnvelope } from './contentAdmission';
import { generateDeviceKeys } from './crypto';
import { openEnvelope, roomKey, sealEnvelope, verifyEnvelope } from './envelope';
import { recoverKeyRing } from './membership/keyRing';
import { SealRefusalReason as R } from './refusal';
import { ReplayGuard } from './replayGuard';
import { SealedOutbox } from './sealedOutbox';
import { TestCommunity } from './sealedTestKit';

const room = 'room-home';

function containsBytes(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

async function setup() {
  const c = await TestCommunity.create(1);
  const alice = await c.admitNew([c.founder]);
  return { c, alice };
}

describe('content envelopes', () => {
  it('[SEAL13] seal and open: header fields, per-room keys', async () => {
    const { c, alice } = await setup();
    const key = await c.key(room);
    const header = { community: c.id, room, epoch: 0, counter: 1 };
    const env = await sealEnvelope(header, utf8('Qui peut prêter un projecteur ?'), key, alice);
    const opened = await openEnvelope(env, { community: c.id, room }, async () => key);
    expect(opened.ok && fromUtf8(opened.value.plaintext)).toBe('Qui peut prêter un projecteur ?');
    expect(opened.ok && opened.value.header).toEqual({
      ...header,
      author: toB64u(alice.signPublic),
    });
    expect(containsBytes(env, utf8('projecteur'))).toBe(false);
    const otherRoomKey = await c.key('room-other');
    expect(otherRoomKey).not.toEqual(key);
    const wrongRoom = await openEnvelope(
      env,
      { community: c.id, room: 'room-other' },
      async () => otherRoomKey,
    );
    expect(!wrongRoom.ok && wrongRoom.error.reason).toBe(R.WrongCommunity);
  });

  it('[SEAL15] any flipped bit anywhere in an envelope is refused', async () => {
    const { c, alice } = await setup();
    const key = await c.key(room);
    const env = await sealEnvelope(
      { community: c.id, room, epoch: 0, counter: 7 },
      utf8('note'),
      key,
      alice,
    );
    for (let bit = 0; bit < env.length * 8; bit++) {
      const flipped = env.slice();
      flipped[bit >> 3] = (flipped[bit >> 3] ?? 0) ^ (1 << (bit & 7));
      const opened = await openEnvelope(flipped, { community: c.id, room }, async () => key);
      expect(opened.ok, `bit ${bit}`).toBe(false);
    }
    expect((await verifyEnvelope(env.subarray(0, env.length - 1))).ok).toBe(false);
  });

  it('[SEAL14] the relay admits current devices in the current epoch only, counters rising', async () => {
    const { c, alice } = await setup();
    const key = await c.key(room);
    const seal = (counter: number, epoch = c.state.epoch, k = key, who = alice) =>
      sealEnvelope({ community: c.id, room, epoch, counter }, utf8('x'), k, who);
    const header = async (bytes: Uint8Array) => {
      const v = await verifyEnvelope(bytes);
      if (!v.ok) throw new Error(v.error.reason);
      return v.value.header;
    };
    expect(admitEnvelope(c.state, await header(await seal(1)), undefined).ok).toBe(true);
    const dup = admitEnvelope(c.state, await header(await seal(1)), 1);
    expect(!dup.ok && dup.error.reason).toBe(R.Duplicate);
    const stranger = admitEnvelope(
      c.state,
      await header(await seal(1, 0, key, await generateDeviceKeys())),
      undefined,
    );
    expect(!stranger.ok && stranger.error.reason).toBe(R.Forged);
    const oldKeyEnvelope = await seal(2);
    await c.remove(alice);
    const revoked = admitEnvelope(c.state, await header(oldKeyEnvelope), 1);
    expect(!revoked.ok && revoked.error.reason).toBe(R.Revoked);
    const founderOld = await seal(1, 0, key, c.founder);
    const stale = admitEnvelope(c.state, await header(founderOld), undefined);
    expect(!stale.ok && stale.error.reason).toBe(R.StaleEpoch);
  });

  it('[SEAL16] replayed or duplicated envelopes apply once, in any order', () => {
    const guard = new ReplayGuard();
    const order = [3, 1, 2, 2, 5, 1, 4, 3, 6];
    const accepted = order.filter((n) => guard.accept(room, 'dev', n));
    expect(accepted).toEqual([3, 1, 2, 5, 4, 6]);
    expect(guard.accept('room-other', 'dev', 1)).toBe(true);
    expect(guard.accept(room, 'dev-2', 1)).toBe(true);
  });

  it('[SEAL17] a write racing the removal is sealed again under the new epoch; nothing lost', async () => {
    const { c, alice } = await setup();
    const outbox = new SealedOutbox(c.id, room, alice);
    outbox.enqueue(utf8('offline edit 1'));
    outbox.enqueue(utf8('offline edit 2'));
    const first = await outbox.sealPending(0, await c.key(room));
    const bob = await c.admitNew([c.founder]);
    await c.remove(bob); // lands before alice reconnects: epoch 1
    let last: number | undefined;
    for (const item of first) {
      const v = await verifyEnvelope(item.envelope);
      const r = v.ok ? admitEnvelope(c.state, v.value.header, last) : v;
      expect(!r.ok && r.error.reason).toBe(R.StaleEpoch);
    }
    const ring = await recoverKeyRing(c.ops, alice);
    const secret = ring.get(c.state.epoch);
    expect(secret).toBeDefined();
    const key1 = await roomKey(secret as Uint8Array, c.id, room, c.state.epoch);
    const second = await outbox.sealPending(c.state.epoch, key1);
    const texts: string[] = [];
    for (const item of second) {
      const v = await verifyEnvelope(item.envelope);
      const r = v.ok ? admitEnvelope(c.state, v.value.header, last) : v;
      expect(r.ok).toBe(true);
      last = item.counter;
      outbox.ack(item.id);
      const opened = await openEnvelope(item.envelope, { community: c.id, room }, async () =>
        c.key(room),
      );
      if (opened.ok) texts.push(fromUtf8(opened.value.plaintext) ?? '');
    }
    expect(texts).toEqual(['offline edit 1', 'offline edit 2']);
    expect(outbox.size).toBe(0);
    // bob, removed, holds no key for what is written now
    expect((await recoverKeyRing(c.ops, bob)).has(c.state.epoch)).toBe(false);
  });
});
