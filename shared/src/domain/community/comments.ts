import type { CrdtDocument } from '../../crdt/DocumentPort';
import type { EventId, ItemId, ProjectId } from '../../ids';
import { err, ok, type Result } from '../../result';
import { type DomainError, DomainErrorReason, domainError } from '../errors';
import { createRecord, hasRecord } from '../records';
import { actingMember, readEventById } from './access';
import type { ChangeContext } from './context';
import {
  type DiscussionOutcome,
  newPostId,
  newPostRecord,
  type Post,
  type PostId,
  postsOn,
  validPostText,
} from './posts';
import { isOccurrenceKey } from './recurrence';
import { ItemRecords, PostRecords, ProjectIndexRecords } from './schema';

/** What a comment thread hangs on. */
export type CommentTarget =
  | {
      readonly kind: 'event';
      readonly eventId: EventId;
      /** One occurrence of a recurring event (its key, a local date); '' (the default) for the whole event. */
      readonly occurrence?: string;
    }
  | { readonly kind: 'item'; readonly itemId: ItemId }
  | { readonly kind: 'project'; readonly projectId: ProjectId };

export interface AddComment {
  readonly type: 'addComment';
  readonly target: CommentTarget;
  readonly text: string;
  readonly postId?: PostId;
}

/** The conversation key of a target: `event:<id>|<occurrence>`, `item:<id>`, `project:<id>`. */
export function commentTargetKey(target: CommentTarget): string {
  switch (target.kind) {
    case 'event':
      return `event:${target.eventId}|${target.occurrence ?? ''}`;
    case 'item':
      return `item:${target.itemId}`;
    case 'project':
      return `project:${target.projectId}`;
  }
}

/** [CMT2] The target must exist: `unknown-event`, `unknown-item`, `unknown-project` otherwise. */
function checkTarget(doc: CrdtDocument, target: CommentTarget): Result<true, DomainError> {
  switch (target.kind) {
    case 'event': {
      const event = readEventById(doc, target.eventId);
      if (!event) return err(domainError(DomainErrorReason.unknownEvent, 'eventId'));
      // '' is the whole event; otherwise one of its occurrences, by key (as for RSVPs).
      const occurrence = target.occurrence ?? '';
      if (occurrence !== '' && !isOccurrenceKey(event, occurrence))
        return err(domainError(DomainErrorReason.invalidDate, 'occurrence'));
      return ok(true);
    }
    case 'item':
      return hasRecord(doc, ItemRecords, target.itemId)
        ? ok(true)
        : err(domainError(DomainErrorReason.unknownItem, 'itemId'));
    case 'project':
      return hasRecord(doc, ProjectIndexRecords, target.projectId)
        ? ok(true)
        : err(domainError(DomainErrorReason.unknownProject, 'projectId'));
  }
}

/** [CMT1] Comments on a target, in (HLC, id) order; deleted ones stay as placeholders. */
export function readComments(doc: CrdtDocument, target: CommentTarget): readonly Post[] {
  return postsOn(doc, commentTargetKey(target));
}

/** [CMT1] Any member comments on an event (or one occurrence), an item or a project. */
export function addComment(
  doc: CrdtDocument,
  change: AddComment,
  context: ChangeContext,
): Result<DiscussionOutcome, DomainError> {
  const actor = actingMember(doc, context, null);
  if (!actor.ok) return actor;
  const target = checkTarget(doc, change.target);
  if (!target.ok) return target;
  const on = commentTargetKey(change.target);
  const text = validPostText(on, change.text);
  if (!text.ok) return text;
  const postId = change.postId ?? newPostId();
  if (hasRecord(doc, PostRecords, postId))
    return err(domainError(DomainErrorReason.alreadyExists, 'postId'));
  const post = newPostRecord(doc, on, text.value, actor.value, context);
  doc.transact(() => createRecord(doc, PostRecords, postId, post));
  return ok({ type: 'discussion', threadId: null, postId });
}
