import type { SignalingOptions } from './DirectPeers';
import { gatheringComplete } from './iceGathering';
import { SignalingClient } from './SignalingClient';
import { openSignal, sealSignal, signalingKey } from './signalingCrypto';

/** What peers publish on the topic (sealed): who they are, and offers and answers. */
type Signal =
  | { readonly type: 'announce'; readonly from: string; readonly to?: string }
  | {
      readonly type: 'offer' | 'answer';
      readonly from: string;
      readonly to: string;
      readonly sdp: string;
    };

/** A connection that has not opened its channel by then is given up (and retried on announce). */
const CONNECT_TIMEOUT_MS = 30_000;

/**
 * Devices of one community introduced by the relay's signaling. Each device announces
 * itself when it subscribes; of two devices, the one with the larger id makes the offer
 * (the other answers an announce with a directed announce), so two devices never offer
 * to each other at once. Offers and answers carry every ICE candidate (no trickling).
 * Once a channel opens it belongs to DirectPeers: the relay may go away.
 */
export class SignaledPeers {
  private readonly id = crypto.randomUUID();
  private readonly key: Promise<CryptoKey>;
  private readonly client: SignalingClient;
  private readonly connections = new Map<string, RTCPeerConnection>();
  private closed = false;

  constructor(
    roomId: string,
    options: SignalingOptions,
    private readonly adopt: (connection: RTCPeerConnection, channel: RTCDataChannel) => unknown,
  ) {
    this.key = signalingKey(options.capability, roomId);
    this.client = new SignalingClient(options.url, roomId, options.capability, {
      onSubscribed: () => this.publish({ type: 'announce', from: this.id }),
      onPublish: (data) => {
        this.receive(data).catch(() => undefined);
      },
    });
  }

  /** The relay synced again: subscribe again if it had refused us, reconnect now if down. */
  relayBack(): void {
    this.client.resubscribe();
    this.client.retryNow();
  }

  close(): void {
    this.closed = true;
    this.client.close();
    for (const connection of this.connections.values()) connection.close();
    this.connections.clear();
  }

  private publish(signal: Signal): void {
    this.key
      .then((key) => sealSignal(key, signal))
      .then((sealed) => this.client.publish(sealed))
      .catch(() => undefined);
  }

  private async receive(data: unknown): Promise<void> {
    const signal = parseSignal(await openSignal(await this.key, data));
    if (!signal || signal.from === this.id || (signal.to && signal.to !== this.id)) return;
    const peer = signal.from;
    switch (signal.type) {
      case 'announce':
        if (this.connections.has(peer)) return;
        if (this.id > peer) await this.offer(peer);
        else this.publish({ type: 'announce', from: this.id, to: peer });
        return;
      case 'offer': {
        this.connections.get(peer)?.close();
        const connection = this.connect(peer);
        await connection.setRemoteDescription({ type: 'offer', sdp: signal.sdp });
        await connection.setLocalDescription(await connection.createAnswer());
        await gatheringComplete(connection);
        const sdp = connection.localDescription?.sdp ?? '';
        this.publish({ type: 'answer', from: this.id, to: peer, sdp });
        return;
      }
      case 'answer': {
        const connection = this.connections.get(peer);
        if (connection?.signalingState !== 'have-local-offer') return;
        await connection.setRemoteDescription({ type: 'answer', sdp: signal.sdp });
        return;
      }
      default:
        return;
    }
  }

  private async offer(peer: string): Promise<void> {
    const connection = this.connect(peer);
    await connection.setLocalDescription(await connection.createOffer());
    await gatheringComplete(connection);
    const sdp = connection.localDescription?.sdp ?? '';
    this.publish({ type: 'offer', from: this.id, to: peer, sdp });
  }

  private connect(peer: string): RTCPeerConnection {
    // Local network only: no third-party STUN server.
    const connection = new RTCPeerConnection({ iceServers: [] });
    const channel = connection.createDataChannel('ensemble-sync', { negotiated: true, id: 0 });
    this.connections.set(peer, connection);
    const timer = setTimeout(() => {
      if (channel.readyState !== 'open') connection.close();
      forget();
    }, CONNECT_TIMEOUT_MS);
    const forget = () => {
      clearTimeout(timer);
      if (this.connections.get(peer) === connection) this.connections.delete(peer);
    };
    channel.addEventListener('open', () => {
      clearTimeout(timer);
      this.adopt(connection, channel);
    });
    connection.addEventListener('connectionstatechange', () => {
      const state = connection.connectionState;
      if (state !== 'failed' && state !== 'closed') return;
      forget();
      // Lost a peer: announce again, so that it (or its next page) reconnects through the relay.
      if (!this.closed && this.client.connected) this.publish({ type: 'announce', from: this.id });
    });
    return connection;
  }
}

function parseSignal(value: unknown): Signal | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { type, from, to, sdp } = value as Record<string, unknown>;
  if (typeof from !== 'string' || (to !== undefined && typeof to !== 'string')) return undefined;
  if (type === 'announce') return to ? { type, from, to } : { type, from };
  if (
    (type === 'offer' || type === 'answer') &&
    typeof to === 'string' &&
    typeof sdp === 'string'
  ) {
    return { type, from, to, sdp };
  }
  return undefined;
}
