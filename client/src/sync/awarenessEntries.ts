import { readVarUint, varUint } from './varUint';

/**
 * One entry of a y-protocols awareness update: `varuint count`, then per client
 * `varuint clientID, varuint clock, varString JSON` (the text `null`: the client left).
 * Read here rather than imported from shared (sync-server's reader): the lazily loaded
 * sync code then shares no domain module with the first load.
 */
export interface AwarenessEntry {
  readonly clientId: number;
  readonly clock: number;
  readonly stateJson: string;
}

export const AWARENESS_REMOVED = 'null';
/** Guards loops over an untrusted count. */
const MAX_ENTRIES = 10_000;

/** Strict: undefined for a truncated update, trailing bytes or a state that is not JSON. */
export function decodeAwarenessEntries(update: Uint8Array): AwarenessEntry[] | undefined {
  const reader = { bytes: update, pos: 0 };
  const count = readVarUint(reader);
  if (count === undefined || count > MAX_ENTRIES) return undefined;
  const entries: AwarenessEntry[] = [];
  const text = new TextDecoder('utf-8', { fatal: true });
  try {
    for (let i = 0; i < count; i++) {
      const clientId = readVarUint(reader);
      const clock = readVarUint(reader);
      const length = readVarUint(reader);
      if (clientId === undefined || clock === undefined || length === undefined) return undefined;
      if (reader.pos + length > update.length) return undefined;
      const stateJson = text.decode(update.subarray(reader.pos, reader.pos + length));
      reader.pos += length;
      JSON.parse(stateJson);
      entries.push({ clientId, clock, stateJson });
    }
  } catch {
    return undefined;
  }
  return reader.pos === update.length ? entries : undefined;
}

export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const bytes: number[] = [...varUint(entries.length)];
  const text = new TextEncoder();
  for (const entry of entries) {
    const json = text.encode(entry.stateJson);
    bytes.push(...varUint(entry.clientId), ...varUint(entry.clock), ...varUint(json.length));
    for (const byte of json) bytes.push(byte);
  }
  return Uint8Array.from(bytes);
}
