import type { DocId } from '@ensemble/shared';
import { automergeEngine } from '@ensemble/shared/automerge';

/**
 * [AMR3] Whole-room operations on an Automerge room's stored chunks. Each loads the
 * room's state into a short-lived document (freed at once), like Y.diffUpdate parses a
 * Yjs room's merged update: nothing stays in memory between calls. Run by the worker
 * thread (automergeWorker.ts) for large rooms, inline for small ones.
 */
const ROOM_DOC = 'relay-automerge-room' as DocId;

export function mergeChunks(updates: readonly Uint8Array[]): Uint8Array {
  return automergeEngine.mergeUpdates(updates);
}

export function headsOf(merged: Uint8Array): Uint8Array {
  const doc = automergeEngine.load(ROOM_DOC, [merged]);
  try {
    return doc.encodeStateVector();
  } finally {
    doc.destroy();
  }
}

export function missingChunks(merged: Uint8Array, heads: Uint8Array): Uint8Array {
  const doc = automergeEngine.load(ROOM_DOC, [merged]);
  try {
    return doc.encodeUpdateSince(heads);
  } finally {
    doc.destroy();
  }
}
