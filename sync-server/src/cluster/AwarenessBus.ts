import type { Redis } from 'ioredis';

/**
 * Awareness between relays over Redis pub/sub (presence is ephemeral: a
 * frame lost while Redis is away is renewed by the client's next one).
 * Each message is the publishing relay's origin id, then the frame as a
 * client sent it; a relay ignores its own.
 */
export class AwarenessBus {
  private readonly subscriber: Redis;
  private readonly publisher: Redis;
  private readonly origin: Buffer;
  private readonly handlers = new Map<string, (frame: Uint8Array) => void>();

  constructor(options: { subscriber: Redis; publisher: Redis; origin: string }) {
    this.subscriber = options.subscriber;
    this.publisher = options.publisher;
    this.origin = Buffer.from(options.origin, 'latin1');
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => {
      const handler = this.handlers.get(channel.toString('utf8'));
      if (handler === undefined || message.byteLength <= this.origin.byteLength) return;
      if (message.subarray(0, this.origin.byteLength).equals(this.origin)) return;
      handler(new Uint8Array(message.subarray(this.origin.byteLength)));
    });
  }

  join(channel: string, handler: (frame: Uint8Array) => void): void {
    this.handlers.set(channel, handler);
    this.subscriber.subscribe(channel).catch(() => undefined);
  }

  leave(channel: string): void {
    if (!this.handlers.delete(channel)) return;
    this.subscriber.unsubscribe(channel).catch(() => undefined);
  }

  publish(channel: string, frame: Uint8Array): void {
    this.publisher.publish(channel, Buffer.concat([this.origin, frame])).catch(() => undefined);
  }

  close(): void {
    this.subscriber.disconnect();
  }
}
