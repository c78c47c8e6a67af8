import { randomUUID } from 'node:crypto';
import {
  assertReplaceCount,
  assertStorableRoomId,
  type RoomStore,
  RoomStoreClosedError,
} from '@ensemble/shared';
import type { Redis } from 'ioredis';
import { clusterKeys } from './clusterKeys';
import { CompactionConflictError, type RoomRow, RoomRows } from './RoomRows';
import { formatStreamId, nextStreamId, parseStreamId, type StreamId } from './streamIds';

export interface ClusterStoreOptions {
  readonly redisUrl: string;
  readonly postgresUrl: string;
  /** Key prefix and Postgres namespace: relays of one cluster share it. Default `ensemble`. */
  readonly namespace?: string;
  /** Called when Redis comes back without the data it had (its boot marker is gone). */
  readonly onRedisReset?: () => void;
}

/** What a join reads: the room's updates and the stream id they run up to. */
export interface LoadedRoom {
  readonly updates: Uint8Array[];
  /** The last stream entry included: the fan-out of the room starts after it. */
  readonly cursor: StreamId;
}

export type ServiceHealth = 'ok' | 'down';

/**
 * The relay's store in cluster mode: each room is its compacted state in
 * Postgres (one row: merged update, the stream id it covers, a version) plus
 * the entries of its Redis stream after that id. Appends are XADDs on one
 * connection (call order = stream order; Redis runs with appendfsync always).
 * replaceMerged is a compare-and-set on the row's version: a late writer
 * (a compaction worker whose lease expired) fails, it never goes backwards.
 */
export class ClusterRoomStore implements RoomStore {
  readonly redis: Redis;
  readonly rows: RoomRows;
  /** This process's id, written into each entry it appends (the fan-out skips its own). */
  readonly origin = randomUUID();
  private readonly keys: ReturnType<typeof clusterKeys>;
  private knownBoot: string | undefined;
  private redisHealth: ServiceHealth = 'down';
  private readonly cursors = new Map<string, StreamId>();
  private closed = false;

  private constructor(redis: Redis, rows: RoomRows, namespace: string) {
    this.redis = redis;
    this.rows = rows;
    this.keys = clusterKeys(namespace);
  }

  static async open(options: ClusterStoreOptions): Promise<ClusterRoomStore> {
    const namespace = options.namespace ?? 'ensemble';
    // Imported here: the relay loads the clients only in cluster mode.
    const { Redis } = await import('ioredis');
    const { default: pg } = await import('pg');
    const redis = new Redis(options.redisUrl, {
      // Fail fast while Redis is down: the relay refuses the write (4500, retryable)
      // and the client keeps it; a queued write would hang the room instead.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      lazyConnect: true,
      // RESP2: the reply shapes the fan-out decodes (XREAD: [[key, entries], ...]).
      protocol: 2,
      retryStrategy: (attempt) => Math.min(50 * attempt, 1_000),
    });
    const pool = new pg.Pool({ connectionString: options.postgresUrl, max: 4 });
    const store = new ClusterRoomStore(redis, new RoomRows(pool, namespace), namespace);
    redis.on('error', () => undefined);
    redis.on('close', () => {
      store.redisHealth = 'down';
    });
    redis.on('ready', () => {
      store.checkBoot().then(
        (reset) => {
          store.redisHealth = 'ok';
          if (reset) options.onRedisReset?.();
        },
        () => undefined,
      );
    });
    try {
      await redis.connect();
      await store.checkBoot();
      store.redisHealth = 'ok';
      await store.rows.migrate();
    } catch (error) {
      redis.disconnect();
      await pool.end();
      throw error;
    }
    return store;
  }

  get health(): { readonly redis: ServiceHealth; readonly postgres: ServiceHealth } {
    return { redis: this.redisHealth, postgres: this.rows.health };
  }

  /** The Redis key of a room's stream (the fan-out reads it). */
  streamKey(room: string): string {
    return this.keys.stream(room);
  }

  /**
   * Redis keeps a boot marker; a Redis that restarted without its data lacks
   * it: true then (the marker is written anew). The first check only sets it.
   */
  private async checkBoot(): Promise<boolean> {
    // A new value each time it is (re)created: relays that find another's new
    // marker know the data set changed even if they did not create it.
    await this.redis.set(this.keys.boot, randomUUID(), 'NX');
    const current = await this.redis.get(this.keys.boot);
    const reset = this.knownBoot !== undefined && current !== this.knownBoot;
    this.knownBoot = current ?? undefined;
    return reset;
  }

  /** Also remembers where the room's stream was read up to: see takeCursor. */
  async load(room: string): Promise<Uint8Array[]> {
    const loaded = await this.loadWithCursor(room);
    this.cursors.set(room, loaded.cursor);
    return loaded.updates;
  }

  /** The stream id the last load of `room` read up to (the fan-out starts after it). */
  takeCursor(room: string): StreamId | undefined {
    const cursor = this.cursors.get(room);
    this.cursors.delete(room);
    return cursor;
  }

  /**
   * The compacted row, then the stream after it. A compaction that commits
   * meanwhile may trim what we read: the row's version is read again, and the
   * read retried if it moved.
   */
  async loadWithCursor(room: string): Promise<LoadedRoom> {
    this.assertOpen(room);
    for (let attempt = 0; ; attempt++) {
      const row = await this.rows.get(room);
      const entries = await this.readAfter(room, row?.upto);
      const again = await this.rows.get(room);
      if (again?.version === row?.version || attempt >= 20) {
        const updates = entries.map((entry) => entry.update);
        if (row?.merged !== undefined) updates.unshift(row.merged);
        const last = entries.at(-1)?.id ?? row?.upto ?? { ms: 0n, seq: 0n };
        return { updates, cursor: last };
      }
    }
  }

  /** Stream entries after `after` (all when undefined); entries with a bad id are skipped. */
  async readAfter(room: string, after: StreamId | undefined): Promise<UpdateEntry[]> {
    const start = after === undefined ? '-' : `(${formatStreamId(after)}`;
    const raw = await this.redis.xrangeBuffer(this.keys.stream(room), start, '+');
    return decodeEntries(raw).filter((entry): entry is UpdateEntry => entry.kind === 'update');
  }

  append(room: string, update: Uint8Array): Promise<void> {
    return this.appendMany(room, [update]);
  }

  async appendMany(room: string, updates: readonly Uint8Array[]): Promise<void> {
    this.assertOpen(room);
    if (updates.length === 0) return;
    // Issued synchronously: the connection keeps call order.
    const multi = this.redis.multi();
    for (const update of updates) {
      multi.xadd(this.keys.stream(room), '*', 'u', Buffer.from(update), 'o', this.origin);
    }
    multi.sadd(this.keys.rooms, room);
    const results = await multi.exec();
    const failed = results?.find(([error]) => error !== null);
    if (results === null || failed !== undefined) {
      throw new Error(`redis refused the append: ${String(failed?.[0] ?? 'aborted')}`);
    }
  }

  async replaceMerged(room: string, merged: Uint8Array, replacedCount: number): Promise<void> {
    this.assertOpen(room);
    const row = await this.rows.get(room);
    const entries = await this.readAfter(room, row?.upto);
    const hasMerged = row?.merged !== undefined;
    assertReplaceCount(replacedCount, entries.length + (hasMerged ? 1 : 0));
    const covered = replacedCount - (hasMerged ? 1 : 0);
    const upto = covered === 0 ? row?.upto : entries[covered - 1]?.id;
    await this.writeCompacted(room, row, merged, upto);
  }

  /**
   * The compare-and-set: the row moves from `expected` (read before merging)
   * to `merged` covering the stream up to `upto`, or CompactionConflictError.
   * Then a `compacted` marker is appended and the covered entries trimmed
   * (best effort: a failed trim only leaves entries a join skips).
   */
  async writeCompacted(
    room: string,
    expected: RoomRow | undefined,
    merged: Uint8Array,
    upto: StreamId | undefined,
  ): Promise<void> {
    this.assertOpen(room);
    const swapped = await this.rows.compareAndSet(room, expected, merged, upto);
    if (!swapped) throw new CompactionConflictError(room);
    if (upto === undefined) return;
    // The marker first, in stream order: a relay whose reader was behind the
    // trim sees it and catches up from the row (StreamFanout), then the trim.
    const key = this.keys.stream(room);
    await this.redis
      .multi()
      .xadd(key, '*', 'c', formatStreamId(upto))
      .xtrim(key, 'MINID', formatStreamId(nextStreamId(upto)))
      .exec()
      .catch(() => undefined);
  }

  async loadMeta(room: string): Promise<Uint8Array | undefined> {
    this.assertOpen(room);
    return this.rows.loadMeta(room);
  }

  async saveMeta(room: string, meta: Uint8Array): Promise<void> {
    this.assertOpen(room);
    await this.rows.saveMeta(room, meta);
  }

  async list(): Promise<string[]> {
    this.assertOpen();
    const [inRedis, inPostgres] = await Promise.all([
      this.redis.smembers(this.keys.rooms),
      this.rows.list(),
    ]);
    const rooms = new Set(inPostgres);
    for (const room of inRedis) {
      if ((await this.redis.xlen(this.keys.stream(room))) > 0) rooms.add(room);
    }
    return [...rooms];
  }

  async delete(room: string): Promise<void> {
    this.assertOpen(room);
    await this.redis.multi().del(this.keys.stream(room)).srem(this.keys.rooms, room).exec();
    await this.rows.delete(room);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.redis.quit().catch(() => this.redis.disconnect());
    await this.rows.close();
  }

  private assertOpen(room?: string): void {
    if (this.closed) throw new RoomStoreClosedError();
    if (room !== undefined) assertStorableRoomId(room);
  }
}

/** A stream entry: an update, or the marker a compaction leaves after trimming. */
export type StreamEntry =
  | {
      readonly kind: 'update';
      readonly id: StreamId;
      readonly update: Uint8Array;
      readonly origin: string;
    }
  | { readonly kind: 'compacted'; readonly id: StreamId; readonly upto: StreamId };

export type UpdateEntry = Extract<StreamEntry, { kind: 'update' }>;

/** Decodes XRANGE/XREAD entries `[id, [field, value, ...]]`; malformed ones are skipped. */
export function decodeEntries(raw: readonly [Buffer, Buffer[]][]): StreamEntry[] {
  const entries: StreamEntry[] = [];
  for (const [rawId, fields] of raw) {
    const id = parseStreamId(rawId.toString('latin1'));
    if (id === undefined) continue;
    let update: Uint8Array | undefined;
    let upto: StreamId | undefined;
    let origin = '';
    for (let i = 0; i + 1 < fields.length; i += 2) {
      const name = fields[i]?.toString('latin1');
      const value = fields[i + 1];
      if (value === undefined) continue;
      if (name === 'u') update = new Uint8Array(value);
      else if (name === 'o') origin = value.toString('latin1');
      else if (name === 'c') upto = parseStreamId(value.toString('latin1'));
    }
    if (update !== undefined) entries.push({ kind: 'update', id, update, origin });
    else if (upto !== undefined) entries.push({ kind: 'compacted', id, upto });
  }
  return entries;
}
