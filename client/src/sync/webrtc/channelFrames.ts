/**
 * Data channels deliver whole messages, but not large ones (Chromium refuses to send a
 * message over its SCTP maximum, 256 KiB; 16 KiB is the size every browser takes), and a
 * community's first sync can weigh megabytes. So each message is sent as frames of at most
 * 16 KiB: a flag byte, then at most FRAME_PAYLOAD bytes. The flag's low bit says "more
 * frames follow"; its upper 7 bits number the frame within its message (modulo 128), so a
 * frame lost, repeated or out of order is noticed instead of joining a scrambled message.
 */
export const FRAME_BYTES = 16 * 1024;
export const FRAME_PAYLOAD = FRAME_BYTES - 1;
/** A message larger than this is refused (and the link closed): a peer's mistake or worse. */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

const MORE = 1;

/** Why a frame was refused (the link is then closed). */
export type FrameError =
  | { readonly reason: 'empty-frame' }
  | { readonly reason: 'out-of-order'; readonly expected: number; readonly received: number }
  | { readonly reason: 'too-large'; readonly bytes: number };

export function splitFrames(message: Uint8Array): Uint8Array[] {
  const frames: Uint8Array[] = [];
  let offset = 0;
  let index = 0;
  do {
    const end = Math.min(offset + FRAME_PAYLOAD, message.length);
    const frame = new Uint8Array(1 + end - offset);
    frame[0] = ((index % 128) << 1) | (end < message.length ? MORE : 0);
    frame.set(message.subarray(offset, end), 1);
    frames.push(frame);
    offset = end;
    index += 1;
  } while (offset < message.length);
  return frames;
}

/** Joins the frames of one link back into messages (one assembler per link). */
export class FrameAssembler {
  private parts: Uint8Array[] = [];
  private size = 0;

  constructor(private readonly maxMessageBytes = MAX_MESSAGE_BYTES) {}

  /** One frame in: the whole message once its last frame arrived, or why it is refused. */
  push(frame: Uint8Array): Uint8Array | 'partial' | FrameError {
    const flag = frame[0];
    if (flag === undefined) return this.fail({ reason: 'empty-frame' });
    const expected = this.parts.length % 128;
    const received = flag >> 1;
    if (received !== expected) return this.fail({ reason: 'out-of-order', expected, received });
    this.size += frame.length - 1;
    if (this.size > this.maxMessageBytes)
      return this.fail({ reason: 'too-large', bytes: this.size });
    this.parts.push(frame.subarray(1));
    if ((flag & MORE) === MORE) return 'partial';
    const message = new Uint8Array(this.size);
    let offset = 0;
    for (const part of this.parts) {
      message.set(part, offset);
      offset += part.length;
    }
    this.parts = [];
    this.size = 0;
    return message;
  }

  private fail(error: FrameError): FrameError {
    this.parts = [];
    this.size = 0;
    return error;
  }
}
