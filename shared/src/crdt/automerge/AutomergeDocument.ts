import * as A from '@automerge/automerge';
import type { DocId } from '../../ids';
import type {
  CrdtDocument,
  CrdtMap,
  DocumentChangeEvent,
  DocumentEngine,
  Unsubscribe,
} from '../DocumentPort';
import { AutomergeMap, type MapOwner } from './AutomergeMap';
import { type Chunk, ChunkType, concatUpdates, splitChunks } from './chunks';
import { genesisChange, type RootKind } from './genesis';
import { decodeHeads, encodeHeads } from './heads';
import { AutomergeVersions } from './versions';

type Obj = Record<string, unknown>;
type UpdateListener = (update: Uint8Array, origin: unknown) => void;
type ChangeListener = (event: DocumentChangeEvent) => void;

/** Origin of changes made through `transact` on this replica. */
const LOCAL_ORIGIN = Symbol('ensemble-local');

/** Thrown inside a change that writes to a root this replica has not created yet. */
class MissingRoot extends Error {
  constructor(
    readonly root: string,
    readonly kind: RootKind = 'map',
  ) {
    super(`root ${root} does not exist yet`);
  }
}

/** The root names a list of Automerge patches touched. */
function rootsOf(patches: readonly A.Patch[], into: Set<string>): void {
  for (const patch of patches) {
    const root = patch.path[0];
    if (typeof root === 'string') into.add(root);
  }
}

/**
 * [AM1] The Automerge adapter of the document port. An update is zero or more Automerge
 * chunks (changes, or a whole saved document); the state vector is the document's heads.
 * `encodeState` is a saved document (compact); `encodeUpdateSince` is change chunks.
 * `doc` is for history views and transport adapters only.
 */
export class AutomergeDocument implements CrdtDocument, MapOwner {
  readonly engine = 'automerge' as const;
  private current: A.Doc<Obj>;
  private draft: Obj | undefined;
  private readonly counts = new Map<string, number>();
  private readonly updateListeners = new Set<UpdateListener>();
  private readonly changeListeners = new Set<ChangeListener>();

  private history: AutomergeVersions | undefined;

  constructor(
    readonly id: DocId,
    doc?: A.Doc<Obj>,
    /** A view of a past version (AM8): reads only; it shares the live document's memory. */
    private readonly pastVersion = false,
  ) {
    this.current = doc ?? A.init<Obj>();
  }

  /** The document's history (AM8); a past version has none of its own. */
  get versions(): AutomergeVersions | undefined {
    if (this.pastVersion) return undefined;
    this.history ??= new AutomergeVersions(
      this,
      (heads) => new AutomergeDocument(this.id, A.view(this.current, heads), true),
    );
    return this.history;
  }

  get doc(): A.Doc<Obj> {
    return this.current;
  }

  readable(): Obj {
    return this.draft ?? this.current;
  }

  write(path: readonly string[], fn: (target: Obj) => void): void {
    if (!this.draft) {
      this.transact(() => this.write(path, fn));
      return;
    }
    const [root, ...rest] = path;
    if (root === undefined) throw new Error('no root');
    let target = this.draft[root];
    if (target === undefined) throw new MissingRoot(root);
    for (const key of rest) {
      target = (target as Obj | undefined)?.[key];
    }
    if (typeof target !== 'object' || target === null) {
      throw new Error(`map ${path.join('.')} no longer exists`);
    }
    fn(target as Obj);
  }

  /**
   * Edits the rich text at root `root` (Automerge text with block markers) in the current
   * transaction or a new one; only rich-text adapters (editor bindings) call this.
   */
  editText(root: string, fn: (draft: Obj, path: [string]) => void): void {
    if (!this.draft) {
      this.transact(() => this.editText(root, fn));
      return;
    }
    const target = this.draft[root];
    if (target === undefined) throw new MissingRoot(root, 'text');
    if (typeof target !== 'string') throw new TypeError(`root ${root} is not rich text`);
    fn(this.draft, [root]);
  }

  map(name: string): CrdtMap {
    return new AutomergeMap(this, [name]);
  }

  /**
   * Runs `fn` as one Automerge change. The first write to a root this replica has
   * never seen aborts the change (rolled back), adds the root's genesis change, and
   * runs `fn` again: `fn` must only read and write the document.
   */
  transact(fn: () => void): void {
    if (this.pastVersion) throw new Error('a past version is read-only: restore it instead');
    if (this.draft) {
      fn();
      return;
    }
    const before = A.getHeads(this.current);
    const roots = new Set<string>();
    const patchCallback = (patches: A.Patch[]) => rootsOf(patches, roots);
    try {
      for (;;) {
        try {
          this.current = A.change(this.current, { patchCallback }, (draft) => {
            this.draft = draft;
            try {
              fn();
            } finally {
              this.draft = undefined;
            }
          });
          return;
        } catch (error) {
          if (!(error instanceof MissingRoot)) throw error;
          [this.current] = A.applyChanges(this.current, [genesisChange(error.root, error.kind)], {
            patchCallback,
          });
        }
      }
    } finally {
      this.afterChange(before, roots, LOCAL_ORIGIN);
    }
  }

  encodeState(): Uint8Array {
    return A.getHeads(this.current).length === 0 ? new Uint8Array(0) : A.save(this.current);
  }

  encodeStateVector(): Uint8Array {
    return encodeHeads(A.getHeads(this.current));
  }

  encodeUpdateSince(stateVector?: Uint8Array): Uint8Array {
    const theirs = stateVector ? decodeHeads(stateVector) : [];
    // Heads we do not know are changes we lack: what we hold beyond the rest is sent.
    // Always change chunks (never a saved document): what a relay accepts from a client (AMR2).
    const known = theirs.filter((head) => A.hasHeads(this.current, [head]));
    return A.saveSince(this.current, known);
  }

  applyUpdate(update: Uint8Array, origin?: unknown): void {
    if (this.pastVersion) throw new Error('a past version is read-only');
    // Changes already held (duplicates are common in sync) need no second parse.
    const fresh = splitChunks(update).filter(
      (chunk) => chunk.hash === undefined || !A.hasHeads(this.current, [chunk.hash]),
    );
    if (fresh.length === 0) return;
    validateChunks(fresh);
    const before = A.getHeads(this.current);
    const roots = new Set<string>();
    this.current = A.loadIncremental(this.current, update, {
      patchCallback: (patches) => rootsOf(patches, roots),
    });
    this.afterChange(before, roots, origin);
  }

  onUpdate(listener: UpdateListener): Unsubscribe {
    this.updateListeners.add(listener);
    return () => this.updateListeners.delete(listener);
  }

  rootVersion(root: string): number {
    return this.counts.get(root) ?? 0;
  }

  onChange(listener: ChangeListener): Unsubscribe {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  destroy(): void {
    this.updateListeners.clear();
    this.changeListeners.clear();
    if (!this.pastVersion) A.free(this.current);
  }

  /** Emits the update (every change since `before`) and the change event, versions first. */
  private afterChange(before: A.Heads, roots: ReadonlySet<string>, origin: unknown): void {
    const after = A.getHeads(this.current);
    if (after.length === before.length && after.every((head, i) => head === before[i])) return;
    for (const root of roots) this.counts.set(root, (this.counts.get(root) ?? 0) + 1);
    const update = A.saveSince(this.current, before);
    for (const listener of [...this.updateListeners]) listener(update, origin);
    if (roots.size === 0) return;
    const event: DocumentChangeEvent = { local: origin === LOCAL_ORIGIN, roots };
    for (const listener of [...this.changeListeners]) listener(event);
  }
}

/**
 * [AM3] Automerge's own loader skips a chunk it cannot parse and applies nothing after it,
 * silently. Every chunk is parsed first, so a bad update throws and changes nothing.
 */
function validateChunks(chunks: readonly Chunk[]): void {
  for (const chunk of chunks) {
    if (chunk.type === ChunkType.document) A.free(A.load(chunk.bytes));
    else A.decodeChange(chunk.bytes);
  }
}

/**
 * [AM9] Stored chunks loaded so that one bad change cannot make the whole log unreadable:
 * two valid changes of one actor with the same seq (a buggy writer, an actor id reused
 * after a restore) each pass the per-chunk checks, but Automerge refuses them together
 * ("duplicate seq"), and would refuse every later load of the room. When the whole log
 * does not load, it is loaded chunk by chunk and a chunk that does not fit is dropped
 * (the first one stored wins, as on every replica that saw it first).
 */
function loadTolerant(bytes: Uint8Array): { doc: A.Doc<Obj>; dropped: Set<string> } {
  const dropped = new Set<string>();
  try {
    return { doc: A.loadIncremental(A.init<Obj>(), bytes), dropped };
  } catch {
    let doc = A.init<Obj>();
    for (const chunk of splitChunks(bytes)) {
      const trial = A.clone(doc);
      try {
        const next = A.loadIncremental(trial, chunk.bytes);
        A.free(doc);
        doc = next;
      } catch {
        try {
          A.free(trial);
        } catch {
          // already released by the failed load
        }
        if (chunk.hash !== undefined) dropped.add(chunk.hash);
      }
    }
    return { doc, dropped };
  }
}

export const automergeEngine: DocumentEngine = {
  name: 'automerge',
  create: (id) => new AutomergeDocument(id),
  load(id, updates) {
    // Stored updates were checked when first applied (as the Yjs adapter does).
    return new AutomergeDocument(id, loadTolerant(concatUpdates(updates)).doc);
  },
  mergeUpdates(updates) {
    const bytes = concatUpdates(updates);
    const { doc, dropped } = loadTolerant(bytes);
    // Changes still waiting for a dependency are not in the saved document: kept as they are.
    const waiting = new Map<string, Uint8Array>();
    for (const chunk of splitChunks(bytes)) {
      if (chunk.hash !== undefined && !dropped.has(chunk.hash) && !A.hasHeads(doc, [chunk.hash]))
        waiting.set(chunk.hash, chunk.bytes);
    }
    const saved = A.getHeads(doc).length === 0 ? new Uint8Array(0) : A.save(doc);
    A.free(doc);
    return concatUpdates([saved, ...waiting.values()]);
  },
};
