// Upgrades `/sealed/<communityId>` requests (query string ignored, never logged) to the
// sealed-community protocol [SEAL19]. Handshake: the `/sync` subprotocols (`ensemble.v1`);
// no capability: a sealed community admits devices by their signature against its log.

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  CloseReason,
  closeCodeFor,
  formatCloseReason,
  isCredentialToken,
  negotiateProtocol,
  ROOM_ID_PATTERN,
  SEALED_PATH_PREFIX,
} from '@ensemble/shared';
import { WebSocketServer } from 'ws';
import type { Logger } from '../log';
import { type AddressCounter, clientAddress, type RelayLimits } from '../relay/limits';
import { serveSealed } from './SealedConnection';
import type { SealedHub } from './SealedHub';

export interface SealedUpgradeOptions {
  readonly hub: SealedHub;
  readonly log: Logger;
  /** The `/sync` limits apply here too: message size, message and byte rates, per address. */
  readonly limits: RelayLimits;
  readonly perAddress: AddressCounter;
  readonly trustProxy: boolean;
  readonly isShuttingDown: () => boolean;
  /**
   * Why this relay serves no sealed community, if it does not: in cluster mode a
   * community's log head lives in one relay's memory (no cross-relay compare-and-set yet),
   * so two relays could fork it. Refused with 4404 and this reason.
   */
  readonly unavailable?: string;
}

export interface SealedEndpoint {
  readonly onUpgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
  /** Closes every sealed connection (relay shutdown). */
  readonly closeAll: (detail: string) => void;
}

export function isSealedPath(url: string | undefined): boolean {
  return (url ?? '').startsWith(SEALED_PATH_PREFIX);
}

function communityOf(url: string | undefined): string {
  const path = (url ?? '').split('?')[0] ?? '';
  try {
    return decodeURIComponent(path.slice(SEALED_PATH_PREFIX.length));
  } catch {
    return ''; // a malformed escape: no community id (refused 4404), never a thrown upgrade
  }
}

export function createSealedEndpoint(options: SealedUpgradeOptions): SealedEndpoint {
  const chosen = new WeakMap<IncomingMessage, string | false>();
  const open = new Set<{ close(reason: CloseReason, detail: string): void }>();
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: Math.max(
      4 * options.limits.maxMessageBytes,
      options.limits.maxMessageBytes + 1024 * 1024,
    ),
    perMessageDeflate: false,
    handleProtocols: (_protocols, req) => chosen.get(req) ?? false,
  });
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (options.isShuttingDown()) {
      socket.end(
        'HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n',
      );
      return;
    }
    const offered = (req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p.length > 0);
    const negotiation = negotiateProtocol(offered);
    const echo = offered.find((token) => !isCredentialToken(token));
    chosen.set(req, negotiation.ok ? (negotiation.value.subprotocol ?? false) : (echo ?? false));
    const community = communityOf(req.url);
    const address = clientAddress(req, options.trustProxy);
    wss.handleUpgrade(req, socket, head, (ws) => {
      const refuse = (reason: CloseReason, detail: string) =>
        ws.close(closeCodeFor(reason), formatCloseReason(reason, detail));
      const count = options.perAddress.add(address);
      ws.once('close', () => options.perAddress.remove(address));
      if (options.limits.connectionsPerIp > 0 && count > options.limits.connectionsPerIp) {
        return refuse(
          CloseReason.RateLimited,
          `over ${options.limits.connectionsPerIp} per address`,
        );
      }
      if (!negotiation.ok) return refuse(negotiation.error.reason, negotiation.error.detail);
      if (options.unavailable !== undefined)
        return refuse(CloseReason.NotFound, options.unavailable);
      if (!ROOM_ID_PATTERN.test(community)) {
        return refuse(CloseReason.NotFound, 'invalid community id');
      }
      const served = serveSealed(ws, community, {
        hub: options.hub,
        log: options.log,
        limits: options.limits,
      });
      open.add(served);
      ws.once('close', () => open.delete(served));
    });
  };
  const closeAll = (detail: string) => {
    for (const c of open) c.close(CloseReason.ShuttingDown, detail);
  };
  return { onUpgrade, closeAll };
}
