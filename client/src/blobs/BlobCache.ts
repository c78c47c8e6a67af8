import type { BlobHash, CommunityId } from '@ensemble/shared';
import type { Table } from 'dexie';
import type { EnsembleDatabase } from '../storage/EnsembleDatabase';
import { toStorageError } from '../storage/StorageError';

/** A photo or file kept on this device, by the SHA-256 of its bytes. */
export interface BlobRow {
  readonly hash: string;
  readonly bytes: Uint8Array;
  readonly type: string;
  readonly storedAt: number;
}

/** A blob added on this device that the relay does not have yet. */
export interface UploadRow {
  readonly communityId: string;
  readonly hash: string;
  readonly addedAt: number;
  /** Set when the relay refused it for good (too large, quota): not retried. */
  readonly refused?: string;
}

/**
 * The device's blobs in IndexedDB (Dexie tables `blobs` and `blobUploads`, schema
 * version 6). Failures are typed StorageErrors: a full device is `quota-exceeded`,
 * and nothing already stored is touched by a failed write.
 */
export class BlobCache {
  private readonly blobs: Table<BlobRow, string>;
  private readonly uploads: Table<UploadRow, [string, string]>;

  constructor(private readonly db: EnsembleDatabase) {
    this.blobs = db.table('blobs');
    this.uploads = db.table('blobUploads');
  }

  async get(hash: BlobHash): Promise<BlobRow | undefined> {
    try {
      return await this.blobs.get(hash);
    } catch (error) {
      throw toStorageError(error);
    }
  }

  /** Keeps a blob and, when `upload` names its community, queues it for the relay (one transaction). */
  async put(row: Omit<BlobRow, 'storedAt'>, upload?: CommunityId, now = Date.now()): Promise<void> {
    try {
      await this.db.transaction('rw', this.blobs, this.uploads, async () => {
        await this.blobs.put({ ...row, storedAt: now });
        if (upload !== undefined) {
          await this.uploads.put({ communityId: upload, hash: row.hash, addedAt: now });
        }
      });
    } catch (error) {
      throw toStorageError(error);
    }
  }

  /** Blobs of a community still to send (oldest first), refused ones excluded. */
  async pending(communityId: CommunityId): Promise<UploadRow[]> {
    const rows = await this.uploads.where('communityId').equals(communityId).sortBy('addedAt');
    return rows.filter((row) => row.refused === undefined);
  }

  /** Every refusal of this community's uploads, by hash. */
  async refusals(communityId: CommunityId): Promise<ReadonlyMap<string, string>> {
    const rows = await this.uploads.where('communityId').equals(communityId).toArray();
    return new Map(rows.flatMap((row) => (row.refused ? [[row.hash, row.refused]] : [])));
  }

  async uploaded(communityId: CommunityId, hash: BlobHash): Promise<void> {
    await this.uploads.delete([communityId, hash]);
  }

  async refused(communityId: CommunityId, hash: BlobHash, reason: string): Promise<void> {
    await this.uploads.update([communityId, hash], { refused: reason });
  }
}
