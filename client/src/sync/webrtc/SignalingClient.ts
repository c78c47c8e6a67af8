/**
 * A socket to the relay's `/signal` endpoint for one topic (a room id): presents the
 * capability (`auth`) before each `subscribe`, on the first connection and on every
 * reconnection, then publishes and receives the topic's messages. Reconnects with
 * exponential backoff and full jitter. The capability is only ever in a frame on this
 * socket, never in its URL, never logged.
 */
export interface SignalingHandlers {
  /** Subscribed (again): time to announce ourselves. */
  readonly onSubscribed: () => void;
  /** A message published on the topic (ours included: the relay echoes them). */
  readonly onPublish: (data: unknown) => void;
}

const MAX_DELAY_MS = 30_000;
const BASE_DELAY_MS = 1_000;

export class SignalingClient {
  private socket: WebSocket | undefined;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  /** The relay refused the topic (it did not know the room yet, or the capability). */
  private refused = false;

  constructor(
    private readonly url: string,
    private readonly topic: string,
    private readonly capability: string,
    private readonly handlers: SignalingHandlers,
  ) {
    this.open();
  }

  get connected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  publish(data: string): void {
    this.send({ type: 'publish', topic: this.topic, data });
  }

  /** Presents the capability and subscribes again if the relay refused the topic before. */
  resubscribe(): void {
    if (!this.connected || !this.refused) return;
    this.refused = false;
    this.subscribe();
  }

  /** Tries now rather than at the next backoff step (the relay is back). */
  retryNow(): void {
    if (this.stopped || this.socket) return;
    clearTimeout(this.timer);
    this.open();
  }

  close(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.socket?.close(1000);
    this.socket = undefined;
  }

  private open(): void {
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.failures = 0;
      this.subscribe();
    });
    socket.addEventListener('message', (event) => this.receive(event.data));
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      if (this.stopped) return;
      this.failures += 1;
      const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.min(this.failures, 10));
      this.timer = setTimeout(() => this.open(), Math.random() * ceiling);
    });
  }

  private subscribe(): void {
    // `auth` first: the relay handles messages in order and refuses a topic it has no capability for.
    this.send({ type: 'auth', topics: { [this.topic]: this.capability } });
    this.send({ type: 'subscribe', topics: [this.topic] });
    this.handlers.onSubscribed();
  }

  private send(message: object): void {
    if (this.connected) this.socket?.send(JSON.stringify(message));
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    const { type, topic } = message as { type?: unknown; topic?: unknown };
    if (type === 'error' && topic === this.topic) this.refused = true;
    if (type === 'publish' && topic === this.topic) {
      this.handlers.onPublish((message as { data?: unknown }).data);
    }
  }
}
