import type { SignalingConnection } from './SignalingConnection';

/** Per-connection limits of `/signal` (PROTOCOL.md "WebRTC signaling"; SPEC [SIG5]). */
export interface SignalingLimits {
  /** Larger messages close the connection with 4413. */
  readonly maxMessageBytes: number;
  /** Sustained messages per second per connection; beyond the burst: 4529. */
  readonly messagesPerSecond: number;
  readonly messageBurst: number;
  /** Topics one connection may hold (subscribed, or asked for in one subscribe); beyond: 4529. */
  readonly maxTopics: number;
}

export const DEFAULT_SIGNALING_LIMITS: SignalingLimits = {
  maxMessageBytes: 64 * 1024,
  messagesPerSecond: 100,
  messageBurst: 300,
  maxTopics: 32,
};

/**
 * Topic -> subscribed connections. A topic with no subscriber is dropped, so
 * memory follows the open connections, not the topics ever used [SIG6].
 */
export class SignalingHub {
  private readonly topics = new Map<string, Set<SignalingConnection>>();
  readonly connections = new Set<SignalingConnection>();

  get topicCount(): number {
    return this.topics.size;
  }

  subscribe(topic: string, connection: SignalingConnection): void {
    let subscribers = this.topics.get(topic);
    if (subscribers === undefined) {
      subscribers = new Set();
      this.topics.set(topic, subscribers);
    }
    subscribers.add(connection);
  }

  unsubscribe(topic: string, connection: SignalingConnection): void {
    const subscribers = this.topics.get(topic);
    if (subscribers === undefined) return;
    subscribers.delete(connection);
    if (subscribers.size === 0) this.topics.delete(topic);
  }

  subscribers(topic: string): ReadonlySet<SignalingConnection> {
    return this.topics.get(topic) ?? new Set();
  }
}
