import { CloseReason, RelayError } from '@ensemble/shared';
import type { Logger } from '../log';
import type { Room, RoomFeed } from '../relay/Room';
import type { UpdateOps } from '../relay/UpdateWorker';
import { AwarenessBus } from './AwarenessBus';
import type { ClusterRoomStore, ServiceHealth } from './ClusterRoomStore';
import { clusterKeys } from './clusterKeys';
import { LeasedCompactor } from './LeasedCompactor';
import { type FanoutHealth, StreamFanout } from './StreamFanout';
import { STREAM_START } from './streamIds';

export interface ClusterHealth {
  readonly redis: ServiceHealth;
  readonly postgres: ServiceHealth;
  /** The stream reader: `reconnecting` while its connection is lost. */
  readonly fanout: FanoutHealth;
  readonly fanoutReconnects: number;
  readonly brokenStreams: number;
  readonly redisResets: number;
}

export interface ClusterFeedOptions {
  readonly store: ClusterRoomStore;
  readonly namespace: string;
  readonly ops: UpdateOps;
  readonly log: Logger;
  /** Compact a room's stream once it holds more than this many entries. */
  readonly compactAfterUpdates: number;
  readonly leaseMs: number;
  readonly compactPauseMs?: number;
}

/**
 * The cluster side of every room of this relay (RoomFeed): the stream
 * fan-out from the room's load cursor, awareness over pub/sub, and a sweep
 * that compacts rooms with long streams under a lease.
 */
export class ClusterFeed implements RoomFeed {
  private readonly options: ClusterFeedOptions;
  private readonly keys: ReturnType<typeof clusterKeys>;
  private readonly fanout: StreamFanout;
  private readonly awareness: AwarenessBus;
  private readonly compactor: LeasedCompactor;
  private readonly active = new Map<string, Room>();
  private readonly sweepTimer: NodeJS.Timeout;
  private sweeping = false;
  private redisResets = 0;

  constructor(options: ClusterFeedOptions) {
    this.options = options;
    this.keys = clusterKeys(options.namespace);
    const { store } = options;
    this.fanout = new StreamFanout({
      reader: store.redis.duplicate({ enableOfflineQueue: false }),
      origin: store.origin,
      log: options.log,
      unblock: (id) => store.redis.client('UNBLOCK', id),
    });
    this.awareness = new AwarenessBus({
      subscriber: store.redis.duplicate({ enableOfflineQueue: true }),
      publisher: store.redis,
      origin: store.origin,
    });
    this.compactor = new LeasedCompactor({
      store,
      ops: options.ops,
      log: options.log,
      leaseMs: options.leaseMs,
      ...(options.compactPauseMs === undefined ? {} : { pauseMs: options.compactPauseMs }),
    });
    this.fanout.start();
    this.sweepTimer = setInterval(
      () => {
        void store.rows.ping();
        void this.sweep();
      },
      Math.min(1_000, options.leaseMs / 2),
    );
    this.sweepTimer.unref();
  }

  opened(room: Room): void {
    const cursor = this.options.store.takeCursor(room.id) ?? STREAM_START;
    this.active.set(room.id, room);
    const unreadable = (): void =>
      room.evict(new RelayError(CloseReason.InternalError, 'the room cannot be read'));
    this.fanout.add(room.id, this.options.store.streamKey(room.id), cursor, {
      deliver: (updates) => room.receiveRemote(updates),
      broken: unreadable,
      // Trimmed before this relay read it: the row holds it. Sent again whole
      // (updates are idempotent); rare: only a reader a full compaction behind.
      catchUp: () => {
        this.options.log.warn('cluster.fanout_catch_up', { room: room.id });
        this.options.store.loadWithCursor(room.id).then(({ updates }) => {
          if (this.active.get(room.id) === room) room.receiveRemote(updates);
        }, unreadable);
      },
    });
    this.awareness.join(this.keys.awareness(room.id), (frame) =>
      room.receiveRemoteAwareness(frame),
    );
  }

  closed(room: Room): void {
    if (this.active.get(room.id) !== room) return;
    this.active.delete(room.id);
    this.fanout.remove(room.id);
    this.awareness.leave(this.keys.awareness(room.id));
  }

  publishAwareness(room: Room, frame: Uint8Array): void {
    this.awareness.publish(this.keys.awareness(room.id), frame);
  }

  /** Redis came back without its data: counted; the relay evicts its rooms (clients resync). */
  noteRedisReset(): void {
    this.redisResets += 1;
    this.options.log.error('cluster.redis_reset', { rooms: this.active.size });
  }

  health(): ClusterHealth {
    const { redis, postgres } = this.options.store.health;
    return {
      redis,
      postgres,
      fanout: this.fanout.health,
      fanoutReconnects: this.fanout.reconnects,
      brokenStreams: this.fanout.brokenStreams,
      redisResets: this.redisResets,
    };
  }

  /** False while Redis, Postgres or the fan-out is down (/healthz then answers 503). */
  get ok(): boolean {
    const health = this.health();
    return health.redis === 'ok' && health.postgres === 'ok' && health.fanout === 'ok';
  }

  /** Prometheus text of the cluster, appended to /metrics. */
  renderMetrics(): string {
    const health = this.health();
    const up = (value: string): number => (value === 'ok' ? 1 : 0);
    const lines = [
      ['ensemble_cluster_redis_up', 'gauge', 'Redis answers (1) or not (0)', up(health.redis)],
      [
        'ensemble_cluster_postgres_up',
        'gauge',
        'Postgres answers (1) or not (0)',
        up(health.postgres),
      ],
      [
        'ensemble_cluster_fanout_up',
        'gauge',
        'the stream reader reads (1) or reconnects (0)',
        up(health.fanout),
      ],
      [
        'ensemble_cluster_fanout_reconnects_total',
        'counter',
        'times the stream reader lost its connection',
        health.fanoutReconnects,
      ],
      [
        'ensemble_cluster_broken_streams_total',
        'counter',
        'room streams dropped from the fan-out because they could not be read',
        health.brokenStreams,
      ],
      [
        'ensemble_cluster_redis_resets_total',
        'counter',
        'times Redis came back without its data',
        health.redisResets,
      ],
      [
        'ensemble_cluster_compactions_total',
        'counter',
        'leased compactions written',
        this.compactor.compactions,
      ],
      [
        'ensemble_cluster_compaction_conflicts_total',
        'counter',
        'compactions refused by the compare-and-set',
        this.compactor.conflicts,
      ],
    ] as const;
    return lines
      .map(
        ([name, type, help, value]) =>
          `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n${name} ${value}\n`,
      )
      .join('');
  }

  async close(): Promise<void> {
    clearInterval(this.sweepTimer);
    this.awareness.close();
    await this.fanout.stop();
  }

  /** Compacts, one at a time, the active rooms whose stream is past the threshold. */
  private async sweep(): Promise<void> {
    if (this.sweeping || this.active.size === 0) return;
    this.sweeping = true;
    try {
      const { store } = this.options;
      for (const [roomId, room] of [...this.active.entries()]) {
        const length = await store.redis.xlen(store.streamKey(roomId)).catch(() => 0);
        if (length > this.options.compactAfterUpdates) {
          // The room's own engine merges (an Automerge room's chunks are not Yjs updates).
          await this.compactor.compact(roomId, this.keys.lease(roomId), room.ops);
        }
      }
    } finally {
      this.sweeping = false;
    }
  }
}
