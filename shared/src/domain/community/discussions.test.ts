import { describe, expect, it } from 'vitest';
import { encodeHlc, HybridLogicalClock } from '../../clock/HybridLogicalClock';
import type { CrdtDocument } from '../../crdt/DocumentPort';
import type { DeviceId, EventId, ItemId, ProjectId } from '../../ids';
import { createRecord } from '../records';
import { applyCommunityChange } from './changes';
import { type CommentTarget, readComments } from './comments';
import type { ChangeContext } from './context';
import { listThreads, readThread } from './discussions';
import { comparePosts, type Post, type PostId, postsOn, type ThreadId } from './posts';
import { PostRecords } from './schema';
import { type Actor, communityWithFounder, fork, makeActor, sponsor, syncPair } from './testkit';

const organizer = makeActor('orga');
const [ana, ben, cleo] = ['ana', 'ben', 'cleo'].map((n) => makeActor(n)) as [Actor, Actor, Actor];

/** The same member on another device (its own device id and wall clock). */
function otherDevice(member: Actor, wall = () => Date.parse('2026-11-01T10:00:00Z')): Actor {
  const context: ChangeContext = {
    clock: new HybridLogicalClock(`${member.id}-other-device` as DeviceId, wall),
    actor: member.id,
  };
  return {
    id: member.id,
    context,
    apply: (doc, change) => applyCommunityChange(doc, change, context),
  };
}

function community(): CrdtDocument {
  const doc = communityWithFounder(organizer);
  for (const member of [ana, ben, cleo]) sponsor(doc, organizer, member);
  return doc;
}

function startThread(doc: CrdtDocument, by: Actor, title = 'Ateliers', text = 'Qui vient ?') {
  const started = by.apply(doc, { type: 'startThread', title, text });
  if (!started.ok || started.value.type !== 'discussion' || !started.value.threadId)
    throw new Error('setup: thread');
  return { threadId: started.value.threadId, postId: started.value.postId as PostId };
}

function post(doc: CrdtDocument, by: Actor, threadId: ThreadId, text: string): PostId {
  const replied = by.apply(doc, { type: 'replyToThread', threadId, text });
  if (!replied.ok || replied.value.type !== 'discussion') throw new Error('setup: reply');
  return replied.value.postId as PostId;
}

function comment(doc: CrdtDocument, by: Actor, target: CommentTarget, text: string): PostId {
  const added = by.apply(doc, { type: 'addComment', target, text });
  if (!added.ok || added.value.type !== 'discussion') throw new Error('setup: comment');
  return added.value.postId as PostId;
}

const inOrder = (posts: readonly Post[]) =>
  posts.every((p, i) => i === 0 || comparePosts(posts[i - 1] as Post, p) < 0);

const refused = (reason: string) => ({ ok: false, error: { reason } });

/** A weekly event from Thursday 10 January 2030 (occurrence keys are local dates). */
function withEvent(doc: CrdtDocument): EventId {
  const added = organizer.apply(doc, {
    type: 'addEvent',
    title: 'Apéro',
    start: '2030-01-10T18:00:00Z',
    end: '2030-01-10T20:00:00Z',
    timeZone: 'Europe/Paris',
    place: '',
    recurrence: { frequency: 'weekly', interval: 1, until: null, count: 10 },
  });
  if (!added.ok || added.value.type !== 'event') throw new Error('setup: event');
  return added.value.eventId;
}

describe('discussion threads', () => {
  it('[DSC1] a thread starts with its title and first post; threads list by last activity', () => {
    const doc = community();
    const first = startThread(doc, ana, '  Jardin partagé ', 'On plante quand ?');
    const second = startThread(doc, ben, 'Fête de quartier', 'Idées ?');
    expect(readThread(doc, first.threadId)).toMatchObject({
      thread: { title: 'Jardin partagé', createdBy: ana.id, archived: false, postCount: 1 },
      posts: [{ id: first.postId, author: ana.id, text: 'On plante quand ?', deleted: false }],
    });
    expect(listThreads(doc).map((t) => t.id)).toEqual([second.threadId, first.threadId]);
    post(doc, cleo, first.threadId, 'Samedi !');
    expect(listThreads(doc).map((t) => t.id)).toEqual([first.threadId, second.threadId]);
    expect(listThreads(doc)[0]?.lastActivity).toBe(
      readThread(doc, first.threadId)?.posts[1]?.createdAt,
    );
    expect(ana.apply(doc, { type: 'startThread', title: ' ', text: 'x' })).toMatchObject(
      refused('required'),
    );
    expect(ana.apply(doc, { type: 'startThread', title: 'x', text: '' })).toMatchObject({
      ok: false,
      error: { reason: 'required', field: 'text' },
    });
    expect(
      ana.apply(doc, { type: 'replyToThread', threadId: first.threadId, text: 'a'.repeat(5_001) }),
    ).toMatchObject({ ok: false, error: { reason: 'too-long', field: 'text', limit: 5_000 } });
    expect(
      ana.apply(doc, { type: 'replyToThread', threadId: 'nope' as ThreadId, text: 'hello' }),
    ).toMatchObject(refused('unknown-thread'));
    expect(
      makeActor('stranger').apply(doc, { type: 'startThread', title: 'x', text: 'y' }),
    ).toMatchObject(refused('unknown-member'));
  });

  it('[DSC2] posts written offline on several replicas end in one order, identical everywhere', () => {
    const doc = community();
    const { threadId } = startThread(doc, organizer);
    const replicas = [fork(doc), fork(doc), fork(doc)];
    // Wall clocks disagree by hours; each writes three replies while offline.
    const writers = [
      otherDevice(ana, () => Date.parse('2026-11-01T12:00:00Z')),
      otherDevice(ben, () => Date.parse('2026-11-01T08:00:00Z')),
      otherDevice(cleo, () => Date.parse('2026-11-01T10:00:00Z')),
    ];
    writers.forEach((writer, i) => {
      for (let n = 0; n < 3; n++) post(replicas[i] as CrdtDocument, writer, threadId, `${i}-${n}`);
    });
    for (const replica of replicas) syncPair(doc, replica);
    for (const replica of replicas) syncPair(doc, replica);
    const posts = readThread(doc, threadId)?.posts ?? [];
    expect(posts).toHaveLength(10);
    expect(inOrder(posts)).toBe(true);
    for (const replica of replicas) expect(readThread(replica, threadId)?.posts).toEqual(posts);
    // Each writer's own posts keep the order they were written in.
    for (let i = 0; i < 3; i++) {
      const own = posts.filter((p) => p.text.startsWith(`${i}-`)).map((p) => p.text);
      expect(own).toEqual([`${i}-0`, `${i}-1`, `${i}-2`]);
    }
    expect(listThreads(replicas[0] as CrdtDocument)).toEqual(listThreads(doc));
  });

  it('[DSC2] a reply sorts after the post it answers, even from a device whose clock is a year behind', () => {
    const doc = community();
    const { threadId } = startThread(doc, ana);
    post(
      doc,
      otherDevice(cleo, () => Date.parse('2026-11-01T15:00:00Z')),
      threadId,
      'Qui ?',
    );
    const late = otherDevice(ben, () => Date.parse('2025-11-01T10:00:00Z'));
    const replica = fork(doc);
    const reply = post(replica, late, threadId, 'Moi !');
    syncPair(doc, replica);
    expect(
      readThread(doc, threadId)
        ?.posts.map((p) => p.id)
        .at(-1),
    ).toBe(reply);
  });

  it('[DSC3] only the author edits or deletes a post; a deleted post keeps its place', () => {
    const doc = community();
    const { threadId, postId } = startThread(doc, ana, 'Covoiturage', 'Je pars de Rezé');
    const reply = post(doc, ben, threadId, 'Je monte avec toi');
    expect(ben.apply(doc, { type: 'editPost', postId, text: 'piraté' })).toMatchObject(
      refused('not-allowed'),
    );
    expect(organizer.apply(doc, { type: 'setPostDeleted', postId, deleted: true })).toMatchObject(
      refused('not-allowed'),
    );
    expect(ana.apply(doc, { type: 'editPost', postId, text: ' Je pars de Bouguenais ' }).ok).toBe(
      true,
    );
    const edited = readThread(doc, threadId)?.posts[0];
    expect(edited).toMatchObject({ text: 'Je pars de Bouguenais' });
    expect(edited?.editedAt).not.toBeNull();
    expect(ana.apply(doc, { type: 'setPostDeleted', postId, deleted: true }).ok).toBe(true);
    const posts = readThread(doc, threadId)?.posts ?? [];
    expect(posts.map((p) => [p.id, p.deleted, p.text])).toEqual([
      [postId, true, ''],
      [reply, false, 'Je monte avec toi'],
    ]);
    expect(ana.apply(doc, { type: 'editPost', postId, text: 'encore' })).toMatchObject(
      refused('invalid-state'),
    );
    expect(
      ana.apply(doc, { type: 'editPost', postId: 'missing' as PostId, text: 'x' }),
    ).toMatchObject(refused('unknown-post'));
    // Soft: the author can bring it back.
    expect(ana.apply(doc, { type: 'setPostDeleted', postId, deleted: false }).ok).toBe(true);
    expect(readThread(doc, threadId)?.posts[0]?.text).toBe('Je pars de Bouguenais');
  });

  it('[DSC3] an edit made offline while the post was deleted does not bring it back', () => {
    const doc = community();
    const { threadId, postId } = startThread(doc, ana);
    const phone = fork(doc);
    const laptop = fork(doc);
    ana.apply(phone, { type: 'setPostDeleted', postId, deleted: true });
    otherDevice(ana).apply(laptop, { type: 'editPost', postId, text: 'corrigé' });
    syncPair(phone, laptop);
    for (const replica of [phone, laptop]) {
      expect(readThread(replica, threadId)?.posts[0]).toMatchObject({ deleted: true, text: '' });
    }
  });

  it('[DSC4] organizers hide any post (soft, restorable); members cannot', () => {
    const doc = community();
    const { threadId } = startThread(doc, ana);
    const spam = post(doc, ben, threadId, 'Achetez mes montres');
    expect(cleo.apply(doc, { type: 'setPostHidden', postId: spam, hidden: true })).toMatchObject(
      refused('not-allowed'),
    );
    expect(organizer.apply(doc, { type: 'setPostHidden', postId: spam, hidden: true }).ok).toBe(
      true,
    );
    expect(readThread(doc, threadId)?.posts[1]).toMatchObject({ id: spam, hidden: true, text: '' });
    expect(readThread(doc, threadId)?.posts).toHaveLength(2);
    expect(organizer.apply(doc, { type: 'setPostHidden', postId: spam, hidden: false }).ok).toBe(
      true,
    );
    expect(readThread(doc, threadId)?.posts[1]).toMatchObject({
      hidden: false,
      text: 'Achetez mes montres',
    });
  });

  it('[DSC5] its creator or an organizer archives and restores a thread; archived takes no reply', () => {
    const doc = community();
    const { threadId } = startThread(doc, ana);
    expect(ben.apply(doc, { type: 'setThreadArchived', threadId, archived: true })).toMatchObject(
      refused('not-allowed'),
    );
    expect(ana.apply(doc, { type: 'setThreadArchived', threadId, archived: true }).ok).toBe(true);
    expect(readThread(doc, threadId)?.thread.archived).toBe(true);
    expect(ben.apply(doc, { type: 'replyToThread', threadId, text: 'trop tard' })).toMatchObject(
      refused('thread-archived'),
    );
    expect(organizer.apply(doc, { type: 'setThreadArchived', threadId, archived: false }).ok).toBe(
      true,
    );
    expect(ben.apply(doc, { type: 'replyToThread', threadId, text: 'enfin' }).ok).toBe(true);
    expect(listThreads(doc)[0]).toMatchObject({ archived: false, postCount: 2 });
  });

  it('[DSC6] reading a thread among 20,000 posts uses one memoised index', () => {
    const doc = community();
    const { threadId } = startThread(doc, ana);
    const other = startThread(doc, ben, 'Autre', 'x').threadId;
    doc.transact(() => {
      for (let i = 0; i < 20_000; i++) {
        createRecord(doc, PostRecords, `bulk-${String(i).padStart(5, '0')}`, {
          on: `thread:${i % 100 === 0 ? threadId : other}`,
          text: `post ${i}`,
          author: ben.id,
          createdAt: encodeHlc({
            wallMs: Date.parse('2026-10-01T00:00:00Z') + i,
            counter: 0,
            node: 'bulk',
          }),
        });
      }
    });
    const posts = readThread(doc, threadId)?.posts;
    expect(posts).toHaveLength(201);
    // Unchanged posts: the very same array, nothing recomputed.
    expect(readThread(doc, threadId)?.posts).toBe(posts);
    expect(postsOn(doc, `thread:${threadId}`)).toBe(posts);
    const started = Date.now();
    for (let i = 0; i < 1_000; i++) readThread(doc, threadId);
    expect(Date.now() - started).toBeLessThan(500);
    post(doc, cleo, threadId, 'dernier');
    expect(readThread(doc, threadId)?.posts.at(-1)?.text).toBe('dernier');
  });
});

describe('comments', () => {
  it('[CMT1] comments on an event, one of its occurrences, an item and a project are separate threads', () => {
    const doc = community();
    const eventId = withEvent(doc);
    const item = ana.apply(doc, {
      type: 'postItem',
      kind: 'lend',
      title: 'Perceuse',
      description: '',
      tags: [],
    });
    if (!item.ok || item.value.type !== 'item') throw new Error('setup: item');
    const itemId = item.value.itemId;
    const projectId = 'project-0000000000001' as ProjectId;
    organizer.apply(doc, { type: 'registerProject', projectId, title: 'Fresque', summary: '' });
    const whole: CommentTarget = { kind: 'event', eventId };
    const once: CommentTarget = { kind: 'event', eventId, occurrence: '2030-01-17' };
    comment(doc, ana, whole, 'Je viens');
    comment(doc, ben, whole, 'Moi aussi');
    comment(doc, cleo, once, 'Seulement celle-ci');
    comment(doc, ben, { kind: 'item', itemId }, 'Dispo samedi ?');
    comment(doc, cleo, { kind: 'project', projectId }, 'Bravo');
    expect(readComments(doc, whole).map((c) => c.text)).toEqual(['Je viens', 'Moi aussi']);
    expect(readComments(doc, { kind: 'event', eventId, occurrence: '' })).toHaveLength(2);
    expect(readComments(doc, once).map((c) => c.author)).toEqual([cleo.id]);
    expect(readComments(doc, { kind: 'item', itemId }).map((c) => c.text)).toEqual([
      'Dispo samedi ?',
    ]);
    expect(readComments(doc, { kind: 'project', projectId })).toHaveLength(1);
    expect(listThreads(doc)).toEqual([]);
  });

  it('[CMT1] comments added offline on two replicas merge in the same order', () => {
    const doc = community();
    const target: CommentTarget = { kind: 'event', eventId: withEvent(doc) };
    const a = fork(doc);
    const b = fork(doc);
    comment(
      a,
      otherDevice(ana, () => Date.parse('2026-11-01T11:00:00Z')),
      target,
      'a1',
    );
    comment(
      b,
      otherDevice(ben, () => Date.parse('2026-11-01T09:00:00Z')),
      target,
      'b1',
    );
    comment(a, ana, target, 'a2');
    syncPair(a, b);
    const comments = readComments(a, target);
    expect(comments).toHaveLength(3);
    expect(inOrder(comments)).toBe(true);
    expect(readComments(b, target)).toEqual(comments);
  });

  it('[CMT2] a comment needs a known target and a text of at most 5,000 characters', () => {
    const doc = community();
    const eventId = withEvent(doc);
    const add = (target: CommentTarget, text = 'hello') =>
      ana.apply(doc, { type: 'addComment', target, text });
    expect(add({ kind: 'event', eventId: 'missing' as EventId })).toMatchObject(
      refused('unknown-event'),
    );
    expect(add({ kind: 'item', itemId: 'missing' as ItemId })).toMatchObject(
      refused('unknown-item'),
    );
    expect(add({ kind: 'project', projectId: 'missing' as ProjectId })).toMatchObject(
      refused('unknown-project'),
    );
    expect(add({ kind: 'event', eventId, occurrence: '2030-01-11' })).toMatchObject({
      ok: false,
      error: { reason: 'invalid-date', field: 'occurrence' },
    });
    expect(add({ kind: 'event', eventId, occurrence: '2030-01-24' }).ok).toBe(true);
    expect(add({ kind: 'event', eventId }, '   ')).toMatchObject({
      ok: false,
      error: { reason: 'required', field: 'text' },
    });
    expect(add({ kind: 'event', eventId }, 'x'.repeat(5_001))).toMatchObject({
      ok: false,
      error: { reason: 'too-long', field: 'text', limit: 5_000 },
    });
    expect(add({ kind: 'event', eventId }, 'x'.repeat(5_000)).ok).toBe(true);
    expect(readComments(doc, { kind: 'event', eventId })).toHaveLength(1);
  });

  it('[CMT3] only the author edits or deletes a comment; a deleted one stays as a placeholder', () => {
    const doc = community();
    const target: CommentTarget = { kind: 'event', eventId: withEvent(doc) };
    const first = comment(doc, ana, target, 'Je viens');
    const second = comment(doc, ben, target, 'Moi aussi');
    expect(ben.apply(doc, { type: 'editPost', postId: first, text: 'non' })).toMatchObject(
      refused('not-allowed'),
    );
    expect(ben.apply(doc, { type: 'setPostDeleted', postId: first, deleted: true })).toMatchObject(
      refused('not-allowed'),
    );
    expect(ana.apply(doc, { type: 'editPost', postId: first, text: 'Je viens à 19h' }).ok).toBe(
      true,
    );
    expect(ana.apply(doc, { type: 'setPostDeleted', postId: first, deleted: true }).ok).toBe(true);
    expect(readComments(doc, target).map((c) => [c.id, c.deleted, c.text])).toEqual([
      [first, true, ''],
      [second, false, 'Moi aussi'],
    ]);
    expect(cleo.apply(doc, { type: 'setPostHidden', postId: second, hidden: true })).toMatchObject(
      refused('not-allowed'),
    );
    expect(organizer.apply(doc, { type: 'setPostHidden', postId: second, hidden: true }).ok).toBe(
      true,
    );
    expect(readComments(doc, target).map((c) => [c.hidden, c.text])).toEqual([
      [false, ''],
      [true, ''],
    ]);
  });
});
