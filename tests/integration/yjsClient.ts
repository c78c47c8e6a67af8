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
  destroy(): void;
}

export function openClient(
  wsUrl: string,
  room: string,
  options: { protocols?: string[]; doc?: Y.Doc } = {},
): SyncClient {
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(wsUrl, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    // Node 20 has BroadcastChannel: without this, clients in one test process
    // would sync with each other without the relay.
    disableBc: true,
    maxBackoffTime: 500,
    protocols: options.protocols ?? [],
  });
  const closedEvent = new Promise<{ code: number; reason: string }>((resolve) =>
    provider.on('closed', (event) => resolve(event)),
  );
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
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Pushes items one transaction each, so each is its own update on the wire. */
export function pushEach(client: SyncClient, texts: readonly string[]): void {
  for (const text of texts) client.items.push([text]);
}

export function sorted(client: SyncClient): string[] {
  return client.items.toArray().slice().sort();
}
