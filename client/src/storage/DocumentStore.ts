import type { CrdtDocument, DocId, DocumentEngine, Unsubscribe } from '@ensemble/shared';
import type { EnsembleDatabase } from './EnsembleDatabase';
import { type StorageError, toStorageError } from './StorageError';

/** Origin of updates applied from the device's own storage: they are never stored again. */
export const STORAGE_ORIGIN = 'storage';

export interface DocumentStoreOptions {
  /** Compact a document once it has more rows than this. */
  readonly compactAbove?: number;
}

type ErrorListener = (error: StorageError, docId: DocId) => void;

/**
 * Keeps each document as a list of update rows in IndexedDB: every update is appended
 * as it happens (local edits and what peers send), and the rows of a document are
 * merged into one on load and when they pile up. A failed write (a full disk) is
 * reported, kept in memory and retried with the next write; rows already stored are
 * never deleted except inside the transaction that adds their merged replacement.
 */
export class DocumentStore {
  private readonly compactAbove: number;
  private readonly chains = new Map<DocId, Promise<unknown>>();
  private readonly unsaved = new Map<DocId, Uint8Array[]>();
  private readonly rowCounts = new Map<DocId, number>();
  private readonly errorListeners = new Set<ErrorListener>();

  constructor(
    private readonly db: EnsembleDatabase,
    private readonly engine: DocumentEngine,
    options: DocumentStoreOptions = {},
  ) {
    this.compactAbove = options.compactAbove ?? 100;
  }

  /** Opens a document from its stored rows (an empty document when there are none). */
  async load(docId: DocId): Promise<CrdtDocument> {
    return this.engine.load(docId, await this.loadUpdates(docId));
  }

  /**
   * A document's stored updates (compacted into one row when there are several), without
   * applying them: the caller chooses when to spend the time that applying takes.
   */
  async loadUpdates(docId: DocId): Promise<Uint8Array[]> {
    let updates: Uint8Array[];
    try {
      updates = await this.serial(docId, () => this.compactRows(docId, 2));
    } catch (error) {
      // Compaction failed (a full disk, say): the rows are intact, read them as they are.
      this.report(toStorageError(error), docId);
      try {
        updates = (await this.rows(docId)).map((row) => row.bytes);
      } catch (readError) {
        this.report(toStorageError(readError), docId);
        updates = [];
      }
    }
    return updates;
  }

  /** Stores every update of `doc` from now on, except those that came from storage. */
  attach(doc: CrdtDocument): Unsubscribe {
    return doc.onUpdate((update, origin) => {
      if (origin === STORAGE_ORIGIN) return;
      this.append(doc.id, update).catch(() => {
        // Already reported to the error listeners, and kept for the next write.
      });
    });
  }

  /** Appends one update. Rejects with a StorageError; the update is then retried with the next one. */
  append(docId: DocId, update: Uint8Array): Promise<void> {
    const queue = this.unsaved.get(docId) ?? [];
    queue.push(update);
    this.unsaved.set(docId, queue);
    return this.serial(docId, async () => {
      const waiting = this.unsaved.get(docId);
      if (!waiting || waiting.length === 0) return; // already written in an earlier batch
      // Everything queued so far goes in one row; updates queued during the write wait their turn.
      const batch = waiting.slice();
      const bytes = batch.length === 1 ? batch[0] : this.engine.mergeUpdates(batch);
      if (!bytes) return;
      try {
        await this.db.updates.add({ docId, bytes });
      } catch (error) {
        const storageError = toStorageError(error);
        this.report(storageError, docId);
        throw storageError;
      }
      waiting.splice(0, batch.length);
      if (waiting.length === 0) this.unsaved.delete(docId);
      const count = (this.rowCounts.get(docId) ?? 0) + 1;
      this.rowCounts.set(docId, count);
      if (count > this.compactAbove) {
        try {
          await this.compactRows(docId, 2);
        } catch (error) {
          this.report(toStorageError(error), docId);
        }
      }
    });
  }

  /** Merges every row of a document into one. Rejects with a StorageError; rows are then untouched. */
  compact(docId: DocId): Promise<void> {
    return this.serial(docId, async () => {
      try {
        await this.compactRows(docId, 2);
      } catch (error) {
        const storageError = toStorageError(error);
        this.report(storageError, docId);
        throw storageError;
      }
    });
  }

  /** Resolves once every write queued so far for `docId` has finished (or failed). */
  async whenIdle(docId: DocId): Promise<void> {
    await this.serial(docId, async () => undefined);
  }

  async rowCount(docId: DocId): Promise<number> {
    return this.db.updates.where('docId').equals(docId).count();
  }

  /** Updates that could not be written yet (kept in memory and retried). */
  unsavedCount(docId: DocId): number {
    return this.unsaved.get(docId)?.length ?? 0;
  }

  onError(listener: ErrorListener): Unsubscribe {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  private rows(docId: DocId) {
    return this.db.updates.where('docId').equals(docId).sortBy('seq');
  }

  /**
   * In ONE transaction: when the document has at least `minRows` rows, deletes them and
   * adds their merge. If anything fails the transaction aborts and no row is lost.
   * Returns the document's updates after compaction.
   */
  private async compactRows(docId: DocId, minRows: number): Promise<Uint8Array[]> {
    const result = await this.db.transaction('rw', this.db.updates, async () => {
      const rows = await this.rows(docId);
      if (rows.length < minRows) return rows.map((row) => row.bytes);
      const merged = this.engine.mergeUpdates(rows.map((row) => row.bytes));
      const seqs = rows.flatMap((row) => (row.seq === undefined ? [] : [row.seq]));
      await this.db.updates.bulkDelete(seqs);
      await this.db.updates.add({ docId, bytes: merged });
      return [merged];
    });
    this.rowCounts.set(docId, result.length);
    return result;
  }

  /** Runs the writes of one document one after the other. */
  private serial<T>(docId: DocId, task: () => Promise<T>): Promise<T> {
    const previous = this.chains.get(docId) ?? Promise.resolve();
    const next = previous.then(task, task);
    this.chains.set(
      docId,
      next.catch(() => undefined),
    );
    return next;
  }

  private report(error: StorageError, docId: DocId): void {
    for (const listener of this.errorListeners) listener(error, docId);
  }
}
