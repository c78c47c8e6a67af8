import * as A from '@automerge/automerge';
import { digest } from 'lib0/hash/sha256';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocId } from '../../ids';
import { type AutomergeDocument, automergeEngine } from './AutomergeDocument';
import { AutomergeChunkError, ChunkErrorReason, splitChunks } from './chunks';
import { genesisChange } from './genesis';
import { decodeHeads } from './heads';

const id = 'automerge-adapter-0001' as DocId;

/** A chunk with a correct header and checksum around any body. */
function craftChunk(type: number, body: readonly number[]): Uint8Array {
  const tail = new Uint8Array([type, body.length, ...body]);
  return new Uint8Array([0x85, 0x6f, 0x4a, 0x83, ...digest(tail).subarray(0, 4), ...tail]);
}

function withChanges(): { doc: AutomergeDocument; updates: Uint8Array[] } {
  const doc = automergeEngine.create(id) as AutomergeDocument;
  const updates: Uint8Array[] = [];
  doc.onUpdate((update) => updates.push(update));
  for (let i = 0; i < 3; i++) doc.transact(() => doc.map('m').set(`k${i}`, i));
  return { doc, updates };
}

describe('Automerge adapter', () => {
  it('[AM2] a root created on two replicas apart is one genesis change, byte for byte', () => {
    expect(genesisChange('tasks')).toEqual(genesisChange('tasks'));
    const a = automergeEngine.create(id);
    const b = automergeEngine.create(id);
    a.transact(() => a.map('tasks').set('t1', { title: 'A' }));
    b.transact(() => b.map('tasks').set('t2', { title: 'B' }));
    b.applyUpdate(a.encodeState());
    a.applyUpdate(b.encodeState());
    expect(a.map('tasks').keys().sort()).toEqual(['t1', 't2']);
    expect(b.map('tasks').getValue('t1')).toEqual({ title: 'A' });
  });

  it('[AM4] a JSON object is one last-writer-wins value, never a field-by-field blend', () => {
    const a = automergeEngine.create(id);
    a.transact(() => a.map('m').set('task', { title: 'x', status: 'todo' }));
    const b = automergeEngine.load(id, [a.encodeState()]);
    a.transact(() => a.map('m').set('task', { title: 'from A' }));
    b.transact(() => b.map('m').set('task', { status: 'done' }));
    a.applyUpdate(b.encodeUpdateSince(a.encodeStateVector()));
    b.applyUpdate(a.encodeUpdateSince(b.encodeStateVector()));
    const value = a.map('m').getValue('task');
    expect([{ title: 'from A' }, { status: 'done' }]).toContainEqual(value);
    expect(b.map('m').getValue('task')).toEqual(value);
    a.transact(() => a.map('m').set('big', 2 ** 60));
    expect(a.map('m').getValue('big')).toBe(2 ** 60);
  });

  it('[AM3] a good change followed by a damaged one is refused whole: nothing is applied', () => {
    const { updates } = withChanges();
    const damaged = (updates[1] as Uint8Array).slice();
    damaged[damaged.length - 2] = (damaged[damaged.length - 2] as number) ^ 0xff;
    const target = automergeEngine.create(id);
    const both = new Uint8Array([...(updates[0] as Uint8Array), ...damaged]);
    expect(() => target.applyUpdate(both)).toThrow(AutomergeChunkError);
    expect(target.map('m').size).toBe(0);
    expect(target.encodeStateVector()).toHaveLength(0);
    // Automerge's own loader would have said nothing: it drops what it cannot parse.
    expect(() => A.loadIncremental(A.init(), both)).not.toThrow();
  });

  it('[AM3] a chunk with a valid checksum but a body that is no change is refused', () => {
    const { doc, updates } = withChanges();
    const before = doc.encodeState();
    // No dependencies, then bytes that are no change: the checksum and the header pass.
    const crafted = craftChunk(1, [0, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(splitChunks(crafted)).toHaveLength(1);
    expect(() =>
      doc.applyUpdate(new Uint8Array([...(updates[0] as Uint8Array), ...crafted])),
    ).toThrow();
    expect(doc.encodeState()).toEqual(before);
  });

  it('[AM3] a Yjs update, a truncated chunk and trailing bytes are each refused with their reason', () => {
    const { doc, updates } = withChanges();
    const ydoc = new Y.Doc();
    ydoc.getMap('m').set('k0', 'yjs');
    const reasonOf = (bytes: Uint8Array) => {
      try {
        doc.applyUpdate(bytes);
        return 'accepted';
      } catch (error) {
        return error instanceof AutomergeChunkError ? error.reason : String(error);
      }
    };
    const one = updates[0] as Uint8Array;
    expect(reasonOf(Y.encodeStateAsUpdate(ydoc))).toBe(ChunkErrorReason.notAutomerge);
    expect(reasonOf(one.subarray(0, one.length - 1))).toBe(ChunkErrorReason.truncated);
    expect(reasonOf(new Uint8Array([...one, 0x85, 0x6f]))).toBe(ChunkErrorReason.truncated);
    expect(reasonOf(craftChunk(7, [1]))).toBe(ChunkErrorReason.unknownChunkType);
    expect(doc.map('m').getValue('k0')).toBe(0);
  });

  it('[AM5] a merge keeps changes still waiting for a dependency, and they apply once it arrives', () => {
    const { updates } = withChanges();
    const merged = automergeEngine.mergeUpdates([
      updates[0] as Uint8Array,
      updates[2] as Uint8Array,
    ]);
    const doc = automergeEngine.load(id, [merged]);
    expect(doc.map('m').keys()).toEqual(['k0']);
    doc.applyUpdate(updates[1] as Uint8Array);
    expect(doc.map('m').keys().sort()).toEqual(['k0', 'k1', 'k2']);
  });

  it('[AM1] the state vector is the heads; a diff against it holds only what the other lacks', () => {
    const { doc, updates } = withChanges();
    const partial = automergeEngine.load(id, updates.slice(0, 2));
    const diff = doc.encodeUpdateSince(partial.encodeStateVector());
    expect(splitChunks(diff)).toHaveLength(1);
    expect(decodeHeads(doc.encodeStateVector())).toEqual(A.getHeads(doc.doc));
    expect(doc.encodeUpdateSince(doc.encodeStateVector())).toHaveLength(0);
    expect(() => decodeHeads(new Uint8Array(31))).toThrow(RangeError);
  });
  it('[AM9] two changes of one actor with the same seq: the log still loads and merges, the first stored wins', () => {
    const actor = 'ab'.repeat(16);
    const first = A.getLastLocalChange(
      A.change(A.init<{ x?: number }>({ actor }), (d) => {
        d.x = 1;
      }),
    ) as Uint8Array;
    const clash = A.getLastLocalChange(
      A.change(A.init<{ x?: number }>({ actor }), (d) => {
        d.x = 2;
      }),
    ) as Uint8Array;
    const { updates } = withChanges();
    const log = [...updates, first, clash];
    const merged = automergeEngine.mergeUpdates(log);
    const loaded = automergeEngine.load(id, [merged]) as AutomergeDocument;
    expect(loaded.map('m').keys().sort()).toEqual(['k0', 'k1', 'k2']);
    // The merged state no longer holds the clashing change; merging again is stable.
    expect(automergeEngine.mergeUpdates([merged])).toEqual(merged);
    expect(automergeEngine.load(id, log).map('m').size).toBe(3);
    // A replica offered the clashing change refuses it and stays usable.
    const replica = automergeEngine.create(id);
    replica.applyUpdate(first);
    expect(() => replica.applyUpdate(clash)).toThrow();
    replica.transact(() => replica.map('m').set('after', true));
    expect(replica.map('m').getValue('after')).toBe(true);
  });
});
