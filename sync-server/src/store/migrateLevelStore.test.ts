import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../log';
import { FileRoomStore } from './FileRoomStore';
import { LevelRoomStore } from './LevelRoomStore';
import { migrateLevelDataDir } from './migrateLevelStore';
import { tempDirs } from './tempDirs';

const plain = (updates: readonly Uint8Array[]): number[][] => updates.map((u) => [...u]);

describe('migrating a LevelDB data dir to the file store', () => {
  const newDir = tempDirs('ensemble-migrate-');

  /** A data dir as an earlier relay left it: two rooms with updates and metadata, one with metadata only. */
  async function levelDataDir(): Promise<string> {
    const dir = await newDir();
    const level = await LevelRoomStore.open(dir);
    await level.appendMany('room-a', [Uint8Array.of(1), Uint8Array.of(2, 2)]);
    await level.replaceMerged('room-a', Uint8Array.of(1, 2, 2), 2);
    await level.append('room-a', Uint8Array.of(3));
    await level.saveMeta('room-a', Uint8Array.of(9, 9));
    await level.append(
      'room-b',
      Uint8Array.from({ length: 1000 }, (_, i) => i & 0xff),
    );
    await level.saveMeta('only-meta', Uint8Array.of(7));
    await level.close();
    return dir;
  }

  it('[MIG1] copies every room byte for byte, keeps the LevelDB files aside, and runs once', async () => {
    const dir = await levelDataDir();
    const report = await migrateLevelDataDir(dir, silentLogger);
    expect(report).toMatchObject({ rooms: 3, updates: 3 });
    expect(existsSync(join(dir, 'CURRENT'))).toBe(false);
    expect(existsSync(join(report?.backup ?? '', 'CURRENT'))).toBe(true);
    expect(existsSync(join(dir, 'migrating'))).toBe(false);
    const files = await FileRoomStore.open(dir);
    expect((await files.list()).sort()).toEqual(['only-meta', 'room-a', 'room-b']);
    expect(plain(await files.load('room-a'))).toEqual([[1, 2, 2], [3]]);
    expect((await files.load('room-b'))[0]?.length).toBe(1000);
    expect([...((await files.loadMeta('room-a')) ?? [])]).toEqual([9, 9]);
    expect([...((await files.loadMeta('only-meta')) ?? [])]).toEqual([7]);
    await files.close();
    // The backup is still a LevelDB a person could open.
    const backup = await LevelRoomStore.open(report?.backup ?? '');
    expect(plain(await backup.load('room-a'))).toEqual([[1, 2, 2], [3]]);
    await backup.close();
    expect(await migrateLevelDataDir(dir, silentLogger)).toBeUndefined();
  });

  it('[MIG2] a migration interrupted while copying starts over: nothing half-copied survives', async () => {
    const dir = await levelDataDir();
    // A copy cut short: staging with a stray room and no completion mark.
    const stray = await FileRoomStore.open(join(dir, 'migrating'));
    await stray.append('stray', Uint8Array.of(1));
    await stray.close();
    await migrateLevelDataDir(dir, silentLogger);
    const files = await FileRoomStore.open(dir);
    expect((await files.list()).sort()).toEqual(['only-meta', 'room-a', 'room-b']);
    await files.close();
  });

  it('[MIG3] a migration interrupted while moving the LevelDB files is finished at the next start', async () => {
    const dir = await levelDataDir();
    const staged = await FileRoomStore.open(join(dir, 'migrating'));
    await staged.append('room-a', Uint8Array.of(5));
    await staged.close();
    const backup = join(dir, 'leveldb-backup-interrupted');
    await writeFile(
      join(dir, 'migrating', 'COMPLETE'),
      JSON.stringify({ rooms: 1, updates: 1, backup }),
    );
    // Cut short after moving some files: CURRENT is still there, others are in the backup.
    await mkdir(backup);
    const manifest = (await readdir(dir)).find((name) => name.startsWith('MANIFEST-'));
    await rename(join(dir, manifest ?? ''), join(backup, manifest ?? ''));
    await migrateLevelDataDir(dir, silentLogger);
    expect(await readdir(dir)).not.toContain('migrating');
    expect(await readdir(dir)).not.toContain('CURRENT');
    expect(await readdir(backup)).toEqual(expect.arrayContaining(['CURRENT', manifest]));
    const files = await FileRoomStore.open(dir);
    expect(plain(await files.load('room-a'))).toEqual([[5]]);
    await files.close();
  });
});
