import {
  type CapabilityVerifier,
  parseRoomId,
  type RoomStore,
  sameVerifier,
} from '@ensemble/shared';
import { decodeRoomMeta } from './roomMeta';

/**
 * Decides whether a signaling connection may use a topic (a room id): one of
 * the verifiers it holds must match the room's stored WRITE verifier (SPEC
 * [SIG2]). A read-only link (the room's read verifier) is refused [SIG9]: a
 * peer trusts what it receives over a direct link, so only writers may
 * introduce themselves. A room unknown to the relay, or one without a write
 * verifier, opens to nobody: signaling never claims a room, even with
 * --open-rooms. Only verifiers are handled here, never capabilities.
 */
export type TopicCheck = (
  topic: string,
  verifiers: readonly CapabilityVerifier[],
) => Promise<boolean>;

export function createTopicCheck(store: RoomStore): TopicCheck {
  return async (topic, verifiers) => {
    if (verifiers.length === 0) return false;
    const room = parseRoomId(topic);
    if (!room.ok) return false;
    const stored = await store.loadMeta(room.value);
    if (stored === undefined) return false;
    const meta = decodeRoomMeta(stored);
    if (meta.writeVerifier === undefined) return false;
    const { writeVerifier } = meta;
    return verifiers.some((verifier) => sameVerifier(verifier, writeVerifier));
  };
}
