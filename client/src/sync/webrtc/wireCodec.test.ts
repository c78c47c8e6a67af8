import { describe, expect, it } from 'vitest';
import { decodePeerMessage, encodePeerMessage, type PeerMessage } from './wireCodec';

const payload = (length: number) => Uint8Array.from({ length }, (_, i) => i % 256);

describe('direct link wire codec (y-protocols framing)', () => {
  it('round-trips every message, small and large payloads', () => {
    const messages: PeerMessage[] = [
      { type: 'syncStep1', stateVector: payload(3) },
      { type: 'syncStep2', update: payload(0) },
      { type: 'syncUpdate', update: payload(200_000) },
      { type: 'awareness', update: payload(40) },
      { type: 'queryAwareness' },
    ];
    for (const message of messages) {
      expect(decodePeerMessage(encodePeerMessage(message))).toEqual({ ok: true, value: message });
    }
  });

  it('uses the relay’s bytes: type, step, length-prefixed payload', () => {
    expect([...encodePeerMessage({ type: 'syncUpdate', update: Uint8Array.of(9, 8) })]).toEqual([
      0, 2, 2, 9, 8,
    ]);
    expect([...encodePeerMessage({ type: 'awareness', update: Uint8Array.of(1) })]).toEqual([
      1, 1, 1,
    ]);
    // A length of 300 takes two varuint bytes.
    const long = encodePeerMessage({ type: 'syncStep1', stateVector: payload(300) });
    expect([...long.subarray(0, 4)]).toEqual([0, 0, 0xac, 0x02]);
  });

  it('refuses garbage with a reason', () => {
    const cases: [number[], string][] = [
      [[], 'empty'],
      [[7], 'unknown-type'],
      [[0, 5, 0], 'unknown-step'],
      [[0], 'truncated'],
      [[0, 0, 5, 1, 2], 'truncated'],
      [[0, 0, 0x80], 'truncated'],
      [[0, 1, 1, 1, 99], 'trailing-bytes'],
      [[1, 3, 1], 'truncated'],
      [[3, 0], 'trailing-bytes'],
      [[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], 'truncated'],
    ];
    for (const [bytes, error] of cases) {
      expect(decodePeerMessage(Uint8Array.from(bytes))).toEqual({ ok: false, error });
    }
  });
});
