import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type ClusterRelays,
  logged,
  psqlValue,
  redisCli,
  startClusterRelays,
} from '../support/clusterRelays';
import { fetchMetrics, metricValue } from '../support/rawClient';
import type { RelayProcess } from '../support/relayProcess';
import { newRoom, openClient, type SyncClient } from '../support/yjsClient';

const LEASE = { CLUSTER_LEASE_MS: '1500', CLUSTER_COMPACT_AFTER: '20' };

/**
 * Compaction is a leased task any relay may run. A worker holds its lease
 * while it is paused between merging and writing (ENSEMBLE_TEST_COMPACT_PAUSE_MS,
 * a test hook), so the tests can kill or freeze it exactly there.
 */
describe('cluster fault: a compaction worker dies or wakes up late', () => {
  let cluster: ClusterRelays;
  let survivor: RelayProcess;
  const clients: SyncClient[] = [];
  const open = (relay: RelayProcess, room: string, capability: string): SyncClient => {
    const client = openClient(relay.wsUrl, room, { capability });
    clients.push(client);
    return client;
  };
  const writeItems = (client: SyncClient, label: string, count: number): void => {
    for (let i = 0; i < count; i++) client.items.push([`${label}${i}`]);
  };
  const rowVersion = (room: string): string =>
    psqlValue(
      cluster,
      `SELECT version FROM ensemble_rooms WHERE ns = '${cluster.namespace}' AND room = '${room}'`,
    );

  beforeAll(async () => {
    cluster = await startClusterRelays(0);
    survivor = await cluster.add({ env: LEASE });
  }, 60_000);
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
  });
  afterAll(async () => {
    await cluster?.dispose();
  });

  it('[CLUSTER7] SIGKILL of a worker mid-compaction: its lease is taken over, the state is whole', async () => {
    const worker = await cluster.add({
      env: { ...LEASE, ENSEMBLE_TEST_COMPACT_PAUSE_MS: '60000' },
    });
    const { room, capability } = newRoom('lease');
    const writer = open(worker, room, capability);
    await writer.synced();
    writeItems(writer, 'k', 30);
    await expect.poll(() => logged(worker, 'cluster.compaction_started', room)).toBe(true);
    // Only now does the survivor hold the room: the worker has the lease.
    const observer = open(survivor, room, capability);
    await expect.poll(() => observer.items.length).toBe(30);
    await worker.kill('SIGKILL');
    await expect
      .poll(() => logged(survivor, 'cluster.compacted', room), { timeout: 20_000 })
      .toBe(true);
    expect(rowVersion(room)).toBe('1');
    expect(Number(redisCli(cluster, 'XLEN', `${cluster.namespace}:log:${room}`))).toBeLessThan(30);
    const fresh = open(survivor, room, capability);
    await fresh.synced();
    expect(fresh.items.toArray()).toEqual(Array.from({ length: 30 }, (_, i) => `k${i}`));
  });

  it('[CLUSTER8] a worker that wakes after its lease was taken over cannot write an older state', async () => {
    // Its lease outlives the 35 writes below, so the takeover covers all of them.
    const late = await cluster.add({
      env: { ...LEASE, CLUSTER_LEASE_MS: '5000', ENSEMBLE_TEST_COMPACT_PAUSE_MS: '8000' },
    });
    const { room, capability } = newRoom('late');
    const writer = open(late, room, capability);
    await writer.synced();
    writeItems(writer, 'a', 30);
    await expect.poll(() => logged(late, 'cluster.compaction_started', room)).toBe(true);
    late.signal('SIGSTOP');
    try {
      const observer = open(survivor, room, capability);
      await expect.poll(() => observer.items.length).toBe(30);
      writeItems(observer, 'b', 5);
      const stream = `${cluster.namespace}:log:${room}`;
      await expect.poll(() => Number(redisCli(cluster, 'XLEN', stream))).toBe(35);
      expect(logged(survivor, 'cluster.compacted', room)).toBe(false);
      await expect
        .poll(() => logged(survivor, 'cluster.compacted', room), { timeout: 20_000 })
        .toBe(true);
      expect(rowVersion(room)).toBe('1');
    } finally {
      late.signal('SIGCONT');
    }
    // The late worker merged 30 updates; the row holds 35 now: its write is refused.
    await expect
      .poll(() => logged(late, 'cluster.compaction_conflict', room), { timeout: 20_000 })
      .toBe(true);
    expect(
      metricValue(await fetchMetrics(late.url), 'ensemble_cluster_compaction_conflicts_total'),
    ).toBe(1);
    expect(rowVersion(room)).toBe('1');
    // Its own room still gets the 5 updates (read before the trim, or caught up from the row).
    await expect.poll(() => writer.items.length).toBe(35);
    const fresh = open(late, room, capability);
    await fresh.synced();
    expect(fresh.items.length).toBe(35);
    expect(fresh.items.toArray().filter((item) => item.startsWith('b'))).toHaveLength(5);
  });
});
