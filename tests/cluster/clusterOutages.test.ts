import { relaySubprotocols } from '@ensemble/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type ClusterRelays,
  healthOf,
  redisCli,
  startClusterRelays,
} from '../support/clusterRelays';
import { fetchMetrics, metricValue, rawClient } from '../support/rawClient';
import type { RelayProcess } from '../support/relayProcess';
import { newRoom, openClient, type SyncClient } from '../support/yjsClient';

/**
 * Redis and Postgres fail under two relays with clients on both. Nothing a
 * client wrote may be lost or doubled; /healthz says what is down.
 */
describe('cluster fault: Redis and Postgres outages', () => {
  let cluster: ClusterRelays;
  let a: RelayProcess;
  let b: RelayProcess;
  const clients: SyncClient[] = [];
  const closes = new Map<SyncClient, number[]>();
  const open = (relay: RelayProcess, room: string, capability: string): SyncClient => {
    const client = openClient(relay.wsUrl, room, { capability });
    const codes: number[] = [];
    client.provider.on('connection-close', (event) => codes.push(event?.code ?? 0));
    closes.set(client, codes);
    clients.push(client);
    return client;
  };
  const sortedItems = (client: SyncClient): string[] => [...client.items.toArray()].sort();
  const clusterHealth = async (relay: RelayProcess) => (await healthOf(relay)).body.cluster;

  beforeAll(async () => {
    cluster = await startClusterRelays(2);
    [a, b] = cluster.relays as [RelayProcess, RelayProcess];
  }, 60_000);
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
    closes.clear();
  });
  afterAll(async () => {
    await cluster?.dispose();
  });

  it('[CLUSTER11] a fan-out connection that fails reconnects and says so in /healthz and /metrics', async () => {
    const { room, capability } = newRoom('subscriber');
    const writer = open(a, room, capability);
    const reader = open(b, room, capability);
    await Promise.all([writer.synced(), reader.synced()]);
    const fanoutIds = (): string[] =>
      redisCli(cluster, 'CLIENT', 'LIST')
        .split('\n')
        .filter((line) => line.includes('name=ensemble-fanout'))
        .map((line) => /id=(\d+)/.exec(line)?.[1] ?? '');
    await expect.poll(() => fanoutIds().length).toBe(2);
    const fanouts = fanoutIds();
    for (const id of fanouts) redisCli(cluster, 'CLIENT', 'KILL', 'ID', id);
    await expect.poll(async () => (await clusterHealth(b))?.fanoutReconnects).toBe(1);
    await expect.poll(async () => (await clusterHealth(b))?.fanout).toBe('ok');
    const metrics = await fetchMetrics(b.url);
    expect(metricValue(metrics, 'ensemble_cluster_fanout_reconnects_total')).toBe(1);
    expect(metricValue(metrics, 'ensemble_cluster_fanout_up')).toBe(1);
    writer.items.push(['after the reconnect']);
    await expect.poll(() => reader.items.toArray()).toEqual(['after the reconnect']);
  });

  it('[CLUSTER10] one room whose stream goes bad is dropped alone; other rooms keep fanning out across relays', async () => {
    const broken = newRoom('broken');
    const healthy = newRoom('healthy');
    const brokenOnB = open(b, broken.room, broken.capability);
    const writer = open(a, healthy.room, healthy.capability);
    const reader = open(b, healthy.room, healthy.capability);
    await Promise.all([brokenOnB.synced(), writer.synced(), reader.synced()]);
    // Not a stream any more: an XREAD naming it fails for every key it names.
    redisCli(cluster, 'SET', `${cluster.namespace}:log:${broken.room}`, 'not a stream');
    await expect
      .poll(async () =>
        metricValue(await fetchMetrics(b.url), 'ensemble_cluster_broken_streams_total'),
      )
      .toBe(1);
    expect((await clusterHealth(b))?.brokenStreams).toBe(1);
    await expect.poll(() => closes.get(brokenOnB)).toContain(4500);
    writer.items.push(['still flowing']);
    await expect.poll(() => reader.items.toArray()).toEqual(['still flowing']);
    expect((await clusterHealth(b))?.fanout).toBe('ok');
    redisCli(cluster, 'DEL', `${cluster.namespace}:log:${broken.room}`);
  });

  for (const keepData of [true, false]) {
    const id = keepData ? '[CLUSTER12]' : '[CLUSTER13]';
    const what = keepData ? 'with its AOF' : 'WITHOUT its data';
    it(`${id} Redis restarted ${what}: writes refused (4500, retryable) while down; none lost or doubled`, async () => {
      const { room, capability } = newRoom(keepData ? 'aof' : 'noaof');
      const left = open(a, room, capability);
      const right = open(b, room, capability);
      await Promise.all([left.synced(), right.synced()]);
      left.items.push(['before-left']);
      right.items.push(['before-right']);
      await expect.poll(() => sortedItems(left)).toEqual(['before-left', 'before-right']);

      await cluster.redis.stop('SIGKILL');
      if (!keepData) await cluster.redis.wipeData();
      await expect.poll(async () => (await healthOf(a)).status).toBe(503);
      expect((await clusterHealth(a))?.redis).toBe('down');
      // `left` stays idle: its relay keeps it connected. `right` writes: refused
      // with a retryable close, and the client keeps what it wrote.
      right.items.push(['during-right']);
      await expect.poll(() => closes.get(right)?.includes(4500)).toBe(true);
      expect(closes.get(left)).toEqual([]);

      await cluster.redis.start();
      await expect.poll(async () => (await healthOf(a)).status).toBe(200);
      await expect.poll(async () => (await healthOf(b)).status).toBe(200);
      if (!keepData) {
        // Detected on both relays: their rooms are evicted, so even the idle
        // client reconnects and re-sends what only it and Redis held.
        await expect.poll(async () => (await clusterHealth(a))?.redisResets).toBe(1);
        await expect.poll(async () => (await clusterHealth(b))?.redisResets).toBe(1);
        await expect.poll(() => closes.get(left), { timeout: 5_000 }).toContain(4500);
      }
      left.items.push(['after-left']);
      const everything = ['after-left', 'before-left', 'before-right', 'during-right'];
      await expect.poll(() => sortedItems(right)).toEqual(everything);
      await expect.poll(() => sortedItems(left)).toEqual(everything);
      // A newcomer on the relay `left` is not on gets it all from the cluster, once each.
      const fresh = open(b, room, capability);
      await expect.poll(() => sortedItems(fresh)).toEqual(everything);
      console.info(`${id} closes: ${JSON.stringify([...closes.values()])}`);
      expect([...closes.values()].flat().every((code) => code === 4500 || code === 1006)).toBe(
        true,
      );
    });
  }

  it('[CLUSTER14] Postgres stopped: /healthz says so, joined rooms keep syncing, joins are refused (4500) until it is back', async () => {
    const { room, capability } = newRoom('pgdown');
    const left = open(a, room, capability);
    const right = open(b, room, capability);
    await Promise.all([left.synced(), right.synced()]);
    left.items.push(['before']);
    await expect.poll(() => right.items.toArray()).toEqual(['before']);

    await cluster.postgres.stop();
    try {
      await expect.poll(async () => (await healthOf(b)).status).toBe(503);
      expect(await clusterHealth(b)).toMatchObject({ postgres: 'down', redis: 'ok' });
      // Updates live in Redis streams: the joined clients go on.
      left.items.push(['during']);
      await expect.poll(() => sortedItems(right)).toEqual(['before', 'during']);
      // A join needs the room's metadata and compacted state: refused, retryable.
      const joiner = rawClient(`${b.wsUrl}/${room}`, relaySubprotocols({ capability }));
      expect((await joiner.closed).code).toBe(4500);
      // The 60 s outage (CLUSTER_PG_OUTAGE_MS=0 for a quick local run): one write a
      // second meanwhile, each delivered across relays while Postgres stays down.
      const outageMs = process.env.CLUSTER_PG_OUTAGE_MS ?? '60000';
      const outageEnds = Date.now() + Number(outageMs);
      for (let i = 0; Date.now() < outageEnds; i++) {
        left.items.push([`long-${i}`]);
        await expect.poll(() => right.items.toArray().includes(`long-${i}`)).toBe(true);
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    } finally {
      await cluster.postgres.start();
    }
    await expect.poll(async () => (await healthOf(b)).status).toBe(200);
    const fresh = open(b, room, capability);
    await expect.poll(() => sortedItems(fresh)).toEqual(sortedItems(left));
    expect(sortedItems(left)).toEqual(sortedItems(right));
    expect(sortedItems(left).slice(0, 2)).toEqual(['before', 'during']);
  }, 240_000); // a 60 s outage, then recovery, on a shared 2-core machine
});
