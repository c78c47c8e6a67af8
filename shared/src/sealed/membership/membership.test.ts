import { describe, expect, it } from 'vitest';
import { toB64u, utf8 } from '../bytes';
import { generateDeviceKeys } from '../crypto';
import { wrapSecret } from '../keyWrap';
import { SealRefusalReason as R } from '../refusal';
import { DAY, TestCommunity } from '../sealedTestKit';
import { applyOp, verifyLog } from './applyOp';
import {
  createAddDevice,
  createAdmit,
  createGenesis,
  createJoinRequest,
  createRemove,
  createSponsor,
  deviceRecord,
} from './author';
import { decodeOp } from './decode';
import { recoverKeyRing } from './keyRing';
import type { MembershipOp } from './operations';
import { encodeRecord, requestHash, signOp } from './signing';
import { isCurrentDevice } from './state';

const id = (k: { signPublic: Uint8Array }) => toB64u(k.signPublic);

describe('membership log', () => {
  it('[SEAL1] device private keys are non-extractable', async () => {
    const keys = await generateDeviceKeys();
    expect((keys.signKey as unknown as { extractable: boolean }).extractable).toBe(false);
    expect((keys.boxKey as unknown as { extractable: boolean }).extractable).toBe(false);
    expect(keys.signPublic.length).toBe(32);
  });

  it('[SEAL4][SEAL8] a policy-2 community admits with two sponsors and records the sponsor tree', async () => {
    const c = await TestCommunity.create(2);
    const alice = await c.admitNew([c.founder]); // one member: the policy is capped at 1
    const bob = await c.admitNew([c.founder, alice]);
    const carol = await c.admitNew([alice, bob]);
    const verified = await verifyLog(c.ops, c.id);
    expect(verified.ok).toBe(true);
    if (!verified.ok) return;
    expect(verified.value.members.get(id(carol))?.sponsors).toEqual([id(alice), id(bob)]);
    expect(verified.value.members.get(id(bob))?.sponsors).toEqual([id(c.founder), id(alice)]);
    expect(verified.value.head).toBe(c.state.head);
  });

  it('[SEAL8] under-N: one sponsor is not enough when the policy asks for two', async () => {
    const c = await TestCommunity.create(2);
    const alice = await c.admitNew([c.founder]);
    const newcomer = await generateDeviceKeys();
    const request = await c.request(newcomer);
    await c.sponsor(alice, request);
    await c.sponsor(alice, request); // the same member twice still counts once
    const admit = await createAdmit(c.state, c.founder, request, c.secret, c.tick());
    expect((await c.tryAppend(admit))?.reason).toBe(R.UnderSponsored);
  });

  it('[SEAL8] expired sponsorships and expired join requests are refused', async () => {
    const c = await TestCommunity.create(1);
    const newcomer = await generateDeviceKeys();
    const request = await c.request(newcomer, 30 * DAY);
    await c.sponsor(c.founder, request, DAY);
    c.tick(2 * DAY);
    const late = await createAdmit(c.state, c.founder, request, c.secret, c.now);
    expect((await c.tryAppend(late))?.reason).toBe(R.Expired);
    const stale = await c.request(await generateDeviceKeys(), DAY);
    await c.sponsor(c.founder, stale, 30 * DAY);
    c.tick(2 * DAY);
    const tooLate = await createAdmit(c.state, c.founder, stale, c.secret, c.now);
    expect((await c.tryAppend(tooLate))?.reason).toBe(R.Expired);
  });

  it('[SEAL8][SEAL7] a removed sponsor no longer counts (revoked), and cannot sign', async () => {
    const c = await TestCommunity.create(2);
    const alice = await c.admitNew([c.founder]);
    const bob = await c.admitNew([c.founder, alice]);
    const request = await c.request(await generateDeviceKeys());
    await c.sponsor(alice, request);
    await c.sponsor(bob, request);
    await c.remove(bob);
    const admit = await createAdmit(c.state, c.founder, request, c.secret, c.tick());
    expect((await c.tryAppend(admit))?.reason).toBe(R.Revoked);
    const bySigner = await createSponsor(c.state, bob, 'A'.repeat(43), c.now + DAY, c.tick());
    expect((await c.tryAppend(bySigner))?.reason).toBe(R.Revoked);
  });

  it('[SEAL7] forged: a stranger signing, or a signature that does not match', async () => {
    const c = await TestCommunity.create(1);
    const stranger = await generateDeviceKeys();
    const request = await c.request(stranger);
    const hash = await requestHash(request);
    const byStranger = await createSponsor(c.state, stranger, hash, c.now + DAY, c.tick());
    expect((await c.tryAppend(byStranger))?.reason).toBe(R.Forged);
    const real = await createSponsor(c.state, c.founder, hash, c.now + DAY, c.tick());
    const tampered: MembershipOp = { ...real, expiresAt: real.expiresAt + 1 };
    expect((await c.tryAppend(tampered))?.reason).toBe(R.Forged);
    // A join request whose signature is not from the device it names.
    await c.append(real);
    const other = await generateDeviceKeys();
    const forgedRequest = { ...request, device: deviceRecord(other) };
    const admit = await createAdmit(c.state, c.founder, forgedRequest, c.secret, c.tick());
    expect((await c.tryAppend(admit))?.reason).toBe(R.Forged);
  });

  it('[SEAL12] wrong-community: operations and join requests of another community', async () => {
    const c = await TestCommunity.create(1, 'community-a');
    const other = await TestCommunity.create(1, 'community-b');
    const newcomer = await generateDeviceKeys();
    const foreign = await createJoinRequest(newcomer, 'community-b', c.tick(), DAY);
    await c.sponsor(c.founder, foreign);
    const admit = await createAdmit(c.state, c.founder, foreign, c.secret, c.tick());
    expect((await c.tryAppend(admit))?.reason).toBe(R.WrongCommunity);
    const sponsorB = await createSponsor(other.state, other.founder, 'A'.repeat(43), 1, 1);
    expect((await applyOp(c.state, sponsorB))?.ok).toBe(false);
    const verified = await verifyLog(other.ops, 'community-a');
    expect(!verified.ok && verified.error.reason).toBe(R.WrongCommunity);
  });

  it('[SEAL4] the chain: a replayed, reordered or backdated operation is refused', async () => {
    const c = await TestCommunity.create(1);
    await c.admitNew([c.founder]);
    const replay = c.ops[1] as MembershipOp;
    expect((await c.tryAppend(replay))?.reason).toBe(R.BrokenChain);
    const backdated = await createSponsor(c.state, c.founder, 'A'.repeat(43), c.now, c.now);
    const signed = await signOp({ ...backdated, at: c.now - 10_000 }, c.founder);
    expect((await c.tryAppend(signed))?.reason).toBe(R.BrokenChain);
    const swapped = [c.ops[0], c.ops[2], c.ops[1]] as MembershipOp[];
    const verified = await verifyLog(swapped, c.id);
    expect(!verified.ok && verified.error).toMatchObject({ reason: R.BrokenChain, seq: 1 });
  });

  it('[SEAL2] any flipped bit in an operation is refused (decode, chain or signature)', async () => {
    const c = await TestCommunity.create(1);
    const request = await c.request(await generateDeviceKeys());
    const op = await createSponsor(
      c.state,
      c.founder,
      await requestHash(request),
      c.now + DAY,
      c.tick(),
    );
    const bytes = encodeRecord(op);
    expect(decodeOp(bytes).ok).toBe(true);
    for (let i = 0; i < bytes.length; i++) {
      const flipped = bytes.slice();
      flipped[i] = (flipped[i] ?? 0) ^ (1 << (i % 8));
      const decoded = decodeOp(flipped);
      if (!decoded.ok) continue;
      const step = await applyOp(c.state, decoded.value);
      expect(step.ok, `byte ${i}`).toBe(false);
    }
    expect(decodeOp(utf8(' {}')).ok).toBe(false);
  });

  it('[SEAL10][SEAL6] removal: new epoch for the others only, history readable through the chain', async () => {
    const c = await TestCommunity.create(1);
    const alice = await c.admitNew([c.founder]);
    const bob = await c.admitNew([c.founder]);
    const epoch0 = c.secret;
    await c.remove(bob);
    expect(c.state.epoch).toBe(1);
    expect(isCurrentDevice(c.state, id(bob))).toBe(false);
    const aliceRing = await recoverKeyRing(c.ops, alice);
    expect(aliceRing.get(1)).toEqual(c.secret);
    expect(aliceRing.get(0)).toEqual(epoch0);
    const bobRing = await recoverKeyRing(c.ops, bob);
    expect(bobRing.has(1)).toBe(false);
    expect(bobRing.get(0)).toEqual(epoch0);
    // A newcomer after the removal reads epoch 0 too (through the chain).
    const dave = await c.admitNew([c.founder]);
    expect((await recoverKeyRing(c.ops, dave)).get(0)).toEqual(epoch0);
  });

  it('[SEAL10] only the founder removes others; wraps must leave the removed device out', async () => {
    const c = await TestCommunity.create(1);
    const alice = await c.admitNew([c.founder]);
    const bob = await c.admitNew([c.founder]);
    const byAlice = await createRemove(c.state, alice, id(bob), c.secret, c.tick());
    expect((await c.tryAppend(byAlice.op))?.reason).toBe(R.NotAllowed);
    const selfRemoval = await createRemove(c.state, bob, id(bob), c.secret, c.tick());
    const bobWrap = await wrapSecret(new Uint8Array(32), deviceRecord(bob), {
      community: c.id,
      epoch: 1,
    });
    const leaky = await signOp(
      { ...selfRemoval.op, wraps: [...selfRemoval.op.wraps, bobWrap] },
      bob,
    );
    expect((await c.tryAppend(leaky))?.reason).toBe(R.BadWraps);
    expect(await c.tryAppend(selfRemoval.op)).toBeUndefined();
    const founderGone = await createRemove(c.state, c.founder, id(c.founder), c.secret, c.tick());
    expect((await c.tryAppend(founderGone.op))?.reason).toBe(R.NotAllowed);
  });

  it('[SEAL11] a member adds a second device, which gets the current epoch', async () => {
    const c = await TestCommunity.create(1);
    const alice = await c.admitNew([c.founder]);
    const phone = await generateDeviceKeys();
    await c.append(await createAddDevice(c.state, alice, deviceRecord(phone), c.secret, c.tick()));
    expect(c.state.members.get(id(alice))?.devices).toEqual([id(alice), id(phone)]);
    expect((await recoverKeyRing(c.ops, phone)).get(0)).toEqual(c.secret);
    const again = await createAddDevice(c.state, alice, deviceRecord(phone), c.secret, c.tick());
    expect((await c.tryAppend(again))?.reason).toBe(R.Duplicate);
  });

  it('[SEAL4] the genesis: policy 1..3, signed by its own device', async () => {
    const keys = await generateDeviceKeys();
    const { op } = await createGenesis(keys, 'x', 4, 1);
    expect(decodeOp(encodeRecord(op)).ok).toBe(false);
    const { op: good } = await createGenesis(keys, 'x', 3, 1);
    expect(decodeOp(encodeRecord(good)).ok).toBe(true);
    const other = await generateDeviceKeys();
    const stolen = await signOp({ ...good, signer: id(other) }, other);
    expect((await applyOp(undefined, stolen))?.ok).toBe(false);
  });
});
