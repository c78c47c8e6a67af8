import { decodeHlc, type HlcTimestamp } from '../../clock/HybridLogicalClock';
import type { CrdtDocument } from '../../crdt/DocumentPort';
import type { InviteId, MemberId } from '../../ids';
import { err, ok, type Result } from '../../result';
import { derived } from '../derived';
import { type DomainError, DomainErrorReason, domainError } from '../errors';
import { foldedRecords, type RecordFields } from '../records';
import { CommunityRoot, InviteRecords, MEMBER_ROOTS, MemberRecords } from './schema';

export const MemberRole = { organizer: 'organizer', member: 'member' } as const;
export type MemberRole = (typeof MemberRole)[keyof typeof MemberRole];

export const MemberStatus = { active: 'active', left: 'left', removed: 'removed' } as const;
export type MemberStatus = (typeof MemberStatus)[keyof typeof MemberStatus];

export interface Member {
  readonly id: MemberId;
  readonly displayName: string;
  readonly publicKey: string;
  readonly role: MemberRole;
  /** Who sponsored them: the creator of the invite they used; null for the founder. */
  readonly sponsor: MemberId | null;
  readonly invite: InviteId | null;
  readonly joinedAt: HlcTimestamp;
  readonly status: MemberStatus;
}

export interface Invite {
  readonly id: InviteId;
  readonly createdBy: MemberId;
  readonly createdAt: HlcTimestamp;
  /** UTC instant after which the invite no longer admits anyone. */
  readonly expiresAt: string;
  /** null: any number of uses. */
  readonly maxUses: number | null;
  /** When it was revoked; members who joined before keep their membership. */
  readonly revokedAt: HlcTimestamp | null;
  /** A hash of the invite's secret; the secret itself travels only in the link's fragment. */
  readonly verifier: string;
}

const str = (fields: RecordFields, key: string): string => {
  const value = fields[key];
  return typeof value === 'string' ? value : '';
};

function readMember(id: string, fields: RecordFields): Member | undefined {
  const joinedAt = str(fields, 'joinedAt');
  if (!joinedAt) return undefined;
  const { role, status, sponsor, invite } = fields;
  return {
    id: id as MemberId,
    displayName: str(fields, 'displayName'),
    publicKey: str(fields, 'publicKey'),
    role: role === MemberRole.organizer ? MemberRole.organizer : MemberRole.member,
    sponsor: typeof sponsor === 'string' ? (sponsor as MemberId) : null,
    invite: typeof invite === 'string' ? (invite as InviteId) : null,
    joinedAt: joinedAt as HlcTimestamp,
    status:
      status === MemberStatus.left || status === MemberStatus.removed
        ? status
        : MemberStatus.active,
  };
}

export function readInvites(doc: CrdtDocument): Map<InviteId, Invite> {
  const invites = new Map<InviteId, Invite>();
  for (const [id, { fields }] of foldedRecords(doc, InviteRecords)) {
    if (!str(fields, 'createdBy')) continue;
    const maxUses = fields.maxUses;
    invites.set(id as InviteId, {
      id: id as InviteId,
      createdBy: str(fields, 'createdBy') as MemberId,
      createdAt: str(fields, 'createdAt') as HlcTimestamp,
      expiresAt: str(fields, 'expiresAt'),
      maxUses: typeof maxUses === 'number' ? maxUses : null,
      revokedAt: (str(fields, 'revokedAt') || null) as HlcTimestamp | null,
      verifier: str(fields, 'verifier'),
    });
  }
  return invites;
}

/**
 * [MEM3] Membership is derived, identically on every replica: members are taken
 * in join order (HLC, then id); the founder is valid; anyone else is valid only
 * if their sponsor was already valid and their invite admitted them (created by
 * the sponsor, not revoked, not expired, uses left, counted in join order).
 * Concurrent joins on a single-use invite: the first one counts. The
 * sponsorship tree is acyclic by construction.
 */
export function readMembers(doc: CrdtDocument): readonly Member[] {
  return derived(doc, 'members', MEMBER_ROOTS, () => deriveMembers(doc));
}

function deriveMembers(doc: CrdtDocument): Member[] {
  const candidates: Member[] = [];
  for (const [id, { fields }] of foldedRecords(doc, MemberRecords)) {
    const member = readMember(id, fields);
    if (member) candidates.push(member);
  }
  candidates.sort((a, b) =>
    a.joinedAt < b.joinedAt ? -1 : a.joinedAt > b.joinedAt ? 1 : a.id < b.id ? -1 : 1,
  );
  const invites = readInvites(doc);
  const founder = doc.map(CommunityRoot.meta).getValue('founder');
  const valid = new Map<MemberId, Member>();
  const uses = new Map<InviteId, number>();
  for (const member of candidates) {
    if (member.id === founder && member.sponsor === null) {
      valid.set(member.id, member);
      continue;
    }
    const invite = member.invite ? invites.get(member.invite) : undefined;
    if (!invite || !member.sponsor || invite.createdBy !== member.sponsor) continue;
    const sponsor = valid.get(member.sponsor);
    if (!sponsor || sponsor.joinedAt >= member.joinedAt) continue;
    if (invite.revokedAt !== null && invite.revokedAt <= member.joinedAt) continue;
    const joinedWall = decodeHlc(member.joinedAt)?.wallMs ?? Number.POSITIVE_INFINITY;
    if (joinedWall > Date.parse(invite.expiresAt)) continue;
    const used = uses.get(invite.id) ?? 0;
    if (invite.maxUses !== null && used >= invite.maxUses) continue;
    uses.set(invite.id, used + 1);
    valid.set(member.id, member);
  }
  return [...valid.values()];
}

export function findActiveMember(doc: CrdtDocument, id: MemberId | undefined): Member | undefined {
  if (!id) return undefined;
  const byId = derived(
    doc,
    'membersById',
    MEMBER_ROOTS,
    () => new Map(readMembers(doc).map((m) => [m.id, m])),
  );
  const member = byId.get(id);
  return member?.status === MemberStatus.active ? member : undefined;
}

export function requireMember(
  doc: CrdtDocument,
  id: MemberId | undefined,
  role?: MemberRole,
): Result<Member, DomainError> {
  const member = findActiveMember(doc, id);
  if (!member) return err(domainError(DomainErrorReason.unknownMember, 'actor'));
  if (role === MemberRole.organizer && member.role !== MemberRole.organizer) {
    return err(domainError(DomainErrorReason.notAllowed, 'actor'));
  }
  return ok(member);
}

export interface SponsorshipNode {
  readonly member: Member;
  readonly children: readonly SponsorshipNode[];
}

/** [MEM4] Who sponsored whom, from the founder down; every valid member appears once. */
export function sponsorshipTree(members: readonly Member[]): SponsorshipNode[] {
  const children = new Map<MemberId | null, Member[]>();
  for (const member of members) {
    const list = children.get(member.sponsor) ?? [];
    list.push(member);
    children.set(member.sponsor, list);
  }
  const build = (member: Member): SponsorshipNode => ({
    member,
    children: (children.get(member.id) ?? []).map(build),
  });
  return (children.get(null) ?? []).map(build);
}
