import { close, fdatasync, ftruncate, open, readFileSync, writeSync } from 'node:fs';
import {
  copyFile,
  mkdir,
  open as openHandle,
  readdir,
  readFile,
  rename,
  unlink,
} from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import {
  assertReplaceCount,
  assertStorableRoomId,
  type RoomStore,
  RoomStoreClosedError,
} from '@ensemble/shared';
import { crc32 } from './crc32';
import { type DataDirLock, lockDataDir } from './dataDirLock';

/**
 * RoomStore on plain files: one append-only log per room.
 *
 * Why not LevelDB: a room's log is only ever appended to, read whole when the
 * room opens, and rewritten whole when compacted; LevelDB added a second log,
 * a memtable, background compactions that stalled writes (bench:relay (c)
 * tail), per-operation JavaScript and native costs (~10 % of the relay's CPU
 * in (a)), and iterators whose native buffers lived until garbage collection
 * (40 MiB at the peak of (b), measured with heaptrack).
 *
 * Layout under the data directory:
 *   relay.lock                 one relay per directory (store/dataDirLock.ts)
 *   rooms/<hex>.log            the room's updates: "ENSLOG\0\1", then records
 *                              [u32 LE length][u32 LE CRC-32 of length + payload][payload]
 *                              (the length is in the CRC: zero-filled bytes, what a crash
 *                              that extended the file leaves, never read as a record)
 *   rooms/<hex>.meta           the room's metadata record (bytes as given)
 * where <hex> is the room id's UTF-8 in hexadecimal (safe on case-insensitive
 * file systems). An append is ONE positioned write(2) of every record of the
 * call; it resolves when the OS has the bytes (survives a process kill), or
 * after fdatasync with `durability: 'disk'` (survives a power loss).
 * Compaction and metadata writes go to a temporary file, synced, then renamed
 * over the old one: a crash leaves the old file or the new one.
 *
 * A log whose tail does not parse (a write torn by a power loss or a full
 * disk) is copied aside whole (`<hex>.log.damaged-<time>`), then cut back to
 * its last complete record; `onDamagedLog` reports it. Nothing is thrown away.
 */

export interface FileRoomStoreOptions {
  /** `os` (default): survives a process kill. `disk`: fdatasync every write; survives power loss. */
  readonly durability?: 'os' | 'disk';
  /** Log files kept open between appends (least recently used beyond it are closed). Default: see defaultMaxOpenFiles. */
  readonly maxOpenFiles?: number;
  /** A room's log had a damaged tail: it was kept aside and cut back to its valid records. */
  readonly onDamagedLog?: (report: DamagedLogReport) => void;
  /** The data directory's lock, when the caller took it first (e.g. to migrate); else taken here. */
  readonly lock?: DataDirLock;
  /** Writes `data` at `position`; returns the bytes written (tests provoke a full disk here). */
  readonly writeAt?: (fd: number, data: Uint8Array, position: number) => Promise<number>;
}

export interface DamagedLogReport {
  readonly room: string;
  readonly fileBytes: number;
  readonly validBytes: number;
  readonly keptAt: string;
}

/** "ENSLOG", NUL, format version 1. */
const MAGIC = Uint8Array.of(0x45, 0x4e, 0x53, 0x4c, 0x4f, 0x47, 0x00, 0x01);
const RECORD_HEADER_BYTES = 8;
/** Rooms whose valid log size is remembered (LRU): no re-read before their next append. */
const MAX_KNOWN_SIZES = 4096;
/** A room id whose file name would be longer than this is refused (255 is the usual limit). */
const MAX_NAME_BYTES = 240;
/** Open descriptors looked at per eviction. */
const EVICTION_SCAN = 32;

const openFd = promisify(open);
const closeFd = promisify(close);
const truncateFd = promisify(ftruncate);
const datasyncFd = promisify(fdatasync);

export class FileRoomStore implements RoomStore {
  private readonly dir: string;
  private readonly roomsDir: string;
  private readonly sync: boolean;
  private readonly maxOpenFiles: number;
  private readonly options: FileRoomStoreOptions;
  private readonly writeAt: (fd: number, data: Uint8Array, position: number) => Promise<number>;
  /** Open log files by room (Map order: least recently used first). */
  private readonly fds = new Map<string, number>();
  /** Valid size of logs this store has read or written (bounded LRU). */
  private readonly sizes = new Map<string, number>();
  /** Tail of each room's operation chain. */
  private readonly chains = new Map<string, Promise<unknown>>();
  private closing: Promise<void> | undefined;

  private readonly lock: DataDirLock;

  private constructor(dir: string, lock: DataDirLock, options: FileRoomStoreOptions) {
    this.dir = dir;
    this.lock = lock;
    this.roomsDir = join(dir, 'rooms');
    this.sync = options.durability === 'disk';
    this.maxOpenFiles = Math.max(1, options.maxOpenFiles ?? defaultMaxOpenFiles());
    this.options = options;
    this.writeAt = options.writeAt ?? writeFully;
  }

  static async open(location: string, options: FileRoomStoreOptions = {}): Promise<FileRoomStore> {
    const dir = resolve(location);
    await mkdir(join(dir, 'rooms'), { recursive: true });
    const lock = options.lock ?? (await lockDataDir(dir));
    const store = new FileRoomStore(dir, lock, options);
    try {
      await store.removeTemporaryFiles();
    } catch (error) {
      await lock.release();
      throw error;
    }
    return store;
  }

  load(room: string): Promise<Uint8Array[]> {
    return this.inRoom(room, async () => (await this.readLog(room)).updates);
  }

  append(room: string, update: Uint8Array): Promise<void> {
    return this.appendMany(room, [update]);
  }

  appendMany(room: string, updates: readonly Uint8Array[]): Promise<void> {
    // Encoded now: the caller may reuse its buffers once this returns.
    const records = updates.length === 0 ? undefined : encodeRecords(updates);
    return this.inRoom(room, async () => {
      if (records !== undefined) await this.appendRecords(room, records);
    });
  }

  replaceMerged(room: string, merged: Uint8Array, replacedCount: number): Promise<void> {
    const head = encodeRecords([merged]);
    return this.inRoom(room, async () => {
      const log = await this.readLog(room);
      assertReplaceCount(replacedCount, log.updates.length);
      const keptFrom = log.offsets[replacedCount] ?? log.validBytes;
      const kept = log.file.subarray(keptFrom, log.validBytes);
      const content = new Uint8Array(MAGIC.length + head.length + kept.length);
      content.set(MAGIC, 0);
      content.set(head, MAGIC.length);
      content.set(kept, MAGIC.length + head.length);
      // The open descriptor points at the old file: closed before the rename.
      await this.closeFd(room);
      await this.replaceFile(this.logPath(room), content);
      this.rememberSize(room, content.length);
    });
  }

  loadMeta(room: string): Promise<Uint8Array | undefined> {
    return this.inRoom(room, async () => {
      const bytes = await readIfExists(this.metaPath(room));
      return bytes === undefined ? undefined : plainCopy(bytes);
    });
  }

  saveMeta(room: string, meta: Uint8Array): Promise<void> {
    const copy = meta.slice();
    return this.inRoom(room, () => this.replaceFile(this.metaPath(room), copy));
  }

  async list(): Promise<string[]> {
    this.assertOpen();
    const rooms = new Set<string>();
    for (const name of await readdir(this.roomsDir)) {
      const match = /^([0-9a-f]+)\.(log|meta)$/.exec(name);
      if (match?.[1] !== undefined) rooms.add(Buffer.from(match[1], 'hex').toString('utf8'));
    }
    return [...rooms];
  }

  delete(room: string): Promise<void> {
    return this.inRoom(room, async () => {
      await this.closeFd(room);
      this.sizes.delete(room);
      await unlinkIfExists(this.logPath(room));
      await unlinkIfExists(this.metaPath(room));
    });
  }

  close(): Promise<void> {
    if (this.closing === undefined) {
      const pending = [...this.chains.values()].map((p) => p.catch(() => undefined));
      this.closing = Promise.all(pending).then(async () => {
        const fds = [...this.fds.values()];
        this.fds.clear();
        await Promise.all(fds.map((fd) => closeFd(fd).catch(() => undefined)));
        await this.lock.release();
      });
    }
    return this.closing;
  }

  /** One positioned write of the records after the log's last valid byte. */
  private async appendRecords(room: string, records: Uint8Array): Promise<void> {
    let size = this.sizes.get(room);
    if (size === undefined) size = (await this.readLog(room)).validBytes;
    const created = size === 0;
    const fd = await this.fdFor(room, created);
    let data = records;
    if (created) {
      data = new Uint8Array(MAGIC.length + records.length);
      data.set(MAGIC, 0);
      data.set(records, MAGIC.length);
    }
    try {
      const written = await this.writeAt(fd, data, size);
      if (written !== data.length)
        throw new Error(`short write: ${written} of ${data.length} bytes`);
      if (this.sync) await datasyncFd(fd);
    } catch (error) {
      // Nothing half-written stays behind: the next append starts at `size` again.
      this.sizes.delete(room);
      await truncateFd(fd, size).catch(() => undefined);
      throw error;
    }
    if (created && this.sync) await syncDirectory(this.roomsDir);
    this.rememberSize(room, size + data.length);
  }

  /**
   * Reads and parses the room's log. A damaged tail is kept aside, then cut
   * off (only complete, checksummed records are served or appended after).
   */
  private async readLog(room: string): Promise<ParsedLog> {
    const path = this.logPath(room);
    const file = await readIfExists(path);
    if (file === undefined) {
      this.rememberSize(room, 0);
      return { file: new Uint8Array(0), updates: [], offsets: [], validBytes: 0 };
    }
    const log = parseLog(file, path);
    if (log.validBytes < file.length) {
      const keptAt = `${path}.damaged-${Date.now()}`;
      await copyFile(path, keptAt);
      await this.closeFd(room);
      const fd = await openFd(path, 'r+');
      try {
        await truncateFd(fd, log.validBytes);
        if (this.sync) await datasyncFd(fd);
      } finally {
        await closeFd(fd);
      }
      this.options.onDamagedLog?.({
        room,
        fileBytes: file.length,
        validBytes: log.validBytes,
        keptAt,
      });
    }
    this.rememberSize(room, log.validBytes);
    return log;
  }

  private async fdFor(room: string, create: boolean): Promise<number> {
    const cached = this.fds.get(room);
    if (cached !== undefined) {
      this.fds.delete(room);
      this.fds.set(room, cached);
      return cached;
    }
    const fd = await openFd(this.logPath(room), create ? 'w' : 'r+');
    this.fds.set(room, fd);
    if (this.fds.size > this.maxOpenFiles) await this.evictIdleFds();
    return fd;
  }

  /**
   * Closes least recently used descriptors of rooms with no operation
   * running; looks at a bounded number of entries per call (busy rooms are
   * skipped, and are looked at again when their work settles).
   */
  private async evictIdleFds(): Promise<void> {
    const closing: Promise<void>[] = [];
    let looked = 0;
    for (const [room, fd] of this.fds) {
      if (this.fds.size <= this.maxOpenFiles || looked++ >= EVICTION_SCAN) break;
      // A room with work queued may be writing with this descriptor right now.
      if (this.chains.has(room)) continue;
      this.fds.delete(room);
      closing.push(closeFd(fd).catch(() => undefined));
    }
    await Promise.all(closing);
  }

  private async closeFd(room: string): Promise<void> {
    const fd = this.fds.get(room);
    if (fd === undefined) return;
    this.fds.delete(room);
    await closeFd(fd);
  }

  private rememberSize(room: string, size: number): void {
    this.sizes.delete(room);
    this.sizes.set(room, size);
    if (this.sizes.size > MAX_KNOWN_SIZES) {
      const oldest = this.sizes.keys().next().value;
      if (oldest !== undefined) this.sizes.delete(oldest);
    }
  }

  /**
   * Writes a temporary file, syncs it, then renames it over `path`: the old
   * bytes or the new ones. Synced in either durability: after a power loss,
   * a rename that reached the disk before the data would leave an empty
   * file in place of the room's whole log (compactions and metadata writes
   * are rare; the sync runs in the thread pool).
   */
  private async replaceFile(path: string, content: Uint8Array): Promise<void> {
    const temporary = `${path}.tmp`;
    try {
      const handle = await openHandle(temporary, 'w');
      try {
        await handle.writeFile(content);
        await handle.datasync();
      } finally {
        await handle.close();
      }
      await rename(temporary, path);
    } catch (error) {
      await unlinkIfExists(temporary).catch(() => undefined);
      throw error;
    }
    if (this.sync) await syncDirectory(this.roomsDir);
  }

  private async removeTemporaryFiles(): Promise<void> {
    for (const name of await readdir(this.roomsDir)) {
      if (name.endsWith('.tmp')) await unlinkIfExists(join(this.roomsDir, name));
    }
  }

  private logPath(room: string): string {
    return join(this.roomsDir, `${fileName(room)}.log`);
  }

  private metaPath(room: string): string {
    return join(this.roomsDir, `${fileName(room)}.meta`);
  }

  /** Runs `task` after every earlier operation on `room` has settled, in call order. */
  private inRoom<T>(room: string, task: () => Promise<T>): Promise<T> {
    try {
      this.assertOpen();
      assertStorableRoomId(room);
      fileName(room);
    } catch (error) {
      return Promise.reject(error);
    }
    const previous = this.chains.get(room) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.catch(() => undefined);
    this.chains.set(room, tail);
    void tail.then(() => {
      if (this.chains.get(room) !== tail) return;
      this.chains.delete(room);
      // Descriptors opened while every cached room was busy are closed now.
      if (this.fds.size > this.maxOpenFiles) void this.evictIdleFds();
    });
    return run;
  }

  private assertOpen(): void {
    if (this.closing !== undefined) throw new RoomStoreClosedError();
    if (this.lock.lost) {
      throw new Error(
        `another relay took the lock of ${this.dir}: this one no longer writes there`,
      );
    }
  }
}

interface ParsedLog {
  /** The file as read. */
  readonly file: Uint8Array;
  readonly updates: Uint8Array[];
  /** Byte offset of each update's record. */
  readonly offsets: number[];
  /** Bytes up to the end of the last complete record (0: not even a header). */
  readonly validBytes: number;
}

/** Records of `updates`, back to back. */
function encodeRecords(updates: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const update of updates) total += RECORD_HEADER_BYTES + update.byteLength;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let offset = 0;
  for (const update of updates) {
    view.setUint32(offset, update.byteLength, true);
    view.setUint32(
      offset + 4,
      crc32(update, 0, update.byteLength, crc32(out, offset, offset + 4)),
      true,
    );
    out.set(update, offset + RECORD_HEADER_BYTES);
    offset += RECORD_HEADER_BYTES + update.byteLength;
  }
  return out;
}

/** Complete, checksummed records from the start; stops at the first that is not. */
export function parseLog(file: Uint8Array, path = 'log'): ParsedLog {
  const updates: Uint8Array[] = [];
  const offsets: number[] = [];
  if (file.length < MAGIC.length) {
    // Empty or a torn header: only a prefix of our own header is ours to repair.
    if (!MAGIC.subarray(0, file.length).every((byte, i) => file[i] === byte)) {
      throw new Error(`${path} is not an Ensemble room log`);
    }
    return { file, updates, offsets, validBytes: 0 };
  }
  if (!MAGIC.every((byte, i) => file[i] === byte)) {
    throw new Error(`${path} is not an Ensemble room log (or a newer format)`);
  }
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  let offset = MAGIC.length;
  while (offset + RECORD_HEADER_BYTES <= file.length) {
    const length = view.getUint32(offset, true);
    const start = offset + RECORD_HEADER_BYTES;
    const end = start + length;
    if (end > file.length) break;
    if (
      crc32(file, start, end, crc32(file, offset, offset + 4)) !== view.getUint32(offset + 4, true)
    ) {
      break;
    }
    offsets.push(offset);
    updates.push(new Uint8Array(file.buffer, file.byteOffset + start, length));
    offset = end;
  }
  return { file, updates, offsets, validBytes: offset };
}

function fileName(room: string): string {
  const name = Buffer.from(room, 'utf8').toString('hex');
  if (name.length > MAX_NAME_BYTES) {
    throw new RangeError(`room id too long for the file store (${room.length} characters)`);
  }
  return name;
}

/**
 * write(2) on the event loop, like Redis's append-only file: a small write
 * into the page cache takes microseconds, while a thread-pool round trip per
 * append (and per room) cost more than the write itself and took the CPU from
 * the event loop on a 2-core machine (bench:relay (a)). fdatasync, the slow
 * part when asked for, runs in the thread pool.
 */
export async function writeFully(fd: number, data: Uint8Array, position: number): Promise<number> {
  let done = 0;
  while (done < data.length) {
    const written = writeSync(fd, data, done, data.length - done, position + done);
    if (written === 0) break;
    done += written;
  }
  return done;
}

/**
 * A quarter of the process's soft limit of open files (sockets need the
 * rest), between 64 and 4096; 256 where the limit cannot be read.
 */
function defaultMaxOpenFiles(): number {
  try {
    const limits = readFileSync('/proc/self/limits', 'utf8');
    const soft = Number(/^Max open files\s+(\d+)/m.exec(limits)?.[1]);
    if (Number.isFinite(soft) && soft > 0)
      return Math.min(4096, Math.max(64, Math.floor(soft / 4)));
  } catch {
    // Not Linux: the conservative default.
  }
  return 256;
}

async function readIfExists(path: string): Promise<Uint8Array | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function unlinkIfExists(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function plainCopy(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes);
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await openHandle(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
