/** What the badge shows for an open document. */
export const SyncState = {
  /** The device has no network: a normal state, everything keeps working here. */
  offline: 'offline',
  connecting: 'connecting',
  syncing: 'syncing',
  synced: 'synced',
  /** Online, but the relay did not answer several attempts in a row (retrying with backoff). */
  unreachable: 'unreachable',
  /** The relay no longer speaks this app's protocol version: reload to update. */
  tooOld: 'too-old',
  /** The relay refused this device for good (no or wrong capability, unknown room...). */
  refused: 'refused',
} as const;
export type SyncState = (typeof SyncState)[keyof typeof SyncState];

/** Close code of "client too old" (shared/src/protocol/closeCodes.ts). */
const CLIENT_TOO_OLD = 4426;

/** After this many closed attempts in a row, the relay is treated as unreachable. */
export const FAILURES_BEFORE_OFFLINE = 3;

export interface ConnectionFacts {
  readonly online: boolean;
  readonly socket: 'connecting' | 'connected' | 'disconnected';
  /** The relay answered our state vector since the socket opened. */
  readonly synced: boolean;
  /** Closed connection attempts since the last successful sync. */
  readonly failures: number;
  /** The relay closed for good (a 44xx close code), with its reason. */
  readonly refused?: { readonly code: number; readonly reason: string };
}

export type ConnectionEvent =
  | { readonly type: 'network'; readonly online: boolean }
  | { readonly type: 'socket'; readonly status: 'connecting' | 'connected' | 'disconnected' }
  | { readonly type: 'sync'; readonly synced: boolean }
  | { readonly type: 'close' }
  | { readonly type: 'refused'; readonly code: number; readonly reason: string }
  | { readonly type: 'reconnect' };

export const initialFacts: ConnectionFacts = {
  online: true,
  socket: 'disconnected',
  synced: false,
  failures: 0,
};

export function reduceConnection(facts: ConnectionFacts, event: ConnectionEvent): ConnectionFacts {
  switch (event.type) {
    case 'network':
      return { ...facts, online: event.online };
    case 'socket':
      return {
        ...facts,
        socket: event.status,
        synced: event.status === 'connected' ? facts.synced : false,
      };
    case 'sync':
      return event.synced ? { ...facts, synced: true, failures: 0 } : { ...facts, synced: false };
    case 'close':
      return { ...facts, socket: 'disconnected', synced: false, failures: facts.failures + 1 };
    case 'refused':
      return { ...facts, refused: { code: event.code, reason: event.reason } };
    case 'reconnect': {
      const { refused: _refused, ...rest } = facts;
      return { ...rest, failures: 0 };
    }
    default:
      return assertNever(event);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unknown connection event: ${JSON.stringify(value)}`);
}

/** The badge state. Honest: "synced" only once the relay has answered on an open socket. */
export function syncStateOf(facts: ConnectionFacts): SyncState {
  if (!facts.online) return SyncState.offline;
  if (facts.refused) {
    return facts.refused.code === CLIENT_TOO_OLD ? SyncState.tooOld : SyncState.refused;
  }
  if (facts.socket === 'connected') return facts.synced ? SyncState.synced : SyncState.syncing;
  if (facts.failures >= FAILURES_BEFORE_OFFLINE) return SyncState.unreachable;
  return SyncState.connecting;
}

/** What is not visible in the state alone: changes waiting to be sent, and when the relay last had everything. */
export interface SyncProgress {
  /** Changes made on this device since the relay last had all of them (not yet sent). */
  readonly pending: number;
  /** When this device and the relay were last in sync (epoch ms), if ever known. */
  readonly lastSyncedAt?: number;
}
