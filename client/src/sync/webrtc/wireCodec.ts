/**
 * The relay's sync protocol (y-protocols sync and awareness framing, sync-server/PROTOCOL.md)
 * for direct peers: a varuint message type, a varuint sync step, a length-prefixed payload.
 * Written here rather than imported, so the WebRTC chunk shares no module with the first
 * load (each shared module would split the first load's chunks further).
 */
export type PeerMessage =
  | { readonly type: 'syncStep1'; readonly stateVector: Uint8Array }
  | { readonly type: 'syncStep2'; readonly update: Uint8Array }
  | { readonly type: 'syncUpdate'; readonly update: Uint8Array }
  /** Awareness and awareness queries: well-formed, not used on direct paths yet. */
  | { readonly type: 'awareness' };

const SYNC = 0;
const AWARENESS = 1;
const QUERY_AWARENESS = 3;
const STEPS = ['syncStep1', 'syncStep2', 'syncUpdate'] as const;

export function encodePeerMessage(message: PeerMessage): Uint8Array {
  switch (message.type) {
    case 'syncStep1':
      return frame([SYNC, 0], message.stateVector);
    case 'syncStep2':
      return frame([SYNC, 1], message.update);
    case 'syncUpdate':
      return frame([SYNC, 2], message.update);
    case 'awareness':
      return Uint8Array.of(QUERY_AWARENESS);
    default:
      return unreachable(message);
  }
}

/** Strict: a truncated varint, a payload past the end or trailing bytes give undefined. */
export function decodePeerMessage(bytes: Uint8Array): PeerMessage | undefined {
  const reader = { bytes, pos: 0 };
  const type = readVarUint(reader);
  if (type === SYNC) {
    const step = readVarUint(reader);
    const length = readVarUint(reader);
    const name = step === undefined ? undefined : STEPS[step];
    if (!name || length === undefined || reader.pos + length !== bytes.length) return undefined;
    const payload = bytes.subarray(reader.pos);
    return name === 'syncStep1'
      ? { type: name, stateVector: payload }
      : { type: name, update: payload };
  }
  if (type === AWARENESS) {
    const length = readVarUint(reader);
    return length !== undefined && reader.pos + length === bytes.length
      ? { type: 'awareness' }
      : undefined;
  }
  if (type === QUERY_AWARENESS && reader.pos === bytes.length) return { type: 'awareness' };
  return undefined;
}

function frame(header: readonly number[], payload: Uint8Array): Uint8Array {
  const prefix = [...header, ...varUint(payload.length)];
  const out = new Uint8Array(prefix.length + payload.length);
  out.set(prefix);
  out.set(payload, prefix.length);
  return out;
}

function varUint(value: number): number[] {
  const out: number[] = [];
  let rest = value;
  while (rest > 0x7f) {
    out.push(0x80 | (rest & 0x7f));
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
  return out;
}

function readVarUint(reader: { bytes: Uint8Array; pos: number }): number | undefined {
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

export function unreachable(value: never): never {
  throw new Error(`Unhandled: ${JSON.stringify(value)}`);
}
