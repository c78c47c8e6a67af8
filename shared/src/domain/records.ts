import type { HlcTimestamp } from '../clock/HybridLogicalClock';
import type { CrdtDocument, JsonValue } from '../crdt/DocumentPort';
import { derived } from './derived';

export type RecordFields = { readonly [field: string]: JsonValue };

/**
 * Records stored as one JSON value each (fast to load: one CRDT entry per
 * record, not one per field) plus an edit log: a flat map `id|hlc` -> the
 * fields an edit changed. Reading folds the edits over the record in HLC
 * order, so two people editing different fields of one record offline both
 * keep their edit, and for the same field the later edit (by hybrid logical
 * clock, not by device id) wins. [REC1]
 */
export interface RecordStore {
  readonly records: string;
  readonly edits: string;
}

export interface FoldedRecord {
  readonly fields: RecordFields;
  /** The stamp of the last edit folded in (or undefined for an unedited record). */
  readonly lastEdit: HlcTimestamp | undefined;
}

const isFields = (value: unknown): value is RecordFields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every record of the store with its edits folded in (memoised until either root changes). */
export function foldedRecords(
  doc: CrdtDocument,
  store: RecordStore,
): ReadonlyMap<string, FoldedRecord> {
  return derived(doc, `records:${store.records}`, [store.records, store.edits], () => {
    const folded = new Map<
      string,
      { fields: Record<string, JsonValue>; lastEdit: HlcTimestamp | undefined }
    >();
    const records = doc.map(store.records);
    for (const id of records.keys()) {
      const value = records.getValue(id);
      if (isFields(value)) folded.set(id, { fields: { ...value }, lastEdit: undefined });
    }
    const editsMap = doc.map(store.edits);
    const edits: { id: string; stamp: string; key: string }[] = [];
    for (const key of editsMap.keys()) {
      const cut = key.indexOf('|');
      if (cut > 0) edits.push({ id: key.slice(0, cut), stamp: key.slice(cut + 1), key });
    }
    edits.sort((a, b) => (a.stamp < b.stamp ? -1 : a.stamp > b.stamp ? 1 : 0));
    for (const edit of edits) {
      const record = folded.get(edit.id);
      const patch = editsMap.getValue(edit.key);
      // An edit whose record has not arrived yet waits for it (it is folded once it does).
      if (!record || !isFields(patch)) continue;
      Object.assign(record.fields, patch);
      record.lastEdit = edit.stamp as HlcTimestamp;
    }
    return folded;
  });
}

export function createRecord(
  doc: CrdtDocument,
  store: RecordStore,
  id: string,
  fields: RecordFields,
): void {
  doc.map(store.records).set(id, fields);
}

export function hasRecord(doc: CrdtDocument, store: RecordStore, id: string): boolean {
  return doc.map(store.records).has(id);
}

/** Records an edit of some fields, stamped by the editing device's clock. */
export function editRecord(
  doc: CrdtDocument,
  store: RecordStore,
  id: string,
  stamp: HlcTimestamp,
  patch: RecordFields,
): void {
  doc.map(store.edits).set(`${id}|${stamp}`, patch);
}
