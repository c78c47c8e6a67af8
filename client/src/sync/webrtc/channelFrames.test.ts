import { describe, expect, it } from 'vitest';
import { FRAME_BYTES, FRAME_PAYLOAD, FrameAssembler, splitFrames } from './channelFrames';

function bytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (i * 7 + 3) % 251;
  return out;
}

const same = (a: unknown, b: Uint8Array) =>
  a instanceof Uint8Array && a.length === b.length && a.every((byte, i) => byte === b[i]);

describe('channel frames', () => {
  it('sends a small message as one frame, and an empty one too', () => {
    expect(splitFrames(bytes(10))).toHaveLength(1);
    const [empty] = splitFrames(new Uint8Array(0));
    expect(empty).toEqual(Uint8Array.of(0));
    expect(new FrameAssembler().push(empty as Uint8Array)).toEqual(new Uint8Array(0));
  });

  it('splits a large message into frames of at most 16 KiB and joins them back', () => {
    const message = bytes(3 * FRAME_PAYLOAD + 100);
    const frames = splitFrames(message);
    expect(frames).toHaveLength(4);
    for (const frame of frames) expect(frame.length).toBeLessThanOrEqual(FRAME_BYTES);
    expect(frames[0]?.length).toBe(FRAME_BYTES);
    const assembler = new FrameAssembler();
    const results = frames.map((frame) => assembler.push(frame));
    expect(results.slice(0, 3)).toEqual(['partial', 'partial', 'partial']);
    expect(results[3]).toEqual(message);
    // The next message starts afresh.
    expect(assembler.push(splitFrames(bytes(5))[0] as Uint8Array)).toEqual(bytes(5));
  });

  it('joins a message of more than 128 frames (the frame number wraps)', () => {
    const message = bytes(130 * FRAME_PAYLOAD + 1);
    const assembler = new FrameAssembler();
    const frames = splitFrames(message);
    expect(frames).toHaveLength(131);
    let last: unknown;
    for (const frame of frames) last = assembler.push(frame);
    expect(same(last, message)).toBe(true);
  });

  it('refuses frames out of order, lost or repeated, with the reason', () => {
    const [first, second, third] = splitFrames(bytes(2 * FRAME_PAYLOAD + 1)) as [
      Uint8Array,
      Uint8Array,
      Uint8Array,
    ];
    const swapped = new FrameAssembler();
    expect(swapped.push(second)).toEqual({ reason: 'out-of-order', expected: 0, received: 1 });
    const lost = new FrameAssembler();
    lost.push(first);
    expect(lost.push(third)).toEqual({ reason: 'out-of-order', expected: 1, received: 2 });
    const repeated = new FrameAssembler();
    repeated.push(first);
    expect(repeated.push(first)).toEqual({ reason: 'out-of-order', expected: 1, received: 0 });
  });

  it('refuses a message over the size limit, and an empty frame', () => {
    const assembler = new FrameAssembler(2 * FRAME_PAYLOAD);
    const frames = splitFrames(bytes(2 * FRAME_PAYLOAD + 1));
    expect(assembler.push(frames[0] as Uint8Array)).toBe('partial');
    expect(assembler.push(frames[1] as Uint8Array)).toBe('partial');
    expect(assembler.push(frames[2] as Uint8Array)).toEqual({
      reason: 'too-large',
      bytes: 2 * FRAME_PAYLOAD + 1,
    });
    expect(new FrameAssembler().push(new Uint8Array(0))).toEqual({ reason: 'empty-frame' });
  });
});
