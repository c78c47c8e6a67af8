/**
 * Data channels deliver whole messages, but not large ones (Chromium refuses to send a
 * message over its SCTP maximum, 256 KiB; 16 KiB is the size every browser takes), and a
 * community's first sync can weigh megabytes. So each message is sent as frames: a flag
 * byte, then at most FRAME_PAYLOAD bytes. Channels are ordered and reliable: frames
 * arrive in order, and a message is the frames up to one flagged "last".
 */
export const FRAME_PAYLOAD = 16 * 1024 - 1;
/** A message larger than this is refused (and the channel closed): a peer's mistake or worse. */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

const FrameFlag = { more: 1, last: 0 } as const;

export function splitFrames(message: Uint8Array): Uint8Array[] {
  const frames: Uint8Array[] = [];
  let offset = 0;
  do {
    const end = Math.min(offset + FRAME_PAYLOAD, message.length);
    const frame = new Uint8Array(1 + end - offset);
    frame[0] = end < message.length ? FrameFlag.more : FrameFlag.last;
    frame.set(message.subarray(offset, end), 1);
    frames.push(frame);
    offset = end;
  } while (offset < message.length);
  return frames;
}

export class FrameAssembler {
  private parts: Uint8Array[] = [];
  private size = 0;

  /** One frame in: the whole message once its last frame arrived. */
  push(frame: Uint8Array): Uint8Array | 'partial' | 'invalid' {
    const flag = frame[0];
    if (flag !== FrameFlag.more && flag !== FrameFlag.last) return this.fail();
    this.size += frame.length - 1;
    if (this.size > MAX_MESSAGE_BYTES) return this.fail();
    this.parts.push(frame.subarray(1));
    if (flag === FrameFlag.more) return 'partial';
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

  private fail(): 'invalid' {
    this.parts = [];
    this.size = 0;
    return 'invalid';
  }
}
