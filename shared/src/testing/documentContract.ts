import { describe, expect, it } from 'vitest';
import type { DocumentEngine } from '../crdt/DocumentPort';
import type { DocId } from '../ids';

/**
 * The document port's contract. Every engine adapter runs it (Yjs today,
 * Automerge next), so domain code can rely on the same behaviour from both.
 */
export function runDocumentContract(engine: DocumentEngine): void {
  const id = 'contract-document-0001' as DocId;

  describe(`document port contract: ${engine.name}`, () => {
    it('[DOC1] values and nested maps written in a transaction read back', () => {
      const doc = engine.create(id);
      doc.transact(() => {
        const root = doc.map('root');
        root.set('title', 'Pique-nique');
        root.set('list', [1, 'deux', { trois: true }]);
        root.setMap('nested').set('k', null);
      });
      const root = doc.map('root');
      expect(root.getValue('title')).toBe('Pique-nique');
      expect(root.getValue('list')).toEqual([1, 'deux', { trois: true }]);
      expect(root.getMap('nested')?.getValue('k')).toBeNull();
      expect(root.getValue('nested')).toBeUndefined();
      expect(root.keys().sort()).toEqual(['list', 'nested', 'title']);
      expect(root.size).toBe(3);
    });

    it('[DOC2] one transaction emits one update and one local change event', () => {
      const doc = engine.create(id);
      const updates: Uint8Array[] = [];
      const local: boolean[] = [];
      doc.onUpdate((update) => updates.push(update));
      doc.onChange((event) => local.push(event.local));
      doc.transact(() => {
        doc.map('a').set('x', 1);
        doc.map('b').set('y', 2);
      });
      expect(updates).toHaveLength(1);
      expect(local).toEqual([true]);
    });

    it('[DOC3] replicas exchanging state-vector diffs converge, concurrent keys merge', () => {
      const a = engine.create(id);
      const b = engine.create(id);
      a.transact(() => a.map('m').set('fromA', 1));
      b.transact(() => b.map('m').set('fromB', 2));
      const remoteChanges: boolean[] = [];
      b.onChange((event) => remoteChanges.push(event.local));
      b.applyUpdate(a.encodeUpdateSince(b.encodeStateVector()));
      a.applyUpdate(b.encodeUpdateSince(a.encodeStateVector()));
      expect(a.map('m').keys().sort()).toEqual(['fromA', 'fromB']);
      expect(b.map('m').keys().sort()).toEqual(['fromA', 'fromB']);
      expect(remoteChanges).toEqual([false]);
    });

    it('[DOC4] load() from stored updates in any order, with duplicates, restores state', () => {
      const doc = engine.create(id);
      const updates: Uint8Array[] = [];
      doc.onUpdate((update) => updates.push(update));
      for (let i = 0; i < 5; i++) doc.transact(() => doc.map('m').set(`k${i}`, i));
      const shuffled = [
        updates[3],
        updates[0],
        updates[4],
        updates[1],
        updates[2],
        updates[0],
      ].filter((u): u is Uint8Array => u !== undefined);
      const loaded = engine.load(id, shuffled);
      expect(loaded.map('m').keys().sort()).toEqual(['k0', 'k1', 'k2', 'k3', 'k4']);
      const merged = engine.load(id, [engine.mergeUpdates(updates)]);
      expect(merged.map('m').size).toBe(5);
    });

    it('[DOC5] applying bytes that are not an update throws and leaves the document unchanged', () => {
      const doc = engine.create(id);
      doc.transact(() => doc.map('m').set('kept', true));
      const before = doc.encodeState();
      expect(() => doc.applyUpdate(new Uint8Array([255, 255, 255, 255, 1, 2, 3]))).toThrow();
      expect(doc.map('m').getValue('kept')).toBe(true);
      expect(doc.encodeState()).toEqual(before);
    });

    it('[DOC6] change events name the root maps touched, nested changes included; no-ops are silent', () => {
      const a = engine.create(id);
      a.transact(() => a.map('events').setMap('e1').set('title', 'x'));
      const b = engine.create(id);
      const seen: string[][] = [];
      b.onChange((event) => seen.push([...event.roots].sort()));
      b.applyUpdate(a.encodeState());
      b.applyUpdate(a.encodeState());
      b.transact(() => b.map('events').getMap('e1')?.set('title', 'y'));
      b.transact(() => {
        b.map('rsvps').set('k', 1);
        b.map('meta').set('v', 2);
      });
      expect(seen).toEqual([['events'], ['events'], ['meta', 'rsvps']]);
      expect(b.rootVersion('events')).toBe(2);
      expect(b.rootVersion('rsvps')).toBe(1);
      expect(b.rootVersion('never-touched')).toBe(0);
    });

    it('[DOC7] root versions are already bumped when change listeners run', () => {
      const doc = engine.create(id);
      const versionsSeen: number[] = [];
      doc.onChange(() => versionsSeen.push(doc.rootVersion('m')));
      doc.transact(() => doc.map('m').set('a', 1));
      doc.transact(() => doc.map('m').set('a', 2));
      expect(versionsSeen).toEqual([1, 2]);
    });
  });
}
