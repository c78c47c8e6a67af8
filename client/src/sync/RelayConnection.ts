import {
  type BackoffPolicy,
  type CloseReason,
  type CrdtDocument,
  closeReasonForCode,
  formatSubprotocol,
  isPermanentCloseCode,
  PROTOCOL_VERSION,
  ReconnectScheduler,
  type RelayCredentials,
  relaySubprotocols,
} from '@ensemble/shared';
import { WebsocketProvider } from 'y-websocket';
import { yDocOf } from '../crdt/yjsDoc';
import { type ReadableStore, ValueStore } from '../util/ValueStore';
import { DocAwareness } from './DocAwareness';
import { readLastSynced, readPending, writeLastSynced, writePending } from './lastSynced';
import type { NetworkStatus } from './NetworkStatus';
import type { AwarenessHandle } from './Presence';
import { routeRelayAwareness } from './relayAwareness';
import { defaultRelayUrl } from './relayUrl';
import {
  type ConnectionEvent,
  type ConnectionFacts,
  reduceConnection,
  type SyncProgress,
  SyncState,
  syncStateOf,
} from './syncStatus';

export interface RelayRefusal {
  readonly code: number;
  readonly reason: CloseReason | undefined;
  readonly detail: string;
}

export interface RelayConnectionOptions {
  readonly url?: string;
  /**
   * What to present to the relay, read at each (re)connection so a newly learnt document
   * epoch is sent too. Travels in the websocket subprotocol header, never in the URL.
   */
  readonly credentials?: () => RelayCredentials;
  /** Reconnection backoff (full jitter); tests shorten it. */
  readonly backoff?: BackoffPolicy;
  /** For tests: a WebSocket implementation. */
  readonly WebSocketPolyfill?: typeof WebSocket;
  /** When this document was last in sync with the relay, if known (tests). */
  readonly lastSyncedAt?: number | undefined;
  /** Keep the last synced time across restarts (sync/lastSynced.ts), for the badge offline. */
  readonly rememberLastSynced?: boolean;
  /** For tests: the clock of lastSyncedAt. */
  readonly now?: () => number;
}

/**
 * Keeps one open document in sync with the relay (y-websocket protocol; the room is the
 * document id) and tells how that is going. Other tabs of this browser also sync
 * through a BroadcastChannel. Disconnects while the browser is offline. Carries the
 * document's awareness (shared with its direct links, see DocAwareness).
 */
export class RelayConnection {
  private readonly provider: WebsocketProvider;
  private facts: ConnectionFacts;
  private readonly state: ValueStore<SyncState>;
  private readonly refusedFor = new ValueStore<RelayRefusal | undefined>(undefined);
  private readonly cleanups: (() => void)[] = [];
  private readonly retries: ReconnectScheduler;
  private readonly progressStore: ValueStore<SyncProgress>;
  private readonly now: () => number;
  /** The document whose last synced time is kept across restarts, if it is. */
  private readonly remember: string | undefined;
  private readonly presence: DocAwareness;

  constructor(
    doc: CrdtDocument,
    private readonly network: NetworkStatus,
    options: RelayConnectionOptions = {},
  ) {
    this.presence = DocAwareness.of(doc);
    this.provider = new WebsocketProvider(options.url ?? defaultRelayUrl(), doc.id, yDocOf(doc), {
      connect: false,
      disableBc: false,
      awareness: this.presence.awareness,
      // The protocol version handshake: a relay that no longer speaks it says so (close 4426).
      protocols: [formatSubprotocol(PROTOCOL_VERSION)],
      ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
    });
    const provider = this.provider;
    // Seed from the provider's current state; events only tell what changes next.
    this.facts = {
      online: network.get(),
      socket: provider.wsconnected
        ? 'connected'
        : provider.wsconnecting
          ? 'connecting'
          : 'disconnected',
      synced: provider.synced,
      failures: provider.wsUnsuccessfulReconnects,
    };
    this.state = new ValueStore(syncStateOf(this.facts));
    this.now = options.now ?? Date.now;
    this.remember = options.rememberLastSynced === true ? doc.id : undefined;
    const lastSyncedAt =
      options.lastSyncedAt ?? (this.remember ? readLastSynced(this.remember) : undefined);
    // Changes made before a reload while not in sync still wait (they are in IndexedDB).
    const pending = this.remember ? readPending(this.remember) : 0;
    this.progressStore = new ValueStore<SyncProgress>(
      lastSyncedAt === undefined ? { pending } : { pending, lastSyncedAt },
    );
    // A change made here while not in sync waits to be sent (y-websocket sends it, with
    // the others, in its answer to the relay's sync step 1 once connected).
    this.cleanups.push(
      doc.onChange((event) => {
        if (!event.local || this.state.get() === SyncState.synced) return;
        const progress = this.progressStore.get();
        this.progressStore.set({ ...progress, pending: progress.pending + 1 });
        if (this.remember) writePending(this.remember, progress.pending + 1);
      }),
    );

    const onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) =>
      this.dispatch({ type: 'socket', status });
    const onSync = (synced: boolean) => {
      if (synced) this.retries.onOpened();
      this.dispatch({ type: 'sync', synced });
    };
    // Reconnection is ours, with exponential backoff and full jitter: y-websocket's own has no
    // jitter, and 1,000 clients of a restarted relay must not come back in the same instant.
    this.retries = new ReconnectScheduler({
      connect: () => this.connectNow(),
      timers: {
        setTimeout: (callback, ms) => setTimeout(callback, ms),
        clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
      },
      ...(options.backoff ? { policy: options.backoff } : {}),
    });
    const onClose = (event: CloseEvent | null) => {
      this.dispatch({ type: 'close' });
      // A close we did not ask for: stop the provider's own retry timer (it checks
      // shouldConnect) and schedule ours. Permanent refusals arrive as 'closed' below.
      if (event !== null && !isPermanentCloseCode(event.code)) {
        provider.shouldConnect = false;
        this.retries.onClosed({ code: event.code, reason: event.reason });
      }
    };
    const onClosed = (event: { code: number; reason: string }) =>
      this.dispatch({ type: 'refused', code: event.code, reason: event.reason });
    provider.on('status', onStatus);
    provider.on('sync', onSync);
    provider.on('connection-close', onClose);
    provider.on('closed', onClosed);
    this.cleanups.push(() => {
      provider.off('status', onStatus);
      provider.off('sync', onSync);
      provider.off('connection-close', onClose);
      provider.off('closed', onClosed);
    });
    this.cleanups.push(network.subscribe(() => this.onNetwork(network.get())));
    this.cleanups.push(routeRelayAwareness(provider, this.presence));

    this.credentials = options.credentials;
    if (network.get()) this.connectNow();
    // Tabs of this browser sync through a BroadcastChannel even with no network at all.
    else this.provider.connectBc();
  }

  private readonly credentials: (() => RelayCredentials) | undefined;

  /** Opens the socket now, with the current credentials. */
  private connectNow(): void {
    if (this.credentials) this.provider.protocols = relaySubprotocols(this.credentials());
    this.provider.connect();
  }

  /** offline | connecting | syncing | synced | unreachable | too-old | refused */
  get status(): ReadableStore<SyncState> {
    return this.state;
  }

  /** Changes waiting to be sent, and when the relay and this device were last in sync. */
  get progress(): ReadableStore<SyncProgress> {
    return this.progressStore;
  }

  /** Why the relay closed for good (client too old, forbidden…), until a reconnect. */
  get refusal(): ReadableStore<RelayRefusal | undefined> {
    return this.refusedFor;
  }

  /** Who else has this document open (y-protocols awareness, shared by every path). */
  get awareness(): AwarenessHandle {
    return this.presence.awareness;
  }

  /** Details behind the status (why the relay refused us, failed attempts). */
  get details(): ConnectionFacts {
    return this.facts;
  }

  /** Tries again now (after the relay refused us, or on the user's request). */
  reconnect(): void {
    this.dispatch({ type: 'reconnect' });
    this.retries.resume();
    if (this.network.get()) this.connectNow();
  }

  /** Tells the relay that this device leaves (no ghost cursor), then closes. */
  destroy(): void {
    this.retries.stop();
    this.presence.leave();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.provider.destroy();
  }

  private onNetwork(online: boolean): void {
    this.dispatch({ type: 'network', online });
    if (online) {
      // Back online: try at once (the network changed, not the relay).
      this.dispatch({ type: 'reconnect' });
      this.retries.resume();
      this.connectNow();
    } else {
      this.retries.stop();
      this.provider.disconnect();
      // disconnect() also leaves the tabs' BroadcastChannel: offline, other tabs are the peers.
      this.provider.connectBc();
    }
  }

  /** Records "in sync until now" (kept across restarts when asked to). */
  private syncedNow(pending: number): void {
    const lastSyncedAt = this.now();
    this.progressStore.set({ pending, lastSyncedAt });
    if (this.remember) {
      writeLastSynced(this.remember, lastSyncedAt);
      writePending(this.remember, pending);
    }
  }

  private dispatch(event: ConnectionEvent): void {
    this.facts = reduceConnection(this.facts, event);
    const before = this.state.get();
    const after = syncStateOf(this.facts);
    this.state.set(after);
    if (after === SyncState.synced && before !== SyncState.synced) {
      // Everything made here went out with our sync step 2, before the relay's answer.
      this.syncedNow(0);
    } else if (before === SyncState.synced && after !== SyncState.synced) {
      this.syncedNow(this.progressStore.get().pending);
    }
    const refused = this.facts.refused;
    if (refused?.code !== this.refusedFor.get()?.code) {
      this.refusedFor.set(
        refused
          ? { code: refused.code, reason: closeReasonForCode(refused.code), detail: refused.reason }
          : undefined,
      );
    }
  }
}
