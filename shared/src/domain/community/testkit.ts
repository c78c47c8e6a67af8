import { HybridLogicalClock } from '../../clock/HybridLogicalClock';
import type { CrdtDocument } from '../../crdt/DocumentPort';
import { yjsEngine } from '../../crdt/yjs/YjsDocument';
import type { DeviceId, DocId, InviteId, MemberId } from '../../ids';
import { applyCommunityChange, type CommunityChange } from './changes';
import type { ChangeContext } from './context';

/** Test helpers: a replica acting as one member, with a controllable wall clock. */
export interface Actor {
  readonly id: MemberId;
  readonly context: ChangeContext;
  apply(doc: CrdtDocument, change: CommunityChange): ReturnType<typeof applyCommunityChange>;
}

export function makeActor(
  name: string,
  wall: () => number = () => Date.parse('2026-11-01T10:00:00Z'),
): Actor {
  const id = `member-${name}` as MemberId;
  const context: ChangeContext = {
    clock: new HybridLogicalClock(`device-${name}` as DeviceId, wall),
    actor: id,
  };
  return { id, context, apply: (doc, change) => applyCommunityChange(doc, change, context) };
}

export const TEST_DOC = 'community-test-00001' as DocId;

export function communityWithFounder(founder: Actor): CrdtDocument {
  const doc = yjsEngine.create(TEST_DOC);
  const created = founder.apply(doc, {
    type: 'createCommunity',
    name: 'Réseau d’entraide',
    description: '',
    city: 'Nantes',
    founder: { id: founder.id, displayName: founder.id.slice(7), publicKey: `pk-${founder.id}` },
  });
  if (!created.ok) throw new Error(`setup failed: ${created.error.reason}`);
  return doc;
}

/** The sponsor creates an invite and the newcomer joins with it. */
export function sponsor(
  doc: CrdtDocument,
  by: Actor,
  newcomer: Actor,
  maxUses: number | null = 1,
): InviteId {
  const invite = by.apply(doc, {
    type: 'createInvite',
    verifier: `verifier-${newcomer.id}`,
    expiresAt: '2030-01-01T00:00:00Z',
    maxUses,
  });
  if (!invite.ok || invite.value.type !== 'createInvite') throw new Error('invite failed');
  const joined = newcomer.apply(doc, {
    type: 'joinWithInvite',
    inviteId: invite.value.inviteId,
    verifier: `verifier-${newcomer.id}`,
    member: { id: newcomer.id, displayName: newcomer.id.slice(7), publicKey: `pk-${newcomer.id}` },
  });
  if (!joined.ok) throw new Error(`join failed: ${joined.error.reason}`);
  return invite.value.inviteId;
}

/** Brings two replicas to the same state through state-vector diffs. */
export function syncPair(a: CrdtDocument, b: CrdtDocument): void {
  b.applyUpdate(a.encodeUpdateSince(b.encodeStateVector()));
  a.applyUpdate(b.encodeUpdateSince(a.encodeStateVector()));
}

export function fork(doc: CrdtDocument): CrdtDocument {
  return yjsEngine.load(doc.id, [doc.encodeState()]);
}
