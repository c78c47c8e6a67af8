import { err, ok, type Result } from '../result';

/** Why a relay refused a blob upload or download. Stable strings: clients translate them. */
export const BlobRefusal = {
  /** The path's hash is not 64 lowercase hex characters. */
  badHash: 'bad-hash',
  /** The bytes do not hash to the path's hash [BLOB3]. */
  hashMismatch: 'hash-mismatch',
  /** One blob over the relay's per-blob limit [BLOB4]. */
  tooLarge: 'too-large',
  /** The community's blobs would exceed its quota on this relay [BLOB5]. */
  quotaExceeded: 'quota-exceeded',
  /** No capability presented. */
  unauthenticated: 'unauthenticated',
  /** The capability does not open this community's room, or is read-only for an upload. */
  forbidden: 'forbidden',
  /** Unknown room or blob. */
  notFound: 'not-found',
  /** The relay failed to store it: try again later. */
  internal: 'internal-error',
} as const;
export type BlobRefusal = (typeof BlobRefusal)[keyof typeof BlobRefusal];

/** HTTP status of each refusal (the body says the reason too). */
export const BLOB_REFUSAL_STATUS: Readonly<Record<BlobRefusal, number>> = {
  'bad-hash': 400,
  'hash-mismatch': 422,
  'too-large': 413,
  'quota-exceeded': 507,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  'internal-error': 500,
};

export interface BlobLimits {
  /** Largest blob accepted, in bytes. */
  readonly maxBlobBytes: number;
  /** Most bytes of blobs one community may keep on the relay. */
  readonly quotaBytes: number;
}

export const DEFAULT_BLOB_LIMITS: BlobLimits = {
  maxBlobBytes: 10 * 1024 * 1024,
  quotaBytes: 500 * 1024 * 1024,
};

/** [BLOB4] [BLOB5] May a blob of `size` bytes join a scope already holding `usage` bytes? */
export function checkBlobSize(
  limits: BlobLimits,
  size: number,
  usage: number,
): Result<true, 'too-large' | 'quota-exceeded'> {
  if (size > limits.maxBlobBytes) return err(BlobRefusal.tooLarge);
  if (usage + size > limits.quotaBytes) return err(BlobRefusal.quotaExceeded);
  return ok(true);
}

/** The relay's blob endpoint: `/blobs/<roomId>/<hash>` (GET downloads, PUT uploads). */
export const BLOB_PATH_PREFIX = '/blobs/';

export function blobPath(roomId: string, hash: string): string {
  return `${BLOB_PATH_PREFIX}${roomId}/${hash}`;
}
