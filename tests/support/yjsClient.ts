import {
  type BackoffPolicy,
  type CloseInfo,
  newCapability,
  ReconnectScheduler,
  randomId128,
  relaySubprotocols,
} from '@ensemble/shared';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** A Node client: a Y.Doc synced through the relay by a stock y-websocket provider. */
export interface SyncClient {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  readonly items: Y.Array<string>;
  /** Resolves once the provider received the relay's sync step 2. */
  synced(): Promise<void>;
  /** The first close the relay sent that stops reconnecting (4400-4499). */
  closed(): Promise<{ code: number; reason: string }>;
  /** With `reconnect`: the scheduler, and the time (Date.now) of each reconnection attempt. */
  readonly scheduler: ReconnectScheduler | undefined;
  readonly attempts: number[];
  destroy(): void;
}

export interface ClientOptions {
  /** Subprotocols to offer as they are; default: built from the credentials below. */
  readonly protocols?: string[];
  readonly capability?: string;
  readonly epoch?: string;
  readonly readVerifier?: string;
  readonly readOnly?: boolean;
  readonly doc?: Y.Doc;
  /**
   * Reconnect with a ReconnectScheduler (full jitter) instead of the
   * provider's own backoff, as the browser client does.
   */
  readonly reconnect?: { readonly policy: BackoffPolicy; readonly random?: () => number };
}

/** A room id the relay accepts (16-64 of [A-Za-z0-9_-]), readable in logs. */
export function testRoom(label: string): string {
  return `${label}_${randomId128()}`;
}

/** A room and the write capability that creates it. */
export function newRoom(label: string): { room: string; capability: string } {
  return { room: testRoom(label), capability: newCapability() };
}

const nodeTimers = {
  setTimeout: (callback: () => void, ms: number): unknown => setTimeout(callback, ms),
  clearTimeout: (handle: unknown): void => clearTimeout(handle as NodeJS.Timeout),
};

export function openClient(wsUrl: string, room: string, options: ClientOptions = {}): SyncClient {
  const doc = options.doc ?? new Y.Doc();
  const protocols =
    options.protocols ??
    (options.capability === undefined
      ? []
      : relaySubprotocols({
          capability: options.capability,
          epoch: options.epoch,
          readVerifier: options.readVerifier,
          readOnly: options.readOnly,
        }));
  const provider = new WebsocketProvider(wsUrl, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    // Node 20 has BroadcastChannel: without this, clients in one test process
    // would sync with each other without the relay.
    disableBc: true,
    maxBackoffTime: 500,
    protocols,
  });
  const closedEvent = new Promise<{ code: number; reason: string }>((resolve) =>
    provider.on('closed', (event) => resolve(event)),
  );
  const attempts: number[] = [];
  const scheduler =
    options.reconnect === undefined
      ? undefined
      : driveWithScheduler(provider, options.reconnect, () => attempts.push(Date.now()));
  return {
    doc,
    provider,
    items: doc.getArray<string>('items'),
    synced: () =>
      provider.synced
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            const onSync = (state: boolean): void => {
              if (!state) return;
              provider.off('sync', onSync);
              resolve();
            };
            provider.on('sync', onSync);
          }),
    closed: () => closedEvent,
    scheduler,
    attempts,
    destroy: () => {
      scheduler?.stop();
      provider.destroy();
      doc.destroy();
    },
  };
}

/**
 * Takes reconnection away from the provider: on every close, disconnect()
 * (shouldConnect = false, so the provider's own timer, which only reconnects
 * while shouldConnect is true and no socket exists, does nothing), then let
 * the scheduler call connect() after a full-jitter delay. A close whose code
 * is permanent (4400-4499) stops the scheduler.
 */
function driveWithScheduler(
  provider: WebsocketProvider,
  reconnect: NonNullable<ClientOptions['reconnect']>,
  onAttempt: () => void,
): ReconnectScheduler {
  const scheduler = new ReconnectScheduler({
    connect: () => {
      onAttempt();
      provider.connect();
    },
    timers: nodeTimers,
    policy: reconnect.policy,
    ...(reconnect.random === undefined ? {} : { random: reconnect.random }),
  });
  let closing = false;
  provider.on('connection-close', (event) => {
    // disconnect() below closes the same socket again and re-emits: ignore that.
    if (closing || scheduler.isStopped) return;
    closing = true;
    try {
      provider.disconnect();
    } finally {
      closing = false;
    }
    const close: CloseInfo | null =
      event === null ? null : { code: event.code, reason: event.reason };
    scheduler.onClosed(close);
  });
  provider.on('sync', (state) => {
    if (state) scheduler.onOpened();
  });
  return scheduler;
}

/** Pushes items one transaction each, so each is its own update on the wire. */
export function pushEach(client: SyncClient, texts: readonly string[]): void {
  for (const text of texts) client.items.push([text]);
}

export function sorted(client: SyncClient): string[] {
  return client.items.toArray().slice().sort();
}
