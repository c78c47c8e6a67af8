import 'fake-indexeddb/auto';
import {
  applyCommunityChange,
  type CommunityId,
  communityDocId,
  HybridLogicalClock,
  newCommunityId,
  newDeviceId,
  readCommunity,
  yjsEngine,
} from '@ensemble/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DocumentStore } from './DocumentStore';
import { type EnsembleDatabase, openEnsembleDatabase } from './EnsembleDatabase';
import { StorageError, StorageErrorReason } from './StorageError';

const clock = new HybridLogicalClock(newDeviceId());
let db: EnsembleDatabase | undefined;

function setup(compactAbove = 100) {
  db = openEnsembleDatabase(`test-${Math.random()}`);
  const store = new DocumentStore(db, yjsEngine, { compactAbove });
  const id: CommunityId = newCommunityId();
  return { db, store, id, docId: communityDocId(id) };
}

afterEach(async () => {
  vi.restoreAllMocks();
  await db?.delete();
  db = undefined;
});

/** Waits until every write queued so far is done (each write is chained per document). */
const settled = (store: DocumentStore, docId: ReturnType<typeof communityDocId>) =>
  store.whenIdle(docId);

/** Adds events one by one, letting each be written to its own row. */
async function addEvents(
  store: DocumentStore,
  doc: Parameters<typeof applyCommunityChange>[0],
  count: number,
  from = 0,
) {
  for (let i = from; i < from + count; i++) {
    const result = applyCommunityChange(
      doc,
      {
        type: 'addEvent',
        title: `Atelier ${i}`,
        start: `2030-01-${String((i % 28) + 1).padStart(2, '0')}T18:00:00+01:00`,
        end: `2030-01-${String((i % 28) + 1).padStart(2, '0')}T20:00:00+01:00`,
        timeZone: 'Europe/Paris',
        place: 'La Fabrique',
      },
      { clock },
    );
    expect(result.ok).toBe(true);
    await settled(store, doc.id);
  }
}

async function createdDoc(store: DocumentStore, docId: ReturnType<typeof communityDocId>) {
  const doc = await store.load(docId);
  store.attach(doc);
  const created = applyCommunityChange(
    doc,
    { type: 'createCommunity', name: 'Café des libres', description: '', city: 'Lyon' },
    { clock },
  );
  expect(created.ok).toBe(true);
  return doc;
}

describe('DocumentStore', () => {
  it('stores each local update and loads the same document back', async () => {
    const { store, docId } = setup();
    const doc = await createdDoc(store, docId);
    await addEvents(store, doc, 3);
    await settled(store, docId);
    expect(await store.rowCount(docId)).toBeGreaterThanOrEqual(4);

    const reopened = await store.load(docId);
    expect(readCommunity(reopened)).toEqual(readCommunity(doc));
    expect(readCommunity(reopened)?.events).toHaveLength(3);
  });

  it('does not store again the updates it loaded itself', async () => {
    const { store, docId } = setup();
    const doc = await createdDoc(store, docId);
    await settled(store, docId);
    const reopened = await store.load(docId);
    const before = await store.rowCount(docId);
    store.attach(reopened);
    reopened.applyUpdate(doc.encodeState(), 'storage');
    await settled(store, docId);
    expect(await store.rowCount(docId)).toBe(before);
  });

  it('compacts past the threshold into fewer rows with the same state', async () => {
    const { store, docId } = setup(10);
    const doc = await createdDoc(store, docId);
    await addEvents(store, doc, 25);
    await settled(store, docId);
    expect(await store.rowCount(docId)).toBeLessThanOrEqual(11);

    await store.compact(docId);
    expect(await store.rowCount(docId)).toBe(1);
    const reopened = await store.load(docId);
    expect(readCommunity(reopened)).toEqual(readCommunity(doc));
    expect(readCommunity(reopened)?.events).toHaveLength(25);
  });

  it('compacts on load', async () => {
    const { store, docId } = setup();
    const doc = await createdDoc(store, docId);
    await addEvents(store, doc, 5);
    await settled(store, docId);
    expect(await store.rowCount(docId)).toBeGreaterThan(1);
    const reopened = await store.load(docId);
    expect(await store.rowCount(docId)).toBe(1);
    expect(readCommunity(reopened)).toEqual(readCommunity(doc));
  });

  it('turns a full disk into a typed error and keeps every stored row', async () => {
    const { db, store, docId } = setup();
    const doc = await createdDoc(store, docId);
    await addEvents(store, doc, 2);
    await settled(store, docId);
    const before = await db.updates.where('docId').equals(docId).toArray();
    const errors: StorageError[] = [];
    store.onError((error) => errors.push(error));

    const add = vi
      .spyOn(db.updates, 'add')
      .mockRejectedValue(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    const failed = store.append(docId, doc.encodeState());
    await expect(failed).rejects.toBeInstanceOf(StorageError);
    await expect(failed).rejects.toMatchObject({ reason: StorageErrorReason.quotaExceeded });
    expect(store.unsavedCount(docId)).toBe(1);

    // Compaction deletes and re-adds in one transaction: the failed add must roll the deletes back.
    await expect(store.compact(docId)).rejects.toMatchObject({
      reason: StorageErrorReason.quotaExceeded,
    });
    expect(add).toHaveBeenCalled();
    expect(await db.updates.where('docId').equals(docId).toArray()).toEqual(before);
    expect(errors.map((error) => error.reason)).toEqual([
      StorageErrorReason.quotaExceeded,
      StorageErrorReason.quotaExceeded,
    ]);

    // Once there is room again, the update that failed is written with the next one.
    add.mockRestore();
    await addEvents(store, doc, 1, 10);
    await settled(store, docId);
    expect(store.unsavedCount(docId)).toBe(0);
    const reopened = await store.load(docId);
    expect(readCommunity(reopened)).toEqual(readCommunity(doc));
  });
});
