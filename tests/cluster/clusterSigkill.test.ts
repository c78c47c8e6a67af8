import { afterEach, describe, expect, it } from 'vitest';
import { type ClusterRelays, startClusterRelays } from '../support/clusterRelays';
import { newRoom, openClient, type SyncClient } from '../support/yjsClient';

const WRITERS = 20;
const WRITE_EVERY_MS = 40;
const KILL_AFTER_ACKNOWLEDGED = 600;

/**
 * A client that fails over: each time its connection closes it retries on
 * the next relay of the list (what a load balancer in front of the cluster
 * does for it).
 */
function failover(client: SyncClient, urls: readonly string[], start: number): () => number {
  let at = start;
  let closes = 0;
  client.provider.serverUrl = urls[at % urls.length] ?? '';
  client.provider.on('connection-close', () => {
    closes += 1;
    at += 1;
    client.provider.serverUrl = urls[at % urls.length] ?? '';
  });
  return () => closes;
}

/**
 * [CLUSTER6] SIGKILL one of three relays while 20 clients write.
 * "Acknowledged" = seen by an observer on another relay: the relay broadcast
 * it after Redis stored it (appendfsync always). Every acknowledged update
 * must be in the cluster with every writer disconnected; the killed relay's
 * writers go on through the others; after they resync, every created update
 * is there exactly once.
 */
describe('cluster fault: SIGKILL a relay under 20 writers', () => {
  let cluster: ClusterRelays | undefined;
  const clients: SyncClient[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await cluster?.dispose();
  });

  it('[CLUSTER6] loses 0 updates; its clients reconnect to the other relays', async () => {
    cluster = await startClusterRelays(3);
    const [doomed, second, third] = cluster.relays;
    if (doomed === undefined || second === undefined || third === undefined) throw new Error('3');
    const urls = [doomed.wsUrl, second.wsUrl, third.wsUrl];
    const { room, capability } = newRoom('ckill');
    const open = (url: string): SyncClient => {
      const client = openClient(url, room, { capability });
      clients.push(client);
      return client;
    };
    const observer = open(third.wsUrl);
    const failovers = new Map<SyncClient, () => number>();
    const writers = Array.from({ length: WRITERS }, (_, i) => {
      const writer = open(urls[i % 3] ?? '');
      failovers.set(writer, failover(writer, urls, i % 3));
      return writer;
    });
    await Promise.all([observer, ...writers].map((client) => client.synced()));
    const onDoomed = writers.filter((_, i) => i % 3 === 0);

    const created: string[][] = writers.map(() => []);
    const timers = writers.map((writer, w) =>
      setInterval(() => {
        const text = `w${w}-${created[w]?.length ?? 0}`;
        created[w]?.push(text);
        writer.items.push([text]);
      }, WRITE_EVERY_MS),
    );
    await expect
      .poll(() => observer.items.length, { timeout: 30_000 })
      .toBeGreaterThanOrEqual(KILL_AFTER_ACKNOWLEDGED);
    expect((await doomed.kill('SIGKILL')).signal).toBe('SIGKILL');
    const acknowledged = new Set(observer.items.toArray());

    // The doomed relay's writers notice, come back on the others and keep writing.
    const movedOn = (w: SyncClient): boolean =>
      (failovers.get(w)?.() ?? 0) > 0 &&
      w.provider.serverUrl !== doomed.wsUrl &&
      w.provider.wsconnected &&
      w.provider.synced;
    await expect.poll(() => onDoomed.every(movedOn), { timeout: 20_000 }).toBe(true);
    // The other writers never lost their relay.
    expect(
      writers.filter((w) => !onDoomed.includes(w)).every((w) => failovers.get(w)?.() === 0),
    ).toBe(true);
    const afterFailover = observer.items.length;
    await expect
      .poll(() => observer.items.length, { timeout: 20_000 })
      .toBeGreaterThan(afterFailover + 200);
    for (const timer of timers) clearInterval(timer);

    // With every writer gone, the cluster alone holds every acknowledged update.
    for (const writer of writers) writer.provider.disconnect();
    const fromCluster = open(second.wsUrl);
    await fromCluster.synced();
    const inCluster = new Set(fromCluster.items.toArray());
    const lost = [...acknowledged].filter((text) => !inCluster.has(text));

    for (const writer of writers) writer.provider.connect();
    await Promise.all(writers.map((writer) => writer.synced()));
    const everything = created.flat();
    const fresh = open(third.wsUrl);
    await expect.poll(() => fresh.items.length, { timeout: 30_000 }).toBe(everything.length);
    const finalItems = fresh.items.toArray();
    console.info(
      `[CLUSTER6] created ${everything.length}; acknowledged before the kill ${acknowledged.size}; lost ${lost.length}; final ${finalItems.length} items, ${new Set(finalItems).size} distinct`,
    );
    expect(lost).toEqual([]);
    expect([...finalItems].sort()).toEqual([...everything].sort());
  });
});
