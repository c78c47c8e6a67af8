import {
  type CommunitySnapshot,
  type DiscussionThread,
  decodeHlc,
  type MemberId,
  MemberRole,
} from '@ensemble/shared';
import type { FeatureTranslate } from '../../../i18n/featureMessages';
import type { DiscussionMessageKey } from './messages';

/** Open threads first (by last activity, as the domain lists them), archived ones apart. */
export function splitThreads(threads: readonly DiscussionThread[]): {
  readonly open: readonly DiscussionThread[];
  readonly archived: readonly DiscussionThread[];
} {
  return {
    open: threads.filter((thread) => !thread.archived),
    archived: threads.filter((thread) => thread.archived),
  };
}

/** Replies: every post but the first (deleted ones keep their place, so they count). */
export function replyCount(thread: DiscussionThread): number {
  return Math.max(0, thread.postCount - 1);
}

export function repliesText(
  t: FeatureTranslate<DiscussionMessageKey>,
  thread: DiscussionThread,
): string {
  const count = replyCount(thread);
  if (count === 0) return t('list.replies.zero');
  return t(count === 1 ? 'list.replies.one' : 'list.replies.other', { count });
}

/**
 * [DSC5] Who may archive or restore: its creator or an organizer; in a community
 * without members (MEM5) anyone may.
 */
export function canArchive(
  snapshot: CommunitySnapshot,
  thread: DiscussionThread,
  me: MemberId,
): boolean {
  if (snapshot.members.length === 0) return true;
  if (thread.createdBy === me) return true;
  return snapshot.members.some((m) => m.id === me && m.role === MemberRole.organizer);
}

/** An organizer of a community with members (who may hide posts, DSC4). */
export function isModerator(snapshot: CommunitySnapshot, me: MemberId): boolean {
  return snapshot.members.some((m) => m.id === me && m.role === MemberRole.organizer);
}

/** "23 nov. 2026, 14:05": when a post was written, by its author's device clock. */
export function formatStamp(stamp: string, locale: string): string {
  const parts = decodeHlc(stamp);
  if (!parts) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(parts.wallMs),
  );
}
