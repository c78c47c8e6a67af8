import {
  assertReplaceCount,
  assertStorableRoomId,
  type RoomStore,
  RoomStoreClosedError,
} from './RoomStore';

/** Backing memory of an InMemoryRoomStore; share it to "reopen" the same store. */
export interface InMemoryRoomStoreData {
  readonly updates: Map<string, Uint8Array[]>;
  readonly meta: Map<string, Uint8Array>;
}

export function newInMemoryRoomStoreData(): InMemoryRoomStoreData {
  return { updates: new Map(), meta: new Map() };
}

/**
 * RoomStore held in Maps: for tests and ephemeral relays. Copies bytes in and
 * out, so callers can never alias stored updates.
 */
export class InMemoryRoomStore implements RoomStore {
  private readonly data: InMemoryRoomStoreData;
  private closed = false;

  constructor(data: InMemoryRoomStoreData = newInMemoryRoomStoreData()) {
    this.data = data;
  }

  async load(room: string): Promise<Uint8Array[]> {
    this.assertOpen(room);
    return (this.data.updates.get(room) ?? []).map((update) => update.slice());
  }

  async append(room: string, update: Uint8Array): Promise<void> {
    this.assertOpen(room);
    const log = this.data.updates.get(room);
    if (log === undefined) {
      this.data.updates.set(room, [update.slice()]);
    } else {
      log.push(update.slice());
    }
  }

  async appendMany(room: string, updates: readonly Uint8Array[]): Promise<void> {
    this.assertOpen(room);
    if (updates.length === 0) return;
    let log = this.data.updates.get(room);
    if (log === undefined) {
      log = [];
      this.data.updates.set(room, log);
    }
    for (const update of updates) log.push(update.slice());
  }

  async replaceMerged(room: string, merged: Uint8Array, replacedCount: number): Promise<void> {
    this.assertOpen(room);
    const log = this.data.updates.get(room) ?? [];
    assertReplaceCount(replacedCount, log.length);
    this.data.updates.set(room, [merged.slice(), ...log.slice(replacedCount)]);
  }

  async loadMeta(room: string): Promise<Uint8Array | undefined> {
    this.assertOpen(room);
    return this.data.meta.get(room)?.slice();
  }

  async saveMeta(room: string, meta: Uint8Array): Promise<void> {
    this.assertOpen(room);
    this.data.meta.set(room, meta.slice());
  }

  async list(): Promise<string[]> {
    this.assertOpen();
    const rooms = new Set(this.data.meta.keys());
    for (const [room, log] of this.data.updates) if (log.length > 0) rooms.add(room);
    return [...rooms];
  }

  async delete(room: string): Promise<void> {
    this.assertOpen(room);
    this.data.updates.delete(room);
    this.data.meta.delete(room);
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private assertOpen(room?: string): void {
    if (this.closed) throw new RoomStoreClosedError();
    if (room !== undefined) assertStorableRoomId(room);
  }
}
