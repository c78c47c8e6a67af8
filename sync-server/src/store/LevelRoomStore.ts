import {
  assertReplaceCount,
  assertStorableRoomId,
  type RoomStore,
  RoomStoreClosedError,
} from '@ensemble/shared';
import { ClassicLevel } from 'classic-level';

export interface LevelRoomStoreOptions {
  /**
   * `os` (default): a write resolves once LevelDB has handed it to the OS
   * (its log is flushed with write(2)): it survives a process kill (SIGKILL),
   * not a power loss. `disk`: fsync every write; survives power loss, slower.
   */
  readonly durability?: 'os' | 'disk';
  /** LevelDB block cache in bytes (default 1 MiB; LevelDB's own default is 8 MiB). */
  readonly cacheSize?: number;
  /**
   * LevelDB memtable size in bytes (default: LevelDB's 4 MiB). 1 MiB was
   * tried: more frequent flushes and L0 compactions stalled writes (p99
   * spikes in bench:relay (a) and (c)) for ~3 MiB of idle memory.
   */
  readonly writeBufferSize?: number;
}

/** Rooms whose next sequence number is remembered (least recently used beyond it are dropped). */
const MAX_REMEMBERED_SEQS = 4096;
/** One group commit writes at most about this many bytes; the rest goes in the next one. */
const MAX_GROUP_BYTES = 4 * 1024 * 1024;

type PutOperation = { readonly type: 'put'; readonly key: string; readonly value: Uint8Array };

/** Appends of any rooms waiting for the next group commit, with their callers. */
interface GroupEntry {
  readonly operations: readonly PutOperation[];
  readonly bytes: number;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

const SEPARATOR = '\u0000';
const SEQ_DIGITS = 16;
const META_SUFFIX = 'meta';

/**
 * RoomStore on an embedded LevelDB (classic-level). Keys are
 * `<room>\x00<seq, 16 decimal digits>`, so one room's updates are one
 * contiguous, ordered key range; the room's metadata is `<room>\x00meta`,
 * which sorts after every sequence key (letters follow digits) and inside the
 * room's range. Operations on one room run one at a time, in call order;
 * replaceMerged is a single atomic batch.
 */
export class LevelRoomStore implements RoomStore {
  private readonly db: ClassicLevel<string, Uint8Array>;
  private readonly sync: boolean;
  /**
   * Next sequence number per room, known once the room's last key was read.
   * A bounded LRU (Map insertion order): memory does not grow with rooms ever
   * seen; a forgotten room's next number is read back from its last key.
   */
  private readonly nextSeq = new Map<string, number>();
  /** Tail of each room's operation chain (every operation but a running compaction). */
  private readonly chains = new Map<string, Promise<unknown>>();
  /**
   * Each room's running compaction. Appends do not wait for it: it rewrites
   * only keys that existed when it started, appends add later keys, and a
   * compaction of 16,000 entries takes ~160 ms here, which appends waiting
   * behind it turned into p99 spikes (bench:relay (c)). Everything else waits.
   */
  private readonly compactions = new Map<string, Promise<unknown>>();
  private closing: Promise<void> | undefined;
  /** Appends waiting for the next group commit, in call order. */
  private group: GroupEntry[] = [];
  /** Whether a group commit is scheduled or being written. */
  private committing = false;

  private constructor(db: ClassicLevel<string, Uint8Array>, options: LevelRoomStoreOptions) {
    this.db = db;
    this.sync = options.durability === 'disk';
  }

  static async open(
    location: string,
    options: LevelRoomStoreOptions = {},
  ): Promise<LevelRoomStore> {
    const db = new ClassicLevel<string, Uint8Array>(location, {
      keyEncoding: 'utf8',
      valueEncoding: 'view',
      // Small on purpose: the relay keeps rooms' state in memory while they
      // are active and reads a room once when it opens; idle rooms must not
      // cost memory (bench:relay scenario b).
      cacheSize: options.cacheSize ?? 1024 * 1024,
      writeBufferSize: options.writeBufferSize ?? 4 * 1024 * 1024,
    });
    await db.open();
    return new LevelRoomStore(db, options);
  }

  load(room: string): Promise<Uint8Array[]> {
    return this.inRoom(room, 'other', () => this.db.values(updateRange(room)).all());
  }

  append(room: string, update: Uint8Array): Promise<void> {
    const copy = update.slice();
    return this.inRoom(room, 'append', async () => {
      const seq = await this.takeSeq(room, 1);
      try {
        await this.commit([{ type: 'put', key: key(room, seq), value: copy }]);
      } catch (error) {
        this.nextSeq.delete(room);
        throw error;
      }
    });
  }

  appendMany(room: string, updates: readonly Uint8Array[]): Promise<void> {
    const copies = updates.map((update) => update.slice());
    return this.inRoom(room, 'append', async () => {
      if (copies.length === 0) return;
      const first = await this.takeSeq(room, copies.length);
      try {
        await this.commit(
          copies.map((value, i) => ({ type: 'put' as const, key: key(room, first + i), value })),
        );
      } catch (error) {
        // Nothing was written: forget the taken numbers (re-read on next use).
        this.nextSeq.delete(room);
        throw error;
      }
    });
  }

  replaceMerged(room: string, merged: Uint8Array, replacedCount: number): Promise<void> {
    const copy = merged.slice();
    return this.inRoom(room, 'compaction', async () => {
      const limit = Number.isInteger(replacedCount) && replacedCount > 0 ? replacedCount : 0;
      const keys = await this.db.keys({ ...updateRange(room), limit }).all();
      assertReplaceCount(replacedCount, keys.length);
      const [first, ...rest] = keys;
      if (first === undefined) return;
      await this.db.batch(
        [
          { type: 'put', key: first, value: copy },
          ...rest.map((k) => ({ type: 'del' as const, key: k })),
        ],
        { sync: this.sync },
      );
    });
  }

  loadMeta(room: string): Promise<Uint8Array | undefined> {
    return this.inRoom(room, 'other', async () => {
      const [value] = await this.db.getMany([metaKey(room)]);
      return value ?? undefined;
    });
  }

  saveMeta(room: string, meta: Uint8Array): Promise<void> {
    const copy = meta.slice();
    return this.inRoom(room, 'other', () => this.db.put(metaKey(room), copy, { sync: this.sync }));
  }

  async list(): Promise<string[]> {
    this.assertOpen();
    const rooms: string[] = [];
    let from = '';
    for (;;) {
      const [next] = await this.db.keys({ gte: from, limit: 1 }).all();
      if (next === undefined) return rooms;
      const room = next.slice(0, next.indexOf(SEPARATOR));
      rooms.push(room);
      from = `${room}\u0001`;
    }
  }

  delete(room: string): Promise<void> {
    return this.inRoom(room, 'other', async () => {
      await this.db.clear(roomRange(room));
      this.nextSeq.delete(room);
    });
  }

  close(): Promise<void> {
    if (this.closing === undefined) {
      const pending = [...this.chains.values(), ...this.compactions.values()].map((p) =>
        p.catch(() => undefined),
      );
      this.closing = Promise.all(pending).then(() => this.db.close());
    }
    return this.closing;
  }

  /**
   * Group commit across rooms: appends that arrive while a write is in
   * flight (or in the same turn of the event loop) go to LevelDB as ONE
   * batch. A thousand rooms each appending a few updates a second otherwise
   * make thousands of small writes, and LevelDB throttles each write by 1 ms
   * once compactions fall behind (bench:relay (a)). A failed batch fails
   * every append in it; none of them is then broadcast.
   */
  private commit(operations: readonly PutOperation[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let bytes = 0;
      for (const operation of operations)
        bytes += operation.key.length + operation.value.byteLength;
      this.group.push({ operations, bytes, resolve, reject });
      if (!this.committing) {
        this.committing = true;
        setImmediate(() => void this.writeGroup());
      }
    });
  }

  private async writeGroup(): Promise<void> {
    let bytes = 0;
    let count = 0;
    while (count < this.group.length && (count === 0 || bytes < MAX_GROUP_BYTES)) {
      bytes += this.group[count]?.bytes ?? 0;
      count += 1;
    }
    const entries = this.group.splice(0, count);
    try {
      await this.db.batch(
        entries.flatMap((entry) => entry.operations),
        { sync: this.sync },
      );
      for (const entry of entries) entry.resolve();
    } catch (error) {
      for (const entry of entries) entry.reject(error);
    }
    if (this.group.length > 0) setImmediate(() => void this.writeGroup());
    else this.committing = false;
  }

  /** Reserves `count` consecutive sequence numbers for `room`; returns the first. */
  private async takeSeq(room: string, count: number): Promise<number> {
    let seq = this.nextSeq.get(room);
    if (seq === undefined) {
      const [last] = await this.db.keys({ ...updateRange(room), reverse: true, limit: 1 }).all();
      seq = last === undefined ? 0 : Number(last.slice(last.indexOf(SEPARATOR) + 1)) + 1;
    } else {
      this.nextSeq.delete(room); // re-inserted last: most recently used
    }
    this.nextSeq.set(room, seq + count);
    if (this.nextSeq.size > MAX_REMEMBERED_SEQS) {
      const oldest = this.nextSeq.keys().next().value;
      if (oldest !== undefined) this.nextSeq.delete(oldest);
    }
    return seq;
  }

  /**
   * Runs `task` after every earlier operation on `room` has settled, except
   * that an append does not wait for a running compaction (see
   * `compactions`); a compaction is not waited for by later appends.
   */
  private inRoom<T>(
    room: string,
    kind: 'append' | 'compaction' | 'other',
    task: () => Promise<T>,
  ): Promise<T> {
    try {
      this.assertOpen();
      assertStorableRoomId(room);
    } catch (error) {
      return Promise.reject(error);
    }
    const chain = this.chains.get(room);
    const compaction = kind === 'append' ? undefined : this.compactions.get(room);
    const previous =
      compaction === undefined
        ? (chain ?? Promise.resolve())
        : Promise.all([chain, compaction.catch(() => undefined)]);
    const run = previous.then(task, task);
    const tail = run.catch(() => undefined);
    const map = kind === 'compaction' ? this.compactions : this.chains;
    map.set(room, tail);
    void tail.then(() => {
      if (map.get(room) === tail) map.delete(room);
    });
    return run;
  }

  private assertOpen(): void {
    if (this.closing !== undefined) throw new RoomStoreClosedError();
  }
}

function key(room: string, seq: number): string {
  return `${room}${SEPARATOR}${String(seq).padStart(SEQ_DIGITS, '0')}`;
}

function metaKey(room: string): string {
  return `${room}${SEPARATOR}${META_SUFFIX}`;
}

/** Every key of the room: its updates and its metadata. */
function roomRange(room: string): { gte: string; lt: string } {
  return { gte: `${room}${SEPARATOR}`, lt: `${room}\u0001` };
}

/** The room's update keys only: sequence numbers are digits, and ':' follows '9'. */
function updateRange(room: string): { gte: string; lt: string } {
  return { gte: `${room}${SEPARATOR}`, lt: `${room}${SEPARATOR}:` };
}
