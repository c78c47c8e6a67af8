import { CloseReason } from './closeCodes';
import { type DecodeResult, decoded, rejected } from './RelayError';

/** The wire protocol version this code speaks (see sync-server/PROTOCOL.md). */
export const PROTOCOL_VERSION = 1;
/** The oldest client protocol version the relay still accepts. */
export const MIN_SUPPORTED_PROTOCOL_VERSION = 1;
/** Websocket subprotocol naming a protocol version: `ensemble.v1`. */
export const SUBPROTOCOL_PREFIX = 'ensemble.v';

export function formatSubprotocol(version: number): string {
  return `${SUBPROTOCOL_PREFIX}${version}`;
}

export function parseSubprotocolVersion(protocol: string): number | undefined {
  if (!protocol.startsWith(SUBPROTOCOL_PREFIX)) return undefined;
  const digits = protocol.slice(SUBPROTOCOL_PREFIX.length);
  return /^(0|[1-9][0-9]{0,5})$/.test(digits) ? Number(digits) : undefined;
}

export interface NegotiatedProtocol {
  readonly version: number;
  /** The subprotocol to echo in the upgrade response; null when the client offered none. */
  readonly subprotocol: string | null;
}

/**
 * Picks the protocol version from the offered websocket subprotocols. A stock
 * y-websocket client offers none and is treated as version 1. A client that
 * offers subprotocols must include an `ensemble.v<N>` one; others (e.g. a
 * future credential) are ignored here.
 */
export function negotiateProtocol(offered: readonly string[]): DecodeResult<NegotiatedProtocol> {
  const versions = offered
    .map((protocol) => ({ protocol, version: parseSubprotocolVersion(protocol) }))
    .filter((v): v is { protocol: string; version: number } => v.version !== undefined);
  if (offered.length === 0) {
    return decoded({ version: 1, subprotocol: null });
  }
  if (versions.length === 0) {
    return rejected(CloseReason.MalformedMessage, `offer ${formatSubprotocol(PROTOCOL_VERSION)}`);
  }
  const supported = versions
    .filter((v) => v.version >= MIN_SUPPORTED_PROTOCOL_VERSION && v.version <= PROTOCOL_VERSION)
    .sort((a, b) => b.version - a.version);
  const best = supported[0];
  if (best !== undefined) {
    return decoded({ version: best.version, subprotocol: best.protocol });
  }
  const newest = Math.max(...versions.map((v) => v.version));
  if (newest < MIN_SUPPORTED_PROTOCOL_VERSION) {
    return rejected(CloseReason.ClientTooOld, `protocol v${newest} is too old, reload the app`);
  }
  return rejected(CloseReason.ProtocolTooNew, `relay speaks up to v${PROTOCOL_VERSION}`);
}
