// The sealed-community websocket protocol [SEAL19]: `/sealed/<communityId>`, binary frames,
// one message per frame: a u8 tag, then big-endian u32s and u32-length-prefixed byte strings.
// The relay sees membership operations (public, signed) and envelopes (ciphertext) only.

import { err, ok, type Result } from '../result';
import { concatBytes, fromUtf8, utf8 } from './bytes';

export const SEALED_PATH_PREFIX = '/sealed/';
export const AUTH_LABEL = 'ensemble/seal/auth/v1|';

export const SealedTag = {
  // client -> relay
  Auth: 1,
  AppendOp: 2,
  Put: 3,
  // relay -> client
  Challenge: 10,
  Ops: 11,
  Envelopes: 12,
  Refused: 13,
  Ack: 14,
} as const;
export type SealedTag = (typeof SealedTag)[keyof typeof SealedTag];

export const RefusedKind = { Op: 1, Envelope: 2 } as const;
export type RefusedKind = (typeof RefusedKind)[keyof typeof RefusedKind];

export type SealedMessage =
  /** The device proves it holds its signing key: signature over AUTH_LABEL | community | nonce. */
  | {
      readonly tag: typeof SealedTag.Auth;
      readonly device: Uint8Array;
      readonly signature: Uint8Array;
      readonly knownOps: number;
      readonly knownEnvelopes: number;
    }
  | { readonly tag: typeof SealedTag.AppendOp; readonly op: Uint8Array }
  | { readonly tag: typeof SealedTag.Put; readonly envelope: Uint8Array }
  | { readonly tag: typeof SealedTag.Challenge; readonly nonce: Uint8Array }
  | { readonly tag: typeof SealedTag.Ops; readonly first: number; readonly items: Uint8Array[] }
  | {
      readonly tag: typeof SealedTag.Envelopes;
      readonly first: number;
      readonly items: Uint8Array[];
    }
  /** `ref`: the refused operation's seq, or the refused envelope's counter. */
  | {
      readonly tag: typeof SealedTag.Refused;
      readonly kind: RefusedKind;
      readonly ref: number;
      readonly reason: string;
    }
  /** The envelope with this counter (of the receiving device) is stored at `index`. */
  | { readonly tag: typeof SealedTag.Ack; readonly index: number; readonly counter: number };

function u32(n: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n);
  return out;
}

function chunk(bytes: Uint8Array): Uint8Array {
  return concatBytes(u32(bytes.length), bytes);
}

export function encodeSealed(message: SealedMessage): Uint8Array {
  const tag = new Uint8Array([message.tag]);
  switch (message.tag) {
    case SealedTag.Auth:
      return concatBytes(
        tag,
        chunk(message.device),
        chunk(message.signature),
        u32(message.knownOps),
        u32(message.knownEnvelopes),
      );
    case SealedTag.AppendOp:
      return concatBytes(tag, chunk(message.op));
    case SealedTag.Put:
      return concatBytes(tag, chunk(message.envelope));
    case SealedTag.Challenge:
      return concatBytes(tag, chunk(message.nonce));
    case SealedTag.Ops:
    case SealedTag.Envelopes:
      return concatBytes(
        tag,
        u32(message.first),
        u32(message.items.length),
        ...message.items.map(chunk),
      );
    case SealedTag.Refused:
      return concatBytes(
        tag,
        new Uint8Array([message.kind]),
        u32(message.ref),
        chunk(utf8(message.reason)),
      );
    case SealedTag.Ack:
      return concatBytes(tag, u32(message.index), u32(message.counter));
    default: {
      const never: never = message;
      throw new Error(`unknown sealed message ${String(never)}`);
    }
  }
}

class Reader {
  private at = 0;
  private readonly view: DataView;
  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  u8(): number {
    if (this.at + 1 > this.bytes.length) throw new RangeError('truncated');
    return this.bytes[this.at++] as number;
  }
  u32(): number {
    if (this.at + 4 > this.bytes.length) throw new RangeError('truncated');
    const n = this.view.getUint32(this.at);
    this.at += 4;
    return n;
  }
  chunk(): Uint8Array {
    const n = this.u32();
    if (this.at + n > this.bytes.length) throw new RangeError('truncated');
    const out = this.bytes.slice(this.at, this.at + n);
    this.at += n;
    return out;
  }
  end(): void {
    if (this.at !== this.bytes.length) throw new RangeError('trailing bytes');
  }
}

/** Strict: unknown tags, truncation and trailing bytes are errors (never a throw). */
export function decodeSealed(bytes: Uint8Array): Result<SealedMessage, string> {
  const r = new Reader(bytes);
  try {
    const tag = r.u8();
    let message: SealedMessage;
    switch (tag) {
      case SealedTag.Auth:
        message = {
          tag,
          device: r.chunk(),
          signature: r.chunk(),
          knownOps: r.u32(),
          knownEnvelopes: r.u32(),
        };
        break;
      case SealedTag.AppendOp:
        message = { tag, op: r.chunk() };
        break;
      case SealedTag.Put:
        message = { tag, envelope: r.chunk() };
        break;
      case SealedTag.Challenge:
        message = { tag, nonce: r.chunk() };
        break;
      case SealedTag.Ops:
      case SealedTag.Envelopes: {
        const first = r.u32();
        const count = r.u32();
        if (count > bytes.length) throw new RangeError('count larger than the frame');
        const items: Uint8Array[] = [];
        for (let i = 0; i < count; i++) items.push(r.chunk());
        message = { tag, first, items };
        break;
      }
      case SealedTag.Refused: {
        const kind = r.u8();
        if (kind !== RefusedKind.Op && kind !== RefusedKind.Envelope) throw new RangeError('kind');
        const ref = r.u32();
        const reason = fromUtf8(r.chunk());
        if (reason === undefined) throw new RangeError('reason is not UTF-8');
        message = { tag, kind, ref, reason };
        break;
      }
      case SealedTag.Ack:
        message = { tag, index: r.u32(), counter: r.u32() };
        break;
      default:
        return err(`unknown sealed message tag ${tag}`);
    }
    r.end();
    return ok(message);
  } catch (e) {
    return err(e instanceof Error ? e.message : 'undecodable');
  }
}

export function authPayload(community: string, nonce: Uint8Array): Uint8Array {
  return concatBytes(utf8(`${AUTH_LABEL}${community}|`), nonce);
}
