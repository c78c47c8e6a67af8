import { describe, expect, it } from 'vitest';
import { readMembers, sponsorshipTree } from './members';
import { communityWithFounder, fork, makeActor, sponsor, syncPair } from './testkit';

const alice = makeActor('alice');
const bob = makeActor('bob');
const carol = makeActor('carol');
const dave = makeActor('dave');

describe('membership and sponsorship', () => {
  it('[MEM1] the founder is an organizer with no sponsor', () => {
    const doc = communityWithFounder(alice);
    expect(readMembers(doc)).toMatchObject([
      { id: alice.id, role: 'organizer', sponsor: null, status: 'active' },
    ]);
  });

  it('[MEM2] a newcomer joining with an invite is sponsored by its creator', () => {
    const doc = communityWithFounder(alice);
    sponsor(doc, alice, bob);
    sponsor(doc, bob, carol);
    const members = readMembers(doc);
    expect(members.map((m) => [m.id, m.sponsor, m.role])).toEqual([
      [alice.id, null, 'organizer'],
      [bob.id, alice.id, 'member'],
      [carol.id, bob.id, 'member'],
    ]);
    const tree = sponsorshipTree(members);
    expect(tree).toHaveLength(1);
    expect(tree[0]?.children[0]?.member.id).toBe(bob.id);
    expect(tree[0]?.children[0]?.children[0]?.member.id).toBe(carol.id);
  });

  it('[MEM2] bad invites are refused with a clear reason', () => {
    const doc = communityWithFounder(alice);
    const member = { id: bob.id, displayName: 'Bob', publicKey: 'pk' };
    const invite = alice.apply(doc, {
      type: 'createInvite',
      verifier: 'v',
      expiresAt: '2026-11-02T00:00:00Z',
      maxUses: 1,
    });
    if (!invite.ok || invite.value.type !== 'createInvite') throw new Error('setup');
    const inviteId = invite.value.inviteId;
    expect(
      bob.apply(doc, { type: 'joinWithInvite', inviteId, verifier: 'wrong', member }),
    ).toMatchObject({
      ok: false,
      error: { reason: 'invite-mismatch' },
    });
    const late = makeActor('late', () => Date.parse('2026-11-03T00:00:00Z'));
    expect(
      late.apply(doc, { type: 'joinWithInvite', inviteId, verifier: 'v', member }),
    ).toMatchObject({
      ok: false,
      error: { reason: 'invite-expired' },
    });
    expect(
      bob.apply(doc, { type: 'joinWithInvite', inviteId, verifier: 'v', member }),
    ).toMatchObject({ ok: true });
    expect(
      carol.apply(doc, {
        type: 'joinWithInvite',
        inviteId,
        verifier: 'v',
        member: { ...member, id: carol.id },
      }),
    ).toMatchObject({
      ok: false,
      error: { reason: 'invite-used-up' },
    });
    expect(alice.apply(doc, { type: 'revokeInvite', inviteId })).toMatchObject({ ok: true });
    expect(readMembers(doc).map((m) => m.id)).toEqual([alice.id, bob.id]);
  });

  it('[MEM3] two newcomers using one single-use invite offline: exactly one is a member everywhere', () => {
    const doc = communityWithFounder(alice);
    const invite = alice.apply(doc, {
      type: 'createInvite',
      verifier: 'v',
      expiresAt: '2030-01-01T00:00:00Z',
      maxUses: 1,
    });
    if (!invite.ok || invite.value.type !== 'createInvite') throw new Error('setup');
    const replicaB = fork(doc);
    const replicaC = fork(doc);
    const join = (actor: typeof bob) => ({
      type: 'joinWithInvite' as const,
      inviteId: invite.value.type === 'createInvite' ? invite.value.inviteId : ('' as never),
      verifier: 'v',
      member: { id: actor.id, displayName: 'x', publicKey: 'pk' },
    });
    expect(bob.apply(replicaB, join(bob)).ok).toBe(true);
    expect(carol.apply(replicaC, join(carol)).ok).toBe(true);
    syncPair(replicaB, replicaC);
    syncPair(doc, replicaB);
    const ids = readMembers(doc).map((m) => m.id);
    expect(ids).toHaveLength(2);
    expect(readMembers(replicaC).map((m) => m.id)).toEqual(ids);
  });

  it('[MEM4] leaving and removal are soft; only organizers remove and change roles', () => {
    const doc = communityWithFounder(alice);
    sponsor(doc, alice, bob);
    sponsor(doc, alice, carol);
    expect(bob.apply(doc, { type: 'removeMember', memberId: carol.id })).toMatchObject({
      ok: false,
      error: { reason: 'not-allowed' },
    });
    expect(alice.apply(doc, { type: 'removeMember', memberId: carol.id }).ok).toBe(true);
    expect(bob.apply(doc, { type: 'leaveCommunity' }).ok).toBe(true);
    expect(readMembers(doc).map((m) => [m.id, m.status])).toEqual([
      [alice.id, 'active'],
      [bob.id, 'left'],
      [carol.id, 'removed'],
    ]);
    expect(
      carol.apply(doc, {
        type: 'createInvite',
        verifier: 'v',
        expiresAt: '2030-01-01T00:00:00Z',
        maxUses: 1,
      }),
    ).toMatchObject({
      ok: false,
      error: { reason: 'unknown-member' },
    });
    expect(
      dave.apply(doc, {
        type: 'addEvent',
        title: 'x',
        start: '2030-01-01T10:00:00Z',
        end: '2030-01-01T11:00:00Z',
        timeZone: 'UTC',
        place: '',
      }),
    ).toMatchObject({
      ok: false,
      error: { reason: 'unknown-member' },
    });
  });
});
