import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/** Per-connection and per-address limits (PROTOCOL.md "Limits"; SPEC [LIM*]). */
export interface RelayLimits {
  /** Larger messages close the connection with 4413. */
  readonly maxMessageBytes: number;
  /** Sustained messages per second per connection; beyond the burst: 4529. */
  readonly messagesPerSecond: number;
  readonly messageBurst: number;
  /** Sustained bytes per second per connection; beyond the burst: 4529. */
  readonly bytesPerSecond: number;
  /** Open connections per remote address; 0 = unlimited. Beyond: 4529. */
  readonly connectionsPerIp: number;
  /** Awareness messages per second per connection; the excess is dropped, not closed. */
  readonly awarenessPerSecond: number;
}

export const DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;

export const DEFAULT_LIMITS: RelayLimits = {
  maxMessageBytes: DEFAULT_MAX_MESSAGE_BYTES,
  messagesPerSecond: 200,
  messageBurst: 400,
  bytesPerSecond: 2 * 1024 * 1024,
  connectionsPerIp: 64,
  awarenessPerSecond: 10,
};

/** Two seconds' worth, and always room for one maximum-size message plus change. */
export function byteBurstOf(limits: RelayLimits): number {
  return Math.max(2 * limits.bytesPerSecond, 2 * limits.maxMessageBytes);
}

/** Counts open connections per remote address. */
export class AddressCounter {
  private readonly counts = new Map<string, number>();

  /** Registers one connection; returns how many the address now has. */
  add(address: string): number {
    const count = (this.counts.get(address) ?? 0) + 1;
    this.counts.set(address, count);
    return count;
  }

  remove(address: string): void {
    const count = (this.counts.get(address) ?? 0) - 1;
    if (count <= 0) this.counts.delete(address);
    else this.counts.set(address, count);
  }
}

/** `::ffff:1.2.3.4` and `1.2.3.4` are the same client. */
export function normaliseAddress(address: string | undefined): string {
  if (address === undefined) return 'unknown';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

/**
 * The address a connection is counted and logged under. Without `trustProxy`
 * it is the socket's peer, whatever the request's headers say. With it (the
 * relay behind ONE reverse proxy that appends the address it saw to
 * X-Forwarded-For), it is the LAST entry of X-Forwarded-For: entries before
 * it come from the client and may be forged. A missing or unparsable header
 * falls back to the socket's peer.
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const peer = normaliseAddress(req.socket.remoteAddress);
  if (!trustProxy) return peer;
  const header = req.headers['x-forwarded-for'];
  const value = Array.isArray(header) ? header[header.length - 1] : header;
  const last = value?.split(',').pop()?.trim();
  if (last === undefined || isIP(last) === 0) return peer;
  return normaliseAddress(last);
}
