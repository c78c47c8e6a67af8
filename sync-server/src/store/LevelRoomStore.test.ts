import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runRoomStoreContract } from '@ensemble/shared/testing';
import { describe, expect, it } from 'vitest';
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
});
