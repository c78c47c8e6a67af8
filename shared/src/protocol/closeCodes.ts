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
  readonly description: string;
}

export const CLOSE_CODES: Readonly<Record<CloseReason, CloseCodeInfo>> = {
  [CloseReason.MalformedMessage]: {
    code: 4400,
    permanent: true,
    description:
      'a message could not be decoded (bad framing, truncated varint, unparsable update)',
  },
  [CloseReason.Unauthenticated]: {
    code: 4401,
    permanent: true,
    description: 'the handshake carried no capability, and the room requires one',
  },
  [CloseReason.Forbidden]: {
    code: 4403,
    permanent: true,
    description: 'the capability does not open this room',
  },
  [CloseReason.NotFound]: {
    code: 4404,
    permanent: true,
    description: 'the room id is invalid or the room does not exist',
  },
  [CloseReason.ProtocolTooNew]: {
    code: 4406,
    permanent: true,
    description: 'the client only offers protocol versions newer than this relay speaks',
  },
  [CloseReason.MessageTooLarge]: {
    code: 4413,
    permanent: true,
    description: 'a message exceeded the relay maximum message size',
  },
  [CloseReason.UnsupportedMessage]: {
    code: 4415,
    permanent: true,
    description: 'unknown message type, or a type a client must not send',
  },
  [CloseReason.EpochMismatch]: {
    code: 4409,
    permanent: true,
    description:
      'the relay holds another document (another epoch) under this room id: refusing to merge',
  },
  [CloseReason.ClientTooOld]: {
    code: 4426,
    permanent: true,
    description: 'the client protocol version is no longer supported: reload the app',
  },
  [CloseReason.InternalError]: {
    code: 4500,
    permanent: false,
    description: 'the relay failed (e.g. a store write); nothing unacknowledged was kept',
  },
  [CloseReason.ShuttingDown]: {
    code: 4503,
    permanent: false,
    description: 'the relay is shutting down; reconnect later',
  },
  [CloseReason.RateLimited]: {
    code: 4529,
    permanent: false,
    description: 'a rate or connection limit was exceeded; reconnect later (with backoff)',
  },
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
