import { CloseReason } from './closeCodes';
import { type DecodeResult, decoded, rejected } from './RelayError';

/** A validated room id: 1-128 characters of `[A-Za-z0-9_-]`. One room per document. */
export type RoomId = string & { readonly __brand: 'RoomId' };

export const ROOM_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

export function parseRoomId(raw: string): DecodeResult<RoomId> {
  if (!ROOM_ID_PATTERN.test(raw)) {
    return rejected(CloseReason.NotFound, 'invalid room id: use 1-128 of [A-Za-z0-9_-]');
  }
  return decoded(raw as RoomId);
}

/** The URL path prefix of sync websockets: `ws(s)://host:port/sync/<roomId>`. */
export const SYNC_PATH_PREFIX = '/sync/';
