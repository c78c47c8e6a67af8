import { CloseReason, RelayError } from '@ensemble/shared';
import type { Logger } from '../log';
import type { RoomRegistry } from '../relay/RoomRegistry';
import type { UpdateOps } from '../relay/UpdateWorker';
import { ClusterFeed } from './ClusterFeed';
import { ClusterRoomStore } from './ClusterRoomStore';

/** Cluster mode of the relay (--redis-url + --postgres-url); README "Cluster mode". */
export interface ClusterOptions {
  readonly redisUrl: string;
  readonly postgresUrl: string;
  /** Relays sharing Redis and Postgres with the same namespace form one cluster. Default `ensemble`. */
  readonly namespace?: string;
  /** Compact a room's stream past this many entries. Default 200. */
  readonly compactAfterUpdates?: number;
  /** Compaction lease time to live. Default 10 s. */
  readonly leaseMs?: number;
  /** Test hook: a compaction holds its lease this long before writing. */
  readonly compactPauseMs?: number;
}

export interface RelayCluster {
  readonly store: ClusterRoomStore;
  /** Starts the fan-out for the relay's rooms; call once, when the registry exists. */
  attach(ops: UpdateOps, registry: () => RoomRegistry): ClusterFeed;
}

/**
 * Opens the cluster store. A Redis that comes back without its data evicts
 * every room of this relay: clients reconnect (4500, retryable), the rooms
 * reload what the cluster kept, and each client re-sends what it lacks
 * (sync step 1/2), so nothing is lost and nothing is duplicated (updates
 * are idempotent).
 */
export async function openRelayCluster(
  options: ClusterOptions,
  log: Logger,
): Promise<RelayCluster> {
  const namespace = options.namespace ?? 'ensemble';
  let onReset = (): void => undefined;
  const store = await ClusterRoomStore.open({
    redisUrl: options.redisUrl,
    postgresUrl: options.postgresUrl,
    namespace,
    onRedisReset: () => onReset(),
  });
  const appendOnly = await store.redis.config('GET', 'appendonly').catch(() => []);
  if ((appendOnly as string[])[1] !== 'yes') {
    log.warn('cluster.redis_without_aof', {
      hint: 'acknowledged updates survive a Redis crash only with appendonly yes, appendfsync always',
    });
  }
  log.info('cluster.connected', { namespace });
  return {
    store,
    attach(ops, registry) {
      const feed = new ClusterFeed({
        store,
        namespace,
        ops,
        log,
        compactAfterUpdates: options.compactAfterUpdates ?? 200,
        leaseMs: options.leaseMs ?? 10_000,
        ...(options.compactPauseMs === undefined ? {} : { compactPauseMs: options.compactPauseMs }),
      });
      onReset = () => {
        feed.noteRedisReset();
        registry().evictAll(
          new RelayError(CloseReason.InternalError, 'the cluster lost recent updates: resync'),
        );
      };
      return feed;
    },
  };
}
