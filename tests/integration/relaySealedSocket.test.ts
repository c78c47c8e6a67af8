// The browser transport of sealed communities (client/src/sealed/sealedSocket.ts) against
// the REAL relay, with the `ws` WebSocket in place of the browser's: a member connects and
// syncs; once removed it is stopped for good with 4403 "forbidden: removed" and says so.

import {
  type CloseInfo,
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
  SealedReplica,
  toB64u,
} from '@ensemble/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { connectSealed, type SocketLike } from '../../client/src/sealed/sealedSocket';
import { type RelayProcess, startRelayProcess } from '../support/relayProcess';

const wsFactory = (url: string, protocols: string[]) =>
  new WebSocket(url, protocols) as unknown as SocketLike;

describe('relay process: the sealed browser transport', () => {
  let relay: RelayProcess;
  beforeAll(async () => {
    relay = await startRelayProcess();
  });
  afterAll(async () => {
    await relay.dispose();
  });

  it('[SEAL25] connects, syncs, and stops for good once the device is removed', async () => {
    const id = randomId128();
    const base = relay.url.replace(/^http/, 'ws');
    const founderKeys = await generateDeviceKeys();
    const founder = new SealedReplica({ community: id, device: founderKeys, onUpdate: () => {} });
    const f = connectSealed(base, id, founder, { socket: wsFactory });
    await expect.poll(() => founder.status).toBe(ReplicaStatus.Empty);
    const genesis = await createGenesis(founderKeys, id, 1, Date.now());
    await founder.appendOp(genesis.op);
    await expect.poll(() => founder.status).toBe(ReplicaStatus.Member);

    const aliceKeys = await generateDeviceKeys();
    const request = await createJoinRequest(aliceKeys, id, Date.now(), 3_600_000);
    const state = () => founder.state as MembershipState;
    const hash = await requestHash(request);
    await founder.appendOp(
      await createSponsor(state(), founderKeys, hash, Date.now() + 3_600_000, Date.now()),
    );
    await expect.poll(() => state().seq).toBe(1);
    await founder.appendOp(
      await createAdmit(state(), founderKeys, request, genesis.secret, Date.now()),
    );
    await expect.poll(() => state().seq).toBe(2);

    const received: string[] = [];
    const stopped: CloseInfo[] = [];
    const alice = new SealedReplica({
      community: id,
      device: aliceKeys,
      onUpdate: (_room, update) => received.push(new TextDecoder().decode(update)),
    });
    const a = connectSealed(base, id, alice, {
      socket: wsFactory,
      onStopped: (c) => stopped.push(c),
    });
    await expect.poll(() => alice.status).toBe(ReplicaStatus.Member);
    await founder.write('home', new TextEncoder().encode('bonjour'));
    await expect.poll(() => received).toEqual(['bonjour']);

    const removal = await createRemove(
      state(),
      founderKeys,
      toB64u(aliceKeys.signPublic),
      genesis.secret,
      Date.now(),
    );
    await founder.appendOp(removal.op);
    await expect.poll(() => alice.status).toBe(ReplicaStatus.Removed);
    await expect.poll(() => stopped).toEqual([{ code: 4403, reason: 'forbidden: removed' }]);
    await founder.write('home', new TextEncoder().encode('après'));
    await expect.poll(() => founder.pendingWrites).toBe(0);
    expect(received).toEqual(['bonjour']);
    a.close();
    f.close();
  });
});
