import {
  formatSubprotocol,
  newCapability,
  PROTOCOL_VERSION,
  relaySubprotocols,
} from '@ensemble/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterRelays, healthOf, startClusterRelays } from '../support/clusterRelays';
import { fetchMetrics, metricValue, rawClient } from '../support/rawClient';
import { newRoom, openClient, type SyncClient } from '../support/yjsClient';

/** Three real relay processes on one real Redis and one real Postgres. */
describe('cluster: three relays, one room', () => {
  let cluster: ClusterRelays;
  const clients: SyncClient[] = [];
  const track = (client: SyncClient): SyncClient => {
    clients.push(client);
    return client;
  };
  beforeAll(async () => {
    cluster = await startClusterRelays(3, { env: { CLUSTER_COMPACT_AFTER: '40' } });
  }, 60_000);
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
  });
  afterAll(async () => {
    await cluster?.dispose();
  });

  it('[CLUSTER3] clients on different relays converge; a late joiner gets it all', async () => {
    const { room, capability } = newRoom('cluster');
    const writers = cluster.relays.map((relay) =>
      track(openClient(relay.wsUrl, room, { capability })),
    );
    await Promise.all(writers.map((writer) => writer.synced()));
    for (let round = 0; round < 30; round++) {
      for (const [w, writer] of writers.entries()) writer.items.push([`r${w}-${round}`]);
    }
    for (const writer of writers) {
      await expect.poll(() => writer.items.length).toBe(90);
    }
    const [first, ...others] = writers.map((writer) => writer.items.toArray());
    for (const other of others) expect(other).toEqual(first);
    // Past CLUSTER_COMPACT_AFTER: some relay compacted the stream under its lease.
    await expect
      .poll(async () => {
        let total = 0;
        for (const relay of cluster.relays) {
          total += metricValue(await fetchMetrics(relay.url), 'ensemble_cluster_compactions_total');
        }
        return total;
      })
      .toBeGreaterThan(0);
    const late = track(openClient(cluster.relays[2]?.wsUrl ?? '', room, { capability }));
    await late.synced();
    expect(late.items.toArray()).toEqual(first);
    const [relay] = cluster.relays;
    if (relay === undefined) throw new Error('no relay');
    const health = await healthOf(relay);
    expect(health.body.cluster).toMatchObject({ redis: 'ok', postgres: 'ok', fanout: 'ok' });
  });

  it('[CLUSTER4] awareness crosses relays, and so does a departure', async () => {
    const { room, capability } = newRoom('presence');
    const [a, b] = cluster.relays;
    const alice = track(openClient(a?.wsUrl ?? '', room, { capability }));
    await alice.synced();
    const bob = track(openClient(b?.wsUrl ?? '', room, { capability }));
    await bob.synced();
    alice.provider.awareness.setLocalState({ name: 'Alice' });
    const aliceId = alice.doc.clientID;
    await expect
      .poll(() => bob.provider.awareness.getStates().get(aliceId))
      .toEqual({ name: 'Alice' });
    alice.destroy();
    await expect.poll(() => bob.provider.awareness.getStates().has(aliceId)).toBe(false);
  });

  it('[CLUSTER5] a room claimed on one relay refuses a wrong capability or epoch on another', async () => {
    const { room, capability } = newRoom('claimed');
    const [a, b, c] = cluster.relays;
    const epoch = 'epochA_0123456789abcdef';
    const owner = track(openClient(a?.wsUrl ?? '', room, { capability, epoch }));
    await owner.synced();
    owner.items.push(['mine']);
    const stranger = rawClient(
      `${b?.wsUrl}/${room}`,
      relaySubprotocols({ capability: newCapability() }),
    );
    expect((await stranger.closed).code).toBe(4403);
    const recreated = rawClient(
      `${c?.wsUrl}/${room}`,
      relaySubprotocols({ capability, epoch: 'epochB_0123456789abcdef' }),
    );
    expect((await recreated.closed).code).toBe(4409);
    const friend = track(openClient(c?.wsUrl ?? '', room, { capability }));
    await expect.poll(() => friend.items.toArray()).toEqual(['mine']);
  });
  it('[CLUSTER17] a sealed community is refused with a clear 4404 in cluster mode (no cross-relay log head yet)', async () => {
    const { room } = newRoom('sealed');
    const relay = cluster.relays[0];
    if (relay === undefined) throw new Error('no relay');
    const client = rawClient(`${relay.url.replace(/^http/, 'ws')}/sealed/${room}`, [
      formatSubprotocol(PROTOCOL_VERSION),
    ]);
    expect(await client.closed).toEqual({
      code: 4404,
      reason: expect.stringContaining('not served in cluster mode'),
    });
  });
});
