import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LevelRoomStore, silentLogger, startRelay } from '@ensemble/sync-server';
import { afterEach, describe, expect, it } from 'vitest';
import { type RelayProcess, startRelayProcess } from '../support/relayProcess';
import { newRoom, openClient, pushEach, type SyncClient, sorted } from '../support/yjsClient';

/**
 * A relay upgraded in place: the data directory written by the previous
 * relay (LevelDB store) is migrated to the file store at the first start, and
 * every room is served as before, with its access rules.
 */
describe('relay upgrade: a LevelDB data dir from the previous relay', () => {
  const clients: SyncClient[] = [];
  let relay: RelayProcess | undefined;
  let dataDir: string | undefined;
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await relay?.dispose();
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  });

  it('[UPG1] is migrated at start: every room keeps its content, and its capability still guards it', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ensemble-upgrade-'));
    // The previous relay: the same relay code on the LevelDB store.
    const level = await LevelRoomStore.open(dataDir);
    const previous = await startRelay({
      port: 0,
      host: '127.0.0.1',
      store: level,
      staticDir: null,
      log: silentLogger,
    });
    const rooms = [newRoom('upgradeA'), newRoom('upgradeB')];
    for (const [i, { room, capability }] of rooms.entries()) {
      const writer = openClient(previous.wsUrl, room, { capability });
      clients.push(writer);
      await writer.synced();
      pushEach(writer, [`room ${i}: first`, `room ${i}: second`]);
      // Seen by a second client: the previous relay has stored both.
      const witness = openClient(previous.wsUrl, room, { capability });
      clients.push(witness);
      await expect.poll(() => sorted(witness).length).toBe(2);
    }
    for (const client of clients.splice(0)) client.destroy();
    await previous.close();
    await level.close();

    relay = await startRelayProcess({ dataDir });
    expect(relay.output()).toContain('"event":"store.migrated"');
    expect(await readdir(dataDir)).toContain('rooms');
    for (const [i, { room, capability }] of rooms.entries()) {
      const reader = openClient(relay.wsUrl, room, { capability });
      clients.push(reader);
      await expect.poll(() => sorted(reader)).toEqual([`room ${i}: first`, `room ${i}: second`]);
    }
    // The stored verifier came along: a wrong capability is still refused.
    const [first] = rooms;
    const stranger = openClient(relay.wsUrl, first?.room ?? '', {
      capability: newRoom('x').capability,
    });
    clients.push(stranger);
    expect((await stranger.closed()).code).toBeGreaterThanOrEqual(4400);
    expect(sorted(stranger)).toEqual([]);
  });
});
