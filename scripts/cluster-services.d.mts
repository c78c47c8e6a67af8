// Types of scripts/cluster-services.mjs (plain Node, for the cluster tests and bench).
export interface RedisService {
  readonly url: string;
  readonly port: number;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
  start(): Promise<void>;
  /** Removes Redis's data (its AOF): call while stopped. */
  wipeData(): Promise<void>;
  /** Kills Redis and starts it again on the same port, with its AOF or from an empty dir. */
  restart(options: { readonly keepData: boolean }): Promise<void>;
  dispose(): Promise<void>;
}

export interface PostgresService {
  readonly url: string;
  readonly port: number;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
  start(): Promise<void>;
  dispose(): Promise<void>;
}

export function clusterServersInstalled(): boolean;
export function ensureClusterServers(): void;
export function freePort(): Promise<number>;
export function startRedis(): Promise<RedisService>;
export function startPostgres(): Promise<PostgresService>;
