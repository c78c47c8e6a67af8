import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { inlineUpdateOps, WorkerUpdateOps } from './UpdateWorker';
import { mergeAll } from './yjsUpdates';

/** n updates from two writers overwriting their key, plus a growing array. */
function history(n: number): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const docs = [new Y.Doc(), new Y.Doc()];
  for (const doc of docs) doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < n; i++) {
    const doc = docs[i % 2] as Y.Doc;
    doc.getMap('m').set(`w${i % 2}`, `value-${i}`);
    if (i % 10 === 0) doc.getArray('a').push([i]);
  }
  return updates;
}

const contentOf = (update: Uint8Array): unknown => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return { m: doc.getMap('m').toJSON(), a: doc.getArray('a').toJSON() };
};

describe('whole-document operations off the event loop', () => {
  it('[MERGE1] a tree merge of many updates holds exactly what a flat merge holds', () => {
    const updates = history(1000);
    const tree = mergeAll(updates);
    expect(contentOf(tree)).toEqual(contentOf(Y.mergeUpdates(updates)));
    expect(Y.encodeStateVectorFromUpdate(tree)).toEqual(
      Y.encodeStateVectorFromUpdate(Y.mergeUpdates(updates)),
    );
    expect(contentOf(tree)).toEqual({
      m: { w0: 'value-998', w1: 'value-999' },
      a: expect.any(Array),
    });
  });

  it('[MERGE2] the worker merges, diffs and computes state vectors like inline code', async () => {
    const ops = new WorkerUpdateOps({ inlineBytes: 0 });
    try {
      const updates = history(400);
      const merged = await ops.merge(updates);
      expect(merged).toEqual(await inlineUpdateOps.merge(updates));
      const partial = await inlineUpdateOps.merge(updates.slice(0, 100));
      const vector = Y.encodeStateVectorFromUpdate(partial);
      expect(await ops.stateVector(merged)).toEqual(Y.encodeStateVectorFromUpdate(merged));
      const missing = await ops.diff(merged, vector);
      expect(missing).toEqual(Y.diffUpdate(merged, vector));
      expect(contentOf(Y.mergeUpdates([partial, missing]))).toEqual(contentOf(merged));
    } finally {
      await ops.close();
    }
  });

  it('[MERGE3] a job whose input throws rejects (as inline), and the worker keeps serving', async () => {
    const ops = new WorkerUpdateOps({ inlineBytes: 0 });
    try {
      const valid = mergeAll(history(20));
      expect(() => Y.diffUpdate(valid, Uint8Array.of(255))).toThrow();
      await expect(ops.diff(valid, Uint8Array.of(255))).rejects.toThrow();
      const updates = history(50);
      expect(contentOf(await ops.merge(updates))).toEqual(contentOf(mergeAll(updates)));
    } finally {
      await ops.close();
    }
  });
});
