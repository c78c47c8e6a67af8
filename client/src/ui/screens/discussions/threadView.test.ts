import {
  type CommunitySnapshot,
  type DiscussionThread,
  encodeHlc,
  type HlcTimestamp,
  type Member,
  type MemberId,
  MemberRole,
  type ThreadId,
} from '@ensemble/shared';
import { describe, expect, it } from 'vitest';
import { translateFeature } from '../../../i18n/featureMessages';
import { discussionMessages } from './messages';
import { canArchive, formatStamp, isModerator, repliesText, splitThreads } from './threadView';

const stamp = (iso: string) =>
  encodeHlc({ wallMs: Date.parse(iso), counter: 0, node: 'd' }) as HlcTimestamp;
const alice = 'alice' as MemberId;
const bruno = 'bruno' as MemberId;

function thread(title: string, fields: Partial<DiscussionThread> = {}): DiscussionThread {
  return {
    id: `t-${title}` as ThreadId,
    title,
    createdAt: stamp('2030-06-01T10:00:00Z'),
    createdBy: alice,
    archived: false,
    lastActivity: stamp('2030-06-01T10:00:00Z'),
    postCount: 1,
    ...fields,
  };
}

function snapshot(members: readonly Partial<Member>[]): CommunitySnapshot {
  return { members } as unknown as CommunitySnapshot;
}

describe('thread list', () => {
  it('keeps the domain order and sets archived threads apart', () => {
    const list = [thread('a'), thread('b', { archived: true }), thread('c')];
    const { open, archived } = splitThreads(list);
    expect(open.map((t) => t.title)).toEqual(['a', 'c']);
    expect(archived.map((t) => t.title)).toEqual(['b']);
  });

  it('counts replies: every post but the first', () => {
    const t = translateFeature(discussionMessages, 'fr');
    expect(repliesText(t, thread('a'))).toBe('Pas encore de réponse');
    expect(repliesText(t, thread('a', { postCount: 2 }))).toBe('1 réponse');
    expect(repliesText(t, thread('a', { postCount: 4 }))).toBe('3 réponses');
    const en = translateFeature(discussionMessages, 'en');
    expect(repliesText(en, thread('a', { postCount: 4 }))).toBe('3 replies');
  });

  it('dates a stamp in the reader’s language', () => {
    expect(formatStamp(stamp('2030-06-01T10:00:00Z'), 'fr')).toMatch(/1 juin 2030/);
    expect(formatStamp('not a stamp', 'fr')).toBe('');
  });
});

describe('[DSC5] who archives, [DSC4] who moderates', () => {
  it('lets anyone archive in a community without members', () => {
    expect(canArchive(snapshot([]), thread('a'), bruno)).toBe(true);
    expect(isModerator(snapshot([]), bruno)).toBe(false);
  });

  it('lets the creator or an organizer archive, not other members', () => {
    const members = snapshot([
      { id: alice, role: MemberRole.member },
      { id: bruno, role: MemberRole.member },
      { id: 'chloe' as MemberId, role: MemberRole.organizer },
    ]);
    expect(canArchive(members, thread('a'), alice)).toBe(true);
    expect(canArchive(members, thread('a'), bruno)).toBe(false);
    expect(canArchive(members, thread('a'), 'chloe' as MemberId)).toBe(true);
    expect(isModerator(members, 'chloe' as MemberId)).toBe(true);
    expect(isModerator(members, alice)).toBe(false);
  });
});
