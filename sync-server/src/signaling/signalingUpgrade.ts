import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  CloseReason,
  isCredentialToken,
  negotiateProtocol,
  parseHandshakeCredentials,
  RelayError,
  SIGNAL_PATH,
} from '@ensemble/shared';
import { type WebSocket, WebSocketServer } from 'ws';
import type { TopicCheck } from '../access/topicAccess';
import type { Logger } from '../log';
import { type RelayMetrics, SignalingCloseReason } from '../metrics/RelayMetrics';
import { type AddressCounter, clientAddress } from '../relay/limits';
import { SignalingConnection } from './SignalingConnection';
import type { SignalingHub, SignalingLimits } from './SignalingHub';

export interface SignalingUpgradeOptions {
  readonly hub: SignalingHub;
  readonly checkTopic: TopicCheck;
  readonly limits: SignalingLimits;
  /** Open connections per remote address, shared with `/sync`; 0 = unlimited. */
  readonly connectionsPerIp: number;
  readonly perAddress: AddressCounter;
  /** Count connections under X-Forwarded-For's last entry (behind a reverse proxy). */
  readonly trustProxy: boolean;
  readonly log: Logger;
  readonly metrics: RelayMetrics;
  readonly isShuttingDown: () => boolean;
}

/** True for `/signal` (query string ignored): the signaling websocket. */
export function isSignalingPath(url: string | undefined): boolean {
  const path = (url ?? '').split('?')[0] ?? '';
  return path === SIGNAL_PATH || path === `${SIGNAL_PATH}/`;
}

/**
 * Upgrades `/signal` requests. The optional handshake subprotocols are those
 * of `/sync` (`ensemble.v1, ensemble.cap.<secret>`); the capability is then
 * tried on every topic. Refusals after the upgrade are close codes, as on
 * `/sync`, so a browser can read them.
 */
export function createSignalingUpgradeHandler(
  options: SignalingUpgradeOptions,
): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  const chosen = new WeakMap<IncomingMessage, string | false>();
  const wss = new WebSocketServer({
    noServer: true,
    // ws closes with 1009 above this hard cap; below it the relay closes with 4413.
    maxPayload: Math.max(4 * options.limits.maxMessageBytes, 1024 * 1024),
    perMessageDeflate: false,
    handleProtocols: (_protocols, req) => chosen.get(req) ?? false,
  });
  return (req, socket, head) => {
    if (options.isShuttingDown()) {
      socket.end(
        'HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n',
      );
      return;
    }
    const offered = parseOffered(req.headers['sec-websocket-protocol']);
    const negotiation = negotiateProtocol(offered);
    const echo = offered.find((token) => !isCredentialToken(token));
    chosen.set(req, negotiation.ok ? (negotiation.value.subprotocol ?? false) : (echo ?? false));
    wss.handleUpgrade(req, socket, head, (ws) => {
      onConnection(options, ws, clientAddress(req, options.trustProxy), offered, negotiation);
    });
  };
}

function onConnection(
  options: SignalingUpgradeOptions,
  ws: WebSocket,
  remoteAddress: string,
  offered: readonly string[],
  negotiation: ReturnType<typeof negotiateProtocol>,
): void {
  const credentials = parseHandshakeCredentials(offered);
  const connection = new SignalingConnection(
    ws,
    {
      hub: options.hub,
      checkTopic: options.checkTopic,
      limits: options.limits,
      log: options.log,
      metrics: options.metrics,
      remoteAddress,
    },
    credentials.ok ? credentials.value.capability : undefined,
  );
  const fromAddress = options.perAddress.add(remoteAddress);
  ws.once('close', () => options.perAddress.remove(remoteAddress));
  if (options.connectionsPerIp > 0 && fromAddress > options.connectionsPerIp) {
    connection.close(
      new RelayError(
        CloseReason.RateLimited,
        `over ${options.connectionsPerIp} connections per address`,
      ),
      SignalingCloseReason.ConnectionsPerIp,
    );
    return;
  }
  if (!negotiation.ok) {
    connection.close(negotiation.error);
  } else if (!credentials.ok) {
    connection.close(credentials.error, SignalingCloseReason.MalformedMessage);
  }
}

function parseOffered(header: string | undefined): string[] {
  if (header === undefined) return [];
  return header
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}
