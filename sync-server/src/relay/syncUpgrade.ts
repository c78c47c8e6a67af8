import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  CloseReason,
  isCredentialToken,
  type NegotiatedProtocol,
  negotiateProtocol,
  parseRoomId,
  RelayError,
  SYNC_PATH_PREFIX,
} from '@ensemble/shared';
import type { WebSocket, WebSocketServer } from 'ws';
import { describeError, type Logger } from '../log';
import { RejectionReason, type RelayMetrics } from '../metrics/RelayMetrics';
import { type AdmitHook, RoomKind } from './admission';
import { type AddressCounter, clientAddress, type RelayLimits } from './limits';
import { RelayConnection } from './RelayConnection';
import type { RoomRegistry } from './RoomRegistry';
import { type RoomCodec, yjsCodec } from './roomCodec';

let automergeCodec: Promise<RoomCodec> | undefined;
function loadAutomergeCodec(): Promise<RoomCodec> {
  automergeCodec ??= Promise.all([
    import('./automerge/automergeCodec'),
    import('./automerge/automergeUpdateOps').then((module) => module.loadAutomergeOps()),
  ]).then(([module]) => module.automergeCodec);
  return automergeCodec;
}

export interface SyncUpgradeOptions {
  readonly wss: WebSocketServer;
  readonly registry: RoomRegistry;
  readonly admit: AdmitHook;
  readonly limits: RelayLimits;
  readonly log: Logger;
  readonly metrics: RelayMetrics;
  readonly connections: Set<RelayConnection>;
  readonly perAddress: AddressCounter;
  /** Count and log connections under X-Forwarded-For's last entry (behind a reverse proxy). */
  readonly trustProxy: boolean;
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
    // Never echo a credential.
    const echo = offered.find((token) => !isCredentialToken(token));
    chosenSubprotocol.set(
      req,
      negotiation.ok ? (negotiation.value.subprotocol ?? false) : (echo ?? false),
    );
    options.wss.handleUpgrade(req, socket, head, (ws) => {
      const roomPart = path.slice(SYNC_PATH_PREFIX.length);
      const remoteAddress = clientAddress(req, options.trustProxy);
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
    limits: options.limits,
    log: options.log,
    metrics: options.metrics,
  });
  options.connections.add(connection);
  const fromAddress = options.perAddress.add(remoteAddress);
  ws.once('close', () => {
    options.connections.delete(connection);
    options.perAddress.remove(remoteAddress);
  });
  const { connectionsPerIp } = options.limits;
  if (connectionsPerIp > 0 && fromAddress > connectionsPerIp) {
    options.log.warn('conn.rate_limited', {
      remote: remoteAddress,
      limit: RejectionReason.ConnectionsPerIp,
    });
    return connection.refuse(
      new RelayError(CloseReason.RateLimited, `over ${connectionsPerIp} connections per address`),
      false,
      RejectionReason.ConnectionsPerIp,
    );
  }
  if (!roomId.ok) return connection.refuse(roomId.error, false);
  if (!negotiation.ok) return connection.refuse(negotiation.error, false);
  const protocol: NegotiatedProtocol = negotiation.value;
  let access: Awaited<ReturnType<AdmitHook>>;
  try {
    access = await options.admit({
      roomId: roomId.value,
      protocolVersion: protocol.version,
      offeredSubprotocols: offered,
      remoteAddress,
    });
  } catch (error) {
    options.log.error('conn.admit_failed', { room: roomId.value, error: describeError(error) });
    return connection.refuse(new RelayError(CloseReason.InternalError, 'admission failed'), false);
  }
  if (!access.ok) return connection.refuse(access.error, true);
  if (options.isShuttingDown()) {
    return connection.refuse(new RelayError(CloseReason.ShuttingDown, 'relay is stopping'), false);
  }
  // issue 13: an Automerge room's codec (and its wasm) is loaded on the first such room.
  const codec =
    access.value.roomKind === RoomKind.Automerge ? await loadAutomergeCodec() : yjsCodec;
  if (!connection.isOpen) return;
  connection.start(
    options.registry.attach(roomId.value, connection, codec),
    roomId.value,
    access.value.access,
  );
}

function parseOffered(header: string | undefined): string[] {
  if (header === undefined) return [];
  return header
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}
