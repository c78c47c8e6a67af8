import * as A from '@automerge/automerge';
import {
  AutomergeChunkError,
  AutomergeChunkType,
  CloseReason,
  type DecodeResult,
  decodeAutomergeHeads,
  err,
  ok,
  RelayError,
  splitAutomergeChunks,
} from '@ensemble/shared';
import { RoomKind } from '../admission';
import type { RoomCodec } from '../roomCodec';
import type { UpdateInfo } from '../yjsUpdates';

const refuse = (detail: string): DecodeResult<never> =>
  err(new RelayError(CloseReason.MalformedMessage, detail));

/**
 * [AMR2] What an Automerge room accepts from a client: change chunks only (the relay's own
 * compaction writes the only document chunks it stores), each with its magic, length and
 * checksum right, and parsed in full by the engine (a chunk Automerge cannot parse would
 * make its loader silently drop what follows it). Anything else, a Yjs update included,
 * closes the sender with 4400 and names the reason; nothing is stored or broadcast.
 * Parsing a change reads its operations; no document is loaded.
 */
export function inspectAutomergeUpdate(update: Uint8Array): DecodeResult<UpdateInfo> {
  let chunks: ReturnType<typeof splitAutomergeChunks>;
  try {
    chunks = splitAutomergeChunks(update);
  } catch (error) {
    const reason = error instanceof AutomergeChunkError ? error.reason : 'unreadable';
    return refuse(`not an Automerge change (${reason})`);
  }
  for (const chunk of chunks) {
    if (chunk.type !== AutomergeChunkType.change) {
      return refuse('only Automerge change chunks are accepted');
    }
    try {
      A.decodeChange(chunk.bytes);
    } catch {
      return refuse('an Automerge change could not be parsed');
    }
  }
  return ok({ empty: chunks.length === 0 });
}

export function inspectAutomergeHeads(stateVector: Uint8Array): DecodeResult<Uint8Array> {
  try {
    decodeAutomergeHeads(stateVector);
    return ok(stateVector);
  } catch {
    return refuse('Automerge heads are 32-byte hashes');
  }
}

export const automergeCodec: RoomCodec = {
  kind: RoomKind.Automerge,
  empty: new Uint8Array(0),
  inspectUpdate: inspectAutomergeUpdate,
  inspectStateVector: inspectAutomergeHeads,
  isEmptyStateVector: (stateVector) => stateVector.byteLength === 0,
};
