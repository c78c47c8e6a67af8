import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type BlobLimits, DEFAULT_BLOB_LIMITS } from '@ensemble/shared';
import type { ClusterOptions } from './cluster/relayCluster';
import { DEFAULT_LIMITS, type RelayLimits } from './relay/limits';
import { DEFAULT_SIGNALING_LIMITS, type SignalingLimits } from './signaling/SignalingHub';
import type { RelayOptions } from './startRelay';

/** The repository root: sync-server/src/config.ts -> ../.. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const USAGE = `Ensemble relay: y-websocket sync, durable rooms, and the built PWA on one port.

Usage: pnpm --filter @ensemble/sync-server start -- [options]

  --port <n>               PORT               port to listen on (default 8787; 0 = any free port)
  --host <addr>            HOST               interface (default 0.0.0.0)
  --data-dir <dir>         DATA_DIR           room store (default <repo>/.data)
  --static-dir <dir>       STATIC_DIR         built PWA to serve (default <repo>/client/dist)
  --tls-cert <file>        TLS_CERT           PEM certificate: serve HTTPS/WSS (needs --tls-key)
  --tls-key <file>         TLS_KEY            PEM private key
  --open-rooms             OPEN_ROOMS=1       admit clients without a capability to rooms that have none
                                              (for clients that do not send capabilities yet; default off)
  --max-message-bytes <n>  MAX_MESSAGE_BYTES  larger messages close the connection: 4413 (default 1048576)
  --max-messages-per-second <n>  MAX_MESSAGES_PER_SECOND  per connection, sustained (default 200)
  --message-burst <n>      MESSAGE_BURST      per connection, burst (default 400); beyond: 4529
  --max-bytes-per-second <n>  MAX_BYTES_PER_SECOND  per connection (default 2097152); beyond: 4529
  --max-connections-per-ip <n>  MAX_CONNECTIONS_PER_IP  open connections per address (default 64,
                                              0 = unlimited; raise it behind a reverse proxy); beyond: 4529
  --max-awareness-per-second <n>  MAX_AWARENESS_PER_SECOND  per connection (default 10); excess dropped
  --trust-proxy            TRUST_PROXY=1      behind ONE reverse proxy: count connections per address under
                                              the last X-Forwarded-For entry (default off: header ignored)
  --signal-max-message-bytes <n>  SIGNAL_MAX_MESSAGE_BYTES  /signal: larger messages: 4413 (default 65536)
  --signal-max-messages-per-second <n>  SIGNAL_MAX_MESSAGES_PER_SECOND  /signal, per connection (default 100)
  --signal-message-burst <n>  SIGNAL_MESSAGE_BURST  /signal, per connection, burst (default 300); beyond: 4529
  --signal-max-topics <n>  SIGNAL_MAX_TOPICS  /signal: topics per connection (default 32); beyond: 4529
  --max-blob-bytes <n>     MAX_BLOB_BYTES     photos and files: largest blob accepted (default 10485760); beyond: 413
  --blob-quota-bytes <n>   BLOB_QUOTA_BYTES   photos and files: most bytes of blobs per community (default 524288000); beyond: 507
  --redis-url <url>        REDIS_URL          cluster mode (with --postgres-url): room streams and fan-out
                                              between relays in Redis (run it with appendonly yes)
  --postgres-url <url>     POSTGRES_URL       cluster mode: compacted room state and room metadata in Postgres
                           CLUSTER_NAMESPACE  relays with the same namespace form one cluster (default ensemble)
                           CLUSTER_COMPACT_AFTER  compact a room's stream past this many entries (default 200)
                           CLUSTER_LEASE_MS   compaction lease (default 10000)
  --help                                      print this help

Flags win over environment variables. Wire protocol: sync-server/PROTOCOL.md.`;

export interface RelayConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly staticDir: string;
  readonly tlsCertFile: string | undefined;
  readonly tlsKeyFile: string | undefined;
  readonly maxMessageBytes: number;
  readonly openRooms: boolean;
  readonly trustProxy: boolean;
  readonly limits: RelayLimits;
  readonly signalingLimits: SignalingLimits;
  readonly blobLimits: BlobLimits;
  /** Cluster mode (both URLs given); undefined: the embedded file store in dataDir. */
  readonly cluster: ClusterOptions | undefined;
}

export type ConfigOutcome =
  | { readonly kind: 'run'; readonly config: RelayConfig }
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'error'; readonly message: string };

/** Limit flags: flag, environment variable, RelayLimits field, smallest value. */
const LIMIT_FLAGS = [
  ['max-messages-per-second', 'MAX_MESSAGES_PER_SECOND', 'messagesPerSecond', 1],
  ['message-burst', 'MESSAGE_BURST', 'messageBurst', 1],
  ['max-bytes-per-second', 'MAX_BYTES_PER_SECOND', 'bytesPerSecond', 1024],
  ['max-connections-per-ip', 'MAX_CONNECTIONS_PER_IP', 'connectionsPerIp', 0],
  ['max-awareness-per-second', 'MAX_AWARENESS_PER_SECOND', 'awarenessPerSecond', 1],
] as const satisfies readonly (readonly [string, string, keyof RelayLimits, number])[];

/** Limit flags of `/signal`: flag, environment variable, SignalingLimits field, smallest value. */
const SIGNAL_LIMIT_FLAGS = [
  ['signal-max-message-bytes', 'SIGNAL_MAX_MESSAGE_BYTES', 'maxMessageBytes', 256],
  ['signal-max-messages-per-second', 'SIGNAL_MAX_MESSAGES_PER_SECOND', 'messagesPerSecond', 1],
  ['signal-message-burst', 'SIGNAL_MESSAGE_BURST', 'messageBurst', 1],
  ['signal-max-topics', 'SIGNAL_MAX_TOPICS', 'maxTopics', 1],
] as const satisfies readonly (readonly [string, string, keyof SignalingLimits, number])[];

const isTrue = (value: string | undefined): boolean =>
  value !== undefined && ['1', 'true', 'yes'].includes(value.toLowerCase());

type Env = Readonly<Record<string, string | undefined>>;

/** Parses flags and environment (flags win); relative paths resolve against `cwd`. */
export function parseConfig(argv: readonly string[], env: Env, cwd: string): ConfigOutcome {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      // `pnpm start -- --port 9000` passes the `--` through: drop it.
      args: argv[0] === '--' ? argv.slice(1) : [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        'static-dir': { type: 'string' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        'max-message-bytes': { type: 'string' },
        'open-rooms': { type: 'boolean' },
        'max-messages-per-second': { type: 'string' },
        'message-burst': { type: 'string' },
        'max-bytes-per-second': { type: 'string' },
        'max-connections-per-ip': { type: 'string' },
        'max-awareness-per-second': { type: 'string' },
        'trust-proxy': { type: 'boolean' },
        'signal-max-message-bytes': { type: 'string' },
        'signal-max-messages-per-second': { type: 'string' },
        'signal-message-burst': { type: 'string' },
        'signal-max-topics': { type: 'string' },
        'max-blob-bytes': { type: 'string' },
        'blob-quota-bytes': { type: 'string' },
        'redis-url': { type: 'string' },
        'postgres-url': { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    return { kind: 'error', message: `${(error as Error).message}\n\n${USAGE}` };
  }
  if (values.help === true) return { kind: 'help', text: USAGE };
  const pick = (flag: string, envName: string): string | undefined => {
    const fromFlag = values[flag];
    return typeof fromFlag === 'string' ? fromFlag : env[envName] || undefined;
  };

  const port = parseInteger(pick('port', 'PORT') ?? '8787', 0, 65535);
  if (port === undefined) return { kind: 'error', message: 'port must be an integer 0-65535' };
  const maxRaw = pick('max-message-bytes', 'MAX_MESSAGE_BYTES');
  const maxMessageBytes = parseInteger(
    maxRaw ?? String(DEFAULT_LIMITS.maxMessageBytes),
    1024,
    2 ** 30,
  );
  if (maxMessageBytes === undefined) {
    return { kind: 'error', message: 'max-message-bytes must be an integer 1024-1073741824' };
  }
  const limits: { -readonly [K in keyof RelayLimits]: number } = {
    ...DEFAULT_LIMITS,
    maxMessageBytes,
  };
  for (const [flag, envName, key, min] of LIMIT_FLAGS) {
    const value = parseInteger(pick(flag, envName) ?? String(DEFAULT_LIMITS[key]), min, 2 ** 40);
    if (value === undefined)
      return { kind: 'error', message: `${flag} must be an integer >= ${min}` };
    limits[key] = value;
  }
  const signalingLimits: { -readonly [K in keyof SignalingLimits]: number } = {
    ...DEFAULT_SIGNALING_LIMITS,
  };
  for (const [flag, envName, key, min] of SIGNAL_LIMIT_FLAGS) {
    const fallback = String(DEFAULT_SIGNALING_LIMITS[key]);
    const value = parseInteger(pick(flag, envName) ?? fallback, min, 2 ** 30);
    if (value === undefined) {
      return { kind: 'error', message: `${flag} must be an integer >= ${min}` };
    }
    signalingLimits[key] = value;
  }
  const maxBlobBytes = parseInteger(
    pick('max-blob-bytes', 'MAX_BLOB_BYTES') ?? String(DEFAULT_BLOB_LIMITS.maxBlobBytes),
    1024,
    2 ** 40,
  );
  const quotaBytes = parseInteger(
    pick('blob-quota-bytes', 'BLOB_QUOTA_BYTES') ?? String(DEFAULT_BLOB_LIMITS.quotaBytes),
    1024,
    2 ** 50,
  );
  if (maxBlobBytes === undefined || quotaBytes === undefined) {
    return {
      kind: 'error',
      message: 'max-blob-bytes and blob-quota-bytes must be integers >= 1024',
    };
  }
  const openRooms = values['open-rooms'] === true || isTrue(env.OPEN_ROOMS);
  const trustProxy = values['trust-proxy'] === true || isTrue(env.TRUST_PROXY);
  const tlsCert = pick('tls-cert', 'TLS_CERT');
  const tlsKey = pick('tls-key', 'TLS_KEY');
  if ((tlsCert === undefined) !== (tlsKey === undefined)) {
    return { kind: 'error', message: 'TLS needs both --tls-cert and --tls-key' };
  }
  const cluster = parseCluster(
    pick('redis-url', 'REDIS_URL'),
    pick('postgres-url', 'POSTGRES_URL'),
    env,
  );
  if (typeof cluster === 'string') return { kind: 'error', message: cluster };
  const dataDir = pick('data-dir', 'DATA_DIR');
  const staticDir = pick('static-dir', 'STATIC_DIR');
  return {
    kind: 'run',
    config: {
      port,
      host: pick('host', 'HOST') ?? '0.0.0.0',
      dataDir: dataDir === undefined ? resolve(REPO_ROOT, '.data') : resolve(cwd, dataDir),
      staticDir:
        staticDir === undefined ? resolve(REPO_ROOT, 'client', 'dist') : resolve(cwd, staticDir),
      tlsCertFile: tlsCert === undefined ? undefined : resolve(cwd, tlsCert),
      tlsKeyFile: tlsKey === undefined ? undefined : resolve(cwd, tlsKey),
      maxMessageBytes,
      openRooms,
      trustProxy,
      limits,
      signalingLimits,
      blobLimits: { maxBlobBytes, quotaBytes },
      cluster,
    },
  };
}

/** Both URLs or neither; the tuning knobs come from the environment. */
function parseCluster(
  redisUrl: string | undefined,
  postgresUrl: string | undefined,
  env: Env,
): ClusterOptions | undefined | string {
  if (redisUrl === undefined && postgresUrl === undefined) return undefined;
  if (redisUrl === undefined || postgresUrl === undefined) {
    return 'cluster mode needs both --redis-url and --postgres-url';
  }
  if (!/^rediss?:\/\//.test(redisUrl)) return 'redis-url must start with redis:// or rediss://';
  if (!/^postgres(ql)?:\/\//.test(postgresUrl)) {
    return 'postgres-url must start with postgres:// or postgresql://';
  }
  const knobs = [
    ['CLUSTER_COMPACT_AFTER', 'compactAfterUpdates', 1],
    ['CLUSTER_LEASE_MS', 'leaseMs', 100],
    ['ENSEMBLE_TEST_COMPACT_PAUSE_MS', 'compactPauseMs', 0],
  ] as const;
  const tuned: { -readonly [K in (typeof knobs)[number][1]]?: number } = {};
  for (const [name, key, min] of knobs) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const value = parseInteger(raw, min, 2 ** 31);
    if (value === undefined) return `${name} must be an integer >= ${min}`;
    tuned[key] = value;
  }
  return {
    redisUrl,
    postgresUrl,
    ...(env.CLUSTER_NAMESPACE ? { namespace: env.CLUSTER_NAMESPACE } : {}),
    ...tuned,
  };
}

/** Turns a parsed config into startRelay options, reading the TLS files. */
export function relayOptionsFrom(config: RelayConfig): RelayOptions {
  const base = {
    port: config.port,
    host: config.host,
    dataDir: config.dataDir,
    staticDir: config.staticDir,
    maxMessageBytes: config.maxMessageBytes,
    limits: config.limits,
    openRooms: config.openRooms,
    trustProxy: config.trustProxy,
    signalingLimits: config.signalingLimits,
    blobLimits: config.blobLimits,
    ...(config.cluster === undefined ? {} : { cluster: config.cluster }),
  };
  if (config.tlsCertFile === undefined || config.tlsKeyFile === undefined) return base;
  return {
    ...base,
    tls: { cert: readFileSync(config.tlsCertFile), key: readFileSync(config.tlsKeyFile) },
  };
}

function parseInteger(raw: string, min: number, max: number): number | undefined {
  if (!/^\d+$/.test(raw.trim())) return undefined;
  const value = Number(raw.trim());
  return value >= min && value <= max ? value : undefined;
}
