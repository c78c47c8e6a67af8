import { describe, expect, it } from 'vitest';
import { yjsEngine } from '../crdt/yjs/YjsDocument';
import type { DocId } from '../ids';
import { type Migration, migrateDocument } from './migrations';

const id = 'migration-test-000001' as DocId;

/** A made-up schema history: v1 kept a city in the profile as `town`; v2 renames it. */
const steps: Migration[] = [
  {
    from: 1,
    describe: 'profile.town -> profile.city',
    apply: (doc) => {
      const profile = doc.map('profile');
      const town = profile.getValue('town');
      if (typeof town === 'string') profile.set('city', town);
      profile.delete('town');
    },
  },
];

function v1() {
  const doc = yjsEngine.create(id);
  doc.transact(() => {
    doc.map('meta').set('schemaVersion', 1);
    doc.map('profile').set('town', 'Grenoble');
  });
  return doc;
}

describe('schema migrations', () => {
  it('[MIG1] an older document is upgraded in one transaction; a current one is left alone', () => {
    const doc = v1();
    const updates: Uint8Array[] = [];
    doc.onUpdate((u) => updates.push(u));
    expect(migrateDocument(doc, 'meta', 2, steps)).toEqual({ ok: true, value: { from: 1, to: 2 } });
    expect(updates).toHaveLength(1);
    expect(doc.map('profile').getValue('city')).toBe('Grenoble');
    expect(doc.map('meta').getValue('schemaVersion')).toBe(2);
    expect(migrateDocument(doc, 'meta', 2, steps)).toEqual({ ok: true, value: { from: 2, to: 2 } });
    expect(updates).toHaveLength(1);
  });

  it('[MIG1] two devices migrating the same document offline converge', () => {
    const a = v1();
    const b = yjsEngine.load(id, [a.encodeState()]);
    migrateDocument(a, 'meta', 2, steps);
    migrateDocument(b, 'meta', 2, steps);
    b.applyUpdate(a.encodeUpdateSince(b.encodeStateVector()));
    a.applyUpdate(b.encodeUpdateSince(a.encodeStateVector()));
    for (const doc of [a, b]) {
      expect(doc.map('profile').keys()).toEqual(['city']);
      expect(doc.map('profile').getValue('city')).toBe('Grenoble');
    }
  });

  it('[MIG1] a newer document or a gap in the steps is refused and nothing is written', () => {
    const doc = v1();
    const before = doc.encodeState();
    expect(migrateDocument(doc, 'meta', 3, steps)).toMatchObject({
      ok: false,
      error: { reason: 'invalid-state' },
    });
    expect(doc.encodeState()).toEqual(before);
    doc.transact(() => doc.map('meta').set('schemaVersion', 5));
    expect(migrateDocument(doc, 'meta', 2, steps)).toMatchObject({
      ok: false,
      error: { reason: 'read-only' },
    });
  });
});
