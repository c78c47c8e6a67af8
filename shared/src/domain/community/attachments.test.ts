import { describe, expect, it } from 'vitest';
import { blobHashOf } from '../../blobs/blobRef';
import type { ItemId } from '../../ids';
import { readAttachments } from './attachments';
import type { PostId } from './posts';
import { communityWithFounder, fork, makeActor, sponsor, syncPair } from './testkit';

const owner = makeActor('owner');
const ana = makeActor('ana');
const ben = makeActor('ben');
const photo = {
  hash: blobHashOf(Uint8Array.from([1, 2, 3])),
  size: 3,
  type: 'image/jpeg',
  name: 'velo.jpg',
  width: 1600,
  height: 1200,
};

function withItem() {
  const doc = communityWithFounder(owner);
  sponsor(doc, owner, ana);
  sponsor(doc, owner, ben);
  const posted = owner.apply(doc, {
    type: 'postItem',
    kind: 'lend',
    title: 'Vélo cargo',
    description: '',
    tags: [],
  });
  if (!posted.ok || posted.value.type !== 'item') throw new Error('setup');
  return { doc, target: { kind: 'item', itemId: posted.value.itemId as ItemId } as const };
}

describe('attachments', () => {
  it('[ATT1] a member attaches a photo to an item: the document holds its reference only', () => {
    const { doc, target } = withItem();
    const added = ana.apply(doc, { type: 'addAttachment', target, blob: photo });
    expect(added.ok).toBe(true);
    const list = readAttachments(doc, target);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ blob: photo, addedBy: ana.id, on: `item:${target.itemId}` });
    // No bytes anywhere in the document: only the reference's fields.
    expect(JSON.stringify(doc.map('attachments').getValue(list[0]?.id ?? ''))).not.toContain(
      '"bytes"',
    );
  });

  it('[ATT1] attachments on a comment; concurrent additions converge in one order', () => {
    const { doc, target } = withItem();
    const comment = ana.apply(doc, { type: 'addComment', target, text: 'Dispo samedi ?' });
    if (!comment.ok || comment.value.type !== 'discussion') throw new Error('setup');
    const onPost = { kind: 'post', postId: comment.value.postId as PostId } as const;
    const a = fork(doc);
    const b = fork(doc);
    ana.apply(a, { type: 'addAttachment', target: onPost, blob: photo });
    ben.apply(b, { type: 'addAttachment', target: onPost, blob: { ...photo, name: 'b.jpg' } });
    syncPair(a, b);
    expect(readAttachments(a, onPost).map((x) => x.blob.name)).toEqual(
      readAttachments(b, onPost).map((x) => x.blob.name),
    );
    expect(readAttachments(a, onPost)).toHaveLength(2);
  });

  it('[ATT1] an event carries photos too', () => {
    const { doc } = withItem();
    const added = owner.apply(doc, {
      type: 'addEvent',
      title: 'Apéro photo',
      start: '2030-01-10T18:00:00Z',
      end: '2030-01-10T20:00:00Z',
      timeZone: 'Europe/Paris',
      place: 'Café',
    });
    if (!added.ok || added.value.type !== 'event') throw new Error('setup');
    const onEvent = { kind: 'event', eventId: added.value.eventId } as const;
    expect(ana.apply(doc, { type: 'addAttachment', target: onEvent, blob: photo }).ok).toBe(true);
    expect(readAttachments(doc, onEvent)).toHaveLength(1);
    expect(
      ana.apply(doc, {
        type: 'addAttachment',
        target: { kind: 'event', eventId: 'nope' as never },
        blob: photo,
      }),
    ).toMatchObject({ ok: false, error: { reason: 'unknown-event' } });
  });

  it('[ATT2] refuses a malformed reference and an unknown target, writing nothing', () => {
    const { doc, target } = withItem();
    const bad = ana.apply(doc, {
      type: 'addAttachment',
      target,
      blob: { ...photo, hash: 'x' as never },
    });
    expect(bad).toMatchObject({ ok: false, error: { reason: 'invalid-state', field: 'blob' } });
    const unknown = ana.apply(doc, {
      type: 'addAttachment',
      target: { kind: 'item', itemId: 'nope' as ItemId },
      blob: photo,
    });
    expect(unknown).toMatchObject({ ok: false, error: { reason: 'unknown-item' } });
    expect(readAttachments(doc, target)).toHaveLength(0);
  });

  it('[ATT3] only whoever added it, or an organizer, removes an attachment', () => {
    const { doc, target } = withItem();
    const added = ana.apply(doc, { type: 'addAttachment', target, blob: photo });
    if (!added.ok || added.value.type !== 'attachment') throw new Error('setup');
    const { attachmentId } = added.value;
    expect(ben.apply(doc, { type: 'removeAttachment', attachmentId })).toMatchObject({
      ok: false,
      error: { reason: 'not-allowed' },
    });
    expect(owner.apply(doc, { type: 'removeAttachment', attachmentId }).ok).toBe(true);
    expect(readAttachments(doc, target)).toHaveLength(0);
  });
});
