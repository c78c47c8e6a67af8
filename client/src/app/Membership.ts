import {
  type CommunityId,
  capabilityVerifier,
  type DomainError,
  DomainErrorReason,
  err,
  type MemberId,
  newCapability,
  newInviteId,
  ok,
  type Result,
} from '@ensemble/shared';
import type { AccessStore, InviteSecret } from '../storage/AccessStore';
import type { InviteStore } from '../storage/InviteStore';
import type { CommunityRepository } from './CommunityRepository';

export interface InviteOptions {
  /** null: any number of people (a link for a group chat); 1: one newcomer (sponsorship). */
  readonly maxUses: number | null;
  readonly validDays: number;
}

/** The link shared right after creating a community: many uses, for a year. */
export const COMMUNITY_LINK: InviteOptions = { maxUses: null, validDays: 365 };
/** A member sponsoring one newcomer. */
export const SPONSOR_ONE: InviteOptions = { maxUses: 1, validDays: 7 };

const DAY_MS = 86_400_000;

/**
 * Invites and joining. An invite's secret stays on the device that created it (to
 * show its link again); the document keeps only its verifier, so reading the document
 * does not let anyone join. Needs the change code (screens that write load it).
 */
export class Membership {
  constructor(
    private readonly repository: CommunityRepository,
    private readonly access: AccessStore,
    private readonly invites: InviteStore,
  ) {}

  async createInvite(
    id: CommunityId,
    options: InviteOptions,
    now = Date.now(),
  ): Promise<Result<InviteSecret, DomainError>> {
    const secret = newCapability();
    const inviteId = newInviteId();
    const result = this.repository.change(id, {
      type: 'createInvite',
      id: inviteId,
      verifier: capabilityVerifier(secret),
      expiresAt: new Date(now + options.validDays * DAY_MS).toISOString(),
      maxUses: options.maxUses,
    });
    if (!result.ok) return result;
    await this.invites.save(id, { inviteId, secret, createdAt: now });
    return ok({ id: inviteId, secret });
  }

  /**
   * Joins with the invite of the link this device followed, as `displayName`.
   * `not-initialised` or `unknown-invite` while the community (or the invite) has not
   * arrived from the relay yet: retry when it changes.
   */
  async join(id: CommunityId, displayName: string): Promise<Result<MemberId, DomainError>> {
    const keys = this.repository.keys;
    if (!keys) return err({ reason: DomainErrorReason.notAllowed, field: 'keys' });
    const invite = (await this.access.get(id))?.joinInvite;
    if (!invite) return err({ reason: DomainErrorReason.unknownInvite });
    const result = this.repository.change(id, {
      type: 'joinWithInvite',
      inviteId: invite.id,
      verifier: capabilityVerifier(invite.secret),
      member: { id: keys.memberId, publicKey: keys.publicKey, displayName },
    });
    if (!result.ok) return result;
    await this.access.clearJoinInvite(id);
    return ok(keys.memberId);
  }

  /** The invite this device holds for joining `id`, if any. */
  async pendingInvite(id: CommunityId): Promise<InviteSecret | undefined> {
    return (await this.access.get(id))?.joinInvite;
  }
}
