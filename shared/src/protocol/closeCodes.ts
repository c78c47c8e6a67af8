/**
 * Websocket close codes used by the relay, one per reason.
 *
 * y-websocket 3.x clients stop reconnecting on codes 4400-4499 ("permanent":
 * reconnecting cannot fix it) and retry with backoff on every other code, so
 * the codes are split by that policy:
 * - 4400-4499: permanent refusals; the client stops and shows the reason;
 * - 4500-4599: transient conditions; the client reconnects with backoff.
 */
export const CloseReason = {
  MalformedMessage: 'malformed-message',
  Unauthenticated: 'unauthenticated',
  Forbidden: 'forbidden',
  NotFound: 'not-found',
  ProtocolTooNew: 'protocol-too-new',
  MessageTooLarge: 'message-too-large',
  UnsupportedMessage: 'unsupported-message',
  EpochMismatch: 'epoch-mismatch',
  /** issue 13: the room holds documents of another engine (Yjs vs Automerge). */
  RoomKindMismatch: 'room-kind-mismatch',
  ClientTooOld: 'client-too-old',
  InternalError: 'internal-error',
  ShuttingDown: 'shutting-down',
  RateLimited: 'rate-limited',
} as const;
export type CloseReason = (typeof CloseReason)[keyof typeof CloseReason];

export interface CloseCodeInfo {
  readonly code: number;
  /** True when a client must not reconnect automatically (4400-4499). */
  readonly permanent: boolean;
}

/** Each reason's code; what each means is said beside it (and in sync-server/PROTOCOL.md). */
export const CLOSE_CODES: Readonly<Record<CloseReason, CloseCodeInfo>> = {
  /** a message could not be decoded (bad framing, truncated varint, unparsable update) */
  [CloseReason.MalformedMessage]: { code: 4400, permanent: true },
  /** the handshake carried no capability, and the room requires one */
  [CloseReason.Unauthenticated]: { code: 4401, permanent: true },
  /** the capability does not open this room */
  [CloseReason.Forbidden]: { code: 4403, permanent: true },
  /** the room id is invalid or the room does not exist */
  [CloseReason.NotFound]: { code: 4404, permanent: true },
  /** the client only offers protocol versions newer than this relay speaks */
  [CloseReason.ProtocolTooNew]: { code: 4406, permanent: true },
  /** a message exceeded the relay maximum message size */
  [CloseReason.MessageTooLarge]: { code: 4413, permanent: true },
  /** unknown message type, or a type a client must not send */
  [CloseReason.UnsupportedMessage]: { code: 4415, permanent: true },
  /** the relay holds another document (another epoch) under this room id: refusing to merge */
  [CloseReason.EpochMismatch]: { code: 4409, permanent: true },
  /** the room holds another engine's document (a Yjs client in an Automerge room, or back) */
  [CloseReason.RoomKindMismatch]: { code: 4410, permanent: true },
  /** the client protocol version is no longer supported: reload the app */
  [CloseReason.ClientTooOld]: { code: 4426, permanent: true },
  /** the relay failed (e.g. a store write); nothing unacknowledged was kept */
  [CloseReason.InternalError]: { code: 4500, permanent: false },
  /** the relay is shutting down; reconnect later */
  [CloseReason.ShuttingDown]: { code: 4503, permanent: false },
  /** a rate or connection limit was exceeded; reconnect later (with backoff) */
  [CloseReason.RateLimited]: { code: 4529, permanent: false },
};

export function closeCodeFor(reason: CloseReason): number {
  return CLOSE_CODES[reason].code;
}

export function closeReasonForCode(code: number): CloseReason | undefined {
  for (const [reason, info] of Object.entries(CLOSE_CODES)) {
    if (info.code === code) return reason as CloseReason;
  }
  return undefined;
}

/** Max bytes of a websocket close reason (RFC 6455: 125-byte control frame payload - 2). */
export const MAX_CLOSE_REASON_BYTES = 123;

/**
 * The close-frame reason text: `<reason>: <detail>`, ASCII only and cut to fit
 * a close frame. Never put secrets or user content in `detail`.
 */
export function formatCloseReason(reason: CloseReason, detail: string): string {
  const ascii = `${reason}: ${detail}`.replace(/[^\x20-\x7e]/g, '?');
  return ascii.length > MAX_CLOSE_REASON_BYTES ? ascii.slice(0, MAX_CLOSE_REASON_BYTES) : ascii;
}
