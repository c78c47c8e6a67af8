import { afterEach, describe, expect, it } from 'vitest';
import { type RelayProcess, startRelayProcess } from '../support/relayProcess';
import { newRoom, openClient, type SyncClient } from '../support/yjsClient';

const WRITERS = 20;
const WRITE_EVERY_MS = 25;
/** Kill once the observer has seen at least this many updates. */
const KILL_AFTER_ACKNOWLEDGED = 1_500;

/**
 * [FAULT1] SIGKILL the relay while 20 clients write.
 *
 * "Acknowledged" = the update was received by another client (the observer).
 * The relay broadcasts an update only after its store write resolved, so every
 * acknowledged update must be on the relay's disk: after the restart, a fresh
 * client must get every one of them from the relay ALONE (the writers are
 * paused and cannot re-upload). Then the writers reconnect and every update
 * any of them created (acknowledged or not) must reach a fresh client exactly
 * once.
 */
describe('fault: SIGKILL while 20 clients write', () => {
  let relay: RelayProcess | undefined;
  const clients: SyncClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await relay?.dispose();
    relay = undefined;
  });

  it('[FAULT1] every acknowledged update survives on disk; every created update after resync', async () => {
    relay = await startRelayProcess();
    const running = relay;
    const { room, capability } = newRoom('sigkill');
    const open = (reconnect: boolean): SyncClient => {
      const c = openClient(running.wsUrl, room, {
        capability,
        ...(reconnect ? { reconnect: { policy: { baseMs: 200, capMs: 2_000 } } } : {}),
      });
      clients.push(c);
      return c;
    };
    const observer = open(false);
    const writers = Array.from({ length: WRITERS }, () => open(true));
    await Promise.all([observer, ...writers].map((c) => c.synced()));

    const created: string[][] = writers.map(() => []);
    const timers = writers.map((writer, w) =>
      setInterval(() => {
        const text = `w${w}-${created[w]?.length ?? 0}`;
        created[w]?.push(text);
        writer.items.push([text]);
      }, WRITE_EVERY_MS),
    );
    await expect
      .poll(() => observer.items.length, { timeout: 30_000, interval: 20 })
      .toBeGreaterThanOrEqual(KILL_AFTER_ACKNOWLEDGED);

    const exit = await running.kill('SIGKILL');
    for (const timer of timers) clearInterval(timer);
    expect(exit.signal).toBe('SIGKILL');
    // Everything the relay sent before dying has been read once the socket closed.
    await expect.poll(() => observer.provider.wsconnected, { timeout: 10_000 }).toBe(false);
    const acknowledged = new Set(observer.items.toArray());
    observer.destroy();
    for (const writer of writers) {
      writer.scheduler?.stop();
      writer.provider.disconnect();
    }
    const createdCount = created.reduce((sum, list) => sum + list.length, 0);

    await running.restart();
    const fromDisk = open(false);
    await fromDisk.synced();
    const onDisk = new Set(fromDisk.items.toArray());
    const lost = [...acknowledged].filter((text) => !onDisk.has(text));
    fromDisk.destroy();

    for (const writer of writers) {
      writer.scheduler?.resume();
      writer.provider.connect();
    }
    await Promise.all(writers.map((w) => w.synced()));
    const everything = created.flat();
    const fresh = open(false);
    await fresh.synced();
    await expect
      .poll(() => fresh.items.length, { timeout: 30_000 })
      .toBeGreaterThanOrEqual(everything.length);
    const finalItems = fresh.items.toArray();

    console.info(
      `[FAULT1] created ${createdCount} updates by ${WRITERS} writers; acknowledged (seen by the observer) before the kill: ${acknowledged.size}; on disk after restart: ${onDisk.size} (lost acknowledged: ${lost.length}); after writers resynced: ${finalItems.length} items, ${new Set(finalItems).size} distinct`,
    );
    expect(lost).toEqual([]);
    expect(acknowledged.size).toBeGreaterThanOrEqual(KILL_AFTER_ACKNOWLEDGED);
    expect(finalItems.length).toBe(everything.length);
    expect([...finalItems].sort()).toEqual([...everything].sort());
  });
});
