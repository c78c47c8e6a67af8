import { CloseReason, RelayError, type RoomId, type RoomStore } from '@ensemble/shared';
import type { Logger } from '../log';
import type { RoomMetrics } from '../metrics/RelayMetrics';
import type { BackgroundQueue } from './BackgroundQueue';
import { Room, type RoomFeed, type RoomPeer } from './Room';
import { type RoomCodec, yjsCodec } from './roomCodec';
import type { UpdateOps } from './UpdateWorker';

export interface RoomRegistryOptions {
  readonly store: RoomStore;
  readonly compactAfterUpdates: number;
  readonly log: Logger;
  readonly metrics?: RoomMetrics;
  /** Where whole-document merges and diffs run; default: inline. */
  readonly updates?: UpdateOps;
  /** Deferred folds and compactions of every room, one per turn of the event loop. */
  readonly background?: BackgroundQueue;
  /** Cluster mode: other relays' updates and awareness, and leased compaction. */
  readonly feed?: RoomFeed;
  /** Whole-document operations of Automerge rooms (issue 13); default: inline. */
  readonly automergeUpdates?: UpdateOps;
}

/** The active rooms: a room exists while it has connections (plus its final compaction). */
export class RoomRegistry {
  private readonly rooms = new Map<RoomId, Room>();
  private readonly options: RoomRegistryOptions;

  constructor(options: RoomRegistryOptions) {
    this.options = options;
  }

  /** `codec` is the room kind's (admission decided it); an active room of another kind refuses. */
  attach(roomId: RoomId, peer: RoomPeer, codec: RoomCodec = yjsCodec): Room {
    let room = this.rooms.get(roomId);
    if (room !== undefined && room.codec.kind !== codec.kind) {
      peer.close(new RelayError(CloseReason.RoomKindMismatch, 'this room holds another engine'));
      return room;
    }
    if (room === undefined) {
      const automerge = codec.kind !== yjsCodec.kind;
      room = new Room(roomId, {
        ...this.options,
        codec,
        ...(automerge && this.options.automergeUpdates
          ? { updates: this.options.automergeUpdates }
          : {}),
        onClosed: (closed) => {
          if (this.rooms.get(closed.id) === closed) this.rooms.delete(closed.id);
        },
      });
      this.rooms.set(roomId, room);
    }
    room.attach(peer);
    return room;
  }

  /** Drops every room at once, closing its connections with `error` (cluster: Redis lost data). */
  evictAll(error: RelayError): void {
    for (const room of [...this.rooms.values()]) room.evict(error);
  }

  /** The kind of the room if it is active here (its clients may not have written yet). */
  activeKind(roomId: RoomId): RoomCodec['kind'] | undefined {
    return this.rooms.get(roomId)?.codec.kind;
  }

  get activeRooms(): number {
    return this.rooms.size;
  }

  get connections(): number {
    let total = 0;
    for (const room of this.rooms.values()) total += room.connectionCount;
    return total;
  }

  /** Waits until every room has finished its queued work (and closed, once empty). */
  async idle(): Promise<void> {
    for (let round = 0; round < 100; round++) {
      const rooms = [...this.rooms.values()];
      if (rooms.length === 0) return;
      await Promise.all(rooms.map((room) => room.idle()));
      if (rooms.every((room) => room.connectionCount > 0)) return;
    }
  }
}
