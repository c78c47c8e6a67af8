import type { DocId } from '../ids';

/**
 * The document port: what the domain needs from a CRDT engine. Only adapters
 * under shared/src/crdt (and the client's sync/storage adapters) know which
 * engine is behind it; domain code reads and writes through these interfaces.
 */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

export type Unsubscribe = () => void;

export const EngineName = { yjs: 'yjs', automerge: 'automerge' } as const;
export type EngineName = (typeof EngineName)[keyof typeof EngineName];

/** A map that merges per key; values are JSON (last writer wins) or nested maps (merge per key). */
export interface CrdtMap {
  getValue(key: string): JsonValue | undefined;
  getMap(key: string): CrdtMap | undefined;
  has(key: string): boolean;
  set(key: string, value: JsonValue): void;
  /** Creates (or replaces) a nested map at `key` and returns it. */
  setMap(key: string): CrdtMap;
  delete(key: string): void;
  keys(): string[];
  readonly size: number;
}

export interface DocumentChangeEvent {
  /** True when the change was made on this replica (not applied from a peer, storage or a file). */
  readonly local: boolean;
  /** Names of the root maps the change touched (so derived views recompute only what changed). */
  readonly roots: ReadonlySet<string>;
}

/** One change of a document's history (engines that keep it: Automerge). Issue 13. */
export interface DocumentVersion {
  /** Stable id of the change (its hash): view or restore the document as it was after it. */
  readonly id: string;
  /** When the change was made, milliseconds since 1970 (the author's clock, second precision). */
  readonly at: number;
  /** The replica (device session) that made it. */
  readonly actor: string;
  /** The root maps and texts it touched. */
  readonly roots: readonly string[];
  /** The values it wrote into root maps (a deletion has `value` undefined). */
  readonly writes: readonly {
    readonly root: string;
    readonly key: string;
    readonly value: JsonValue | undefined;
  }[];
}

/** The history of a document whose engine keeps one (optional on the port). */
export interface DocumentVersions {
  /** Every change, oldest first (causal order). */
  list(): DocumentVersion[];
  /** The document as it was right after `versionId` (with its causal past); read-only. */
  at(versionId: string): CrdtDocument;
  /**
   * Makes `roots` of the document equal to what they were after `versionId`, as ONE new
   * change: history is never rewritten, the restore is itself a version.
   */
  restore(versionId: string, roots: readonly string[]): void;
}

export interface CrdtDocument {
  readonly id: DocId;
  readonly engine: EngineName;
  /** The document's history, when its engine keeps one (Automerge); undefined for Yjs. */
  readonly versions?: DocumentVersions | undefined;
  /** A named root map of the document. */
  map(name: string): CrdtMap;
  /** Runs `fn` as one atomic local change: one update, one change event. */
  transact(fn: () => void): void;
  encodeState(): Uint8Array;
  encodeStateVector(): Uint8Array;
  /** The changes the holder of `stateVector` lacks (everything when omitted). */
  encodeUpdateSince(stateVector?: Uint8Array): Uint8Array;
  /** Throws on bytes that are not an update of this engine; the document is then unchanged. */
  applyUpdate(update: Uint8Array, origin?: unknown): void;
  /** Every update, local or remote, as bytes to persist or send. */
  onUpdate(listener: (update: Uint8Array, origin: unknown) => void): Unsubscribe;
  /**
   * A counter that grows whenever the root map (or anything nested in it)
   * changes; it is already bumped when change listeners run, so views derived
   * from it are never stale whatever the order listeners were added in.
   */
  rootVersion(root: string): number;
  /** Fires once per transaction or applied update that changed something. */
  onChange(listener: (event: DocumentChangeEvent) => void): Unsubscribe;
  destroy(): void;
}

export interface DocumentEngine {
  readonly name: EngineName;
  create(id: DocId): CrdtDocument;
  /** Opens a document from stored updates (in any order, duplicates allowed). */
  load(id: DocId, updates: readonly Uint8Array[]): CrdtDocument;
  /** Merges updates into one equivalent update without loading a document. */
  mergeUpdates(updates: readonly Uint8Array[]): Uint8Array;
}
