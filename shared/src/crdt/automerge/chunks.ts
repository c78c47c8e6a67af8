import { digest } from 'lib0/hash/sha256';

/**
 * Automerge's binary storage format, read without the engine (no wasm): the relay
 * uses it to check and index change chunks it stores as opaque records.
 *
 * A chunk is: magic `85 6f 4a 83`, a 4-byte checksum (the first bytes of the
 * SHA-256 of what follows), a type byte (0 document, 1 change, 2 compressed
 * change), the body length (ULEB128), the body. An update of the Automerge
 * adapter is zero or more chunks back to back. A change's hash is the SHA-256
 * of the chunk from its type byte on; its body starts with its dependencies.
 */
export const AUTOMERGE_MAGIC: readonly number[] = [0x85, 0x6f, 0x4a, 0x83];

export const ChunkType = { document: 0, change: 1, compressedChange: 2 } as const;
export type ChunkType = (typeof ChunkType)[keyof typeof ChunkType];

export const ChunkErrorReason = {
  notAutomerge: 'not-automerge',
  truncated: 'truncated',
  badChecksum: 'bad-checksum',
  unknownChunkType: 'unknown-chunk-type',
  malformed: 'malformed',
} as const;
export type ChunkErrorReason = (typeof ChunkErrorReason)[keyof typeof ChunkErrorReason];

/** Bytes that are not (or no longer) Automerge chunks; `offset` is where reading stopped. */
export class AutomergeChunkError extends Error {
  constructor(
    readonly reason: ChunkErrorReason,
    readonly offset: number,
  ) {
    super(`not an Automerge update (${reason} at byte ${offset})`);
    this.name = 'AutomergeChunkError';
  }
}

export interface Chunk {
  readonly type: ChunkType;
  /** The whole chunk, header included. */
  readonly bytes: Uint8Array;
  /** The change hash (lowercase hex); for uncompressed change chunks only. */
  readonly hash: string | undefined;
  /** The hashes this change depends on; for uncompressed change chunks only. */
  readonly deps: readonly string[];
}

const hex = (bytes: Uint8Array): string =>
  Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');

function readUleb(bytes: Uint8Array, start: number): { value: number; next: number } {
  let value = 0;
  let shift = 0;
  for (let at = start; at < bytes.length && shift < 35; at++) {
    const byte = bytes[at] as number;
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return { value, next: at + 1 };
    shift += 7;
  }
  throw new AutomergeChunkError(ChunkErrorReason.truncated, start);
}

/** The dependency hashes at the start of a change body. */
function readDeps(body: Uint8Array, offset: number): string[] {
  const count = readUleb(body, 0);
  if (body.length < count.next + count.value * 32) {
    throw new AutomergeChunkError(ChunkErrorReason.malformed, offset);
  }
  const deps: string[] = [];
  for (let i = 0; i < count.value; i++) {
    const at = count.next + i * 32;
    deps.push(hex(body.subarray(at, at + 32)));
  }
  return deps;
}

/**
 * Splits an update into chunks, checking each one's magic, type, length and checksum.
 * Throws an `AutomergeChunkError` on anything else: nothing is half-read.
 */
export function splitChunks(update: Uint8Array): Chunk[] {
  const chunks: Chunk[] = [];
  let at = 0;
  while (at < update.length) {
    if (update.length - at < 10) throw new AutomergeChunkError(ChunkErrorReason.truncated, at);
    for (let i = 0; i < 4; i++) {
      if (update[at + i] !== AUTOMERGE_MAGIC[i]) {
        throw new AutomergeChunkError(ChunkErrorReason.notAutomerge, at);
      }
    }
    const type = update[at + 8] as number;
    if (type !== 0 && type !== 1 && type !== 2) {
      throw new AutomergeChunkError(ChunkErrorReason.unknownChunkType, at);
    }
    const length = readUleb(update, at + 9);
    const end = length.next + length.value;
    if (end > update.length) throw new AutomergeChunkError(ChunkErrorReason.truncated, at);
    const body = update.subarray(length.next, end);
    // A compressed change's checksum is that of its inflated form: the engine checks it.
    if (type === ChunkType.compressedChange) {
      chunks.push({ type, bytes: update.subarray(at, end), hash: undefined, deps: [] });
      at = end;
      continue;
    }
    const hashed = digest(update.subarray(at + 8, end));
    for (let i = 0; i < 4; i++) {
      if (hashed[i] !== update[at + 4 + i]) {
        throw new AutomergeChunkError(ChunkErrorReason.badChecksum, at);
      }
    }
    chunks.push({
      type,
      bytes: update.subarray(at, end),
      hash: type === ChunkType.change ? hex(hashed) : undefined,
      deps: type === ChunkType.change ? readDeps(body, at) : [],
    });
    at = end;
  }
  return chunks;
}

/** Concatenates updates (chunks stay whole: an update is chunks back to back). */
export function concatUpdates(updates: readonly Uint8Array[]): Uint8Array {
  if (updates.length === 1) return updates[0] as Uint8Array;
  const out = new Uint8Array(updates.reduce((sum, update) => sum + update.length, 0));
  let at = 0;
  for (const update of updates) {
    out.set(update, at);
    at += update.length;
  }
  return out;
}
