import { afterEach, describe, expect, it } from 'vitest';
import { type RelayProcess, startRelayProcess } from '../support/relayProcess';
import { newRoom, openClient, pushEach, type SyncClient, sorted } from '../support/yjsClient';

/**
 * [DUR1] The relay writes an update to its store before broadcasting it, so
 * once a second client has RECEIVED an update, a SIGKILL cannot lose it. The
 * writers are destroyed before the restart: nothing can be re-uploaded, so a
 * fresh client can only get the updates from the relay's disk.
 */
describe('relay process: durability across SIGKILL', () => {
  let relay: RelayProcess | undefined;
  const clients: SyncClient[] = [];
  const rooms = new Map<string, { room: string; capability: string }>();
  const client = (label: string): SyncClient => {
    if (relay === undefined) throw new Error('relay not started');
    let room = rooms.get(label);
    if (room === undefined) {
      room = newRoom(label);
      rooms.set(label, room);
    }
    const c = openClient(relay.wsUrl, room.room, { capability: room.capability });
    clients.push(c);
    return c;
  };

  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await relay?.dispose();
    relay = undefined;
  });

  it.each([
    ['a few updates', 30],
    ['enough updates to compact the log while writing', 260],
  ])('[DUR1] keeps every broadcast update after SIGKILL: %s', async (_, count) => {
    relay = await startRelayProcess();
    const writerA = client('durable');
    const writerB = client('durable');
    const observer = client('durable');
    await Promise.all([writerA.synced(), writerB.synced(), observer.synced()]);
    const fromA = Array.from({ length: count }, (_, i) => `a-${i}`);
    const fromB = Array.from({ length: 10 }, (_, i) => `b-${i}`);
    pushEach(writerA, fromA);
    pushEach(writerB, fromB);
    // Acknowledged-by-broadcast: the observer has received every update.
    await expect.poll(() => observer.items.length, { timeout: 15_000 }).toBe(count + 10);

    const exit = await relay.kill('SIGKILL');
    expect(exit.signal).toBe('SIGKILL');
    for (const c of clients.splice(0)) c.destroy();

    await relay.restart();
    const fresh = client('durable');
    await fresh.synced();
    expect(fresh.items.length).toBe(count + 10);
    expect(sorted(fresh)).toEqual([...fromA, ...fromB].sort());
  });

  it('[DUR2] SIGTERM closes clients with 4503, exits 0, and they resync after restart', async () => {
    relay = await startRelayProcess();
    const alice = client('graceful');
    await alice.synced();
    pushEach(alice, ['before']);
    const watcher = client('graceful');
    await expect.poll(() => watcher.items.length).toBe(1);
    const codes: number[] = [];
    alice.provider.on('connection-close', (event) => {
      if (event !== null) codes.push(event.code);
    });
    const exit = await relay.stop();
    expect(exit.code).toBe(0);
    await expect.poll(() => codes).toContain(4503);
    expect(relay.output()).toContain('"event":"relay.closed"');
    await relay.restart();
    // 4503 is transient: the provider reconnects by itself.
    await expect.poll(() => alice.provider.wsconnected, { timeout: 10_000 }).toBe(true);
    pushEach(alice, ['after']);
    await expect.poll(() => sorted(watcher), { timeout: 10_000 }).toEqual(['after', 'before']);
  });
});
