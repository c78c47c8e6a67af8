import {
  assertNever,
  CloseReason,
  decodeAwarenessUpdate,
  decodeWireMessage,
  encodeWireMessage,
  RelayError,
  type RoomId,
} from '@ensemble/shared';
import { WebSocket } from 'ws';
import type { Logger } from '../log';
import type { Room, RoomPeer } from './Room';

export interface ConnectionContext {
  readonly roomId: string;
  readonly remoteAddress: string;
  readonly maxMessageBytes: number;
  readonly log: Logger;
  readonly counters: RelayCounters;
}

export interface RelayCounters {
  unknownMessages: number;
  malformedMessages: number;
  refusedConnections: number;
}

/** Messages a client may send before admission completes are buffered, up to this many. */
const MAX_BUFFERED_BEFORE_ADMISSION = 256;
/** After the relay closes, a peer that does not finish the close handshake is cut. */
const CLOSE_GRACE_MS = 5_000;

/**
 * Adapts one `ws` socket to a room: decodes frames, enforces the size limit,
 * dispatches by message type, closes with a code + reason on any protocol
 * error, and logs open/close as one JSON line each.
 */
export class RelayConnection implements RoomPeer {
  private readonly ws: WebSocket;
  private readonly context: ConnectionContext;
  private readonly openedAt = Date.now();
  private room: Room | undefined;
  private buffered: Uint8Array[] | undefined = [];
  private closedBy: { reason: CloseReason; code: number } | undefined;
  alive = true;

  constructor(ws: WebSocket, context: ConnectionContext) {
    this.ws = ws;
    this.context = context;
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
  start(room: Room, roomId: RoomId): void {
    this.room = room;
    if (!this.isOpen) {
      room.detach(this);
      return;
    }
    this.context.log.info('conn.open', { room: roomId, remote: this.context.remoteAddress });
    const pending = this.buffered ?? [];
    this.buffered = undefined;
    for (const frame of pending) this.process(frame);
  }

  get isOpen(): boolean {
    return this.closedBy === undefined && this.ws.readyState === WebSocket.OPEN;
  }

  send(message: Uint8Array): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(message, { binary: true });
  }

  /** Refuses before admission: auth "permission denied" (when asked), then close. */
  refuse(error: RelayError, tellClient: boolean): void {
    this.context.counters.refusedConnections++;
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
    if (bytes.byteLength > this.context.maxMessageBytes) {
      this.close(
        new RelayError(
          CloseReason.MessageTooLarge,
          `message of ${bytes.byteLength} bytes over the ${this.context.maxMessageBytes}-byte limit`,
        ),
      );
      return;
    }
    if (!isBinary) {
      this.reject(new RelayError(CloseReason.MalformedMessage, 'text frames are not supported'));
      return;
    }
    if (this.buffered !== undefined) {
      if (this.buffered.length >= MAX_BUFFERED_BEFORE_ADMISSION) {
        this.close(new RelayError(CloseReason.RateLimited, 'too many messages before admission'));
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
      this.reject(result.error);
      return;
    }
    const message = result.value;
    switch (message.type) {
      case 'syncStep1':
      case 'syncStep2':
      case 'syncUpdate':
        room.receiveSync(this, message);
        return;
      case 'awareness': {
        const entries = decodeAwarenessUpdate(message.update);
        if (entries.ok) room.receiveAwareness(this, frame, entries.value);
        else this.reject(entries.error);
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

  /** Closes on a protocol violation; counted and logged (without the payload). */
  private reject(error: RelayError): void {
    if (error.reason === CloseReason.UnsupportedMessage) this.context.counters.unknownMessages++;
    else this.context.counters.malformedMessages++;
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
