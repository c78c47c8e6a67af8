import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../log';
import { FileRoomStore } from './FileRoomStore';
import { LevelRoomStore } from './LevelRoomStore';

/** The files LevelDB keeps in its directory (the relay's data directory, before 2026-11-23). */
const LEVELDB_FILE = /^(CURRENT|LOCK|LOG|LOG\.old|MANIFEST-\d+|\d+\.(log|ldb|sst|dbtmp))$/;
const STAGING = 'migrating';
const COMPLETE_MARK = 'COMPLETE';

export interface MigrationReport {
  readonly rooms: number;
  readonly updates: number;
  /** Where the LevelDB files were moved (kept, not deleted). */
  readonly backup: string;
}

/**
 * Moves a data directory written by an earlier relay (LevelDB) to the file
 * store, once, at start-up; a no-op otherwise.
 *
 * 1. every room (updates, byte for byte and in order, and metadata) is copied
 *    into `<dir>/migrating/` and checked against the source, then marked
 *    complete;
 * 2. the LevelDB files move to `<dir>/leveldb-backup-<time>/` (kept: nothing
 *    is deleted);
 * 3. `<dir>/migrating/rooms` becomes `<dir>/rooms`.
 * Interrupted in 1, it starts over at the next start; once the copy is marked
 * complete, the next start finishes 2 and 3 (the mark names the backup
 * folder). The caller holds the data directory's lock throughout.
 */
export async function migrateLevelDataDir(
  dir: string,
  log: Logger,
): Promise<MigrationReport | undefined> {
  const staging = join(dir, STAGING);
  const mark = join(staging, COMPLETE_MARK);
  // A verified copy first: whatever else the directory holds, the copy is finished.
  if (existsSync(mark)) {
    const report = JSON.parse(await readFile(mark, 'utf8')) as MigrationReport;
    await moveLevelFiles(dir, report.backup);
    await promoteStaging(dir);
    log.info('store.migrated', { ...report, resumed: true });
    return report;
  }
  if (!existsSync(join(dir, 'CURRENT'))) return undefined;
  if (existsSync(join(dir, 'rooms'))) {
    throw new Error(
      `${dir} holds both a LevelDB store and a rooms/ folder: move one of them away first`,
    );
  }
  log.info('store.migration_started', { from: 'leveldb', to: 'files' });
  await rm(staging, { recursive: true, force: true });
  const level = await LevelRoomStore.open(dir);
  let rooms = 0;
  let updates = 0;
  try {
    const files = await FileRoomStore.open(staging);
    try {
      for (const room of await level.list()) {
        const log = await level.load(room);
        const meta = await level.loadMeta(room);
        if (log.length > 0) await files.appendMany(room, log);
        if (meta !== undefined) await files.saveMeta(room, meta);
        const copied = await files.load(room);
        if (!sameUpdates(copied, log)) throw new Error(`room ${room} did not copy exactly`);
        rooms += 1;
        updates += log.length;
      }
    } finally {
      await files.close();
    }
  } finally {
    await level.close();
  }
  const backup = join(dir, `leveldb-backup-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  const report: MigrationReport = { rooms, updates, backup };
  await writeFile(mark, `${JSON.stringify(report)}\n`);
  await moveLevelFiles(dir, backup);
  await promoteStaging(dir);
  log.info('store.migrated', { ...report });
  return report;
}

/** Moves the LevelDB files still in `dir` (all, or the rest after an interruption) to `backup`. */
async function moveLevelFiles(dir: string, backup: string): Promise<void> {
  await mkdir(backup, { recursive: true });
  for (const name of await readdir(dir)) {
    if (LEVELDB_FILE.test(name)) await rename(join(dir, name), join(backup, name));
  }
}

async function promoteStaging(dir: string): Promise<void> {
  const staging = join(dir, STAGING);
  // Already renamed if a crash came between the rename and the clean-up.
  if (existsSync(join(staging, 'rooms'))) await rename(join(staging, 'rooms'), join(dir, 'rooms'));
  await rm(staging, { recursive: true, force: true });
}

function sameUpdates(a: readonly Uint8Array[], b: readonly Uint8Array[]): boolean {
  return (
    a.length === b.length &&
    a.every((update, i) => Buffer.from(update).equals(Buffer.from(b[i] ?? new Uint8Array())))
  );
}
