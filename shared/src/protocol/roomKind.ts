import { EngineName } from '../crdt/DocumentPort';
import { CloseReason } from './closeCodes';
import { type DecodeResult, decoded, rejected } from './RelayError';

/**
 * [KIND1] The engine of a room's document, offered by the client as the websocket
 * subprotocol `ensemble.kind.<engine>` (no secret: it may be echoed and logged). No token
 * means `yjs`, so a stock y-websocket client keeps working on Yjs rooms. The relay records
 * the kind in the room's metadata when the room is created and refuses a connection of
 * another kind with 4410 `room-kind-mismatch` (sync-server/PROTOCOL.md "Room kinds").
 */
export const ROOM_KIND_TOKEN_PREFIX = 'ensemble.kind.';

export type RoomEngine = EngineName;

export function roomKindSubprotocol(engine: RoomEngine): string {
  return `${ROOM_KIND_TOKEN_PREFIX}${engine}`;
}

export function parseRoomEngine(offered: readonly string[]): DecodeResult<RoomEngine> {
  let engine: RoomEngine | undefined;
  for (const token of offered) {
    if (!token.startsWith(ROOM_KIND_TOKEN_PREFIX)) continue;
    const value = token.slice(ROOM_KIND_TOKEN_PREFIX.length);
    if (engine !== undefined) return rejected(CloseReason.MalformedMessage, 'two room kinds');
    if (value !== EngineName.yjs && value !== EngineName.automerge) {
      return rejected(CloseReason.UnsupportedMessage, 'unknown room kind: update the relay');
    }
    engine = value;
  }
  return decoded(engine ?? EngineName.yjs);
}
