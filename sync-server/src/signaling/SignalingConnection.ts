import {
  type CapabilityVerifier,
  CloseReason,
  capabilityVerifier,
  isCapability,
  parseSignalingMessage,
  RelayError,
  type SignalingClientMessage,
  SignalingErrorReason,
  type SignalingServerMessage,
} from '@ensemble/shared';
import { WebSocket } from 'ws';
import type { TopicCheck } from '../access/topicAccess';
import { describeError, type Logger } from '../log';
import {
  type RelayMetrics,
  SignalingCloseReason,
  type SignalingLabel,
} from '../metrics/RelayMetrics';
import { SerialQueue } from '../relay/SerialQueue';
import { TokenBucket } from '../relay/TokenBucket';
import type { SignalingHub, SignalingLimits } from './SignalingHub';

export interface SignalingContext {
  readonly hub: SignalingHub;
  readonly checkTopic: TopicCheck;
  readonly limits: SignalingLimits;
  readonly log: Logger;
  readonly metrics: RelayMetrics;
  readonly remoteAddress: string;
}

const CLOSE_GRACE_MS = 5_000;

/**
 * One `/signal` websocket speaking y-webrtc's JSON signaling protocol, with a
 * capability check per topic. Holds capability VERIFIERS only (the secret is
 * hashed on arrival and dropped). Messages are handled one at a time, in
 * order, because a subscription waits for a store read. Never logs payloads,
 * topics or capabilities: counts only.
 */
export class SignalingConnection {
  private readonly ws: WebSocket;
  private readonly context: SignalingContext;
  private readonly openedAt = Date.now();
  private readonly queue = new SerialQueue();
  private readonly bucket: TokenBucket;
  /** Verifier of the handshake capability (`ensemble.cap.<secret>`): tried on every topic. */
  private readonly handshakeVerifier: CapabilityVerifier | undefined;
  /** Verifiers from `auth` messages, per topic. */
  private readonly topicVerifiers = new Map<string, CapabilityVerifier>();
  private readonly subscribed = new Set<string>();
  private closedBy: { code: number; reason: string } | undefined;
  alive = true;

  constructor(ws: WebSocket, context: SignalingContext, handshakeCapability: string | undefined) {
    this.ws = ws;
    this.context = context;
    this.handshakeVerifier =
      handshakeCapability === undefined ? undefined : capabilityVerifier(handshakeCapability);
    this.bucket = new TokenBucket(context.limits.messagesPerSecond, context.limits.messageBurst);
    context.metrics.signalingOpened.inc();
    context.hub.connections.add(this);
    ws.on('message', (data, isBinary) => this.onFrame(data, isBinary));
    ws.on('pong', () => {
      this.alive = true;
    });
    ws.on('error', (error) => context.log.warn('signal.error', { error: error.message }));
    ws.on('close', (code) => this.onClose(code));
    context.log.info('signal.open', { remote: context.remoteAddress });
  }

  get isOpen(): boolean {
    return this.closedBy === undefined && this.ws.readyState === WebSocket.OPEN;
  }

  send(message: SignalingServerMessage | string, label: SignalingLabel): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    this.context.metrics.signalingOut.inc(label);
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  close(error: RelayError, counted?: SignalingCloseReason): void {
    if (this.closedBy !== undefined) return;
    this.closedBy = { code: error.closeCode, reason: counted ?? error.reason };
    if (counted !== undefined) this.context.metrics.signalingClosed.inc(counted);
    this.leaveAll();
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

  private onFrame(data: WebSocket.RawData, _isBinary: boolean): void {
    if (this.closedBy !== undefined) return;
    const { limits, metrics } = this.context;
    const bytes = rawBytes(data);
    if (bytes.byteLength > limits.maxMessageBytes) {
      this.breach(
        new RelayError(
          CloseReason.MessageTooLarge,
          `signaling message over the ${limits.maxMessageBytes}-byte limit`,
        ),
        SignalingCloseReason.MessageTooLarge,
      );
      return;
    }
    if (!this.bucket.take(1)) {
      this.breach(
        new RelayError(CloseReason.RateLimited, `over ${limits.messagesPerSecond} messages/s`),
        SignalingCloseReason.MessageRate,
      );
      return;
    }
    // y-webrtc sends text frames; its server also parses binary ones as JSON.
    const parsed = parseSignalingMessage(bytes.toString('utf8'));
    if (!parsed.ok) {
      metrics.signalingIn.inc('invalid');
      this.context.log.warn('signal.protocol_error', {
        remote: this.context.remoteAddress,
        code: parsed.error.closeCode,
        reason: parsed.error.closeReason,
      });
      this.close(parsed.error, SignalingCloseReason.MalformedMessage);
      return;
    }
    const message = parsed.value;
    metrics.signalingIn.inc(message.type);
    void this.queue
      .run(() => this.handle(message))
      .catch((error: unknown) => {
        this.context.log.error('signal.failed', { error: describeError(error) });
      });
  }

  private async handle(message: SignalingClientMessage): Promise<void> {
    if (this.closedBy !== undefined) return;
    switch (message.type) {
      case 'auth':
        this.authenticate(message.topics);
        return;
      case 'subscribe':
        await this.subscribe(message.topics);
        return;
      case 'unsubscribe':
        for (const topic of message.topics) {
          if (this.subscribed.delete(topic)) this.context.hub.unsubscribe(topic, this);
        }
        return;
      case 'publish':
        this.publish(message.topic, message.message);
        return;
      case 'ping':
        this.send({ type: 'pong' }, 'pong');
        return;
      case 'unknown':
        return;
    }
  }

  /** Hashes each capability at once; keeps the verifier only [SIG2]. */
  private authenticate(topics: Readonly<Record<string, string>>): void {
    for (const [topic, capability] of Object.entries(topics)) {
      if (!isCapability(capability)) continue; // refused at subscribe, like a wrong one
      this.topicVerifiers.set(topic, capabilityVerifier(capability));
    }
    if (this.topicVerifiers.size > this.context.limits.maxTopics) {
      this.breach(
        new RelayError(
          CloseReason.RateLimited,
          `over ${this.context.limits.maxTopics} topics per connection`,
        ),
        SignalingCloseReason.Topics,
      );
    }
  }

  private async subscribe(requested: readonly string[]): Promise<void> {
    const fresh = [...new Set(requested)].filter((topic) => !this.subscribed.has(topic));
    const { maxTopics } = this.context.limits;
    if (this.subscribed.size + fresh.length > maxTopics) {
      this.breach(
        new RelayError(CloseReason.RateLimited, `over ${maxTopics} topics per connection`),
        SignalingCloseReason.Topics,
      );
      return;
    }
    for (const topic of fresh) {
      const verifiers = [this.topicVerifiers.get(topic), this.handshakeVerifier].filter(
        (v): v is CapabilityVerifier => v !== undefined,
      );
      let allowed: boolean;
      try {
        allowed = await this.context.checkTopic(topic, verifiers);
      } catch (error) {
        this.context.log.error('signal.check_failed', { error: describeError(error) });
        allowed = false;
      }
      if (this.closedBy !== undefined) return;
      if (allowed) {
        this.subscribed.add(topic);
        this.context.hub.subscribe(topic, this);
        this.context.metrics.signalingSubscriptions.inc();
      } else {
        this.context.metrics.signalingForbidden.inc();
        this.send({ type: 'error', reason: SignalingErrorReason.Forbidden, topic }, 'error');
      }
    }
  }

  /** Relayed to every subscriber, the sender included, with `clients` set (as y-webrtc's server). */
  private publish(topic: string, message: Readonly<Record<string, unknown>>): void {
    if (!this.subscribed.has(topic)) {
      this.context.metrics.signalingPublishDropped.inc();
      return;
    }
    const receivers = this.context.hub.subscribers(topic);
    const text = JSON.stringify({ ...message, clients: receivers.size });
    for (const receiver of receivers) receiver.send(text, 'publish');
  }

  private breach(error: RelayError, reason: SignalingCloseReason): void {
    this.context.log.warn('signal.rate_limited', {
      remote: this.context.remoteAddress,
      limit: reason,
      topics: this.subscribed.size,
    });
    this.close(error, reason);
  }

  private leaveAll(): void {
    for (const topic of this.subscribed) this.context.hub.unsubscribe(topic, this);
  }

  private onClose(code: number): void {
    const topics = this.subscribed.size;
    this.leaveAll();
    this.subscribed.clear();
    this.topicVerifiers.clear();
    this.context.hub.connections.delete(this);
    this.context.log.info('signal.close', {
      remote: this.context.remoteAddress,
      durationMs: Date.now() - this.openedAt,
      code: this.closedBy?.code ?? code,
      closedBy: this.closedBy === undefined ? 'client' : 'relay',
      reason: this.closedBy?.reason,
      topics,
    });
  }
}

function rawBytes(data: WebSocket.RawData): Buffer {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? Buffer.from(data) : data;
}
