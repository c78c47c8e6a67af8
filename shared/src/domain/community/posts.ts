import type { HlcTimestamp } from '../../clock/HybridLogicalClock';
import type { CrdtDocument } from '../../crdt/DocumentPort';
import { type MemberId, randomId128 } from '../../ids';
import { err, ok, type Result } from '../../result';
import { derived } from '../derived';
import { type DomainError, DomainErrorReason, domainError } from '../errors';
import { editRecord, foldedRecords, type RecordFields } from '../records';
import { LIMITS, validText } from '../validation';
import { actingMember } from './access';
import type { ChangeContext } from './context';
import { MemberRole } from './members';
import { POST_ROOTS, PostRecords } from './schema';

export type PostId = string & { readonly __brand: 'PostId' };
export type ThreadId = string & { readonly __brand: 'ThreadId' };
export const newPostId = (): PostId => randomId128() as PostId;
export const newThreadId = (): ThreadId => randomId128() as ThreadId;

/**
 * A message in a conversation: a post of a discussion thread or a comment on
 * an event, an item or a project. [DSC2] [CMT3]
 */
export interface Post {
  readonly id: PostId;
  /** Its conversation: `thread:<id>`, `event:<id>|<occurrence>`, `item:<id>` or `project:<id>`. */
  readonly on: string;
  readonly author: MemberId;
  readonly createdAt: HlcTimestamp;
  /** '' while deleted by its author or hidden by an organizer: the placeholder keeps its place. */
  readonly text: string;
  /** When its text was last edited; null if never. */
  readonly editedAt: HlcTimestamp | null;
  readonly deleted: boolean;
  readonly hidden: boolean;
}

export interface EditPost {
  readonly type: 'editPost';
  readonly postId: PostId;
  readonly text: string;
}
/** Soft delete by the author (reversible by them). */
export interface SetPostDeleted {
  readonly type: 'setPostDeleted';
  readonly postId: PostId;
  readonly deleted: boolean;
}
/** Moderation by an organizer: soft, restorable. */
export interface SetPostHidden {
  readonly type: 'setPostHidden';
  readonly postId: PostId;
  readonly hidden: boolean;
}
export type PostChange = EditPost | SetPostDeleted | SetPostHidden;

export type DiscussionOutcome = {
  readonly type: 'discussion';
  /** The thread concerned, when it is a discussion thread. */
  readonly threadId: ThreadId | null;
  /** The post written or changed, if any. */
  readonly postId: PostId | null;
};

export const THREAD_PREFIX = 'thread:';

export const threadKey = (id: ThreadId): string => `${THREAD_PREFIX}${id}`;

/** The discussion thread a post belongs to; null for a comment. */
export function threadOf(post: Post): ThreadId | null {
  return post.on.startsWith(THREAD_PREFIX)
    ? (post.on.slice(THREAD_PREFIX.length) as ThreadId)
    : null;
}

const str = (fields: RecordFields, key: string): string => {
  const value = fields[key];
  return typeof value === 'string' ? value : '';
};

/** [DSC2] Posts in one order on every replica: creation stamp (HLC), then id. */
export function comparePosts(a: Post, b: Post): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export interface PostIndex {
  readonly byId: ReadonlyMap<string, Post>;
  readonly byConversation: ReadonlyMap<string, readonly Post[]>;
}

/**
 * One pass over every post groups them by conversation, each in order
 * (memoised until a post changes), so opening a thread of a community with
 * 20,000 posts does not scan them all on each render.
 */
export function postIndex(doc: CrdtDocument): PostIndex {
  return derived(doc, 'postIndex', POST_ROOTS, () => {
    const byId = new Map<string, Post>();
    const byConversation = new Map<string, Post[]>();
    for (const [id, { fields }] of foldedRecords(doc, PostRecords)) {
      const on = str(fields, 'on');
      const createdAt = str(fields, 'createdAt');
      if (!on || !createdAt) continue;
      const deleted = fields.deleted === true;
      const hidden = fields.hidden === true;
      const post: Post = {
        id: id as PostId,
        on,
        author: str(fields, 'author') as MemberId,
        createdAt: createdAt as HlcTimestamp,
        text: deleted || hidden ? '' : str(fields, 'text'),
        editedAt: (str(fields, 'editedAt') || null) as HlcTimestamp | null,
        deleted,
        hidden,
      };
      byId.set(id, post);
      const list = byConversation.get(on);
      if (list) list.push(post);
      else byConversation.set(on, [post]);
    }
    for (const list of byConversation.values()) list.sort(comparePosts);
    return { byId, byConversation };
  });
}

const NO_POSTS: readonly Post[] = [];

/** The posts of one conversation in order (the same array until one of its posts changes). */
export function postsOn(doc: CrdtDocument, on: string): readonly Post[] {
  return postIndex(doc).byConversation.get(on) ?? NO_POSTS;
}

export function readPost(doc: CrdtDocument, id: PostId): Post | undefined {
  return postIndex(doc).byId.get(id);
}

/** Checks a post's text: required, within the limit of its kind of conversation. */
export function validPostText(on: string, text: string): Result<string, DomainError> {
  return validText('text', text, on.startsWith(THREAD_PREFIX) ? LIMITS.post : LIMITS.comment, true);
}

/**
 * The fields of a new post. Its stamp comes after every post of the
 * conversation this device has seen, so a reply sorts after what it answers,
 * whatever the wall clocks say. [DSC2]
 */
export function newPostRecord(
  doc: CrdtDocument,
  on: string,
  text: string,
  author: MemberId,
  context: ChangeContext,
): RecordFields {
  const last = postsOn(doc, on).at(-1);
  if (last) context.clock.observe(last.createdAt);
  return { on, text, author, createdAt: context.clock.now() };
}

/** [DSC3] [CMT3] Edit or delete one's own post; [DSC4] organizers hide any post. */
export function applyPostChange(
  doc: CrdtDocument,
  change: PostChange,
  context: ChangeContext,
): Result<DiscussionOutcome, DomainError> {
  const post = readPost(doc, change.postId);
  if (!post) return err(domainError(DomainErrorReason.unknownPost, 'postId'));
  const actor = actingMember(
    doc,
    context,
    change.type === 'setPostHidden' ? MemberRole.organizer : null,
  );
  if (!actor.ok) return actor;
  if (change.type !== 'setPostHidden' && post.author !== actor.value)
    return err(domainError(DomainErrorReason.notAllowed, 'actor'));
  let patch: RecordFields;
  if (change.type === 'editPost') {
    if (post.deleted) return err(domainError(DomainErrorReason.invalidState));
    const text = validPostText(post.on, change.text);
    if (!text.ok) return text;
    patch = { text: text.value };
  } else if (change.type === 'setPostDeleted') {
    patch = { deleted: change.deleted };
  } else {
    patch = { hidden: change.hidden, moderatedBy: actor.value };
  }
  // The edit comes after everything this device has seen of the post.
  context.clock.observe(post.createdAt);
  const lastEdit = foldedRecords(doc, PostRecords).get(post.id)?.lastEdit;
  if (lastEdit) context.clock.observe(lastEdit);
  const stamp = context.clock.now();
  if (change.type === 'editPost') patch = { ...patch, editedAt: stamp };
  doc.transact(() => editRecord(doc, PostRecords, post.id, stamp, patch));
  return ok({ type: 'discussion', threadId: threadOf(post), postId: post.id });
}
