import { describe, expect, it } from 'vitest';
import { newCapability } from './capability';
import { encodeSignalingAuth, parseSignalingMessage } from './signaling';

describe('signaling messages (y-webrtc JSON)', () => {
  it('[SIG1] parses the y-webrtc messages and keeps publish fields', () => {
    expect(parseSignalingMessage('{"type":"subscribe","topics":["a"]}')).toEqual({
      ok: true,
      value: { type: 'subscribe', topics: ['a'] },
    });
    expect(parseSignalingMessage('{"type":"unsubscribe"}')).toEqual({
      ok: true,
      value: { type: 'unsubscribe', topics: [] },
    });
    const publish = parseSignalingMessage('{"type":"publish","topic":"t","data":{"x":1}}');
    expect(publish.ok && publish.value).toEqual({
      type: 'publish',
      topic: 't',
      message: { type: 'publish', topic: 't', data: { x: 1 } },
    });
    expect(parseSignalingMessage('{"type":"ping"}')).toEqual({ ok: true, value: { type: 'ping' } });
    expect(parseSignalingMessage('{"type":"future"}')).toEqual({
      ok: true,
      value: { type: 'unknown' },
    });
  });

  it('[SIG2] auth round-trips; a malformed capability is a programming error', () => {
    const capability = newCapability();
    expect(parseSignalingMessage(encodeSignalingAuth({ room: capability }))).toEqual({
      ok: true,
      value: { type: 'auth', topics: { room: capability } },
    });
    expect(() => encodeSignalingAuth({ room: 'short' })).toThrow(RangeError);
  });

  it('[SIG5] malformed frames are refused without quoting them', () => {
    for (const text of [
      '{nope',
      '[]',
      'null',
      '{"type":"subscribe","topics":[1]}',
      '{"type":"publish"}',
      '{"type":"auth","topics":{"r":1}}',
    ]) {
      const result = parseSignalingMessage(text);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.closeCode).toBe(4400);
        expect(result.error.closeReason).not.toContain(text);
      }
    }
  });
});
