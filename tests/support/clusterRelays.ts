import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  type PostgresService,
  type RedisService,
  startPostgres,
  startRedis,
} from '../../scripts/cluster-services.mjs';
import { type RelayProcess, type RelayProcessOptions, startRelayProcess } from './relayProcess';

/**
 * A cluster on one machine: real redis-server and postgres (scripts/
 * cluster-services.mjs: installed if missing, loopback, random ports,
 * throw-away dirs) and N real relay processes in cluster mode sharing them.
 */
export interface ClusterRelays {
  readonly redis: RedisService;
  readonly postgres: PostgresService;
  readonly namespace: string;
  readonly relays: RelayProcess[];
  /** Starts one more relay of the cluster. */
  add(options?: RelayProcessOptions): Promise<RelayProcess>;
  dispose(): Promise<void>;
}

export async function startClusterRelays(
  count: number,
  options: RelayProcessOptions = {},
): Promise<ClusterRelays> {
  const [redis, postgres] = await startBoth();
  const namespace = `it${randomUUID().slice(0, 8)}`;
  const relays: RelayProcess[] = [];
  const add = async (extra: RelayProcessOptions = {}): Promise<RelayProcess> => {
    const relay = await startRelayProcess({
      ...options,
      ...extra,
      args: [
        '--redis-url',
        redis.url,
        '--postgres-url',
        postgres.url,
        ...(options.args ?? []),
        ...(extra.args ?? []),
      ],
      env: { CLUSTER_NAMESPACE: namespace, ...options.env, ...extra.env },
    });
    relays.push(relay);
    return relay;
  };
  try {
    // One at a time: the first creates the schema (the others would wait on its lock anyway).
    for (let i = 0; i < count; i++) await add();
  } catch (error) {
    await Promise.all(relays.map((relay) => relay.dispose()));
    await Promise.all([redis.dispose(), postgres.dispose()]);
    throw error;
  }
  return {
    redis,
    postgres,
    namespace,
    relays,
    add,
    async dispose() {
      await Promise.all(relays.map((relay) => relay.dispose()));
      await Promise.all([redis.dispose(), postgres.dispose()]);
    },
  };
}

export async function healthOf(relay: RelayProcess): Promise<{
  status: number;
  body: { ok: boolean; cluster?: Record<string, string | number> };
}> {
  const res = await fetch(`${relay.url}/healthz`);
  return { status: res.status, body: (await res.json()) as never };
}

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

const PG_BIN = process.env.ENSEMBLE_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** One answer of redis-cli (from Debian's redis-tools, installed with redis-server). */
export function redisCli(cluster: ClusterRelays, ...args: string[]): string {
  const result = spawnSync('redis-cli', ['-p', String(cluster.redis.port), ...args], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`redis-cli ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}

/** One value from psql (the cluster's database). */
export function psqlValue(cluster: ClusterRelays, sql: string): string {
  const result = spawnSync(
    join(PG_BIN, 'psql'),
    [
      '-h',
      '127.0.0.1',
      '-p',
      String(cluster.postgres.port),
      '-U',
      'ensemble',
      '-tAc',
      sql,
      'ensemble',
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`psql: ${result.stderr}`);
  return result.stdout.trim();
}

/** The relay logged `event` (JSON lines) for `room`. */
export function logged(relay: RelayProcess, event: string, room: string): boolean {
  return relay
    .output()
    .split('\n')
    .some((line) => line.includes(`"event":"${event}"`) && line.includes(`"room":"${room}"`));
}
