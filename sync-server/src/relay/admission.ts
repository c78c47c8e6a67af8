import type { RelayError, Result, RoomId } from '@ensemble/shared';

/**
 * Room kinds. Today every room is `plain` (the relay can read the updates).
 * Planned: `sealed` rooms whose updates are ciphertext (see ARCHITECTURE.md).
 */
export const RoomKind = {
  Plain: 'plain',
  /** issue 13: Automerge change chunks, opaque and checksummed (relay/automerge/). */
  Automerge: 'automerge',
} as const;
export type RoomKind = (typeof RoomKind)[keyof typeof RoomKind];

/** What an admitted connection may do: write, or only read (its updates are refused). */
export const RoomAccess = { Write: 'write', Read: 'read' } as const;
export type RoomAccess = (typeof RoomAccess)[keyof typeof RoomAccess];

/** What the relay knows about a connection when deciding to admit it. */
export interface AdmissionRequest {
  readonly roomId: RoomId;
  /** Negotiated wire protocol version (1 for a stock y-websocket client). */
  readonly protocolVersion: number;
  /**
   * Every websocket subprotocol the client offered, credentials included
   * (`ensemble.cap.<secret>`): never log these values.
   */
  readonly offeredSubprotocols: readonly string[];
  readonly remoteAddress: string;
}

export interface Admitted {
  readonly roomKind: RoomKind;
  readonly access: RoomAccess;
}

/**
 * The access seam: called once per connection after the websocket upgrade and
 * before any message is processed. A refusal is sent to the client as a
 * y-protocols auth "permission denied" message, then the socket is closed
 * with the error's code (e.g. 4401 / 4403 / 4409).
 */
export type AdmitHook = (
  request: AdmissionRequest,
) => Result<Admitted, RelayError> | Promise<Result<Admitted, RelayError>>;

/** Admits every well-formed room as a plain, writable room (tests and experiments). */
export const admitEverything: AdmitHook = () => ({
  ok: true,
  value: { roomKind: RoomKind.Plain, access: RoomAccess.Write },
});
