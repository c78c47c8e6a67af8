/**
 * The Automerge adapter's state vector: the document's heads (change hashes), each as
 * its 32 raw bytes, sorted, back to back. An empty vector means "I hold nothing".
 */
const HASH_BYTES = 32;

export function encodeHeads(heads: readonly string[]): Uint8Array {
  const out = new Uint8Array(heads.length * HASH_BYTES);
  [...heads].sort().forEach((head, i) => {
    if (!/^[0-9a-f]{64}$/.test(head)) throw new RangeError(`not a change hash: ${head}`);
    for (let b = 0; b < HASH_BYTES; b++) {
      out[i * HASH_BYTES + b] = Number.parseInt(head.slice(b * 2, b * 2 + 2), 16);
    }
  });
  return out;
}

export function decodeHeads(bytes: Uint8Array): string[] {
  if (bytes.length % HASH_BYTES !== 0) {
    throw new RangeError(`a state vector of ${bytes.length} bytes is not a list of heads`);
  }
  const heads: string[] = [];
  for (let at = 0; at < bytes.length; at += HASH_BYTES) {
    heads.push(
      Array.from(bytes.subarray(at, at + HASH_BYTES), (byte) =>
        byte.toString(16).padStart(2, '0'),
      ).join(''),
    );
  }
  return heads;
}
