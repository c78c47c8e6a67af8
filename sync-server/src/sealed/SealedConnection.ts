// One device's websocket to a sealed community [SEAL19]: challenge, signed auth, then the
// log and the envelopes it lacks, then appends and puts. A device that is not a current
// member gets nothing but the refusal; a device removed while connected gets the removal
// operation (so it can say "vous n'êtes plus membre") and is closed.

import { randomBytes } from 'node:crypto';
import {
  authPayload,
  CloseReason,
  closeCodeFor,
  decodeSealed,
  encodeSealed,
  formatCloseReason,
  parseEnvelope,
  RefusedKind,
  type SealedMessage,
  SealedTag,
  toB64u,
  verifyBytes,
} from '@ensemble/shared';
import type { WebSocket } from 'ws';
import type { Logger } from '../log';
import { byteBurstOf, type RelayLimits } from '../relay/limits';
import { TokenBucket } from '../relay/TokenBucket';
import type { SealedCommunity } from './SealedCommunity';
import type { SealedHub, SealedPeer } from './SealedHub';

export interface SealedConnectionOptions {
  readonly hub: SealedHub;
  readonly log: Logger;
  readonly limits: RelayLimits;
  readonly now?: () => number;
}

export function serveSealed(
  ws: WebSocket,
  communityId: string,
  options: SealedConnectionOptions,
): { close(reason: CloseReason, detail: string): void } {
  const { hub, log } = options;
  const now = options.now ?? Date.now;
  const nonce = new Uint8Array(randomBytes(32));
  let community: SealedCommunity | undefined;
  let acquired = false;
  let closed = false;
  let peer: SealedPeer | undefined;
  let queue: Promise<void> = Promise.resolve();
  const { limits } = options;
  const messages = new TokenBucket(limits.messagesPerSecond, limits.messageBurst);
  const bytesBucket = new TokenBucket(limits.bytesPerSecond, byteBurstOf(limits));

  const send = (m: SealedMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(encodeSealed(m));
  };
  const close = (reason: CloseReason, detail: string) => {
    if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) {
      ws.close(closeCodeFor(reason), formatCloseReason(reason, detail));
    }
  };

  const onAuth = async (m: Extract<SealedMessage, { tag: typeof SealedTag.Auth }>) => {
    if (!(await verifyBytes(m.device, m.signature, authPayload(communityId, nonce)))) {
      return close(CloseReason.Forbidden, 'device signature does not verify');
    }
    const device = toB64u(m.device);
    // Counted as ours at once: a socket that closes while the community loads releases it.
    const loading = hub.acquire(communityId);
    acquired = true;
    community = await loading;
    if (closed) return; // gone meanwhile: never joined, already released
    const founding = community.state === undefined;
    if (!founding && !community.isCurrent(device)) {
      log.info('sealed.refused', { community: communityId, known: community.knows(device) });
      return close(CloseReason.Forbidden, community.knows(device) ? 'removed' : 'not a member');
    }
    peer = {
      device,
      send: (frame) => {
        if (ws.readyState === ws.OPEN) ws.send(frame);
      },
      closeRemoved: () =>
        close(CloseReason.Forbidden, community?.knows(device) ? 'removed' : 'not a member'),
    };
    hub.join(communityId, peer);
    // Always both frames, empty or not: the envelopes frame tells the client it caught up.
    send({ tag: SealedTag.Ops, first: m.knownOps, items: community.opsFrom(m.knownOps) });
    const envs = community.envelopesFrom(m.knownEnvelopes);
    send({ tag: SealedTag.Envelopes, first: m.knownEnvelopes, items: envs });
  };

  const onAppend = async (bytes: Uint8Array, c: SealedCommunity, me: SealedPeer) => {
    const result = await c.appendOp(bytes, now());
    if (!result.ok) {
      log.info('sealed.op_refused', { community: communityId, reason: result.error.reason });
      const seq = c.state === undefined ? 0 : c.state.seq + 1;
      return send({
        tag: SealedTag.Refused,
        kind: RefusedKind.Op,
        ref: seq,
        reason: result.error.reason,
      });
    }
    const op = result.value;
    log.info('sealed.op', { community: communityId, kind: op.kind, seq: op.seq });
    const frame = encodeSealed({ tag: SealedTag.Ops, first: op.seq, items: [bytes] });
    for (const p of hub.peers(communityId)) {
      p.send(frame);
      // A removed device gets its removal, then nothing more; so does a stranger that
      // connected before the genesis someone else wrote.
      if (!c.isCurrent(p.device)) {
        hub.leave(communityId, p);
        p.closeRemoved();
      }
    }
    if (!c.isCurrent(me.device)) hub.leave(communityId, me);
  };

  const onPut = async (bytes: Uint8Array, c: SealedCommunity, me: SealedPeer) => {
    const result = await c.put(bytes);
    if (!result.ok) {
      log.info('sealed.put_refused', { community: communityId, reason: result.error.reason });
      const parsed = parseEnvelope(bytes);
      const counter = parsed.ok ? parsed.value.header.counter : 0;
      send({
        tag: SealedTag.Refused,
        kind: RefusedKind.Envelope,
        ref: counter,
        reason: result.error.reason,
      });
      if (c.knows(me.device) && !c.isCurrent(me.device)) close(CloseReason.Forbidden, 'removed');
      return;
    }
    send({ tag: SealedTag.Ack, index: result.value.index, counter: result.value.counter });
    const frame = encodeSealed({
      tag: SealedTag.Envelopes,
      first: result.value.index,
      items: [bytes],
    });
    for (const p of hub.peers(communityId)) if (p !== me) p.send(frame);
  };

  const handle = async (data: Uint8Array) => {
    const decoded = decodeSealed(data);
    if (!decoded.ok) return close(CloseReason.MalformedMessage, decoded.error);
    const m = decoded.value;
    if (m.tag === SealedTag.Auth) {
      if (community !== undefined) return close(CloseReason.UnsupportedMessage, 'second auth');
      return onAuth(m);
    }
    if (community === undefined || peer === undefined) {
      return close(CloseReason.Unauthenticated, 'auth first');
    }
    switch (m.tag) {
      case SealedTag.AppendOp:
        return onAppend(m.op, community, peer);
      case SealedTag.Put:
        return onPut(m.envelope, community, peer);
      case SealedTag.Challenge:
      case SealedTag.Ops:
      case SealedTag.Envelopes:
      case SealedTag.Refused:
      case SealedTag.Ack:
        return close(CloseReason.UnsupportedMessage, `tag ${m.tag} is relay-to-client`);
      default: {
        const never: never = m;
        return close(CloseReason.UnsupportedMessage, `tag ${String(never)}`);
      }
    }
  };

  ws.on('message', (data, isBinary) => {
    if (!isBinary) return close(CloseReason.MalformedMessage, 'text frame');
    const bytes = new Uint8Array(data as Buffer);
    if (bytes.length > limits.maxMessageBytes) {
      return close(CloseReason.MessageTooLarge, `over ${limits.maxMessageBytes} bytes`);
    }
    if (!messages.take() || !bytesBucket.take(bytes.length)) {
      return close(CloseReason.RateLimited, 'message or byte rate');
    }
    queue = queue
      .then(() => handle(bytes))
      .catch((error: unknown) => {
        log.warn('sealed.error', { community: communityId, error: String(error) });
        close(CloseReason.InternalError, 'relay error');
      });
  });
  ws.on('close', () => {
    closed = true;
    if (peer !== undefined) hub.leave(communityId, peer);
    if (acquired) hub.release(communityId);
  });
  send({ tag: SealedTag.Challenge, nonce });
  return { close };
}
