/**
 * Numeric tags of the y-websocket wire protocol (y-protocols 1.0.7), which the
 * Ensemble relay speaks so that a stock `WebsocketProvider` can sync through it.
 * See sync-server/PROTOCOL.md.
 */

/** First varuint of every websocket message. */
export const MessageType = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/** Second varuint of a {@link MessageType.Sync} message. */
export const SyncMessageType = {
  Step1: 0,
  Step2: 1,
  Update: 2,
} as const;
export type SyncMessageType = (typeof SyncMessageType)[keyof typeof SyncMessageType];

/** Second varuint of a {@link MessageType.Auth} message (y-protocols/auth). */
export const AuthMessageType = {
  PermissionDenied: 0,
} as const;
export type AuthMessageType = (typeof AuthMessageType)[keyof typeof AuthMessageType];

/**
 * A decoded wire message, keyed on a literal `type`. Payloads are opaque bytes:
 * this module frames messages; it does not interpret CRDT updates.
 */
export type WireMessage =
  | { readonly type: 'syncStep1'; readonly stateVector: Uint8Array }
  | { readonly type: 'syncStep2'; readonly update: Uint8Array }
  | { readonly type: 'syncUpdate'; readonly update: Uint8Array }
  | { readonly type: 'awareness'; readonly update: Uint8Array }
  | { readonly type: 'queryAwareness' }
  | { readonly type: 'authPermissionDenied'; readonly reason: string };

export type WireMessageType = WireMessage['type'];
