import {
  mkdtemp,
  open as openFile,
  readdir,
  readFile,
  readlink,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runRoomStoreContract } from '@ensemble/shared/testing';
import { describe, expect, it, vi } from 'vitest';
import { type DamagedLogReport, FileRoomStore, writeFully } from './FileRoomStore';
import { tempDirs } from './tempDirs';

runRoomStoreContract('FileRoomStore', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ensemble-files-'));
  return {
    open: () => FileRoomStore.open(dir),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
});

runRoomStoreContract('FileRoomStore (durability: disk, 2 open files)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ensemble-files-sync-'));
  return {
    open: () => FileRoomStore.open(dir, { durability: 'disk', maxOpenFiles: 2 }),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
});

const plain = (updates: readonly Uint8Array[]): number[][] => updates.map((u) => [...u]);
const logOf = (dir: string, room: string): string =>
  join(dir, 'rooms', `${Buffer.from(room).toString('hex')}.log`);

describe('FileRoomStore', () => {
  const newDir = tempDirs('ensemble-files-');

  it('[FILE1] refuses a second open of the same directory; a lock left by a dead process is taken over', async () => {
    const dir = await newDir();
    const store = await FileRoomStore.open(dir);
    await expect(FileRoomStore.open(dir)).rejects.toThrow(/already open/);
    await store.close();
    // As left by a relay killed with SIGKILL: a pid that does not run.
    await writeFile(join(dir, 'relay.lock'), '2147483646\n');
    const reopened = await FileRoomStore.open(dir);
    await reopened.append('r', Uint8Array.of(1));
    await reopened.close();
  });

  it('[FILE2] a log torn in its last record (power loss) is kept aside, cut back, and appended to', async () => {
    const dir = await newDir();
    const reports: DamagedLogReport[] = [];
    let store = await FileRoomStore.open(dir);
    await store.appendMany('torn', [Uint8Array.of(1, 1), Uint8Array.of(2, 2)]);
    await store.close();
    const path = logOf(dir, 'torn');
    const whole = await readFile(path);
    // Half of a third record: its header promises 100 bytes, 3 are there.
    const tail = Buffer.alloc(11);
    tail.writeUInt32LE(100, 0);
    await writeFile(path, Buffer.concat([whole, tail]));
    store = await FileRoomStore.open(dir, { onDamagedLog: (report) => reports.push(report) });
    expect(plain(await store.load('torn'))).toEqual([
      [1, 1],
      [2, 2],
    ]);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({
      room: 'torn',
      validBytes: whole.length,
      fileBytes: whole.length + 11,
    });
    // Nothing is thrown away: the damaged file is kept whole beside the log.
    expect((await readFile(reports[0]?.keptAt ?? '')).length).toBe(whole.length + 11);
    expect((await stat(path)).size).toBe(whole.length);
    await store.append('torn', Uint8Array.of(3));
    await store.close();
    store = await FileRoomStore.open(dir);
    expect(plain(await store.load('torn'))).toEqual([[1, 1], [2, 2], [3]]);
    await store.close();
  });

  it('[FILE3] a flipped byte fails the checksum: records before it are served, the file is kept aside', async () => {
    const dir = await newDir();
    const reports: DamagedLogReport[] = [];
    let store = await FileRoomStore.open(dir);
    for (let i = 1; i <= 3; i++) await store.append('flip', Uint8Array.of(i, i, i));
    await store.close();
    const path = logOf(dir, 'flip');
    const bytes = await readFile(path);
    // The second record's payload: header 8 + record 1 (8 + 3) + its header (8).
    const flipped = 8 + 11 + 8;
    bytes[flipped] = (bytes[flipped] ?? 0) ^ 0xff;
    await writeFile(path, bytes);
    store = await FileRoomStore.open(dir, { onDamagedLog: (report) => reports.push(report) });
    expect(plain(await store.load('flip'))).toEqual([[1, 1, 1]]);
    expect(reports).toHaveLength(1);
    expect([...(await readFile(reports[0]?.keptAt ?? ''))]).toEqual([...bytes]);
    await store.close();
  });

  it('[FILE4] a full disk fails the append, leaves no partial record, and later appends work', async () => {
    const dir = await newDir();
    let full = false;
    const store = await FileRoomStore.open(dir, {
      writeAt: async (fd, data, position) => {
        const { write } = await import('node:fs/promises').then(() => import('node:fs'));
        const half = full ? Math.floor(data.length / 2) : data.length;
        await new Promise<void>((resolve, reject) =>
          write(fd, data, 0, half, position, (error) => (error ? reject(error) : resolve())),
        );
        if (full)
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        return half;
      },
    });
    await store.append('disk', Uint8Array.of(1));
    const before = (await stat(logOf(dir, 'disk'))).size;
    full = true;
    await expect(store.appendMany('disk', [Uint8Array.of(2), Uint8Array.of(3)])).rejects.toThrow(
      /ENOSPC/,
    );
    expect((await stat(logOf(dir, 'disk'))).size).toBe(before);
    full = false;
    await store.append('disk', Uint8Array.of(4));
    expect(plain(await store.load('disk'))).toEqual([[1], [4]]);
    await store.close();
  });

  it('[FILE5] refuses a file that is not a room log instead of overwriting it', async () => {
    const dir = await newDir();
    const store = await FileRoomStore.open(dir);
    await writeFile(logOf(dir, 'foreign'), 'SQLite format 3\u0000 and more');
    await expect(store.load('foreign')).rejects.toThrow(/not an Ensemble room log/);
    await expect(store.append('foreign', Uint8Array.of(1))).rejects.toThrow(
      /not an Ensemble room log/,
    );
    expect(await readFile(logOf(dir, 'foreign'), 'utf8')).toBe('SQLite format 3\u0000 and more');
    await store.close();
  });

  it('[FILE6] keeps at most maxOpenFiles descriptors while hundreds of rooms append, without mixing them', async () => {
    const dir = await newDir();
    const store = await FileRoomStore.open(dir, { maxOpenFiles: 8 });
    const rooms = Array.from({ length: 300 }, (_, i) => `room-${i}`);
    await Promise.all(
      rooms.flatMap((room, i) => [
        store.append(room, Uint8Array.of(i & 0xff, 1)),
        store.append(room, Uint8Array.of(i & 0xff, 2)),
      ]),
    );
    // Descriptors of this process that point into the store's directory.
    const openInDir = async (): Promise<number> => {
      let count = 0;
      for (const fd of await readdir('/proc/self/fd')) {
        const target = await readlink(join('/proc/self/fd', fd)).catch(() => '');
        if (target.startsWith(dir)) count++;
      }
      return count;
    };
    // Descriptors opened while every cached room was busy close once their work settles.
    await vi.waitFor(async () => expect(await openInDir()).toBeLessThanOrEqual(8));
    for (const [i, room] of rooms.entries()) {
      expect(plain(await store.load(room))).toEqual([
        [i & 0xff, 1],
        [i & 0xff, 2],
      ]);
    }
    await store.close();
    expect(await openInDir()).toBe(0);
  });

  it('[FILE7] leftover temporary files of an interrupted compaction are removed on open; the log is intact', async () => {
    const dir = await newDir();
    let store = await FileRoomStore.open(dir);
    await store.appendMany('c', [Uint8Array.of(1), Uint8Array.of(2)]);
    await store.close();
    await writeFile(`${logOf(dir, 'c')}.tmp`, 'half a compaction');
    store = await FileRoomStore.open(dir);
    expect(plain(await store.load('c'))).toEqual([[1], [2]]);
    expect((await readdir(join(dir, 'rooms'))).some((name) => name.endsWith('.tmp'))).toBe(false);
    await store.close();
  });

  it('[FILE8] zero bytes after the last record (a crash that extended the file) are damage, not empty updates', async () => {
    const dir = await newDir();
    const reports: DamagedLogReport[] = [];
    let store = await FileRoomStore.open(dir);
    await store.appendMany('zeros', [Uint8Array.of(1), new Uint8Array(0)]);
    await store.close();
    const path = logOf(dir, 'zeros');
    const whole = await readFile(path);
    await writeFile(path, Buffer.concat([whole, Buffer.alloc(64)]));
    store = await FileRoomStore.open(dir, { onDamagedLog: (report) => reports.push(report) });
    expect(plain(await store.load('zeros'))).toEqual([[1], []]);
    expect(reports).toMatchObject([{ validBytes: whole.length, fileBytes: whole.length + 64 }]);
    await store.close();
  });

  it('[FILE9] the real write path reports a full disk (ENOSPC from /dev/full) instead of a short success', async () => {
    const full = await openFile('/dev/full', 'w');
    try {
      await expect(writeFully(full.fd, new Uint8Array(4096), 0)).rejects.toThrow(/ENOSPC/);
    } finally {
      await full.close();
    }
  });
});
