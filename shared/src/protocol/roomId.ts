import { CloseReason } from './closeCodes';
import { type DecodeResult, decoded, rejected } from './RelayError';

/**
 * A validated room id: 16-64 characters of `[A-Za-z0-9_-]`. The app generates
 * 22-character base64url ids (128 random bits). One room per document.
 */
export type RoomId = string & { readonly __brand: 'RoomId' };

export const ROOM_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

export function parseRoomId(raw: string): DecodeResult<RoomId> {
  if (!ROOM_ID_PATTERN.test(raw)) {
    return rejected(CloseReason.NotFound, 'invalid room id: use 16-64 of [A-Za-z0-9_-]');
  }
  return decoded(raw as RoomId);
}

/** The URL path prefix of sync websockets: `ws(s)://host:port/sync/<roomId>`. */
export const SYNC_PATH_PREFIX = '/sync/';
