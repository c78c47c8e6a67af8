import { err, ok, type Result } from '../result';
import { type BlobStore, BlobStoreClosedError } from './BlobStore';
import { type BlobHash, blobHashOf } from './blobRef';

/** What an InMemoryBlobStore holds: pass the same one to a new store to "reopen" it. */
export type InMemoryBlobData = Map<string, Map<BlobHash, Uint8Array>>;

/** The blob store of unit tests (same contract as the relay's file store). */
export class InMemoryBlobStore implements BlobStore {
  private closed = false;

  constructor(private readonly data: InMemoryBlobData = new Map()) {}

  async put(
    scope: string,
    hash: BlobHash,
    bytes: Uint8Array,
  ): Promise<Result<{ readonly stored: boolean }, 'hash-mismatch'>> {
    this.check();
    if (blobHashOf(bytes) !== hash) return err('hash-mismatch');
    let blobs = this.data.get(scope);
    if (!blobs) {
      blobs = new Map();
      this.data.set(scope, blobs);
    }
    if (blobs.has(hash)) return ok({ stored: false });
    blobs.set(hash, bytes.slice());
    return ok({ stored: true });
  }

  async get(scope: string, hash: BlobHash): Promise<Uint8Array | undefined> {
    this.check();
    return this.data.get(scope)?.get(hash)?.slice();
  }

  async has(scope: string, hash: BlobHash): Promise<boolean> {
    this.check();
    return this.data.get(scope)?.has(hash) ?? false;
  }

  async usage(scope: string): Promise<number> {
    this.check();
    let total = 0;
    for (const bytes of this.data.get(scope)?.values() ?? []) total += bytes.byteLength;
    return total;
  }

  async delete(scope: string, hash: BlobHash): Promise<void> {
    this.check();
    this.data.get(scope)?.delete(hash);
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private check(): void {
    if (this.closed) throw new BlobStoreClosedError();
  }
}
