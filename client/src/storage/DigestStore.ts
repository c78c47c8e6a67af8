import type { CommunityId } from '@ensemble/shared';
import type { EnsembleDatabase } from './EnsembleDatabase';

/**
 * Each community's digest (a small derived view of its document, see DigestRow). The
 * store knows only the format number it is given: a row written in another format
 * (an older or newer app) reads as missing, and the next write replaces it.
 * Failures reject with Dexie's error: a digest is derived data, its loss costs only speed.
 */
export class DigestStore {
  constructor(private readonly db: EnsembleDatabase) {}

  /** The stored digest of `id` in `format`, or undefined (none, or another format). */
  async read(id: CommunityId, format: number): Promise<unknown> {
    const row = await this.db.digests.get(id);
    return row?.communityId === id && row.format === format ? row.digest : undefined;
  }

  /** Replaces the digest of `id`. */
  async write(id: CommunityId, format: number, digest: unknown, now = Date.now()): Promise<void> {
    await this.db.digests.put({ communityId: id, format, writtenAt: now, digest });
  }
}
