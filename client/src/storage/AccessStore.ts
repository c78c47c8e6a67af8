import { type Capability, type CommunityId, type InviteId, isCapability } from '@ensemble/shared';
import type { EnsembleDatabase } from './EnsembleDatabase';

/** The membership part of an invite link: which invite, and the secret its verifier hashes. */
export interface InviteSecret {
  readonly id: InviteId;
  readonly secret: string;
}

export interface CommunityAccess {
  readonly capability: Capability;
  readonly readOnly: boolean;
  /** The invite of the link this device followed, until it has joined with it. */
  readonly joinInvite?: InviteSecret;
}

/** The capabilities this device holds, one per community (see AccessRow). */
export class AccessStore {
  constructor(private readonly db: EnsembleDatabase) {}

  async get(id: CommunityId): Promise<CommunityAccess | undefined> {
    const row = await this.db.access.get(id);
    if (!row || !isCapability(row.capability)) return undefined;
    const invite = row.joinInvite;
    return {
      capability: row.capability,
      readOnly: row.readOnly,
      ...(invite ? { joinInvite: { id: invite.id as InviteId, secret: invite.secret } } : {}),
    };
  }

  /**
   * Keeps a write capability over a read-only one for the same community, and the
   * newest invite followed (an older one stays when the new link has none).
   */
  async save(id: CommunityId, access: CommunityAccess, now = Date.now()): Promise<void> {
    await this.db.transaction('rw', this.db.access, async () => {
      const existing = await this.db.access.get(id);
      if (existing && !existing.readOnly && access.readOnly) return;
      const joinInvite = access.joinInvite ?? existing?.joinInvite;
      await this.db.access.put({
        communityId: id,
        capability: access.capability,
        readOnly: access.readOnly,
        addedAt: existing?.addedAt ?? now,
        ...(joinInvite ? { joinInvite } : {}),
      });
    });
  }

  /** Forgets the invite once this device has joined with it. */
  async clearJoinInvite(id: CommunityId): Promise<void> {
    await this.db.transaction('rw', this.db.access, async () => {
      const existing = await this.db.access.get(id);
      if (!existing?.joinInvite) return;
      const { joinInvite: _, ...rest } = existing;
      await this.db.access.put(rest);
    });
  }
}
