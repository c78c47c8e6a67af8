import type pg from 'pg';
import type { ServiceHealth } from './ClusterRoomStore';
import { STREAM_START, type StreamId } from './streamIds';

/** A room's compacted state in Postgres. */
export interface RoomRow {
  /** The merged update; undefined while the room was never compacted (metadata only). */
  readonly merged: Uint8Array | undefined;
  /** The last stream entry the merged update covers. */
  readonly upto: StreamId | undefined;
  /** Bumped by each compaction: the compare-and-set compares it. */
  readonly version: bigint;
}

/** A compaction lost the compare-and-set: someone compacted the room after it read the row. */
export class CompactionConflictError extends Error {
  readonly reason = 'compaction-conflict';
  constructor(room: string) {
    super(`room ${room} was compacted meanwhile; this compaction is dropped`);
    this.name = 'CompactionConflictError';
  }
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS ensemble_rooms (
  ns text NOT NULL,
  room text NOT NULL,
  merged bytea,
  upto_ms numeric(20),
  upto_seq numeric(20),
  version bigint NOT NULL DEFAULT 0,
  meta bytea,
  PRIMARY KEY (ns, room)
)`;

interface RawRow {
  merged: Buffer | null;
  upto_ms: string | null;
  upto_seq: string | null;
  version: string;
  meta?: Buffer | null;
}

/** The Postgres half of the cluster store: one row per room (compacted state + metadata). */
export class RoomRows {
  private readonly pool: pg.Pool;
  private readonly ns: string;
  private failing = false;

  constructor(pool: pg.Pool, namespace: string) {
    this.pool = pool;
    this.ns = namespace;
    pool.on('error', () => {
      this.failing = true;
    });
  }

  get health(): ServiceHealth {
    return this.failing ? 'down' : 'ok';
  }

  /** Creates the table once; relays starting together serialise on an advisory lock. */
  async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query("SELECT pg_advisory_xact_lock(hashtext('ensemble_rooms'))");
      await client.query(SCHEMA);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async get(room: string): Promise<RoomRow | undefined> {
    const result = await this.query<RawRow>(
      'SELECT merged, upto_ms, upto_seq, version FROM ensemble_rooms WHERE ns = $1 AND room = $2',
      [this.ns, room],
    );
    const raw = result.rows[0];
    if (raw === undefined) return undefined;
    return {
      merged: raw.merged === null ? undefined : new Uint8Array(raw.merged),
      upto:
        raw.upto_ms === null || raw.upto_seq === null
          ? undefined
          : { ms: BigInt(raw.upto_ms), seq: BigInt(raw.upto_seq) },
      version: BigInt(raw.version),
    };
  }

  /** Writes the compacted state iff the row is still at `expected`'s version. */
  async compareAndSet(
    room: string,
    expected: RoomRow | undefined,
    merged: Uint8Array,
    upto: StreamId | undefined,
  ): Promise<boolean> {
    const at = upto ?? STREAM_START;
    const params = [this.ns, room, Buffer.from(merged), at.ms.toString(), at.seq.toString()];
    if (expected === undefined) {
      const inserted = await this.query(
        `INSERT INTO ensemble_rooms (ns, room, merged, upto_ms, upto_seq, version)
         VALUES ($1, $2, $3, $4, $5, 1) ON CONFLICT (ns, room) DO NOTHING`,
        params,
      );
      return inserted.rowCount === 1;
    }
    const updated = await this.query(
      `UPDATE ensemble_rooms SET merged = $3, upto_ms = $4, upto_seq = $5, version = version + 1
       WHERE ns = $1 AND room = $2 AND version = $6`,
      [...params, expected.version.toString()],
    );
    return updated.rowCount === 1;
  }

  async loadMeta(room: string): Promise<Uint8Array | undefined> {
    const result = await this.query<{ meta: Buffer | null }>(
      'SELECT meta FROM ensemble_rooms WHERE ns = $1 AND room = $2',
      [this.ns, room],
    );
    const meta = result.rows[0]?.meta;
    return meta === null || meta === undefined ? undefined : new Uint8Array(meta);
  }

  async saveMeta(room: string, meta: Uint8Array): Promise<void> {
    await this.query(
      `INSERT INTO ensemble_rooms (ns, room, meta) VALUES ($1, $2, $3)
       ON CONFLICT (ns, room) DO UPDATE SET meta = excluded.meta`,
      [this.ns, room, Buffer.from(meta)],
    );
  }

  async list(): Promise<string[]> {
    const result = await this.query<{ room: string }>(
      'SELECT room FROM ensemble_rooms WHERE ns = $1 AND (merged IS NOT NULL OR meta IS NOT NULL)',
      [this.ns],
    );
    return result.rows.map((row) => row.room);
  }

  async delete(room: string): Promise<void> {
    await this.query('DELETE FROM ensemble_rooms WHERE ns = $1 AND room = $2', [this.ns, room]);
  }

  /** A round trip, so health notices an outage while no room queries (the feed's timer). */
  async ping(): Promise<void> {
    await this.query('SELECT 1', []).catch(() => undefined);
  }

  /** Removes every row of the namespace (tests). */
  async deleteNamespace(): Promise<void> {
    await this.query('DELETE FROM ensemble_rooms WHERE ns = $1', [this.ns]);
  }

  close(): Promise<void> {
    return this.pool.end();
  }

  private async query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values: unknown[],
  ): Promise<pg.QueryResult<R>> {
    try {
      const result = await this.pool.query<R>(text, values);
      this.failing = false;
      return result;
    } catch (error) {
      this.failing = !isStatementError(error);
      throw error;
    }
  }
}

/**
 * A statement's own error (SQLSTATE) versus Postgres being unreachable or
 * shutting down (no SQLSTATE, or class 08 connection / 57 operator intervention).
 */
function isStatementError(error: unknown): boolean {
  if (!(error instanceof Error && 'code' in error && typeof error.code === 'string')) return false;
  const code = error.code;
  return /^[0-9A-Z]{5}$/.test(code) && !code.startsWith('08') && !code.startsWith('57');
}
