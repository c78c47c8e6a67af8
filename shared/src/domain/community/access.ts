import type { CrdtDocument } from '../../crdt/DocumentPort';
import type { EventId, MemberId } from '../../ids';
import { ok, type Result } from '../../result';
import type { DomainError } from '../errors';
import { foldedRecords } from '../records';
import type { ChangeContext } from './context';
import { readEvent } from './events';
import { type MemberRole, requireMember } from './members';
import { type CommunityEvent, CommunityRoot, EventRecords } from './schema';

/** True once the community has a founder: from then on every change needs an acting member. */
export function hasMembership(doc: CrdtDocument): boolean {
  return typeof doc.map(CommunityRoot.meta).getValue('founder') === 'string';
}

/**
 * [MEM5] The member a change is made as. In a community with members, the
 * actor must be an active member (with `role` when given). A community created
 * without a founder (before device identities existed) is open: the device acts.
 */
export function actingMember(
  doc: CrdtDocument,
  context: ChangeContext,
  role: MemberRole | null,
): Result<MemberId, DomainError> {
  if (!hasMembership(doc)) return ok(context.actor ?? (context.clock.node as string as MemberId));
  const member = requireMember(doc, context.actor, role ?? undefined);
  return member.ok ? ok(member.value.id) : member;
}

export function readEventById(doc: CrdtDocument, id: EventId): CommunityEvent | undefined {
  const record = foldedRecords(doc, EventRecords).get(id);
  return record ? readEvent(id, record.fields) : undefined;
}
