import { readFile, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE, lockDataDir, STALE_AFTER_MS } from './dataDirLock';
import { FileRoomStore } from './FileRoomStore';
import { tempDirs } from './tempDirs';

describe('data dir lock', () => {
  const newDir = tempDirs('ensemble-lock-');
  const lockAs = (dir: string, record: object) =>
    writeFile(join(dir, LOCK_FILE), `${JSON.stringify(record)}\n`);

  it('[LOCK1] a relay on another host or container that keeps its lock fresh is not taken over; one gone quiet is', async () => {
    const dir = await newDir();
    await lockAs(dir, { pid: 1, host: 'other-container', boot: 'b', id: 'x' });
    await expect(lockDataDir(dir)).rejects.toThrow(
      /in use by another relay \(pid 1 on other-container\)/,
    );
    const old = new Date(Date.now() - STALE_AFTER_MS - 5_000);
    await utimes(join(dir, LOCK_FILE), old, old);
    const lock = await lockDataDir(dir);
    expect(await readFile(join(dir, LOCK_FILE), 'utf8')).toContain(`"pid":${process.pid}`);
    await lock.release();
  });

  it('[LOCK2] a relay restarted with the pid of its dead predecessor (a container restart) takes its lock over', async () => {
    const dir = await newDir();
    const boot = (await readFile('/proc/sys/kernel/random/boot_id', 'utf8').catch(() => '')).trim();
    await lockAs(dir, { pid: process.pid, host: hostname(), boot, id: 'previous-life' });
    const lock = await lockDataDir(dir);
    await lock.release();
    await expect(readFile(join(dir, LOCK_FILE))).rejects.toThrow(/ENOENT/);
  });

  it('[LOCK3] an owner whose lock was taken finds out at its next check and its store stops writing', async () => {
    const dir = await newDir();
    const lock = await lockDataDir(dir);
    const store = await FileRoomStore.open(dir, { lock });
    await store.append('r', Uint8Array.of(1));
    let told = 0;
    lock.onLost(() => told++);
    await lockAs(dir, { pid: 1, host: 'other-container', boot: 'b', id: 'usurper' });
    await lock.check();
    expect(lock.lost).toBe(true);
    expect(told).toBe(1);
    await expect(store.append('r', Uint8Array.of(2))).rejects.toThrow(
      /another relay took the lock/,
    );
    await store.close();
    // Not ours any more: releasing leaves the other relay's lock in place.
    expect(await readFile(join(dir, LOCK_FILE), 'utf8')).toContain('usurper');
  });
});
