import type { RelayError, Result, RoomId } from '@ensemble/shared';

/**
 * Room kinds. Today every room is `plain` (the relay can read the updates).
 * Planned: `sealed` rooms whose updates are ciphertext (see ARCHITECTURE.md).
 */
export const RoomKind = { Plain: 'plain' } as const;
export type RoomKind = (typeof RoomKind)[keyof typeof RoomKind];

/** What the relay knows about a connection when deciding to admit it. */
export interface AdmissionRequest {
  readonly roomId: RoomId;
  /** Negotiated wire protocol version (1 for a stock y-websocket client). */
  readonly protocolVersion: number;
  /**
   * Every websocket subprotocol the client offered. The planned handshake
   * carries a capability proof here; never log these values.
   */
  readonly offeredSubprotocols: readonly string[];
  readonly remoteAddress: string;
}

export interface Admitted {
  readonly roomKind: RoomKind;
}

/**
 * The access seam: called once per connection after the websocket upgrade and
 * before any message is processed. A refusal is sent to the client as a
 * y-protocols auth "permission denied" message, then the socket is closed
 * with the error's code (e.g. 4401 / 4403).
 */
export type AdmitHook = (
  request: AdmissionRequest,
) => Result<Admitted, RelayError> | Promise<Result<Admitted, RelayError>>;

/** Today's policy: every well-formed room is a plain room open to everyone. */
export const admitEverything: AdmitHook = () => ({ ok: true, value: { roomKind: RoomKind.Plain } });
