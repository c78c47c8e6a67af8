import { isCapabilityVerifier, isDocumentEpoch } from '@ensemble/shared';

/**
 * What the relay keeps about a room besides its updates, stored as one small
 * JSON record through `RoomStore.saveMeta`. Verifiers are SHA-256 hashes of
 * capabilities, never the capabilities. A room without `writeVerifier` is
 * open (created before capabilities, or with --open-rooms): the first write
 * capability presented claims it.
 */
export interface RoomMeta {
  readonly v: 1;
  readonly writeVerifier?: string;
  readonly readVerifier?: string;
  /** The document's creation id, once a client presented one. */
  readonly epoch?: string;
  /** Milliseconds since 1970 when the relay first recorded this room. */
  readonly createdAt: number;
  /** issue 13: the engine of the room's document when not Yjs (absent: Yjs). */
  readonly kind?: 'automerge';
}

export function encodeRoomMeta(meta: RoomMeta): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(meta));
}

/** Parses a stored record; throws on a corrupt one (the caller fails the connection). */
export function decodeRoomMeta(bytes: Uint8Array): RoomMeta {
  const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
  if (typeof value !== 'object' || value === null) throw new TypeError('room meta: not an object');
  const record = value as Record<string, unknown>;
  const optional = (key: string, valid: (s: string) => boolean): string | undefined => {
    const field = record[key];
    if (field === undefined) return undefined;
    if (typeof field !== 'string' || !valid(field)) throw new TypeError(`room meta: bad ${key}`);
    return field;
  };
  if (record.v !== 1) throw new TypeError('room meta: unknown version');
  const createdAt = record.createdAt;
  if (typeof createdAt !== 'number') throw new TypeError('room meta: bad createdAt');
  const writeVerifier = optional('writeVerifier', isCapabilityVerifier);
  const readVerifier = optional('readVerifier', isCapabilityVerifier);
  const epoch = optional('epoch', isDocumentEpoch);
  const kind = optional('kind', (value) => value === 'automerge');
  return {
    v: 1,
    createdAt,
    ...(writeVerifier === undefined ? {} : { writeVerifier }),
    ...(readVerifier === undefined ? {} : { readVerifier }),
    ...(epoch === undefined ? {} : { epoch }),
    ...(kind === undefined ? {} : { kind: 'automerge' as const }),
  };
}
