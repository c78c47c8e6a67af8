import { type Capability, type CommunityId, isCapability } from '@ensemble/shared';
import type { EnsembleDatabase } from './EnsembleDatabase';

export interface CommunityAccess {
  readonly capability: Capability;
  readonly readOnly: boolean;
}

/** The capabilities this device holds, one per community (see AccessRow). */
export class AccessStore {
  constructor(private readonly db: EnsembleDatabase) {}

  async get(id: CommunityId): Promise<CommunityAccess | undefined> {
    const row = await this.db.access.get(id);
    if (!row || !isCapability(row.capability)) return undefined;
    return { capability: row.capability, readOnly: row.readOnly };
  }

  /** Keeps a write capability over a read-only one for the same community. */
  async save(id: CommunityId, access: CommunityAccess, now = Date.now()): Promise<void> {
    await this.db.transaction('rw', this.db.access, async () => {
      const existing = await this.db.access.get(id);
      if (existing && !existing.readOnly && access.readOnly) return;
      await this.db.access.put({
        communityId: id,
        capability: access.capability,
        readOnly: access.readOnly,
        addedAt: existing?.addedAt ?? now,
      });
    });
  }
}
