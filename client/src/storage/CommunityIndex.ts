import type { CommunityId } from '@ensemble/shared';
import { liveQuery } from 'dexie';
import type { CommunityRow, EnsembleDatabase } from './EnsembleDatabase';
import { toStorageError } from './StorageError';

export interface CommunitySummary {
  readonly id: CommunityId;
  readonly name: string;
  readonly city: string;
  readonly lastOpenedAt: number;
}

/** The home screen's list of communities on this device, most recently opened first. */
export class CommunityIndex {
  constructor(private readonly db: EnsembleDatabase) {}

  /** Calls `listener` with the list now and after every change; returns an unsubscribe. */
  watch(
    listener: (communities: readonly CommunitySummary[]) => void,
    onError: (error: unknown) => void,
  ): () => void {
    const subscription = liveQuery(() =>
      this.db.communities.orderBy('lastOpenedAt').reverse().toArray(),
    ).subscribe({
      next: (rows) => listener(rows.map(toSummary)),
      error: (error: unknown) => onError(toStorageError(error)),
    });
    return () => subscription.unsubscribe();
  }

  /** Records the profile shown on the home screen; keeps lastOpenedAt. */
  async saveProfile(id: CommunityId, profile: { name: string; city: string }): Promise<void> {
    await this.db.transaction('rw', this.db.communities, async () => {
      const existing = await this.db.communities.get(id);
      if (existing && existing.name === profile.name && existing.city === profile.city) return;
      await this.db.communities.put({
        ...existing,
        id,
        name: profile.name,
        city: profile.city,
        lastOpenedAt: existing?.lastOpenedAt ?? Date.now(),
        updatedAt: Date.now(),
      });
    });
  }

  /** Moves a community to the top of the list (only once it is known by name). */
  async touch(id: CommunityId, now = Date.now()): Promise<void> {
    await this.db.communities.update(id, { lastOpenedAt: now });
  }

  /** When a file was last imported into this community here (kept across reloads). */
  async lastImport(id: CommunityId): Promise<number | undefined> {
    return (await this.db.communities.get(id))?.lastImportAt;
  }

  async recordImport(id: CommunityId, at: number): Promise<void> {
    await this.db.communities.update(id, { lastImportAt: at });
  }

  async count(): Promise<number> {
    return this.db.communities.count();
  }
}

function toSummary(row: CommunityRow): CommunitySummary {
  return {
    id: row.id as CommunityId,
    name: row.name,
    city: row.city,
    lastOpenedAt: row.lastOpenedAt,
  };
}
