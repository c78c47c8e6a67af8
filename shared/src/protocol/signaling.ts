import { isCapability } from './capability';
import { CloseReason } from './closeCodes';
import { type DecodeResult, decoded, rejected } from './RelayError';

/**
 * WebRTC signaling on the relay's port (sync-server/PROTOCOL.md, "WebRTC
 * signaling"; SPEC [SIG*]). The messages are y-webrtc's (10.x) JSON text
 * frames, plus `auth`, which carries room capabilities per topic because
 * y-webrtc's signaling socket cannot set websocket subprotocols.
 * A topic is a room id.
 */

/** The websocket path: `ws(s)://<host>:<port>/signal`. */
export const SIGNAL_PATH = '/signal';

/** Why a topic was refused: the `reason` of an `error` message. */
export const SignalingErrorReason = { Forbidden: 'forbidden' } as const;
export type SignalingErrorReason = (typeof SignalingErrorReason)[keyof typeof SignalingErrorReason];

/** Client to relay. `publish` keeps every other field it carries (relayed untouched). */
export type SignalingClientMessage =
  | { readonly type: 'auth'; readonly topics: Readonly<Record<string, string>> }
  | { readonly type: 'subscribe'; readonly topics: readonly string[] }
  | { readonly type: 'unsubscribe'; readonly topics: readonly string[] }
  | {
      readonly type: 'publish';
      readonly topic: string;
      readonly message: Readonly<Record<string, unknown>>;
    }
  | { readonly type: 'ping' }
  /** A well-formed object of a type the relay does not know: ignored (as y-webrtc's server does). */
  | { readonly type: 'unknown' };

/** Relay to client. A relayed publish is the sender's object with `clients` set. */
export type SignalingServerMessage =
  | { readonly type: 'pong' }
  | { readonly type: 'error'; readonly reason: SignalingErrorReason; readonly topic: string }
  | ({ readonly type: 'publish'; readonly topic: string; readonly clients: number } & Readonly<
      Record<string, unknown>
    >);

/** Builds the `auth` message an Ensemble client sends first (before `subscribe`). */
export function encodeSignalingAuth(topics: Readonly<Record<string, string>>): string {
  for (const capability of Object.values(topics)) {
    if (!isCapability(capability)) throw new RangeError('capability: 22-86 base64url characters');
  }
  return JSON.stringify({ type: 'auth', topics });
}

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/**
 * Parses one text frame. Not JSON, not an object, or a known type with the
 * wrong shape: 4400 (the detail never quotes the frame, which may hold SDP or
 * a capability). An object of an unknown type parses as `unknown`.
 */
export function parseSignalingMessage(text: string): DecodeResult<SignalingClientMessage> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return rejected(CloseReason.MalformedMessage, 'signaling messages are JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return rejected(CloseReason.MalformedMessage, 'signaling messages are JSON objects');
  }
  const record = value as Record<string, unknown>;
  switch (record.type) {
    case 'subscribe':
    case 'unsubscribe': {
      const topics = record.topics ?? [];
      if (!isStringArray(topics)) {
        return rejected(CloseReason.MalformedMessage, `${record.type}: topics must be strings`);
      }
      return decoded({ type: record.type, topics });
    }
    case 'publish':
      if (typeof record.topic !== 'string') {
        return rejected(CloseReason.MalformedMessage, 'publish: topic must be a string');
      }
      return decoded({ type: 'publish', topic: record.topic, message: record });
    case 'ping':
      return decoded({ type: 'ping' });
    case 'auth': {
      const topics = record.topics;
      if (typeof topics !== 'object' || topics === null || Array.isArray(topics)) {
        return rejected(
          CloseReason.MalformedMessage,
          'auth: topics must map room ids to capabilities',
        );
      }
      const entries = Object.entries(topics as Record<string, unknown>);
      if (!entries.every(([, capability]) => typeof capability === 'string')) {
        return rejected(CloseReason.MalformedMessage, 'auth: capabilities must be strings');
      }
      return decoded({
        type: 'auth',
        topics: Object.fromEntries(entries) as Record<string, string>,
      });
    }
    default:
      return decoded({ type: 'unknown' });
  }
}
