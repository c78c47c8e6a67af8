import type { DecodeResult } from '@ensemble/shared';
import { RoomKind } from './admission';
import {
  EMPTY_UPDATE,
  inspectStateVector,
  inspectUpdate,
  isEmptyStateVector,
  type UpdateInfo,
} from './yjsUpdates';

/**
 * What a doc-less room needs to know about its engine's bytes, checked on the event loop
 * without loading any document: whether an update is well-formed (and empty), whether a
 * state vector is. Whole-document work (merge, state vector of the merged state, diff)
 * goes through the room's `UpdateOps`, off the event loop for large rooms.
 * One codec per room kind (sync-server/PROTOCOL.md "Room kinds"; /work/coord/roomkind.md).
 */
export interface RoomCodec {
  readonly kind: RoomKind;
  /** The merged state of a room that holds nothing. */
  readonly empty: Uint8Array;
  inspectUpdate(update: Uint8Array): DecodeResult<UpdateInfo>;
  inspectStateVector(stateVector: Uint8Array): DecodeResult<Uint8Array>;
  /** True for a state vector of a client that holds nothing (it gets the whole state). */
  isEmptyStateVector(stateVector: Uint8Array): boolean;
}

export const yjsCodec: RoomCodec = {
  kind: RoomKind.Plain,
  empty: EMPTY_UPDATE,
  inspectUpdate,
  inspectStateVector,
  isEmptyStateVector,
};
