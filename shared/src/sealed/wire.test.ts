import { describe, expect, it } from 'vitest';
import { decodeSealed, encodeSealed, RefusedKind, type SealedMessage, SealedTag } from './wire';

const samples: SealedMessage[] = [
  {
    tag: SealedTag.Auth,
    device: new Uint8Array(32).fill(1),
    signature: new Uint8Array(64).fill(2),
    knownOps: 3,
    knownEnvelopes: 4,
  },
  { tag: SealedTag.AppendOp, op: new Uint8Array([123, 125]) },
  { tag: SealedTag.Put, envelope: new Uint8Array([1, 2, 3]) },
  { tag: SealedTag.Challenge, nonce: new Uint8Array(32).fill(9) },
  { tag: SealedTag.Ops, first: 5, items: [new Uint8Array([1]), new Uint8Array([2, 3])] },
  { tag: SealedTag.Envelopes, first: 0, items: [] },
  { tag: SealedTag.Refused, kind: RefusedKind.Envelope, ref: 7, reason: 'stale-epoch' },
  { tag: SealedTag.Ack, index: 8, counter: 9 },
];

describe('sealed wire messages', () => {
  it('[SEAL19] every message round-trips', () => {
    for (const m of samples) expect(decodeSealed(encodeSealed(m))).toEqual({ ok: true, value: m });
  });

  it('[SEAL19] truncated, trailing or unknown frames are errors, never throws', () => {
    for (const m of samples) {
      const bytes = encodeSealed(m);
      for (let n = 0; n < bytes.length; n++)
        expect(decodeSealed(bytes.subarray(0, n)).ok).toBe(false);
      const longer = new Uint8Array(bytes.length + 1);
      longer.set(bytes);
      expect(decodeSealed(longer).ok).toBe(false);
    }
    expect(decodeSealed(new Uint8Array([99])).ok).toBe(false);
    expect(decodeSealed(new Uint8Array([SealedTag.Ops, 0, 0, 0, 0, 255, 255, 255, 255])).ok).toBe(
      false,
    );
  });
});
