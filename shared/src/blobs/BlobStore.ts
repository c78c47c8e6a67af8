import type { Result } from '../result';
import type { BlobHash } from './blobRef';

/**
 * The blob storage port: content-addressed bytes, grouped by scope (the relay uses the
 * community's room id, so a community's quota and access follow its room). Bytes in,
 * bytes out. Implementations: InMemoryBlobStore (shared, tests) and FileBlobStore
 * (sync-server, on disk). Every implementation runs `runBlobStoreContract`.
 */
export interface BlobStore {
  /**
   * Stores `bytes` under `hash` in `scope`, durably before it resolves. Refuses, storing
   * nothing, bytes whose SHA-256 is not `hash` [BLOB3]. Storing a blob the scope already
   * holds changes nothing (`stored: false`) and does not count twice in its usage.
   */
  put(
    scope: string,
    hash: BlobHash,
    bytes: Uint8Array,
  ): Promise<Result<{ readonly stored: boolean }, 'hash-mismatch'>>;
  /** The blob's bytes, or undefined when the scope does not hold it. */
  get(scope: string, hash: BlobHash): Promise<Uint8Array | undefined>;
  has(scope: string, hash: BlobHash): Promise<boolean>;
  /** Bytes held by the scope (the sum of its blobs' sizes). */
  usage(scope: string): Promise<number>;
  /** Removes one blob; unknown ones are ignored. */
  delete(scope: string, hash: BlobHash): Promise<void>;
  /** Waits for pending writes, then releases the store. Later calls reject. */
  close(): Promise<void>;
}

export class BlobStoreClosedError extends Error {
  constructor() {
    super('blob store is closed');
    this.name = 'BlobStoreClosedError';
  }
}
