import * as Y from 'yjs';
import type { DocId } from '../../ids';
import type {
  CrdtDocument,
  CrdtMap,
  DocumentChangeEvent,
  DocumentEngine,
  JsonValue,
  Unsubscribe,
} from '../DocumentPort';

/** Origin of changes made through `transact` on this replica. */
const LOCAL_ORIGIN = Symbol('ensemble-local');

class YjsMap implements CrdtMap {
  constructor(private readonly ymap: Y.Map<unknown>) {}

  getValue(key: string): JsonValue | undefined {
    const value = this.ymap.get(key);
    return value instanceof Y.AbstractType ? undefined : (value as JsonValue | undefined);
  }

  getMap(key: string): CrdtMap | undefined {
    const value = this.ymap.get(key);
    return value instanceof Y.Map ? new YjsMap(value) : undefined;
  }

  has(key: string): boolean {
    return this.ymap.has(key);
  }

  set(key: string, value: JsonValue): void {
    this.ymap.set(key, value);
  }

  setMap(key: string): CrdtMap {
    return new YjsMap(this.ymap.set(key, new Y.Map<unknown>()));
  }

  delete(key: string): void {
    this.ymap.delete(key);
  }

  keys(): string[] {
    return Array.from(this.ymap.keys());
  }

  get size(): number {
    return this.ymap.size;
  }
}

/** The Yjs adapter of the document port. `ydoc` is for transport adapters only. */
export class YjsDocument implements CrdtDocument {
  readonly engine = 'yjs' as const;
  readonly ydoc: Y.Doc;
  private readonly rootCounters = new Map<string, number>();

  constructor(
    readonly id: DocId,
    ydoc?: Y.Doc,
  ) {
    this.ydoc = ydoc ?? new Y.Doc({ gc: true });
    // Registered first, so versions are bumped before any change listener runs.
    this.ydoc.on('afterTransaction', (transaction: Y.Transaction) => {
      for (const root of this.changedRoots(transaction)) {
        this.rootCounters.set(root, (this.rootCounters.get(root) ?? 0) + 1);
      }
    });
  }

  rootVersion(root: string): number {
    return this.rootCounters.get(root) ?? 0;
  }

  map(name: string): CrdtMap {
    return new YjsMap(this.ydoc.getMap(name));
  }

  transact(fn: () => void): void {
    this.ydoc.transact(fn, LOCAL_ORIGIN);
  }

  encodeState(): Uint8Array {
    return Y.encodeStateAsUpdate(this.ydoc);
  }

  encodeStateVector(): Uint8Array {
    return Y.encodeStateVector(this.ydoc);
  }

  encodeUpdateSince(stateVector?: Uint8Array): Uint8Array {
    return Y.encodeStateAsUpdate(this.ydoc, stateVector);
  }

  applyUpdate(update: Uint8Array, origin?: unknown): void {
    // Yjs may half-apply a malformed update; check it decodes before touching the document.
    Y.decodeUpdate(update);
    Y.applyUpdate(this.ydoc, update, origin);
  }

  onUpdate(listener: (update: Uint8Array, origin: unknown) => void): Unsubscribe {
    const handler = (update: Uint8Array, origin: unknown) => listener(update, origin);
    this.ydoc.on('update', handler);
    return () => this.ydoc.off('update', handler);
  }

  onChange(listener: (event: DocumentChangeEvent) => void): Unsubscribe {
    const handler = (transaction: Y.Transaction) => {
      const roots = this.changedRoots(transaction);
      if (roots.size > 0) listener({ local: transaction.origin === LOCAL_ORIGIN, roots });
    };
    this.ydoc.on('afterTransaction', handler);
    return () => this.ydoc.off('afterTransaction', handler);
  }

  /** The root names whose types (or nested types) a transaction changed. */
  private changedRoots(transaction: Y.Transaction): Set<string> {
    const roots = new Set<string>();
    for (const type of transaction.changed.keys()) {
      let root = type as Y.AbstractType<unknown>;
      while (root._item?.parent instanceof Y.AbstractType) {
        root = root._item.parent as Y.AbstractType<unknown>;
      }
      for (const [name, shared] of this.ydoc.share) {
        if (shared === root) roots.add(name);
      }
    }
    return roots;
  }

  destroy(): void {
    this.ydoc.destroy();
  }
}

export const yjsEngine: DocumentEngine = {
  name: 'yjs',
  create: (id) => new YjsDocument(id),
  load(id, updates) {
    const doc = new YjsDocument(id);
    // Stored updates were validated when they were first applied: no second decode here,
    // and no merge of a single (already compacted) update. Both doubled the load time.
    const update = updates.length === 1 ? updates[0] : Y.mergeUpdates([...updates]);
    if (update) Y.applyUpdate(doc.ydoc, update, 'storage');
    return doc;
  },
  mergeUpdates: (updates) => Y.mergeUpdates([...updates]),
};
