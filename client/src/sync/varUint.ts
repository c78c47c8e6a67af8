/** A position in bytes being read. */
export interface ByteReader {
  readonly bytes: Uint8Array;
  pos: number;
}

/** lib0's varuint (7 bits a byte, little end first), as bytes. */
export function varUint(value: number): number[] {
  const out: number[] = [];
  let rest = value;
  while (rest > 0x7f) {
    out.push(0x80 | (rest & 0x7f));
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
  return out;
}

/** lib0's varuint (7 bits a byte, little end first); at most 8 bytes; undefined when cut or too long. */
export function readVarUint(reader: ByteReader): number | undefined {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 8; i++) {
    const byte = reader.bytes[reader.pos++];
    if (byte === undefined) return undefined;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return value;
    scale *= 128;
  }
  return undefined;
}
