import { describe, expect, it } from 'vitest';
import type { DocId } from '../../ids';
import { yjsEngine } from '../yjs/YjsDocument';
import { automergeEngine } from './AutomergeDocument';
import { automergeRichText } from './richText';

const id = 'automerge-notes-000001' as DocId;
const paragraph = { type: 'paragraph', parents: [], attrs: {} };

describe('Automerge rich text', () => {
  it('[AM7] notes written on two replicas apart merge, both texts kept, in one root', () => {
    const a = automergeEngine.create(id);
    const b = automergeEngine.create(id);
    automergeRichText(a, 'notes').updateSpans([
      { type: 'block', value: paragraph },
      { type: 'text', value: 'Matériaux' },
    ]);
    b.applyUpdate(a.encodeState());
    // Apart, at different places (concurrent inserts at one place are ordered by actor id).
    automergeRichText(a, 'notes').splice(1, 0, 'Liste : ');
    const bNotes = automergeRichText(b, 'notes');
    bNotes.splitBlock(bNotes.text().length, paragraph);
    bNotes.splice(bNotes.text().length, 0, 'Qui apporte la perceuse ?');
    // A third replica that never saw the first write creates the root on its own.
    const c = automergeEngine.create(id);
    automergeRichText(c, 'notes').splice(0, 0, 'Hors ligne');
    for (const [from, to] of [
      [a, b],
      [b, a],
      [c, a],
      [a, c],
      [a, b],
    ] as const)
      to.applyUpdate(from.encodeUpdateSince(to.encodeStateVector()));
    const text = automergeRichText(a, 'notes').text();
    expect(text).toContain('Liste : Matériaux');
    expect(text).toContain('Qui apporte la perceuse ?');
    expect(text).toContain('Hors ligne');
    expect(automergeRichText(b, 'notes').text()).toBe(text);
    expect(automergeRichText(c, 'notes').spans()).toEqual(automergeRichText(a, 'notes').spans());
  });

  it('[AM7] rich text needs an Automerge document; a map root is not text', () => {
    expect(() => automergeRichText(yjsEngine.create(id), 'notes')).toThrow(TypeError);
    const doc = automergeEngine.create(id);
    doc.transact(() => doc.map('meta').set('x', 1));
    expect(() => automergeRichText(doc, 'meta').splice(0, 0, 'x')).toThrow(/not rich text/);
    expect(doc.map('meta').getValue('x')).toBe(1);
  });
});
