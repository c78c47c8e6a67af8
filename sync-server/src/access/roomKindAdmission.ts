import {
  CloseReason,
  err,
  parseRoomEngine,
  RelayError,
  type RoomId,
  type RoomStore,
} from '@ensemble/shared';
import type { Logger } from '../log';
import { type AdmitHook, RoomAccess, RoomKind } from '../relay/admission';
import { KeyedSerial } from './KeyedSerial';
import { decodeRoomMeta, encodeRoomMeta } from './roomMeta';

/**
 * [KIND1-2] Room kinds around any admission: the client's `ensemble.kind.<engine>` token
 * (none: Yjs) must match the room's recorded kind. A room's kind is recorded in its meta
 * when a writer creates it as an Automerge room; a room with no recorded kind is Yjs, and
 * a room without metadata counts as new only while it holds no update. A mismatch is
 * refused with 4410 `room-kind-mismatch` after authentication (a stranger gets the inner
 * admission's refusal) and before the connection reads or writes anything of the room.
 */
export function withRoomKinds(
  inner: AdmitHook,
  options: {
    readonly store: RoomStore;
    readonly log: Logger;
    readonly now?: () => number;
    /** The kind of the room when it is active on this relay (it may hold nothing stored yet). */
    readonly activeKind?: (roomId: RoomId) => RoomKind | undefined;
  },
): AdmitHook {
  const perRoom = new KeyedSerial();
  const now = options.now ?? Date.now;
  return (request) => {
    const engine = parseRoomEngine(request.offeredSubprotocols);
    if (!engine.ok) return err(engine.error);
    const wanted = engine.value === 'automerge' ? RoomKind.Automerge : RoomKind.Plain;
    return perRoom.run(request.roomId, async () => {
      const before = await options.store.loadMeta(request.roomId);
      // A live room is authoritative: its clients may not have written anything yet.
      let recorded: RoomKind | undefined = options.activeKind?.(request.roomId);
      if (recorded !== undefined) {
        // known from the live room
      } else if (before !== undefined) {
        recorded =
          decodeRoomMeta(before).kind === 'automerge' ? RoomKind.Automerge : RoomKind.Plain;
      } else if (
        // Only an Automerge client pays for this read: Yjs connections to meta-less rooms
        // (open rooms, stock clients) never load the log at admission.
        wanted === RoomKind.Automerge &&
        (await options.store.load(request.roomId)).length > 0
      ) {
        recorded = RoomKind.Plain;
      }
      // Authentication first: a stranger learns nothing about the room, its kind included.
      const admitted = await inner(request);
      if (!admitted.ok) return admitted;
      if (recorded !== undefined && recorded !== wanted) {
        const holds = recorded === RoomKind.Automerge ? 'an Automerge' : 'a Yjs';
        return err(
          new RelayError(CloseReason.RoomKindMismatch, `this room holds ${holds} document`),
        );
      }
      if (
        recorded === undefined &&
        wanted === RoomKind.Automerge &&
        admitted.value.access === RoomAccess.Write
      ) {
        const meta = await options.store.loadMeta(request.roomId);
        const base =
          meta === undefined ? { v: 1 as const, createdAt: now() } : decodeRoomMeta(meta);
        await options.store.saveMeta(
          request.roomId,
          encodeRoomMeta({ ...base, kind: 'automerge' }),
        );
        options.log.info('room.kind_recorded', { room: request.roomId, kind: wanted });
      }
      return { ok: true, value: { ...admitted.value, roomKind: wanted } };
    });
  };
}
