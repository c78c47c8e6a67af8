import type { HlcTimestamp } from '../../clock/HybridLogicalClock';
import type { CrdtDocument } from '../../crdt/DocumentPort';
import type { MemberId } from '../../ids';
import { err, ok, type Result } from '../../result';
import { derived } from '../derived';
import { type DomainError, DomainErrorReason, domainError } from '../errors';
import { createRecord, editRecord, foldedRecords, hasRecord, type RecordFields } from '../records';
import { LIMITS, validText } from '../validation';
import { actingMember, hasMembership } from './access';
import { type AddComment, addComment } from './comments';
import type { ChangeContext } from './context';
import { findActiveMember, MemberRole } from './members';
import {
  applyPostChange,
  type DiscussionOutcome,
  newPostId,
  newPostRecord,
  newThreadId,
  type Post,
  type PostChange,
  type PostId,
  postsOn,
  type ThreadId,
  threadKey,
  validPostText,
} from './posts';
import { PostRecords, THREAD_ROOTS, ThreadRecords } from './schema';

/** A discussion thread: a title and its first post. */
export interface StartThread {
  readonly type: 'startThread';
  readonly title: string;
  readonly text: string;
  readonly threadId?: ThreadId;
  readonly postId?: PostId;
}
export interface ReplyToThread {
  readonly type: 'replyToThread';
  readonly threadId: ThreadId;
  readonly text: string;
  readonly postId?: PostId;
}
/** Soft: an archived thread takes no new replies and can be restored. */
export interface SetThreadArchived {
  readonly type: 'setThreadArchived';
  readonly threadId: ThreadId;
  readonly archived: boolean;
}
export type DiscussionChange =
  | StartThread
  | ReplyToThread
  | SetThreadArchived
  | AddComment
  | PostChange;

export interface DiscussionThread {
  readonly id: ThreadId;
  readonly title: string;
  readonly createdAt: HlcTimestamp;
  readonly createdBy: MemberId;
  readonly archived: boolean;
  /** Stamp of its newest post (deleted ones included: deleting does not reorder the list). */
  readonly lastActivity: HlcTimestamp;
  /** Posts in the thread, placeholders of deleted or hidden ones included. */
  readonly postCount: number;
}

export interface ThreadView {
  readonly thread: DiscussionThread;
  readonly posts: readonly Post[];
}

const str = (fields: RecordFields, key: string): string => {
  const value = fields[key];
  return typeof value === 'string' ? value : '';
};

function readThreadRecord(doc: CrdtDocument, id: string, fields: RecordFields) {
  const title = str(fields, 'title');
  const createdAt = str(fields, 'createdAt');
  if (!title || !createdAt) return undefined;
  const posts = postsOn(doc, threadKey(id as ThreadId));
  const thread: DiscussionThread = {
    id: id as ThreadId,
    title,
    createdAt: createdAt as HlcTimestamp,
    createdBy: str(fields, 'createdBy') as MemberId,
    archived: fields.archived === true,
    lastActivity: posts.at(-1)?.createdAt ?? (createdAt as HlcTimestamp),
    postCount: posts.length,
  };
  return { thread, posts };
}

/** [DSC1] Threads, archived ones included, most recent activity first (then id). */
export function listThreads(doc: CrdtDocument): readonly DiscussionThread[] {
  return derived(doc, 'threads', THREAD_ROOTS, () => {
    const threads: DiscussionThread[] = [];
    for (const [id, { fields }] of foldedRecords(doc, ThreadRecords)) {
      const view = readThreadRecord(doc, id, fields);
      if (view) threads.push(view.thread);
    }
    return threads.sort((a, b) =>
      a.lastActivity !== b.lastActivity
        ? a.lastActivity < b.lastActivity
          ? 1
          : -1
        : a.id < b.id
          ? -1
          : a.id > b.id
            ? 1
            : 0,
    );
  });
}

/** [DSC2] A thread with its posts in order; reading it does not scan other threads' posts. */
export function readThread(doc: CrdtDocument, id: ThreadId): ThreadView | undefined {
  const record = foldedRecords(doc, ThreadRecords).get(id);
  return record ? readThreadRecord(doc, id, record.fields) : undefined;
}

export function applyDiscussionChange(
  doc: CrdtDocument,
  change: DiscussionChange,
  context: ChangeContext,
): Result<DiscussionOutcome, DomainError> {
  switch (change.type) {
    case 'startThread':
      return startThread(doc, change, context);
    case 'replyToThread':
      return replyToThread(doc, change, context);
    case 'setThreadArchived':
      return setThreadArchived(doc, change, context);
    case 'addComment':
      return addComment(doc, change, context);
    case 'editPost':
    case 'setPostDeleted':
    case 'setPostHidden':
      return applyPostChange(doc, change, context);
    default:
      return assertNever(change);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unhandled discussion change: ${JSON.stringify(value)}`);
}

/** [DSC1] A thread is created with its first post, in one change. */
function startThread(
  doc: CrdtDocument,
  change: StartThread,
  context: ChangeContext,
): Result<DiscussionOutcome, DomainError> {
  const actor = actingMember(doc, context, null);
  if (!actor.ok) return actor;
  const title = validText('title', change.title, LIMITS.threadTitle, true);
  if (!title.ok) return title;
  const threadId = change.threadId ?? newThreadId();
  const postId = change.postId ?? newPostId();
  const on = threadKey(threadId);
  const text = validPostText(on, change.text);
  if (!text.ok) return text;
  if (hasRecord(doc, ThreadRecords, threadId))
    return err(domainError(DomainErrorReason.alreadyExists, 'threadId'));
  if (hasRecord(doc, PostRecords, postId))
    return err(domainError(DomainErrorReason.alreadyExists, 'postId'));
  const createdAt = context.clock.now();
  const post = newPostRecord(doc, on, text.value, actor.value, context);
  doc.transact(() => {
    createRecord(doc, ThreadRecords, threadId, {
      title: title.value,
      createdAt,
      createdBy: actor.value,
    });
    createRecord(doc, PostRecords, postId, post);
  });
  return ok({ type: 'discussion', threadId, postId });
}

function replyToThread(
  doc: CrdtDocument,
  change: ReplyToThread,
  context: ChangeContext,
): Result<DiscussionOutcome, DomainError> {
  const actor = actingMember(doc, context, null);
  if (!actor.ok) return actor;
  const view = readThread(doc, change.threadId);
  if (!view) return err(domainError(DomainErrorReason.unknownThread, 'threadId'));
  if (view.thread.archived) return err(domainError(DomainErrorReason.threadArchived));
  const on = threadKey(change.threadId);
  const text = validPostText(on, change.text);
  if (!text.ok) return text;
  const postId = change.postId ?? newPostId();
  if (hasRecord(doc, PostRecords, postId))
    return err(domainError(DomainErrorReason.alreadyExists, 'postId'));
  context.clock.observe(view.thread.createdAt);
  const post = newPostRecord(doc, on, text.value, actor.value, context);
  doc.transact(() => createRecord(doc, PostRecords, postId, post));
  return ok({ type: 'discussion', threadId: change.threadId, postId });
}

/** [DSC5] Its creator or an organizer archives or restores a thread. */
function setThreadArchived(
  doc: CrdtDocument,
  change: SetThreadArchived,
  context: ChangeContext,
): Result<DiscussionOutcome, DomainError> {
  const actor = actingMember(doc, context, null);
  if (!actor.ok) return actor;
  const record = foldedRecords(doc, ThreadRecords).get(change.threadId);
  const view = record ? readThreadRecord(doc, change.threadId, record.fields) : undefined;
  if (!record || !view) return err(domainError(DomainErrorReason.unknownThread, 'threadId'));
  if (
    hasMembership(doc) &&
    view.thread.createdBy !== actor.value &&
    findActiveMember(doc, actor.value)?.role !== MemberRole.organizer
  ) {
    return err(domainError(DomainErrorReason.notAllowed, 'actor'));
  }
  context.clock.observe(view.thread.createdAt);
  if (record.lastEdit) context.clock.observe(record.lastEdit);
  const stamp = context.clock.now();
  doc.transact(() =>
    editRecord(doc, ThreadRecords, change.threadId, stamp, { archived: change.archived }),
  );
  return ok({ type: 'discussion', threadId: change.threadId, postId: null });
}
