import { Node } from 'prosemirror-model';
import { schema } from 'prosemirror-schema-basic';
import { describe, expect, it } from 'vitest';
import {
  prosemirrorJSONToYXmlFragment,
  updateYFragment,
  yXmlFragmentToProseMirrorRootNode,
} from 'y-prosemirror';
import { yjsRichText } from '../../crdt/yjs/richText';
import { type YjsDocument, yjsEngine } from '../../crdt/yjs/YjsDocument';
import type { DocId } from '../../ids';
import { ProjectRoot } from './schema';

const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const docJson = (...paragraphs: string[]) => ({ type: 'doc', content: paragraphs.map(paragraph) });
const notesOf = (doc: YjsDocument) =>
  yXmlFragmentToProseMirrorRootNode(yjsRichText(doc, ProjectRoot.notes), schema);

/** Applies an edited ProseMirror document to the fragment, as y-prosemirror's sync plugin does. */
function edit(doc: YjsDocument, json: unknown): void {
  const fragment = yjsRichText(doc, ProjectRoot.notes);
  updateYFragment(doc.ydoc, fragment, Node.fromJSON(schema, json), {
    mapping: new Map(),
    isOMark: new Map(),
  });
}

describe('project notes', () => {
  it('[PRJ3] notes are a Y.XmlFragment that a ProseMirror binding edits, and concurrent edits merge', () => {
    const id = 'project-notes-0000001' as DocId;
    const a = yjsEngine.create(id) as YjsDocument;
    prosemirrorJSONToYXmlFragment(
      schema,
      docJson('Matériaux', 'Planning'),
      yjsRichText(a, ProjectRoot.notes),
    );
    const b = yjsEngine.load(id, [a.encodeState()]) as YjsDocument;
    expect(notesOf(b).toJSON()).toEqual(docJson('Matériaux', 'Planning'));

    // Offline on both sides: A completes the first paragraph, B adds a third one.
    edit(a, docJson('Matériaux : bois de palette', 'Planning'));
    edit(b, docJson('Matériaux', 'Planning', 'Qui apporte la perceuse ?'));
    b.applyUpdate(a.encodeUpdateSince(b.encodeStateVector()));
    a.applyUpdate(b.encodeUpdateSince(a.encodeStateVector()));

    const merged = docJson('Matériaux : bois de palette', 'Planning', 'Qui apporte la perceuse ?');
    expect(notesOf(a).toJSON()).toEqual(merged);
    expect(notesOf(b).toJSON()).toEqual(merged);
    expect(() => notesOf(a).check()).not.toThrow();
  });
});
