import {
  BlobRefusal,
  capabilityVerifier,
  err,
  isCapability,
  ok,
  type Result,
  type RoomStore,
  sameVerifier,
} from '@ensemble/shared';
import { decodeRoomMeta } from '../access/roomMeta';

export type BlobAccess = 'read' | 'write';

/**
 * [BLOB8] The same capability rules as the community's room (PROTOCOL.md "Access"): the
 * room's write capability reads and writes its blobs, its read-only capability reads them,
 * anything else is refused. A room the relay does not have (or one nobody claimed with a
 * capability) has no blobs: blobs never claim a room.
 */
export async function blobAccess(
  store: RoomStore,
  room: string,
  capability: string | undefined,
): Promise<Result<BlobAccess, BlobRefusal>> {
  if (capability === undefined) return err(BlobRefusal.unauthenticated);
  if (!isCapability(capability)) return err(BlobRefusal.forbidden);
  const stored = await store.loadMeta(room);
  const meta = stored === undefined ? undefined : decodeRoomMeta(stored);
  if (meta?.writeVerifier === undefined) return err(BlobRefusal.notFound);
  const verifier = capabilityVerifier(capability);
  if (sameVerifier(verifier, meta.writeVerifier)) return ok('write');
  if (meta.readVerifier !== undefined && sameVerifier(verifier, meta.readVerifier)) {
    return ok('read');
  }
  return err(BlobRefusal.forbidden);
}

/** The capability of an `Authorization: Bearer <capability>` header (never logged). */
export function bearerOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^Bearer ([A-Za-z0-9_-]+)$/.exec(header.trim());
  return match?.[1];
}
