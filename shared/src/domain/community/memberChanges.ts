import { decodeHlc } from '../../clock/HybridLogicalClock';
import type { CrdtDocument } from '../../crdt/DocumentPort';
import { type InviteId, type MemberId, newInviteId } from '../../ids';
import { err, ok, type Result } from '../../result';
import { type DomainError, DomainErrorReason, domainError } from '../errors';
import { createRecord, editRecord, foldedRecords, hasRecord } from '../records';
import { LIMITS, validInstant, validInteger, validText } from '../validation';
import type { ChangeContext } from './context';
import {
  type Member,
  MemberRole,
  MemberStatus,
  readInvites,
  readMembers,
  requireMember,
} from './members';
import { InviteRecords, MemberRecords } from './schema';

export interface NewMember {
  readonly id: MemberId;
  readonly displayName: string;
  readonly publicKey: string;
}

export interface CreateInvite {
  readonly type: 'createInvite';
  readonly id?: InviteId;
  readonly verifier: string;
  readonly expiresAt: string;
  readonly maxUses: number | null;
}
export interface RevokeInvite {
  readonly type: 'revokeInvite';
  readonly inviteId: InviteId;
}
export interface JoinWithInvite {
  readonly type: 'joinWithInvite';
  readonly inviteId: InviteId;
  /** The verifier computed from the secret in the invite link. */
  readonly verifier: string;
  readonly member: NewMember;
}
export interface LeaveCommunity {
  readonly type: 'leaveCommunity';
}
export interface RemoveMember {
  readonly type: 'removeMember';
  readonly memberId: MemberId;
}
export interface SetMemberRole {
  readonly type: 'setMemberRole';
  readonly memberId: MemberId;
  readonly role: MemberRole;
}

export type MemberChange =
  | CreateInvite
  | RevokeInvite
  | JoinWithInvite
  | LeaveCommunity
  | RemoveMember
  | SetMemberRole;

export type MemberOutcome =
  | { readonly type: 'createInvite'; readonly inviteId: InviteId }
  | { readonly type: 'memberChanged'; readonly memberId: MemberId };

export function validNewMember(member: NewMember): Result<NewMember, DomainError> {
  const name = validText('displayName', member.displayName, LIMITS.displayName, true);
  if (!name.ok) return name;
  if (!member.id || !member.publicKey)
    return err(domainError(DomainErrorReason.required, 'member'));
  return ok({ ...member, displayName: name.value });
}

/** Writes a member record; the founder has no sponsor and no invite. */
export function writeMember(
  doc: CrdtDocument,
  member: NewMember,
  role: MemberRole,
  sponsor: MemberId | null,
  invite: InviteId | null,
  context: ChangeContext,
): void {
  createRecord(doc, MemberRecords, member.id, {
    displayName: member.displayName,
    publicKey: member.publicKey,
    role,
    sponsor,
    invite,
    joinedAt: context.clock.now(),
    status: MemberStatus.active,
  });
}

export function applyMemberChange(
  doc: CrdtDocument,
  change: MemberChange,
  context: ChangeContext,
): Result<MemberOutcome, DomainError> {
  switch (change.type) {
    case 'createInvite':
      return createInvite(doc, change, context);
    case 'revokeInvite': {
      const invite = readInvites(doc).get(change.inviteId);
      if (!invite) return err(domainError(DomainErrorReason.unknownInvite, 'inviteId'));
      const actor = requireMember(doc, context.actor);
      if (!actor.ok) return actor;
      if (invite.createdBy !== actor.value.id && actor.value.role !== MemberRole.organizer) {
        return err(domainError(DomainErrorReason.notAllowed, 'actor'));
      }
      // Revoking comes after every join this device has seen: those members stay.
      for (const member of readMembers(doc)) {
        if (member.invite === invite.id) context.clock.observe(member.joinedAt);
      }
      if (invite.revokedAt === null) {
        const stamp = context.clock.now();
        doc.transact(() => editRecord(doc, InviteRecords, invite.id, stamp, { revokedAt: stamp }));
      }
      return ok({ type: 'createInvite', inviteId: change.inviteId });
    }
    case 'joinWithInvite':
      return joinWithInvite(doc, change, context);
    case 'leaveCommunity': {
      const actor = requireMember(doc, context.actor);
      if (!actor.ok) return actor;
      editMember(doc, context, actor.value, { status: MemberStatus.left });
      return ok({ type: 'memberChanged', memberId: actor.value.id });
    }
    case 'removeMember': {
      const actor = requireMember(doc, context.actor, MemberRole.organizer);
      if (!actor.ok) return actor;
      const target = readMembers(doc).find((m) => m.id === change.memberId);
      if (!target) return err(domainError(DomainErrorReason.unknownMember, 'memberId'));
      editMember(doc, context, target, { status: MemberStatus.removed });
      return ok({ type: 'memberChanged', memberId: change.memberId });
    }
    case 'setMemberRole': {
      const actor = requireMember(doc, context.actor, MemberRole.organizer);
      if (!actor.ok) return actor;
      const target = requireMember(doc, change.memberId);
      if (!target.ok) return err(domainError(DomainErrorReason.unknownMember, 'memberId'));
      editMember(doc, context, target.value, { role: change.role });
      return ok({ type: 'memberChanged', memberId: change.memberId });
    }
    default:
      return assertNever(change);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unhandled member change: ${JSON.stringify(value)}`);
}

/** Status and role changes are edits folded in HLC order (see records.ts). */
function editMember(
  doc: CrdtDocument,
  context: ChangeContext,
  member: Member,
  patch: { status?: MemberStatus; role?: MemberRole },
): void {
  context.clock.observe(member.joinedAt);
  const lastEdit = foldedRecords(doc, MemberRecords).get(member.id)?.lastEdit;
  if (lastEdit) context.clock.observe(lastEdit);
  const stamp = context.clock.now();
  doc.transact(() => editRecord(doc, MemberRecords, member.id, stamp, patch));
}

function createInvite(
  doc: CrdtDocument,
  change: CreateInvite,
  context: ChangeContext,
): Result<MemberOutcome, DomainError> {
  const actor = requireMember(doc, context.actor);
  if (!actor.ok) return actor;
  const expiresAt = validInstant('expiresAt', change.expiresAt);
  if (!expiresAt.ok) return expiresAt;
  if (change.maxUses !== null) {
    const uses = validInteger('maxUses', change.maxUses, 1, 10_000);
    if (!uses.ok) return uses;
  }
  if (!change.verifier) return err(domainError(DomainErrorReason.required, 'verifier'));
  const id = change.id ?? newInviteId();
  if (hasRecord(doc, InviteRecords, id)) {
    return err(domainError(DomainErrorReason.alreadyExists, 'id'));
  }
  const record = {
    createdBy: actor.value.id,
    createdAt: context.clock.now(),
    expiresAt: expiresAt.value,
    maxUses: change.maxUses,
    verifier: change.verifier,
  };
  doc.transact(() => createRecord(doc, InviteRecords, id, record));
  return ok({ type: 'createInvite', inviteId: id });
}

function joinWithInvite(
  doc: CrdtDocument,
  change: JoinWithInvite,
  context: ChangeContext,
): Result<MemberOutcome, DomainError> {
  const member = validNewMember(change.member);
  if (!member.ok) return member;
  const invite = readInvites(doc).get(change.inviteId);
  if (!invite) return err(domainError(DomainErrorReason.unknownInvite, 'inviteId'));
  if (invite.verifier !== change.verifier)
    return err(domainError(DomainErrorReason.inviteMismatch));
  if (invite.revokedAt !== null) return err(domainError(DomainErrorReason.inviteRevoked));
  // Joining happens after the invite and its sponsor's own joining, whatever the device clocks say.
  context.clock.observe(invite.createdAt);
  const nowMs = decodeHlc(context.clock.now())?.wallMs ?? 0;
  if (Date.parse(invite.expiresAt) < nowMs) {
    return err(domainError(DomainErrorReason.inviteExpired));
  }
  const members = readMembers(doc);
  if (members.some((m) => m.id === member.value.id))
    return err(domainError(DomainErrorReason.alreadyMember));
  const used = members.filter((m) => m.invite === invite.id).length;
  if (invite.maxUses !== null && used >= invite.maxUses)
    return err(domainError(DomainErrorReason.inviteUsedUp));
  if (!members.some((m) => m.id === invite.createdBy))
    return err(domainError(DomainErrorReason.unknownMember, 'sponsor'));
  doc.transact(() =>
    writeMember(doc, member.value, MemberRole.member, invite.createdBy, invite.id, context),
  );
  return ok({ type: 'memberChanged', memberId: member.value.id });
}
