import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { CloseReason } from './closeCodes';
import { type DecodeResult, decoded, rejected } from './RelayError';

/**
 * One entry of a y-protocols awareness update. `stateJson` is kept as the
 * JSON text the client sent (the relay forwards it, never interprets it);
 * the text `null` means the client left.
 */
export interface AwarenessEntry {
  readonly clientId: number;
  readonly clock: number;
  readonly stateJson: string;
}

export const AWARENESS_REMOVED = 'null';

/** Upper bound on entries in one update: guards loops over untrusted counts. */
export const MAX_AWARENESS_ENTRIES = 10_000;

/** Decodes `varuint count, then per entry: varuint clientID, varuint clock, varString JSON`. */
export function decodeAwarenessUpdate(update: Uint8Array): DecodeResult<AwarenessEntry[]> {
  const decoder = decoding.createDecoder(update);
  try {
    const count = decoding.readVarUint(decoder);
    if (count > MAX_AWARENESS_ENTRIES) {
      return rejected(CloseReason.MalformedMessage, `awareness update with ${count} entries`);
    }
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const stateJson = decoding.readVarString(decoder);
      JSON.parse(stateJson);
      entries.push({ clientId, clock, stateJson });
    }
    if (decoding.hasContent(decoder)) {
      return rejected(CloseReason.MalformedMessage, 'trailing bytes in awareness update');
    }
    return decoded(entries);
  } catch (cause) {
    return rejected(CloseReason.MalformedMessage, 'unparsable awareness update', cause);
  }
}

export function encodeAwarenessUpdate(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.stateJson);
  }
  return encoding.toUint8Array(encoder);
}

export function isAwarenessRemoval(entry: AwarenessEntry): boolean {
  return entry.stateJson === AWARENESS_REMOVED;
}
