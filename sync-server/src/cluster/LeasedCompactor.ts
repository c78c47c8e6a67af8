import { randomUUID } from 'node:crypto';
import { describeError, type Logger } from '../log';
import type { UpdateOps } from '../relay/UpdateWorker';
import type { ClusterRoomStore } from './ClusterRoomStore';
import { CompactionConflictError } from './RoomRows';

export type CompactionOutcome = 'compacted' | 'busy' | 'nothing' | 'conflict' | 'failed';

/** Deletes the lease only if it is still ours (a taken-over lease is left alone). */
const RELEASE =
  "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

export interface CompactorOptions {
  readonly store: ClusterRoomStore;
  readonly ops: UpdateOps;
  readonly log: Logger;
  /** The lease's time to live: a crashed worker's lease is free again after it. */
  readonly leaseMs: number;
  /** Test hook: hold the lease this long between merging and writing (provokes takeovers). */
  readonly pauseMs?: number;
}

/**
 * Compaction as a leased task: any relay may compact any room; the lease
 * (SET NX PX in Redis) keeps two from doing the same work, and the Postgres
 * compare-and-set keeps a worker that outlived its lease from writing an
 * older state over a newer one.
 */
export class LeasedCompactor {
  private readonly options: CompactorOptions;
  compactions = 0;
  conflicts = 0;

  constructor(options: CompactorOptions) {
    this.options = options;
  }

  /** `ops` merges the room's engine bytes; default: the compactor's (Yjs). */
  async compact(
    room: string,
    leaseKey: string,
    ops: UpdateOps = this.options.ops,
  ): Promise<CompactionOutcome> {
    const { store, log } = this.options;
    const token = randomUUID();
    try {
      const taken = await store.redis.set(leaseKey, token, 'PX', this.options.leaseMs, 'NX');
      if (taken !== 'OK') return 'busy';
    } catch {
      return 'failed';
    }
    try {
      const row = await store.rows.get(room);
      const entries = await store.readAfter(room, row?.upto);
      const last = entries.at(-1);
      if (last === undefined) return 'nothing';
      log.info('cluster.compaction_started', { room, entries: entries.length });
      const updates = entries.map((entry) => entry.update);
      const merged = await ops.merge(
        row?.merged === undefined ? updates : [row.merged, ...updates],
      );
      if ((this.options.pauseMs ?? 0) > 0) {
        await new Promise((resolve) => setTimeout(resolve, this.options.pauseMs));
      }
      await store.writeCompacted(room, row, merged, last.id);
      this.compactions += 1;
      log.info('cluster.compacted', { room, entries: entries.length, bytes: merged.byteLength });
      return 'compacted';
    } catch (error) {
      if (error instanceof CompactionConflictError) {
        this.conflicts += 1;
        log.warn('cluster.compaction_conflict', { room });
        return 'conflict';
      }
      log.error('cluster.compaction_failed', { room, error: describeError(error) });
      return 'failed';
    } finally {
      await store.redis.eval(RELEASE, 1, leaseKey, token).catch(() => undefined);
    }
  }
}
