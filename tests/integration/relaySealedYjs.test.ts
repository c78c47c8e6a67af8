// [SEAL23] A Yjs document through a sealed community on the REAL relay, end to end at the
// protocol level: founder (policy 2), two members sponsor a newcomer who then reads the
// earlier posts; the founder removes a member, whose replica says "removed" and gets no
// further data; an edit made offline across the removal is sealed under the new epoch and
// nobody loses it (the in-flight race itself: relaySealed.test.ts SEAL21, shared SEAL17).

import {
  createAdmit,
  createGenesis,
  createJoinRequest,
  createRemove,
  createSponsor,
  generateDeviceKeys,
  type MembershipState,
  ReplicaStatus,
  randomId128,
  requestHash,
  toB64u,
} from '@ensemble/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RelayProcess, startRelayProcess } from '../support/relayProcess';
import { SealedYjsPeer } from '../support/sealedYjsPeer';

const HOUR = 3_600_000;

describe('relay process: a sealed Yjs community end to end', () => {
  let relay: RelayProcess;
  const peers: SealedYjsPeer[] = [];

  beforeAll(async () => {
    relay = await startRelayProcess();
  });
  afterAll(async () => {
    for (const p of peers) p.destroy();
    await relay.dispose();
  });

  it('[SEAL23] sponsor, admit, read history; remove: "removed", nothing more, offline edit kept', async () => {
    const id = randomId128();
    const peer = async () => {
      const p = new SealedYjsPeer(relay.url, id, await generateDeviceKeys());
      peers.push(p);
      return p;
    };
    const stateOf = (p: SealedYjsPeer) => p.replica.state as MembershipState;
    const seqIs = (p: SealedYjsPeer, seq: number) =>
      expect.poll(() => p.replica.state?.seq).toBe(seq);

    const founder = await peer();
    founder.online();
    await expect.poll(() => founder.replica.status).toBe(ReplicaStatus.Empty);
    const genesis = await createGenesis(founder.keys, id, 2, Date.now());
    void founder.replica.appendOp(genesis.op);
    await expect.poll(() => founder.replica.status).toBe(ReplicaStatus.Member);
    founder.post('Bienvenue au réseau');

    const join = async (newcomer: SealedYjsPeer, sponsors: readonly SealedYjsPeer[]) => {
      const request = await createJoinRequest(newcomer.keys, id, Date.now(), HOUR);
      const hash = await requestHash(request);
      for (const s of sponsors) {
        const seq = stateOf(founder).seq + 1;
        await seqIs(s, seq - 1);
        void s.replica.appendOp(
          await createSponsor(stateOf(s), s.keys, hash, Date.now() + HOUR, Date.now()),
        );
        await seqIs(founder, seq);
      }
      const secret = founder.replica.currentSecret() as Uint8Array;
      const admitted = stateOf(founder).seq + 1;
      const admit = await createAdmit(stateOf(founder), founder.keys, request, secret, Date.now());
      void founder.replica.appendOp(admit);
      await seqIs(founder, admitted);
      newcomer.online(); // the relay refuses a device before its admission
      await expect
        .poll(() => [newcomer.replica.status, ...newcomer.errors.map(String)])
        .toEqual([ReplicaStatus.Member]);
    };

    const alice = await peer();
    await join(alice, [founder]); // one member: the policy is capped at one sponsor
    const bob = await peer();
    await join(bob, [founder, alice]);
    alice.post('Qui peut prêter un projecteur ?');
    const carol = await peer();
    await join(carol, [alice, bob]);
    const all = ['Bienvenue au réseau', 'Qui peut prêter un projecteur ?'];
    await expect.poll(() => carol.posts().sort()).toEqual(all.sort());
    expect(stateOf(founder).members.get(toB64u(carol.keys.signPublic))?.sponsors).toEqual([
      toB64u(alice.keys.signPublic),
      toB64u(bob.keys.signPublic),
    ]);

    // alice edits offline while the founder removes bob
    await expect.poll(() => alice.posts().length).toBe(2);
    alice.offline();
    alice.post('Écrit hors ligne');
    await expect.poll(() => bob.posts().length).toBe(2);
    const removal = await createRemove(
      stateOf(founder),
      founder.keys,
      toB64u(bob.keys.signPublic),
      founder.replica.currentSecret() as Uint8Array,
      Date.now(),
    );
    void founder.replica.appendOp(removal.op);
    await expect.poll(() => bob.replica.status).toBe(ReplicaStatus.Removed);
    founder.post('Après le départ de Bob');
    alice.online();
    const after = [...all, 'Écrit hors ligne', 'Après le départ de Bob'].sort();
    for (const p of [founder, alice, carol])
      await expect.poll(() => p.posts().sort()).toEqual(after);
    expect(alice.replica.pendingWrites).toBe(0);
    // bob got nothing written after his removal, even reconnecting
    bob.offline();
    bob.online();
    await expect.poll(() => bob.replica.status).toBe(ReplicaStatus.Removed);
    expect(bob.posts().sort()).toEqual(all.sort());
  });
});
