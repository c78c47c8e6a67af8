import { digest } from 'lib0/hash/sha256';
import { err, ok, type Result } from '../result';

/**
 * Photos and files are content-addressed blobs: a SHA-256 of their bytes names them.
 * Documents never hold the bytes, only a reference record (`BlobRef`) [BLOB1].
 */

/** SHA-256 of a blob's bytes: 64 lowercase hexadecimal characters. */
export type BlobHash = string & { readonly __brand: 'BlobHash' };

const HASH_PATTERN = /^[0-9a-f]{64}$/;

export function isBlobHash(value: unknown): value is BlobHash {
  return typeof value === 'string' && HASH_PATTERN.test(value);
}

function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** The hash of `bytes` (synchronous, works without crypto.subtle). */
export function blobHashOf(bytes: Uint8Array): BlobHash {
  return toHex(digest(bytes)) as BlobHash;
}

/** What a document keeps about an attached blob: never its bytes. */
export interface BlobRef {
  readonly hash: BlobHash;
  /** Bytes. */
  readonly size: number;
  /** Media type, e.g. `image/jpeg`. */
  readonly type: string;
  /** The file name shown (the device's original name, or a generated one). */
  readonly name: string;
  /** Pixels, for images (placeholders keep their shape while the bytes are missing). */
  readonly width?: number;
  readonly height?: number;
}

/** Why a reference record is not valid. Stable strings. */
export const BlobRefError = {
  badHash: 'bad-hash',
  badSize: 'bad-size',
  badType: 'bad-type',
  badName: 'bad-name',
  badDimensions: 'bad-dimensions',
} as const;
export type BlobRefError = (typeof BlobRefError)[keyof typeof BlobRefError];

const TYPE_PATTERN = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/;
export const MAX_BLOB_NAME_LENGTH = 200;
const MAX_DIMENSION = 65_535;

const isDimension = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_DIMENSION;

/** [BLOB2] Checks a reference read from a document or typed by code; returns a clean copy. */
export function parseBlobRef(value: unknown): Result<BlobRef, BlobRefError> {
  if (typeof value !== 'object' || value === null) return err(BlobRefError.badHash);
  const record = value as Record<string, unknown>;
  if (!isBlobHash(record.hash)) return err(BlobRefError.badHash);
  const size = record.size;
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
    return err(BlobRefError.badSize);
  }
  if (typeof record.type !== 'string' || !TYPE_PATTERN.test(record.type)) {
    return err(BlobRefError.badType);
  }
  const name = record.name;
  if (typeof name !== 'string' || name.trim() === '' || name.length > MAX_BLOB_NAME_LENGTH) {
    return err(BlobRefError.badName);
  }
  const { width, height } = record;
  if (width === undefined && height === undefined) {
    return ok({ hash: record.hash, size, type: record.type, name });
  }
  if (!isDimension(width) || !isDimension(height)) return err(BlobRefError.badDimensions);
  return ok({ hash: record.hash, size, type: record.type, name, width, height });
}

export function isImageType(type: string): boolean {
  return type.startsWith('image/');
}
