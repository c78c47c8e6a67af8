import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runRoomStoreContract } from '@ensemble/shared/testing';
import { describe, expect, it, vi } from 'vitest';
import { LevelRoomStore } from './LevelRoomStore';

runRoomStoreContract('LevelRoomStore', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ensemble-level-'));
  return {
    open: () => LevelRoomStore.open(dir),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
});

runRoomStoreContract('LevelRoomStore (durability: disk)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ensemble-level-sync-'));
  return {
    open: () => LevelRoomStore.open(dir, { durability: 'disk' }),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
});

describe('LevelRoomStore', () => {
  it('[LEVEL1] refuses a second open of the same directory (one relay per data dir)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ensemble-level-lock-'));
    const store = await LevelRoomStore.open(dir);
    try {
      await expect(LevelRoomStore.open(dir)).rejects.toThrow();
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('[LEVEL2] remembers sequence numbers for a bounded number of rooms; forgotten rooms keep their order', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ensemble-level-lru-'));
    const store = await LevelRoomStore.open(dir);
    try {
      const rooms = Array.from({ length: 4200 }, (_, i) => `lru-${i}`);
      for (const room of rooms) await store.appendMany(room, [Uint8Array.of(1), Uint8Array.of(2)]);
      // lru-0 was evicted from the in-memory numbers: read back from its last key.
      await store.append('lru-0', Uint8Array.of(3));
      await store.appendMany('lru-4199', [Uint8Array.of(3), Uint8Array.of(4)]);
      expect((await store.load('lru-0')).map((u) => [...u])).toEqual([[1], [2], [3]]);
      expect((await store.load('lru-4199')).map((u) => [...u])).toEqual([[1], [2], [3], [4]]);
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('[LEVEL3] an append does not wait for a running compaction; reads see both, in order', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ensemble-level-compact-'));
    const store = await LevelRoomStore.open(dir);
    try {
      const entries = 8000;
      for (let i = 0; i < entries; i += 500) {
        await store.appendMany(
          'busy',
          Array.from({ length: 500 }, () => Uint8Array.of(1)),
        );
      }
      const settled: string[] = [];
      const compaction = store
        .replaceMerged('busy', Uint8Array.of(9), entries)
        .then(() => settled.push('compaction'));
      const append = store.append('busy', Uint8Array.of(2)).then(() => settled.push('append'));
      const loaded = store.load('busy');
      await Promise.all([compaction, append]);
      // The compaction rewrites 8,000 keys; the append was not queued behind it.
      expect(settled).toEqual(['append', 'compaction']);
      expect((await loaded).map((u) => [...u])).toEqual([[9], [2]]);
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('[LEVEL4] appends of many rooms issued together go to LevelDB as one group commit; a failed one fails them all and loses nothing already stored', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ensemble-level-group-'));
    const store = await LevelRoomStore.open(dir);
    const db = (store as unknown as { db: { batch: (...args: unknown[]) => Promise<void> } }).db;
    try {
      const rooms = Array.from({ length: 300 }, (_, i) => `group-${i}`);
      for (const room of rooms) await store.append(room, Uint8Array.of(1));
      const batch = vi.spyOn(db, 'batch');
      await Promise.all(rooms.map((room) => store.appendMany(room, [Uint8Array.of(2)])));
      expect(batch).toHaveBeenCalledTimes(1);

      batch.mockRejectedValueOnce(new Error('disk full'));
      const failed = await Promise.allSettled(
        rooms.map((room) => store.append(room, Uint8Array.of(3))),
      );
      expect(failed.every((result) => result.status === 'rejected')).toBe(true);
      batch.mockRestore();

      await store.append('group-7', Uint8Array.of(4));
      expect((await store.load('group-7')).map((u) => [...u])).toEqual([[1], [2], [4]]);
      expect((await store.load('group-299')).map((u) => [...u])).toEqual([[1], [2]]);
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
