import type { Duplex } from 'node:stream';
import {
  type AwarenessEntry,
  assertNever,
  CloseReason,
  decodeAwarenessUpdate,
  decodeWireMessage,
  encodeWireMessage,
  isAwarenessRemoval,
  RelayError,
  type RoomId,
  type WireMessage,
} from '@ensemble/shared';
import { WebSocket } from 'ws';
import type { Logger } from '../log';
import { type MessageLabel, RejectionReason, type RelayMetrics } from '../metrics/RelayMetrics';
import { RoomAccess } from './admission';
import { byteBurstOf, type RelayLimits } from './limits';
import type { Room, RoomPeer } from './Room';
import { yjsCodec } from './roomCodec';
import { TokenBucket } from './TokenBucket';

export interface ConnectionContext {
  readonly roomId: string;
  readonly remoteAddress: string;
  readonly limits: RelayLimits;
  readonly log: Logger;
  readonly metrics: RelayMetrics;
}

/** Messages a client may send before admission completes are buffered, up to this many. */
const MAX_BUFFERED_BEFORE_ADMISSION = 256;
/** After the relay closes, a peer that does not finish the close handshake is cut. */
const CLOSE_GRACE_MS = 5_000;

const READ_ONLY_DENIAL = 'read-only: this capability can read the room, not write to it';

/**
 * Adapts one `ws` socket to a room: decodes frames, enforces the size and
 * rate limits, dispatches by message type, refuses writes from read-only
 * connections, closes with a code + reason on any protocol error, and logs
 * open/close as one JSON line each.
 */
export class RelayConnection implements RoomPeer {
  private readonly ws: WebSocket;
  private readonly context: ConnectionContext;
  private readonly openedAt = Date.now();
  private room: Room | undefined;
  private buffered: Uint8Array[] | undefined = [];
  private closedBy: { reason: CloseReason; code: number } | undefined;
  private access: RoomAccess = RoomAccess.Read;
  private deniedWrites = 0;
  private readonly messageBucket: TokenBucket;
  private readonly byteBucket: TokenBucket;
  private readonly awarenessBucket: TokenBucket;
  alive = true;

  constructor(ws: WebSocket, context: ConnectionContext) {
    this.ws = ws;
    this.context = context;
    const { limits } = context;
    this.messageBucket = new TokenBucket(limits.messagesPerSecond, limits.messageBurst);
    this.byteBucket = new TokenBucket(limits.bytesPerSecond, byteBurstOf(limits));
    this.awarenessBucket = new TokenBucket(limits.awarenessPerSecond, limits.awarenessPerSecond);
    context.metrics.connectionsOpened.inc();
    ws.on('message', (data, isBinary) => this.onFrame(data, isBinary));
    ws.on('pong', () => {
      this.alive = true;
    });
    ws.on('error', (error) => {
      context.log.warn('conn.error', { room: context.roomId, error: error.message });
    });
    ws.on('close', (code) => this.onClose(code));
  }

  /** Starts processing: joins the room and replays frames received meanwhile. */
  start(room: Room, roomId: RoomId, access: RoomAccess): void {
    this.room = room;
    this.access = access;
    if (!this.isOpen) {
      room.detach(this);
      return;
    }
    this.context.log.info('conn.open', {
      room: roomId,
      remote: this.context.remoteAddress,
      access,
    });
    const pending = this.buffered ?? [];
    this.buffered = undefined;
    for (const frame of pending) this.process(frame);
  }

  get isOpen(): boolean {
    return this.closedBy === undefined && this.ws.readyState === WebSocket.OPEN;
  }

  send(message: Uint8Array): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    this.context.metrics.countOut(message);
    this.ws.send(message, { binary: true });
  }

  /** Consecutive frames under one cork of the TCP socket: one write(v) instead of one per frame. */
  sendMany(messages: readonly Uint8Array[]): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    const socket = (this.ws as unknown as { _socket?: Duplex })._socket;
    socket?.cork();
    try {
      for (const message of messages) {
        this.context.metrics.countOut(message);
        this.ws.send(message, { binary: true });
      }
    } finally {
      socket?.uncork();
    }
  }

  /** Refuses before admission: auth "permission denied" (when asked), then close. */
  refuse(error: RelayError, tellClient: boolean, reason: RejectionReason = error.reason): void {
    this.context.metrics.refusedConnections.inc();
    this.context.metrics.reject(reason);
    if (tellClient)
      this.send(encodeWireMessage({ type: 'authPermissionDenied', reason: error.detail }));
    this.close(error);
  }

  close(error: RelayError): void {
    if (this.closedBy !== undefined) return;
    this.closedBy = { reason: error.reason, code: error.closeCode };
    this.room?.detach(this);
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) {
      this.ws.close(error.closeCode, error.closeReason);
      setTimeout(() => this.ws.terminate(), CLOSE_GRACE_MS).unref();
    }
  }

  terminate(): void {
    this.ws.terminate();
  }

  ping(): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.ping();
  }

  private onFrame(data: WebSocket.RawData, isBinary: boolean): void {
    if (this.closedBy !== undefined) return;
    const bytes = toBytes(data);
    const { limits, metrics } = this.context;
    if (bytes.byteLength > limits.maxMessageBytes) {
      metrics.reject(RejectionReason.MessageTooLarge);
      this.close(
        new RelayError(
          CloseReason.MessageTooLarge,
          `message of ${bytes.byteLength} bytes over the ${limits.maxMessageBytes}-byte limit`,
        ),
      );
      return;
    }
    if (!this.messageBucket.take(1)) {
      this.limit(RejectionReason.MessageRate, `over ${limits.messagesPerSecond} messages/s`);
      return;
    }
    if (!this.byteBucket.take(bytes.byteLength)) {
      this.limit(RejectionReason.ByteRate, `over ${limits.bytesPerSecond} bytes/s`);
      return;
    }
    if (!isBinary) {
      this.reject(new RelayError(CloseReason.MalformedMessage, 'text frames are not supported'));
      return;
    }
    if (this.buffered !== undefined) {
      if (this.buffered.length >= MAX_BUFFERED_BEFORE_ADMISSION) {
        this.limit(RejectionReason.MessageRate, 'too many messages before admission');
      } else {
        this.buffered.push(bytes);
      }
      return;
    }
    this.process(bytes);
  }

  private process(frame: Uint8Array): void {
    const room = this.room;
    if (room === undefined || this.closedBy !== undefined) return;
    const result = decodeWireMessage(frame);
    if (!result.ok) {
      this.context.metrics.countIn('invalid', frame.byteLength);
      this.reject(result.error);
      return;
    }
    const message = result.value;
    this.context.metrics.countIn(LABELS[message.type], frame.byteLength);
    switch (message.type) {
      case 'syncStep1':
        room.receiveSync(this, message);
        return;
      case 'syncStep2':
      case 'syncUpdate':
        if (this.access === RoomAccess.Write) room.receiveSync(this, message);
        else this.refuseWrite(message.update);
        return;
      case 'awareness': {
        const entries = decodeAwarenessUpdate(message.update);
        if (!entries.ok) {
          this.reject(entries.error);
        } else if (!isDeparture(entries.value) && !this.awarenessBucket.take(1)) {
          // Over the rate: dropped [LIM3]. A departure never is (it would leave a ghost).
          this.context.metrics.awarenessDropped.inc();
        } else {
          room.receiveAwareness(this, frame, entries.value);
        }
        return;
      }
      case 'queryAwareness':
        room.queryAwareness(this);
        return;
      case 'authPermissionDenied':
        this.reject(
          new RelayError(CloseReason.UnsupportedMessage, 'auth messages come from the relay'),
        );
        return;
      default:
        assertNever(message, 'wire message');
    }
  }

  /**
   * A read-only connection's update is neither stored nor broadcast. Empty
   * updates (a reader's automatic sync step 2) pass silently; the first real
   * one is answered with an auth "permission denied"; each is counted.
   */
  private refuseWrite(update: Uint8Array): void {
    const info = (this.room?.codec ?? yjsCodec).inspectUpdate(update);
    if (!info.ok) {
      this.reject(info.error);
      return;
    }
    if (info.value.empty) return;
    this.context.metrics.reject(RejectionReason.ReadOnlyWrite);
    if (this.deniedWrites++ === 0) {
      this.send(encodeWireMessage({ type: 'authPermissionDenied', reason: READ_ONLY_DENIAL }));
    }
  }

  /** Closes with 4529 (transient): the client reconnects with backoff. */
  private limit(reason: RejectionReason, detail: string): void {
    this.context.metrics.reject(reason);
    this.context.log.warn('conn.rate_limited', {
      room: this.context.roomId,
      remote: this.context.remoteAddress,
      limit: reason,
    });
    this.close(new RelayError(CloseReason.RateLimited, detail));
  }

  /** Closes on a protocol violation; counted and logged (without the payload). */
  private reject(error: RelayError): void {
    this.context.metrics.reject(error.reason);
    this.context.log.warn('conn.protocol_error', {
      room: this.context.roomId,
      remote: this.context.remoteAddress,
      code: error.closeCode,
      reason: error.closeReason,
    });
    this.close(error);
  }

  private onClose(code: number): void {
    this.room?.detach(this);
    this.context.log.info('conn.close', {
      room: this.context.roomId,
      remote: this.context.remoteAddress,
      durationMs: Date.now() - this.openedAt,
      code: this.closedBy?.code ?? code,
      closedBy: this.closedBy === undefined ? 'client' : 'relay',
      reason: this.closedBy?.reason,
    });
  }
}

const LABELS: Readonly<Record<WireMessage['type'], MessageLabel>> = {
  syncStep1: 'sync_step1',
  syncStep2: 'sync_step2',
  syncUpdate: 'sync_update',
  awareness: 'awareness',
  queryAwareness: 'query_awareness',
  authPermissionDenied: 'auth',
};

function toBytes(data: WebSocket.RawData): Uint8Array {
  const chunks = Array.isArray(data) ? data : [data];
  if (chunks.length === 1 && chunks[0] !== undefined) {
    const chunk = chunks[0];
    return chunk instanceof ArrayBuffer ? new Uint8Array(chunk.slice(0)) : new Uint8Array(chunk);
  }
  return new Uint8Array(
    Buffer.concat(chunks.map((c) => (c instanceof ArrayBuffer ? Buffer.from(c) : c))),
  );
}

/** Only clients leaving (null states): the last message of a closing tab. */
function isDeparture(entries: readonly AwarenessEntry[]): boolean {
  return entries.length > 0 && entries.every(isAwarenessRemoval);
}
