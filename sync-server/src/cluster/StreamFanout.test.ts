import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { jsonLogger } from '../log';
import type { ClusterRoomStore } from './ClusterRoomStore';
import { type ClusterServices, freshNamespace, startClusterServices } from './clusterTestServices';
import { StreamFanout } from './StreamFanout';
import { STREAM_START } from './streamIds';

let services: ClusterServices;
beforeAll(async () => {
  services = await startClusterServices();
}, 60_000);
afterAll(async () => {
  await services?.dispose();
});

const quiet = jsonLogger(() => undefined);

function fanoutOf(store: ClusterRoomStore): StreamFanout {
  return new StreamFanout({
    reader: new Redis(services.redis.url, { enableOfflineQueue: false }),
    origin: 'another-relay',
    log: quiet,
    unblock: (id) => store.redis.client('UNBLOCK', id),
  });
}

describe('StreamFanout (real Redis)', () => {
  it('[CLUSTER9] a reader behind a compaction catches up from the row instead of skipping', async () => {
    const store = await services.openStore(freshNamespace());
    const fanout = fanoutOf(store);
    try {
      for (let i = 1; i <= 5; i++) await store.append('r', Uint8Array.of(i));
      const entries = await store.readAfter('r', undefined);
      await store.writeCompacted('r', undefined, Uint8Array.of(1, 2, 3, 4, 5), entries[4]?.id);
      const deliver = vi.fn();
      const catchUp = vi.fn();
      // Its cursor is before the trimmed entries: it must not go on as if nothing was there.
      fanout.add('r', store.streamKey('r'), STREAM_START, { deliver, catchUp, broken: vi.fn() });
      fanout.start();
      await expect.poll(() => catchUp.mock.calls.length).toBe(1);
      await store.append('r', Uint8Array.of(6));
      await expect.poll(() => deliver.mock.calls).toEqual([[[Uint8Array.of(6)]]]);
    } finally {
      await fanout.stop();
      await store.close();
    }
  });

  it('[CLUSTER10] one unreadable stream is dropped; the other rooms keep their fan-out', async () => {
    const store = await services.openStore(freshNamespace());
    const fanout = fanoutOf(store);
    try {
      const good = { deliver: vi.fn(), catchUp: vi.fn(), broken: vi.fn() };
      const bad = { deliver: vi.fn(), catchUp: vi.fn(), broken: vi.fn() };
      fanout.add('good', store.streamKey('good'), STREAM_START, good);
      fanout.add('bad', store.streamKey('bad'), STREAM_START, bad);
      fanout.start();
      await store.append('good', Uint8Array.of(1));
      await expect.poll(() => good.deliver.mock.calls.length).toBe(1);
      // Not a stream any more: XREAD over both keys fails with WRONGTYPE.
      await store.redis.set(store.streamKey('bad'), 'not a stream');
      await expect.poll(() => bad.broken.mock.calls.length).toBe(1);
      expect(fanout.brokenStreams).toBe(1);
      await store.append('good', Uint8Array.of(2));
      await expect.poll(() => good.deliver.mock.calls.length).toBe(2);
      expect(fanout.health).toBe('ok');
    } finally {
      await fanout.stop();
      await store.close();
    }
    // A blocked XREAD sees the new type only when its block (5 s) ends.
  }, 30_000);
});
