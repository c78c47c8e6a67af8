import type { DocId } from '@ensemble/shared';
import { type AutomergeDocument, automergeEngine } from '@ensemble/shared/automerge';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AutomergeClient, openAutomergeClient } from '../support/automergeClient';
import { type ClusterRelays, logged, redisCli, startClusterRelays } from '../support/clusterRelays';
import type { RelayProcess } from '../support/relayProcess';
import { newRoom } from '../support/yjsClient';

/**
 * Automerge rooms (issue 13) in cluster mode (issue 14): the leased compaction
 * merges a room with its own engine's operations. Before, every room was merged
 * as Yjs updates, so an Automerge room's compaction failed every sweep and its
 * stream grew without bound.
 */
describe('cluster: Automerge rooms are fanned out and compacted with their own engine', () => {
  let cluster: ClusterRelays;
  let first: RelayProcess;
  let second: RelayProcess;
  const clients: AutomergeClient[] = [];
  const open = (relay: RelayProcess, room: string, capability: string, doc?: AutomergeDocument) => {
    const client = openAutomergeClient(relay.wsUrl, room, { capability, ...(doc ? { doc } : {}) });
    clients.push(client);
    return client;
  };
  const taskKeys = (client: AutomergeClient) => client.doc.map('tasks').keys().length;

  beforeAll(async () => {
    cluster = await startClusterRelays(0);
    const env = { CLUSTER_COMPACT_AFTER: '20', CLUSTER_LEASE_MS: '1500' };
    first = await cluster.add({ env });
    second = await cluster.add({ env });
  }, 60_000);
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
  });
  afterAll(async () => {
    await cluster?.dispose();
  });

  it('[CLUSTER16] an Automerge room converges across relays and its stream is compacted', async () => {
    const { room, capability } = newRoom('am-cluster');
    const doc = automergeEngine.create(room as DocId) as AutomergeDocument;
    const writer = open(first, room, capability, doc);
    await writer.synced();
    const reader = open(second, room, capability);
    await reader.synced();
    for (let i = 0; i < 40; i++) {
      writer.doc.transact(() => writer.doc.map('tasks').set(`t${i}`, { title: `Tâche ${i}` }));
    }
    await expect.poll(() => taskKeys(reader)).toBe(40);
    await expect
      .poll(
        () => logged(first, 'cluster.compacted', room) || logged(second, 'cluster.compacted', room),
        {
          timeout: 20_000,
        },
      )
      .toBe(true);
    expect(logged(first, 'cluster.compaction_failed', room)).toBe(false);
    expect(logged(second, 'cluster.compaction_failed', room)).toBe(false);
    expect(Number(redisCli(cluster, 'XLEN', `${cluster.namespace}:log:${room}`))).toBeLessThan(40);
    const late = open(second, room, capability);
    await late.synced();
    await expect.poll(() => taskKeys(late)).toBe(40);
  });
});
