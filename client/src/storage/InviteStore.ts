import type { CommunityId, InviteId } from '@ensemble/shared';
import { liveQuery } from 'dexie';
import type { EnsembleDatabase } from './EnsembleDatabase';
import { toStorageError } from './StorageError';

export interface CreatedInvite {
  readonly inviteId: InviteId;
  readonly secret: string;
  readonly createdAt: number;
}

/** The invites this device created, with their secrets (to show their links again). */
export class InviteStore {
  constructor(private readonly db: EnsembleDatabase) {}

  async save(communityId: CommunityId, invite: CreatedInvite): Promise<void> {
    await this.db.invites.put({ communityId, ...invite });
  }

  async list(communityId: CommunityId): Promise<CreatedInvite[]> {
    const rows = await this.db.invites.where('communityId').equals(communityId).sortBy('createdAt');
    return rows.reverse().map((row) => ({
      inviteId: row.inviteId as InviteId,
      secret: row.secret,
      createdAt: row.createdAt,
    }));
  }

  /** Calls `listener` with this community's invites now and after every change. */
  watch(
    communityId: CommunityId,
    listener: (invites: readonly CreatedInvite[]) => void,
    onError: (error: unknown) => void,
  ): () => void {
    const subscription = liveQuery(() => this.list(communityId)).subscribe({
      next: listener,
      error: (error: unknown) => onError(toStorageError(error)),
    });
    return () => subscription.unsubscribe();
  }
}
