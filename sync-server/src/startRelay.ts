import { mkdir } from 'node:fs/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import {
  type BlobLimits,
  type BlobStore,
  CloseReason,
  PROTOCOL_VERSION,
  RelayError,
  type RoomStore,
} from '@ensemble/shared';
import { WebSocketServer } from 'ws';
import { createCapabilityAdmission } from './access/capabilityAdmission';
import { withRoomKinds } from './access/roomKindAdmission';
import { createTopicCheck } from './access/topicAccess';
import { openBlobStore } from './blobs/openBlobStore';
import type { ClusterOptions } from './cluster/relayCluster';
import { createRequestHandler, type HealthReport } from './http/requestHandler';
import { jsonLogger, type Logger } from './log';
import { RejectionReason, RelayMetrics, roomMetricsOf } from './metrics/RelayMetrics';
import type { AdmitHook } from './relay/admission';
import { automergeUpdateOps } from './relay/automerge/automergeUpdateOps';
import { BackgroundQueue } from './relay/BackgroundQueue';
import { AddressCounter, DEFAULT_LIMITS, type RelayLimits } from './relay/limits';
import type { RelayConnection } from './relay/RelayConnection';
import { RoomRegistry } from './relay/RoomRegistry';
import { chosenSubprotocol, createUpgradeHandler } from './relay/syncUpgrade';
import { WorkerUpdateOps } from './relay/UpdateWorker';
import { SealedHub } from './sealed/SealedHub';
import { createSealedEndpoint, isSealedPath } from './sealed/sealedUpgrade';
import {
  DEFAULT_SIGNALING_LIMITS,
  SignalingHub,
  type SignalingLimits,
} from './signaling/SignalingHub';
import { createSignalingUpgradeHandler, isSignalingPath } from './signaling/signalingUpgrade';
import { lockDataDir } from './store/dataDirLock';
import { FileRoomStore } from './store/FileRoomStore';
import { migrateLevelDataDir } from './store/migrateLevelStore';

export { DEFAULT_MAX_MESSAGE_BYTES } from './relay/limits';

export interface RelayOptions {
  /** 0 picks a free port. Default 8787. */
  readonly port?: number;
  /** Default 0.0.0.0. */
  readonly host?: string;
  /** Where the file store (FileRoomStore) keeps its files; ignored when `store` is given. */
  readonly dataDir?: string;
  /** A store to use instead of opening one in `dataDir`; the caller closes it. */
  readonly store?: RoomStore;
  /** Directory of the built PWA, or null to serve none. */
  readonly staticDir?: string | null;
  /** PEM certificate and key: serve HTTPS and WSS. */
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
  /** Larger messages close that connection with 4413. Default 1 MiB. Same as limits.maxMessageBytes. */
  readonly maxMessageBytes?: number;
  /** Rate and connection limits; each missing field takes its default. */
  readonly limits?: Partial<RelayLimits>;
  /** Limits of the `/signal` endpoint (WebRTC signaling); each missing field takes its default. */
  readonly signalingLimits?: Partial<SignalingLimits>;
  /**
   * Admit clients that present no capability to rooms that have no verifier
   * (browser clients that do not send capabilities yet). Default false.
   */
  readonly openRooms?: boolean;
  /**
   * Behind one reverse proxy: count and log connections under the last
   * X-Forwarded-For entry (the address the proxy saw). Default false: the
   * header is ignored (a client could forge it).
   */
  readonly trustProxy?: boolean;
  /** Compact a room's stored log past this many updates. Default 200. */
  readonly compactAfterUpdates?: number;
  /** The access seam; default: capability admission on the store (see openRooms). */
  readonly admit?: AdmitHook;
  readonly log?: Logger;
  /** How often the embedded store's data dir lock is touched and checked. Default 10 s. */
  readonly storeLockHeartbeatMs?: number;
  /** Websocket ping interval; a peer that misses one pong is cut. Default 30 s. */
  readonly heartbeatMs?: number;
  /** Photos and files: a blob store to use (the caller closes it); default: files in `dataDir`. */
  readonly blobStore?: BlobStore;
  /** Per-blob size and per-community quota; each missing field takes its default. */
  readonly blobLimits?: Partial<BlobLimits>;
  /** Cluster mode: rooms in Redis streams + Postgres, shared by several relays (cluster/). */
  readonly cluster?: ClusterOptions;
}

export interface RunningRelay {
  /** http(s)://<host>:<port>, with `localhost` for a wildcard host. */
  readonly url: string;
  /** ws(s)://<host>:<port>/sync: pass to `new WebsocketProvider(wsUrl, roomId, doc)`. */
  readonly wsUrl: string;
  readonly port: number;
  readonly tls: boolean;
  health(): HealthReport;
  /** Prometheus text, as served at /metrics. */
  metrics(): string;
  /** Stops accepting, closes clients with 4503, flushes and closes the store. */
  close(): Promise<void>;
}

export async function startRelay(options: RelayOptions = {}): Promise<RunningRelay> {
  const log = options.log ?? jsonLogger();
  const limits: RelayLimits = {
    ...DEFAULT_LIMITS,
    ...options.limits,
    ...(options.maxMessageBytes === undefined ? {} : { maxMessageBytes: options.maxMessageBytes }),
  };
  const ownsStore = options.store === undefined;
  let storeHealth: HealthReport['store'] = 'ok';
  const cluster =
    options.cluster === undefined
      ? undefined
      : // Loaded only in cluster mode: `npm start` never loads the Redis and Postgres clients.
        await (await import('./cluster/relayCluster')).openRelayCluster(options.cluster, log);
  const store =
    options.store ??
    cluster?.store ??
    (await openEmbeddedStore(options.dataDir ?? '.data', log, {
      heartbeatMs: options.storeLockHeartbeatMs,
      onLockLost: () => {
        storeHealth = 'lock-lost';
      },
      onDamagedLog: () => metrics.damagedLogs.inc(),
    }));
  const blobs = await openBlobStore(options, ownsStore, log);
  const connections = new Set<RelayConnection>();
  const signaling = new SignalingHub();
  const metrics: RelayMetrics = new RelayMetrics({
    connections: () => connections.size,
    // Read at scrape time only, after `rooms` exists.
    activeRooms: (): number => rooms.activeRooms,
    signalingConnections: () => signaling.connections.size,
    signalingTopics: () => signaling.topicCount,
  });
  const updates = new WorkerUpdateOps();
  const feed = cluster?.attach(updates, () => rooms);
  const automergeUpdates = automergeUpdateOps();
  const rooms: RoomRegistry = new RoomRegistry({
    ...(feed === undefined ? {} : { feed }),
    store,
    updates,
    automergeUpdates,
    compactAfterUpdates: options.compactAfterUpdates ?? 200,
    background: new BackgroundQueue(),
    log,
    metrics: roomMetricsOf(metrics),
  });
  const startedAt = Date.now();
  let shuttingDown = false;

  const health = (): HealthReport => ({
    ok: !shuttingDown && storeHealth === 'ok' && feed?.ok !== false,
    store: storeHealth,
    ...(feed === undefined ? {} : { cluster: feed.health() }),
    uptime: Math.round((Date.now() - startedAt) / 1000),
    roomsActive: rooms.activeRooms,
    connections: connections.size,
    protocolVersion: PROTOCOL_VERSION,
    unknownMessages: metrics.rejections.get(RejectionReason.UnsupportedMessage),
    malformedMessages: metrics.rejections.get(RejectionReason.MalformedMessage),
    refusedConnections: metrics.refusedConnections.get(),
  });
  const onRequest = createRequestHandler({
    staticDir: options.staticDir === undefined ? null : options.staticDir,
    health,
    metrics: () => metrics.render() + (feed?.renderMetrics() ?? ''),
    log,
    blobs: blobs.routes(store),
  });
  const server: Server = options.tls
    ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, onRequest)
    : createHttpServer(onRequest);
  const wss = new WebSocketServer({
    noServer: true,
    // Hard cap for ws itself (it closes with 1009 above it); below it the relay
    // closes with 4413 and a reason.
    maxPayload: Math.max(limits.maxMessageBytes * 4, limits.maxMessageBytes + 1024 * 1024),
    perMessageDeflate: false,
    handleProtocols: (_protocols, req) => chosenSubprotocol.get(req) ?? false,
  });
  const perAddress = new AddressCounter();
  const onSignalingUpgrade = createSignalingUpgradeHandler({
    hub: signaling,
    checkTopic: createTopicCheck(store),
    limits: { ...DEFAULT_SIGNALING_LIMITS, ...options.signalingLimits },
    connectionsPerIp: limits.connectionsPerIp,
    perAddress,
    trustProxy: options.trustProxy === true,
    log,
    metrics,
    isShuttingDown: () => shuttingDown,
  });
  const onSyncUpgrade = createUpgradeHandler({
    wss,
    registry: rooms,
    admit: withRoomKinds(
      options.admit ??
        createCapabilityAdmission({ store, openRooms: options.openRooms === true, log }),
      { store, log, activeKind: (roomId) => rooms.activeKind(roomId) },
    ),
    limits,
    log,
    metrics,
    connections,
    perAddress,
    trustProxy: options.trustProxy === true,
    isShuttingDown: () => shuttingDown,
  });
  // Sealed communities (issue 12): ciphertext-only rooms on their own path.
  const sealed = createSealedEndpoint({
    hub: new SealedHub(store),
    log,
    limits,
    perAddress,
    trustProxy: options.trustProxy === true,
    isShuttingDown: () => shuttingDown,
    ...(options.cluster === undefined
      ? {}
      : { unavailable: 'sealed communities are not served in cluster mode yet' }),
  });
  server.on('upgrade', (req, socket, head: Buffer) => {
    if (isSignalingPath(req.url)) onSignalingUpgrade(req, socket, head);
    else if (isSealedPath(req.url)) sealed.onUpgrade(req, socket, head);
    else onSyncUpgrade(req, socket, head);
  });
  const heartbeat = setInterval(() => {
    for (const connection of [...connections, ...signaling.connections]) {
      if (!connection.alive) connection.terminate();
      connection.alive = false;
      connection.ping();
    }
  }, options.heartbeatMs ?? 30_000);
  heartbeat.unref();

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 8787, options.host ?? '0.0.0.0', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    clearInterval(heartbeat);
    await feed?.close();
    await updates.close();
    await blobs.close();
    await automergeUpdates.close();
    if (ownsStore) await store.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const tls = options.tls !== undefined;
  const host = displayHost(options.host ?? '0.0.0.0');
  const url = `${tls ? 'https' : 'http'}://${host}:${port}`;
  log.info('relay.listening', { port, host: options.host ?? '0.0.0.0', tls });

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      shuttingDown = true;
      clearInterval(heartbeat);
      const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      const stopping = new RelayError(CloseReason.ShuttingDown, 'relay is restarting');
      for (const connection of connections) connection.close(stopping);
      for (const connection of signaling.connections) connection.close(stopping);
      sealed.closeAll('relay is restarting');
      await rooms.idle();
      await feed?.close();
      await updates.close();
      await blobs.close();
      await automergeUpdates.close();
      if (ownsStore) await store.close();
      const grace = setTimeout(() => {
        for (const connection of [...connections, ...signaling.connections]) {
          connection.terminate();
        }
      }, 1_000);
      server.closeAllConnections();
      await serverClosed;
      clearTimeout(grace);
      wss.close();
      log.info('relay.closed', { port });
    })();
    return closing;
  };

  return {
    url,
    wsUrl: `${tls ? 'wss' : 'ws'}://${host}:${port}/sync`,
    port,
    tls,
    health,
    metrics: () => metrics.render() + (feed?.renderMetrics() ?? ''),
    close,
  };
}

/**
 * The file store (store/FileRoomStore.ts); a data directory written by an
 * earlier relay (LevelDB) is migrated to it first, once.
 */
async function openEmbeddedStore(
  dataDir: string,
  log: Logger,
  hooks: {
    readonly heartbeatMs: number | undefined;
    readonly onLockLost: () => void;
    readonly onDamagedLog: () => void;
  },
): Promise<RoomStore> {
  await mkdir(dataDir, { recursive: true });
  const lock = await lockDataDir(dataDir, { heartbeatMs: hooks.heartbeatMs });
  try {
    await migrateLevelDataDir(dataDir, log);
    lock.onLost(() => {
      log.error('store.lock_lost', { dataDir: lock.dir });
      hooks.onLockLost();
    });
    return await FileRoomStore.open(dataDir, {
      lock,
      onDamagedLog: (report) => {
        log.error('store.damaged_log', { ...report });
        hooks.onDamagedLog();
      },
    });
  } catch (error) {
    await lock.release();
    throw error;
  }
}

function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}
