import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * One relay per data directory: two relays appending to the same room logs
 * would overwrite each other's records.
 *
 * Node has no flock(2), so the lock is a file, `relay.lock`, created with
 * O_EXCL and holding who owns it (pid, host name, boot id, a random id). Its
 * owner touches it every 10 s and checks it is still its own. A lock left
 * behind is taken over when it is provably stale:
 * - same machine and boot (pids comparable): its pid no longer runs (a relay
 *   restarted in its container gets the same pid as its dead predecessor:
 *   that pid is this process, which holds no lock yet, so it is stale too);
 * - another host or container (pids not comparable): it was not touched for
 *   30 s.
 * The takeover renames the stale file away first, so of two relays starting
 * at once only one wins. An owner whose lock was taken anyway (clocks, shared
 * host names) finds out at its next check: `lost` turns true and the store
 * refuses to write.
 */
export interface DataDirLock {
  readonly dir: string;
  /** True once another process took the lock: stop writing. */
  readonly lost: boolean;
  /** Called once, when the lock is found lost. */
  onLost(callback: () => void): void;
  /** Re-reads the lock file now (what the heartbeat does). */
  check(): Promise<void>;
  /** Stops the heartbeat and removes the lock file if it is still ours. */
  release(): Promise<void>;
}

interface LockRecord {
  readonly pid: number;
  readonly host: string;
  readonly boot: string;
  readonly id: string;
}

export const LOCK_FILE = 'relay.lock';
const HEARTBEAT_MS = 10_000;
export const STALE_AFTER_MS = 30_000;

/** Directories locked by this process (the file alone cannot tell our own second open). */
const heldHere = new Set<string>();

export interface DataDirLockOptions {
  /** How often the owner touches and checks its lock. Default 10 s. */
  readonly heartbeatMs?: number | undefined;
}

export async function lockDataDir(
  location: string,
  options: DataDirLockOptions = {},
): Promise<DataDirLock> {
  const dir = resolve(location);
  if (heldHere.has(dir)) throw new Error(`${dir} is already open in this process`);
  const path = join(dir, LOCK_FILE);
  const me: LockRecord = { pid: process.pid, host: hostname(), boot: bootId(), id: randomUUID() };
  const content = `${JSON.stringify(me)}\n`;
  let taken = false;
  for (let attempt = 0; attempt < 3 && !taken; attempt++) {
    try {
      await writeFile(path, content, { flag: 'wx' });
      taken = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = await readLock(path);
      if (owner === undefined) continue; // removed meanwhile: try again
      if (!isStale(owner, me)) {
        const who = owner.record
          ? `pid ${owner.record.pid} on ${owner.record.host}`
          : 'an unreadable lock';
        throw new Error(`${dir} is in use by another relay (${who}); stop it first`);
      }
      const aside = `${path}.stale-${me.id}`;
      try {
        await rename(path, aside);
      } catch (renameError) {
        if ((renameError as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw renameError;
      }
      await unlink(aside).catch(() => undefined);
    }
  }
  if (!taken) throw new Error(`could not lock ${dir}`);
  heldHere.add(dir);

  let lost = false;
  let released = false;
  const callbacks: Array<() => void> = [];
  const markLost = (): void => {
    if (lost || released) return;
    lost = true;
    for (const callback of callbacks.splice(0)) callback();
  };
  const check = async (): Promise<void> => {
    if (lost || released) return;
    const now = await readFile(path, 'utf8').catch(() => undefined);
    if (now !== content) {
      markLost();
      return;
    }
    const at = new Date();
    await utimes(path, at, at).catch(() => undefined);
  };
  const heartbeat = setInterval(() => void check(), options.heartbeatMs ?? HEARTBEAT_MS);
  heartbeat.unref();
  return {
    dir,
    get lost() {
      return lost;
    },
    onLost: (callback) => {
      if (lost) callback();
      else callbacks.push(callback);
    },
    check,
    release: async () => {
      if (released) return;
      released = true;
      clearInterval(heartbeat);
      heldHere.delete(dir);
      const now = await readFile(path, 'utf8').catch(() => undefined);
      if (now === content) await unlink(path).catch(() => undefined);
    },
  };
}

async function readLock(
  path: string,
): Promise<{ record: LockRecord | undefined; mtimeMs: number } | undefined> {
  try {
    const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    return { record: parseRecord(text), mtimeMs: info.mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function parseRecord(text: string): LockRecord | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockRecord>;
    if (
      typeof value.pid === 'number' &&
      typeof value.host === 'string' &&
      typeof value.boot === 'string' &&
      typeof value.id === 'string'
    ) {
      return value as LockRecord;
    }
  } catch {
    // A lock from an earlier relay held just a pid; or a torn write.
  }
  const pid = Number.parseInt(text, 10);
  return Number.isInteger(pid) && pid > 0 ? { pid, host: '', boot: '', id: '' } : undefined;
}

function isStale(owner: { record: LockRecord | undefined; mtimeMs: number }, me: LockRecord) {
  const { record } = owner;
  const untouched = Date.now() - owner.mtimeMs > STALE_AFTER_MS;
  if (record === undefined) return untouched;
  const comparable = record.host === '' || (record.host === me.host && record.boot === me.boot);
  if (!comparable) return untouched;
  return record.pid === me.pid || !isRunning(record.pid);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function bootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return '';
  }
}
