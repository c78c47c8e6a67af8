import {
  assertReplaceCount,
  assertStorableRoomId,
  type RoomStore,
  RoomStoreClosedError,
} from './RoomStore';

/** Backing memory of an InMemoryRoomStore; share it to "reopen" the same store. */
export type InMemoryRoomStoreData = Map<string, Uint8Array[]>;

/**
 * RoomStore held in a Map: for tests and ephemeral relays. Copies bytes in and
 * out, so callers can never alias stored updates.
 */
export class InMemoryRoomStore implements RoomStore {
  private readonly data: InMemoryRoomStoreData;
  private closed = false;

  constructor(data: InMemoryRoomStoreData = new Map()) {
    this.data = data;
  }

  async load(room: string): Promise<Uint8Array[]> {
    this.assertOpen();
    assertStorableRoomId(room);
    return (this.data.get(room) ?? []).map((update) => update.slice());
  }

  async append(room: string, update: Uint8Array): Promise<void> {
    this.assertOpen();
    assertStorableRoomId(room);
    const log = this.data.get(room);
    if (log === undefined) {
      this.data.set(room, [update.slice()]);
    } else {
      log.push(update.slice());
    }
  }

  async replaceMerged(room: string, merged: Uint8Array, replacedCount: number): Promise<void> {
    this.assertOpen();
    assertStorableRoomId(room);
    const log = this.data.get(room) ?? [];
    assertReplaceCount(replacedCount, log.length);
    this.data.set(room, [merged.slice(), ...log.slice(replacedCount)]);
  }

  async list(): Promise<string[]> {
    this.assertOpen();
    return [...this.data.entries()].filter(([, log]) => log.length > 0).map(([room]) => room);
  }

  async delete(room: string): Promise<void> {
    this.assertOpen();
    assertStorableRoomId(room);
    this.data.delete(room);
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private assertOpen(): void {
    if (this.closed) throw new RoomStoreClosedError();
  }
}
