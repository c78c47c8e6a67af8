import { type ByteReader, readVarUint, varUint } from '../varUint';

/**
 * The relay's sync protocol (y-protocols sync and awareness framing, sync-server/PROTOCOL.md)
 * for direct peers: a varuint message type, then for sync a varuint step and a
 * length-prefixed payload, for awareness a length-prefixed awareness update. Written here
 * rather than imported, so the WebRTC chunk shares no module with the first load.
 */
export type PeerMessage =
  | { readonly type: 'syncStep1'; readonly stateVector: Uint8Array }
  | { readonly type: 'syncStep2'; readonly update: Uint8Array }
  | { readonly type: 'syncUpdate'; readonly update: Uint8Array }
  /** A y-protocols awareness update (who is here, their cursor). */
  | { readonly type: 'awareness'; readonly update: Uint8Array }
  /** Asks the other side for its awareness state. */
  | { readonly type: 'queryAwareness' };

/** Why a received message was refused (the link is then closed). */
export type PeerDecodeError =
  | 'empty'
  | 'unknown-type'
  | 'unknown-step'
  | 'truncated'
  | 'trailing-bytes';

export type PeerDecodeResult =
  | { readonly ok: true; readonly value: PeerMessage }
  | { readonly ok: false; readonly error: PeerDecodeError };

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
      return frame([AWARENESS], message.update);
    case 'queryAwareness':
      return Uint8Array.of(QUERY_AWARENESS);
    default:
      return unreachable(message);
  }
}

/** Strict: a truncated varint, a payload past the end or trailing bytes are refused. */
export function decodePeerMessage(bytes: Uint8Array): PeerDecodeResult {
  const reader = { bytes, pos: 0 };
  const type = readVarUint(reader);
  if (type === undefined) return fail(bytes.length === 0 ? 'empty' : 'truncated');
  switch (type) {
    case SYNC: {
      const step = readVarUint(reader);
      if (step === undefined) return fail('truncated');
      const name = STEPS[step];
      if (!name) return fail('unknown-step');
      const payload = readPayload(reader);
      if (typeof payload === 'string') return fail(payload);
      return {
        ok: true,
        value:
          name === 'syncStep1'
            ? { type: name, stateVector: payload }
            : { type: name, update: payload },
      };
    }
    case AWARENESS: {
      const payload = readPayload(reader);
      if (typeof payload === 'string') return fail(payload);
      return { ok: true, value: { type: 'awareness', update: payload } };
    }
    case QUERY_AWARENESS:
      return reader.pos === bytes.length
        ? { ok: true, value: { type: 'queryAwareness' } }
        : fail('trailing-bytes');
    default:
      return fail('unknown-type');
  }
}

function fail(error: PeerDecodeError): PeerDecodeResult {
  return { ok: false, error };
}

type Reader = ByteReader;

/** A length-prefixed payload that must end the message exactly. */
function readPayload(reader: Reader): Uint8Array | 'truncated' | 'trailing-bytes' {
  const length = readVarUint(reader);
  if (length === undefined || reader.pos + length > reader.bytes.length) return 'truncated';
  if (reader.pos + length < reader.bytes.length) return 'trailing-bytes';
  return reader.bytes.subarray(reader.pos);
}

function frame(header: readonly number[], payload: Uint8Array): Uint8Array {
  const prefix = [...header, ...varUint(payload.length)];
  const out = new Uint8Array(prefix.length + payload.length);
  out.set(prefix);
  out.set(payload, prefix.length);
  return out;
}

export function unreachable(value: never): never {
  throw new Error(`Unhandled: ${JSON.stringify(value)}`);
}
