import { type BlobRef, parseBlobRef } from '../../blobs/blobRef';
import type { HlcTimestamp } from '../../clock/HybridLogicalClock';
import type { CrdtDocument } from '../../crdt/DocumentPort';
import { type EventId, type ItemId, type MemberId, randomId128 } from '../../ids';
import { err, ok, type Result } from '../../result';
import { derived } from '../derived';
import { type DomainError, DomainErrorReason, domainError } from '../errors';
import { createRecord, editRecord, foldedRecords, hasRecord, type RecordFields } from '../records';
import { actingMember, readEventById } from './access';
import type { ChangeContext } from './context';
import { MemberRole } from './members';
import type { PostId } from './posts';
import { ATTACHMENT_ROOTS, AttachmentRecords, ItemRecords, PostRecords } from './schema';

/**
 * Photos and files attached to an item, an event or a post (comments included). The document
 * holds a reference record (hash, size, type, name, dimensions), never the bytes:
 * those are content-addressed blobs kept on devices and on the relay [ATT1].
 */
export type AttachmentId = string & { readonly __brand: 'AttachmentId' };
export const newAttachmentId = (): AttachmentId => randomId128() as AttachmentId;

export type AttachmentTarget =
  | { readonly kind: 'item'; readonly itemId: ItemId }
  | { readonly kind: 'event'; readonly eventId: EventId }
  | { readonly kind: 'post'; readonly postId: PostId };

/** Most attachments on one item or post. */
export const MAX_ATTACHMENTS_PER_TARGET = 12;

export interface Attachment {
  readonly id: AttachmentId;
  /** `item:<id>` or `post:<id>`. */
  readonly on: string;
  readonly blob: BlobRef;
  readonly addedBy: MemberId;
  readonly addedAt: HlcTimestamp;
}

export interface AddAttachment {
  readonly type: 'addAttachment';
  readonly target: AttachmentTarget;
  readonly blob: BlobRef;
  readonly attachmentId?: AttachmentId;
}
/** Soft removal, by whoever added it or an organizer. */
export interface RemoveAttachment {
  readonly type: 'removeAttachment';
  readonly attachmentId: AttachmentId;
}
export type AttachmentChange = AddAttachment | RemoveAttachment;
export type AttachmentOutcome = {
  readonly type: 'attachment';
  readonly attachmentId: AttachmentId;
};

export function attachmentTargetKey(target: AttachmentTarget): string {
  switch (target.kind) {
    case 'item':
      return `item:${target.itemId}`;
    case 'event':
      return `event:${target.eventId}`;
    case 'post':
      return `post:${target.postId}`;
  }
}

/** Every attachment still shown, grouped by target, in (HLC, id) order. Memoised. */
function attachmentIndex(doc: CrdtDocument): ReadonlyMap<string, readonly Attachment[]> {
  return derived(doc, 'attachmentIndex', ATTACHMENT_ROOTS, () => {
    const byTarget = new Map<string, Attachment[]>();
    for (const [id, { fields }] of foldedRecords(doc, AttachmentRecords)) {
      if (fields.removed === true) continue;
      const blob = parseBlobRef(fields.blob);
      const { on, addedBy, addedAt } = fields;
      // A record this code cannot read (damaged, or from a newer app) is left out.
      if (!blob.ok || typeof on !== 'string' || typeof addedAt !== 'string') continue;
      const attachment: Attachment = {
        id: id as AttachmentId,
        on,
        blob: blob.value,
        addedBy: (typeof addedBy === 'string' ? addedBy : '') as MemberId,
        addedAt: addedAt as HlcTimestamp,
      };
      const list = byTarget.get(on);
      if (list) list.push(attachment);
      else byTarget.set(on, [attachment]);
    }
    for (const list of byTarget.values()) {
      list.sort((a, b) =>
        a.addedAt !== b.addedAt ? (a.addedAt < b.addedAt ? -1 : 1) : a.id < b.id ? -1 : 1,
      );
    }
    return byTarget;
  });
}

const NONE: readonly Attachment[] = [];

/** [ATT1] The attachments of an item or a post (the same array until one of them changes). */
export function readAttachments(
  doc: CrdtDocument,
  target: AttachmentTarget,
): readonly Attachment[] {
  return attachmentIndex(doc).get(attachmentTargetKey(target)) ?? NONE;
}

function targetExists(doc: CrdtDocument, target: AttachmentTarget): Result<true, DomainError> {
  switch (target.kind) {
    case 'item':
      return hasRecord(doc, ItemRecords, target.itemId)
        ? ok(true)
        : err(domainError(DomainErrorReason.unknownItem, 'itemId'));
    case 'event':
      return readEventById(doc, target.eventId)
        ? ok(true)
        : err(domainError(DomainErrorReason.unknownEvent, 'eventId'));
    case 'post':
      return hasRecord(doc, PostRecords, target.postId)
        ? ok(true)
        : err(domainError(DomainErrorReason.unknownPost, 'postId'));
  }
}

/** [ATT1] [ATT2] [ATT3] Adds or removes an attachment. */
export function applyAttachmentChange(
  doc: CrdtDocument,
  change: AttachmentChange,
  context: ChangeContext,
): Result<AttachmentOutcome, DomainError> {
  switch (change.type) {
    case 'addAttachment':
      return addAttachment(doc, change, context);
    case 'removeAttachment':
      return removeAttachment(doc, change, context);
  }
}

function addAttachment(
  doc: CrdtDocument,
  change: AddAttachment,
  context: ChangeContext,
): Result<AttachmentOutcome, DomainError> {
  const actor = actingMember(doc, context, null);
  if (!actor.ok) return actor;
  const target = targetExists(doc, change.target);
  if (!target.ok) return target;
  // [ATT2] Only a well-formed reference enters the document.
  const blob = parseBlobRef(change.blob);
  if (!blob.ok) return err(domainError(DomainErrorReason.invalidState, 'blob'));
  if (readAttachments(doc, change.target).length >= MAX_ATTACHMENTS_PER_TARGET) {
    return err(domainError(DomainErrorReason.tooLong, 'attachments', MAX_ATTACHMENTS_PER_TARGET));
  }
  const id = change.attachmentId ?? newAttachmentId();
  if (hasRecord(doc, AttachmentRecords, id)) {
    return err(domainError(DomainErrorReason.alreadyExists, 'attachmentId'));
  }
  const record: RecordFields = {
    on: attachmentTargetKey(change.target),
    blob: { ...blob.value },
    addedBy: actor.value,
    addedAt: context.clock.now(),
  };
  doc.transact(() => createRecord(doc, AttachmentRecords, id, record));
  return ok({ type: 'attachment', attachmentId: id });
}

function removeAttachment(
  doc: CrdtDocument,
  change: RemoveAttachment,
  context: ChangeContext,
): Result<AttachmentOutcome, DomainError> {
  const record = foldedRecords(doc, AttachmentRecords).get(change.attachmentId);
  if (!record) return err(domainError(DomainErrorReason.unknownPost, 'attachmentId'));
  const actor = actingMember(doc, context, null);
  if (!actor.ok) return actor;
  if (record.fields.addedBy !== actor.value) {
    // [ATT3] Someone else's attachment: organizers only (moderation).
    const organizer = actingMember(doc, context, MemberRole.organizer);
    if (!organizer.ok) return err(domainError(DomainErrorReason.notAllowed, 'actor'));
  }
  const addedAt = record.fields.addedAt;
  if (typeof addedAt === 'string') context.clock.observe(addedAt as HlcTimestamp);
  if (record.lastEdit) context.clock.observe(record.lastEdit);
  const stamp = context.clock.now();
  doc.transact(() =>
    editRecord(doc, AttachmentRecords, change.attachmentId, stamp, { removed: true }),
  );
  return ok({ type: 'attachment', attachmentId: change.attachmentId });
}
