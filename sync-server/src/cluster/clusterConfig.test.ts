import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config';

const cluster = (argv: string[], env: Record<string, string> = {}) => {
  const outcome = parseConfig(argv, env, '/somewhere');
  return outcome.kind === 'run' ? outcome.config.cluster : outcome;
};

describe('cluster config', () => {
  it('[CLUSTER15] no URLs: the embedded store (npm start needs neither Redis nor Postgres)', () => {
    expect(cluster([])).toBeUndefined();
  });

  it('[CLUSTER15] flags or environment, flags win; knobs from the environment', () => {
    expect(
      cluster(['--redis-url', 'redis://r:6379', '--postgres-url', 'postgres://u@p/db'], {
        REDIS_URL: 'redis://ignored',
        CLUSTER_NAMESPACE: 'east',
        CLUSTER_LEASE_MS: '2000',
      }),
    ).toEqual({
      redisUrl: 'redis://r:6379',
      postgresUrl: 'postgres://u@p/db',
      namespace: 'east',
      leaseMs: 2000,
    });
    expect(cluster([], { REDIS_URL: 'redis://r', POSTGRES_URL: 'postgresql://p/db' })).toEqual({
      redisUrl: 'redis://r',
      postgresUrl: 'postgresql://p/db',
    });
  });

  it('[CLUSTER15] one URL alone, a wrong scheme or a bad knob is a clear error', () => {
    expect(cluster(['--redis-url', 'redis://r'])).toMatchObject({
      kind: 'error',
      message: 'cluster mode needs both --redis-url and --postgres-url',
    });
    expect(cluster(['--redis-url', 'http://r', '--postgres-url', 'postgres://p'])).toMatchObject({
      kind: 'error',
    });
    expect(
      cluster(['--redis-url', 'redis://r', '--postgres-url', 'postgres://p'], {
        CLUSTER_LEASE_MS: 'soon',
      }),
    ).toMatchObject({ kind: 'error', message: 'CLUSTER_LEASE_MS must be an integer >= 100' });
  });
});
