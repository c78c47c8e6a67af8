import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  CloseReason,
  type NegotiatedProtocol,
  negotiateProtocol,
  parseRoomId,
  RelayError,
  SYNC_PATH_PREFIX,
} from '@ensemble/shared';
import type { WebSocket, WebSocketServer } from 'ws';
import { describeError, type Logger } from '../log';
import type { AdmitHook } from './admission';
import { RelayConnection, type RelayCounters } from './RelayConnection';
import type { RoomRegistry } from './RoomRegistry';

export interface SyncUpgradeOptions {
  readonly wss: WebSocketServer;
  readonly registry: RoomRegistry;
  readonly admit: AdmitHook;
  readonly maxMessageBytes: number;
  readonly log: Logger;
  readonly counters: RelayCounters;
  readonly connections: Set<RelayConnection>;
  readonly isShuttingDown: () => boolean;
}

/** Subprotocol chosen per request, read back by the server's handleProtocols. */
export const chosenSubprotocol = new WeakMap<IncomingMessage, string | false>();

/**
 * Handles `upgrade` on the HTTP server: only `/sync/<roomId>` becomes a
 * websocket. Every refusal after the upgrade is a close code + reason, so a
 * browser client can show it (an HTTP error before upgrade is opaque to it).
 */
export function createUpgradeHandler(
  options: SyncUpgradeOptions,
): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  return (req, socket, head) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (!path.startsWith(SYNC_PATH_PREFIX)) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    if (options.isShuttingDown()) {
      socket.end(
        'HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n',
      );
      return;
    }
    const offered = parseOffered(req.headers['sec-websocket-protocol']);
    const negotiation = negotiateProtocol(offered);
    // On a failed negotiation still echo an offered protocol: a browser fails a
    // handshake without one, and would never see the close code and reason.
    chosenSubprotocol.set(
      req,
      negotiation.ok ? (negotiation.value.subprotocol ?? false) : (offered[0] ?? false),
    );
    options.wss.handleUpgrade(req, socket, head, (ws) => {
      const roomPart = path.slice(SYNC_PATH_PREFIX.length);
      const remoteAddress = req.socket.remoteAddress ?? 'unknown';
      void onConnection(options, ws, roomPart, remoteAddress, negotiation, offered);
    });
  };
}

async function onConnection(
  options: SyncUpgradeOptions,
  ws: WebSocket,
  roomPart: string,
  remoteAddress: string,
  negotiation: ReturnType<typeof negotiateProtocol>,
  offered: readonly string[],
): Promise<void> {
  const roomId = parseRoomId(roomPart);
  const connection = new RelayConnection(ws, {
    roomId: roomId.ok ? roomId.value : '(invalid)',
    remoteAddress,
    maxMessageBytes: options.maxMessageBytes,
    log: options.log,
    counters: options.counters,
  });
  options.connections.add(connection);
  ws.once('close', () => options.connections.delete(connection));
  if (!roomId.ok) return connection.refuse(roomId.error, false);
  if (!negotiation.ok) return connection.refuse(negotiation.error, false);
  const protocol: NegotiatedProtocol = negotiation.value;
  try {
    const admission = await options.admit({
      roomId: roomId.value,
      protocolVersion: protocol.version,
      offeredSubprotocols: offered,
      remoteAddress,
    });
    if (!admission.ok) return connection.refuse(admission.error, true);
  } catch (error) {
    options.log.error('conn.admit_failed', { room: roomId.value, error: describeError(error) });
    return connection.refuse(new RelayError(CloseReason.InternalError, 'admission failed'), false);
  }
  if (options.isShuttingDown()) {
    return connection.refuse(new RelayError(CloseReason.ShuttingDown, 'relay is stopping'), false);
  }
  if (!connection.isOpen) return;
  connection.start(options.registry.attach(roomId.value, connection), roomId.value);
}

function parseOffered(header: string | undefined): string[] {
  if (header === undefined) return [];
  return header
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}
