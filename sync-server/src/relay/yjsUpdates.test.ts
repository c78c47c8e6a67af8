import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { inspectUpdate } from './yjsUpdates';

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x80000000;
  };
}

describe('inspectUpdate', () => {
  it('[UPD1] accepts real updates and tells empty ones apart', () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    doc.getArray('a').push([1, 2, 3]);
    doc.getText('t').insert(0, 'hello');
    doc.getArray('a').delete(1, 1);
    for (const update of updates)
      expect(inspectUpdate(update)).toEqual({ ok: true, value: { empty: false } });
    expect(inspectUpdate(Uint8Array.of(0, 0))).toEqual({ ok: true, value: { empty: true } });
  });

  it('[UPD2] never passes a mutated update that would throw when a client applies it', () => {
    const random = seeded(7);
    const base = new Y.Doc();
    base.clientID = 1;
    const updates: Uint8Array[] = [];
    base.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 60; i++) {
      const list = base.getArray<number>('list');
      if (i % 3 === 2 && list.length > 0) list.delete(Math.floor(random() * list.length), 1);
      else list.insert(Math.floor(random() * (list.length + 1)), [i]);
      base.getText('text').insert(0, `${i}`);
    }
    const prefix = Y.mergeUpdates(updates.slice(0, 30));
    let accepted = 0;
    let refused = 0;
    for (let trial = 0; trial < 3_000; trial++) {
      const update = (updates[30 + Math.floor(random() * 30)] ?? Uint8Array.of(0, 0)).slice();
      for (let flips = 1 + Math.floor(random() * 3); flips > 0; flips--) {
        const at = Math.floor(random() * update.length);
        update[at] = (update[at] ?? 0) ^ (1 << Math.floor(random() * 8));
      }
      const verdict = inspectUpdate(update);
      if (!verdict.ok) {
        refused++;
        continue;
      }
      accepted++;
      const client = new Y.Doc();
      Y.applyUpdate(client, prefix);
      expect(() => Y.applyUpdate(client, update), `trial ${trial}`).not.toThrow();
      expect(() => Y.encodeStateAsUpdate(client)).not.toThrow();
    }
    expect(accepted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
  });
});
