import { runRoomStoreContract } from '@ensemble/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterServices, freshNamespace, startClusterServices } from './clusterTestServices';
import { CompactionConflictError } from './RoomRows';

let services: ClusterServices;
beforeAll(async () => {
  services = await startClusterServices();
}, 60_000);
afterAll(async () => {
  await services?.dispose();
});

runRoomStoreContract('ClusterRoomStore (Redis streams + Postgres)', () => {
  const namespace = freshNamespace();
  return {
    open: () => services.openStore(namespace),
    dispose: () => services.wipe(namespace),
  };
});

describe('ClusterRoomStore', () => {
  it('[CLUSTER1] a late compaction cannot go backwards: the compare-and-set refuses it', async () => {
    const store = await services.openStore(freshNamespace());
    try {
      for (let i = 1; i <= 4; i++) await store.append('r', Uint8Array.of(i));
      const before = await store.rows.get('r');
      const entries = await store.readAfter('r', undefined);
      // A first worker compacts all four.
      await store.writeCompacted('r', before, Uint8Array.of(1, 2, 3, 4), entries[3]?.id);
      await store.append('r', Uint8Array.of(5));
      // A late worker that read the row before it and merged only two: refused.
      await expect(
        store.writeCompacted('r', before, Uint8Array.of(1, 2), entries[1]?.id),
      ).rejects.toBeInstanceOf(CompactionConflictError);
      expect((await store.load('r')).map((u) => [...u])).toEqual([[1, 2, 3, 4], [5]]);
      // The stream holds only what the row does not cover (and the compaction's marker).
      expect((await store.readAfter('r', undefined)).map((e) => [...e.update])).toEqual([[5]]);
      expect(await store.redis.xlen(store.streamKey('r'))).toBe(2);
    } finally {
      await store.close();
    }
  });

  it('[CLUSTER2] stores in one namespace are seen by another process-like store at once', async () => {
    const namespace = freshNamespace();
    const [a, b] = [await services.openStore(namespace), await services.openStore(namespace)];
    try {
      await a.append('shared', Uint8Array.of(1, 2, 3));
      await a.saveMeta('shared', Uint8Array.of(7));
      expect((await b.load('shared')).map((u) => u.byteLength)).toEqual([3]);
      expect([...((await b.loadMeta('shared')) ?? [])]).toEqual([7]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
