import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import {
  type PostgresService,
  type RedisService,
  startPostgres,
  startRedis,
} from '../../../scripts/cluster-services.mjs';
import { ClusterRoomStore, type ClusterStoreOptions } from './ClusterRoomStore';

/**
 * Real Redis and Postgres for one test file (scripts/cluster-services.mjs:
 * installed if missing, loopback, random port, throw-away dir). Throws, loudly,
 * when they cannot be installed: cluster tests never skip silently.
 */
export interface ClusterServices {
  readonly redis: RedisService;
  readonly postgres: PostgresService;
  /** A store on a fresh namespace (or `namespace`). */
  openStore(namespace: string, extra?: Partial<ClusterStoreOptions>): Promise<ClusterRoomStore>;
  /** Deletes the namespace's keys and rows. */
  wipe(namespace: string): Promise<void>;
  dispose(): Promise<void>;
}

export async function startClusterServices(): Promise<ClusterServices> {
  const [redis, postgres] = await startBoth();
  const openStore = (namespace: string, extra: Partial<ClusterStoreOptions> = {}) =>
    ClusterRoomStore.open({
      redisUrl: redis.url,
      postgresUrl: postgres.url,
      namespace,
      ...extra,
    });
  return {
    redis,
    postgres,
    openStore,
    async wipe(namespace) {
      const client = new Redis(redis.url);
      try {
        const keys = await client.keys(`${namespace}:*`);
        if (keys.length > 0) await client.del(...keys);
      } finally {
        client.disconnect();
      }
      const store = await openStore(namespace);
      await store.rows.deleteNamespace();
      await store.close();
    },
    async dispose() {
      await Promise.all([redis.dispose(), postgres.dispose()]);
    },
  };
}

export const freshNamespace = (): string => `t${randomUUID().slice(0, 8)}`;

/** Both servers, or neither: one that started is stopped when the other fails. */
async function startBoth(): Promise<[RedisService, PostgresService]> {
  const [redis, postgres] = await Promise.allSettled([startRedis(), startPostgres()]);
  if (redis.status === 'fulfilled' && postgres.status === 'fulfilled') {
    return [redis.value, postgres.value];
  }
  if (redis.status === 'fulfilled') await redis.value.dispose();
  if (postgres.status === 'fulfilled') await postgres.value.dispose();
  throw redis.status === 'rejected' ? redis.reason : (postgres as PromiseRejectedResult).reason;
}
