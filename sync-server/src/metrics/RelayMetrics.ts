import { CloseReason, MessageType, SyncMessageType } from '@ensemble/shared';
import {
  Counter,
  Gauge,
  Histogram,
  LabeledCounter,
  PROMETHEUS_CONTENT_TYPE,
  Registry,
} from './prometheus';

/**
 * Why the relay refused or cut a connection, or dropped a message: the
 * `reason` label of `ensemble_relay_rejections_total`. Close reasons, plus
 * finer names for the limits that share the rate-limited code.
 */
export const RejectionReason = {
  ...CloseReason,
  MessageRate: 'message-rate',
  ByteRate: 'byte-rate',
  ConnectionsPerIp: 'connections-per-ip',
  ReadOnlyWrite: 'read-only-write',
} as const;
export type RejectionReason = (typeof RejectionReason)[keyof typeof RejectionReason];

/** The `type` label of message and byte counters. */
export type MessageLabel =
  | 'sync_step1'
  | 'sync_step2'
  | 'sync_update'
  | 'awareness'
  | 'auth'
  | 'query_awareness'
  | 'invalid';

const MESSAGE_LABELS: readonly MessageLabel[] = [
  'sync_step1',
  'sync_step2',
  'sync_update',
  'awareness',
  'auth',
  'query_awareness',
  'invalid',
];

/** Labels a frame from its first bytes (tags below 128 are one varuint byte). */
export function labelOfFrame(frame: Uint8Array): MessageLabel {
  switch (frame[0]) {
    case MessageType.Sync:
      switch (frame[1]) {
        case SyncMessageType.Step1:
          return 'sync_step1';
        case SyncMessageType.Step2:
          return 'sync_step2';
        case SyncMessageType.Update:
          return 'sync_update';
        default:
          return 'invalid';
      }
    case MessageType.Awareness:
      return 'awareness';
    case MessageType.Auth:
      return 'auth';
    case MessageType.QueryAwareness:
      return 'query_awareness';
    default:
      return 'invalid';
  }
}

export interface LiveGauges {
  readonly connections: () => number;
  readonly activeRooms: () => number;
  /** Open `/signal` websockets (PROTOCOL.md "WebRTC signaling"). Default 0. */
  readonly signalingConnections?: () => number;
  /** Signaling topics with at least one subscriber. Default 0. */
  readonly signalingTopics?: () => number;
}

/** The `type` label of the signaling message counters. */
export type SignalingLabel =
  | 'auth'
  | 'subscribe'
  | 'unsubscribe'
  | 'publish'
  | 'ping'
  | 'pong'
  | 'error'
  | 'unknown'
  | 'invalid';

const SIGNALING_IN_LABELS: readonly SignalingLabel[] = [
  'auth',
  'subscribe',
  'unsubscribe',
  'publish',
  'ping',
  'unknown',
  'invalid',
];
const SIGNALING_OUT_LABELS: readonly SignalingLabel[] = ['publish', 'pong', 'error'];

/** Why a signaling connection was closed by the relay (`reason` label). */
export const SignalingCloseReason = {
  MessageTooLarge: 'message-too-large',
  MessageRate: 'message-rate',
  Topics: 'topics',
  MalformedMessage: 'malformed-message',
  ConnectionsPerIp: 'connections-per-ip',
} as const;
export type SignalingCloseReason = (typeof SignalingCloseReason)[keyof typeof SignalingCloseReason];

/** Everything the relay counts; rendered at /metrics, summarised at /healthz. */
export class RelayMetrics {
  private readonly registry = new Registry();
  readonly connectionsOpened = this.registry.register(
    new Counter('ensemble_relay_connections_opened_total', 'Websocket connections accepted.'),
  );
  readonly refusedConnections = this.registry.register(
    new Counter(
      'ensemble_relay_refused_connections_total',
      'Connections refused before joining their room (see rejections for the reason).',
    ),
  );
  readonly messagesIn = this.registry.register(
    new LabeledCounter(
      'ensemble_relay_messages_received_total',
      'Messages received from clients, by type.',
      'type',
      MESSAGE_LABELS,
    ),
  );
  readonly bytesIn = this.registry.register(
    new LabeledCounter(
      'ensemble_relay_received_bytes_total',
      'Bytes received from clients, by message type.',
      'type',
      MESSAGE_LABELS,
    ),
  );
  readonly messagesOut = this.registry.register(
    new LabeledCounter(
      'ensemble_relay_messages_sent_total',
      'Messages sent to clients, by type.',
      'type',
      MESSAGE_LABELS,
    ),
  );
  readonly bytesOut = this.registry.register(
    new LabeledCounter(
      'ensemble_relay_sent_bytes_total',
      'Bytes sent to clients, by message type.',
      'type',
      MESSAGE_LABELS,
    ),
  );
  readonly rejections = this.registry.register(
    new LabeledCounter(
      'ensemble_relay_rejections_total',
      'Connections refused or closed, and messages refused, by reason.',
      'reason',
    ),
  );
  readonly awarenessDropped = this.registry.register(
    new Counter(
      'ensemble_relay_awareness_dropped_total',
      'Awareness messages dropped by the per-connection throttle.',
    ),
  );
  readonly compactions = this.registry.register(
    new Counter('ensemble_relay_compactions_total', 'Room logs merged into one update.'),
  );
  readonly damagedLogs = this.registry.register(
    new Counter(
      'ensemble_relay_store_damaged_logs_total',
      'Room logs found with a damaged tail (kept aside, cut back to their last complete record).',
    ),
  );
  readonly storeAppendSeconds = this.registry.register(
    new Histogram(
      'ensemble_relay_store_append_seconds',
      'Time of one durable store write (a group commit of one or more updates).',
      [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    ),
  );

  readonly signalingOpened = this.registry.register(
    new Counter(
      'ensemble_relay_signaling_connections_opened_total',
      'Signaling websockets accepted.',
    ),
  );
  readonly signalingIn = this.registry.register(
    new LabeledCounter(
      'ensemble_relay_signaling_messages_received_total',
      'Signaling messages received, by type.',
      'type',
      SIGNALING_IN_LABELS,
    ),
  );
  readonly signalingOut = this.registry.register(
    new LabeledCounter(
      'ensemble_relay_signaling_messages_sent_total',
      'Signaling messages sent (one per receiver), by type.',
      'type',
      SIGNALING_OUT_LABELS,
    ),
  );
  readonly signalingSubscriptions = this.registry.register(
    new Counter(
      'ensemble_relay_signaling_subscriptions_total',
      'Topic subscriptions granted (the capability matched the room).',
    ),
  );
  readonly signalingForbidden = this.registry.register(
    new Counter(
      'ensemble_relay_signaling_forbidden_total',
      'Topic subscriptions refused: unknown room or no matching capability.',
    ),
  );
  readonly signalingPublishDropped = this.registry.register(
    new Counter(
      'ensemble_relay_signaling_publish_dropped_total',
      'Publishes dropped because the sender had not subscribed to the topic.',
    ),
  );
  readonly signalingClosed = this.registry.register(
    new LabeledCounter(
      'ensemble_relay_signaling_closed_total',
      'Signaling connections closed by the relay for a breach, by reason.',
      'reason',
      Object.values(SignalingCloseReason),
    ),
  );

  constructor(live: LiveGauges) {
    this.registry.register(
      new Gauge('ensemble_relay_connections', 'Open websocket connections.', live.connections),
    );
    this.registry.register(
      new Gauge('ensemble_relay_rooms_active', 'Rooms held in memory.', live.activeRooms),
    );
    this.registry.register(
      new Gauge(
        'ensemble_relay_signaling_connections',
        'Open signaling websockets.',
        live.signalingConnections ?? (() => 0),
      ),
    );
    this.registry.register(
      new Gauge(
        'ensemble_relay_signaling_topics',
        'Signaling topics with at least one subscriber.',
        live.signalingTopics ?? (() => 0),
      ),
    );
  }

  reject(reason: RejectionReason): void {
    this.rejections.inc(reason);
  }

  countIn(label: MessageLabel, bytes: number): void {
    this.messagesIn.inc(label);
    this.bytesIn.inc(label, bytes);
  }

  countOut(frame: Uint8Array): void {
    const label = labelOfFrame(frame);
    this.messagesOut.inc(label);
    this.bytesOut.inc(label, frame.byteLength);
  }

  readonly contentType = PROMETHEUS_CONTENT_TYPE;

  render(): string {
    return this.registry.render();
  }
}

/** What a room reports; a no-op by default so rooms are testable alone. */
export interface RoomMetrics {
  storeAppended(seconds: number): void;
  compacted(): void;
}

export const noRoomMetrics: RoomMetrics = {
  storeAppended: () => undefined,
  compacted: () => undefined,
};

export function roomMetricsOf(metrics: RelayMetrics): RoomMetrics {
  return {
    storeAppended: (seconds) => metrics.storeAppendSeconds.observe(seconds),
    compacted: () => metrics.compactions.inc(),
  };
}
