/**
 * The relay's storage port: an append-only log of opaque updates per room,
 * plus one small opaque metadata record per room (the relay keeps its
 * capability verifiers and document epoch there). Bytes in, bytes out; no
 * CRDT knowledge. Implementations: InMemoryRoomStore
 * (shared, tests), FileRoomStore (sync-server, on disk, the relay's default)
 * and LevelRoomStore (sync-server, LevelDB; reads data dirs of earlier
 * relays, which are migrated at start). Every
 * implementation runs `runRoomStoreContract` (shared/src/testing/storeContract.ts).
 *
 * Room ids are validated by the caller (see `parseRoomId`); stores may reject
 * ids containing NUL.
 */
export interface RoomStore {
  /** The room's stored updates, oldest first; `[]` for a room never written. */
  load(room: string): Promise<Uint8Array[]>;
  /**
   * Appends one update. Resolves only once the update is durable (survives a
   * process kill). Calls for one room are applied in call order.
   */
  append(room: string, update: Uint8Array): Promise<void>;
  /**
   * Appends several updates, in array order, as ONE atomic write (group
   * commit): after a crash either all of them are stored or none. Resolves
   * once all are durable, like append; ordered with the room's other calls.
   * An empty array changes nothing.
   */
  appendMany(room: string, updates: readonly Uint8Array[]): Promise<void>;
  /**
   * Atomically replaces the first `replacedCount` stored updates by `merged`,
   * keeping (after it) any update appended meanwhile. A crash leaves either the
   * old log or the new one, never a partial or empty room. Rejects, changing
   * nothing, when `replacedCount` is < 1 or more than the room holds.
   */
  replaceMerged(room: string, merged: Uint8Array, replacedCount: number): Promise<void>;
  /** The room's metadata record, or undefined if none was saved. Independent of the log. */
  loadMeta(room: string): Promise<Uint8Array | undefined>;
  /**
   * Replaces the room's metadata record. Resolves once durable, like append.
   * Calls for one room (appends included) are applied in call order.
   */
  saveMeta(room: string, meta: Uint8Array): Promise<void>;
  /** Ids of rooms holding at least one update or a metadata record, in no particular order. */
  list(): Promise<string[]>;
  /** Removes every update and the metadata of the room. */
  delete(room: string): Promise<void>;
  /** Waits for pending writes, then releases the store. Later calls reject. */
  close(): Promise<void>;
}

export class RoomStoreClosedError extends Error {
  constructor() {
    super('room store is closed');
    this.name = 'RoomStoreClosedError';
  }
}

export function assertStorableRoomId(room: string): void {
  if (room.length === 0 || room.includes('\u0000')) {
    throw new RangeError('room id must be non-empty and contain no NUL');
  }
}

export function assertReplaceCount(replacedCount: number, stored: number): void {
  if (!Number.isInteger(replacedCount) || replacedCount < 1 || replacedCount > stored) {
    throw new RangeError(`cannot replace ${replacedCount} of ${stored} stored updates`);
  }
}
