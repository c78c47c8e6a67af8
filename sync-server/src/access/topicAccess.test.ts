import {
  capabilityVerifier,
  InMemoryRoomStore,
  newCapability,
  type RoomStore,
} from '@ensemble/shared';
import { describe, expect, it } from 'vitest';
import { encodeRoomMeta } from './roomMeta';
import { createTopicCheck } from './topicAccess';

const ROOM = 'signal-topic-room-0001';

async function roomWith(meta: {
  writeVerifier?: string;
  readVerifier?: string;
}): Promise<RoomStore> {
  const store = new InMemoryRoomStore();
  await store.saveMeta(ROOM, encodeRoomMeta({ v: 1, createdAt: 1, ...meta }));
  return store;
}

describe('signaling topic access', () => {
  const writer = newCapability();
  const reader = newCapability();

  it('[SIG2] admits the holder of the room’s write capability', async () => {
    const check = createTopicCheck(
      await roomWith({
        writeVerifier: capabilityVerifier(writer),
        readVerifier: capabilityVerifier(reader),
      }),
    );
    expect(await check(ROOM, [capabilityVerifier(writer)])).toBe(true);
    // Several verifiers (handshake and `auth`): one matching is enough.
    expect(
      await check(ROOM, [capabilityVerifier(newCapability()), capabilityVerifier(writer)]),
    ).toBe(true);
  });

  it('[SIG9] refuses a read-only link: it may not introduce itself as a writer', async () => {
    const check = createTopicCheck(
      await roomWith({
        writeVerifier: capabilityVerifier(writer),
        readVerifier: capabilityVerifier(reader),
      }),
    );
    expect(await check(ROOM, [capabilityVerifier(reader)])).toBe(false);
  });

  it('[SIG3] refuses strangers, unknown rooms, unclaimed rooms and bad topics', async () => {
    const check = createTopicCheck(await roomWith({ writeVerifier: capabilityVerifier(writer) }));
    expect(await check(ROOM, [])).toBe(false);
    expect(await check(ROOM, [capabilityVerifier(newCapability())])).toBe(false);
    expect(await check('another-room-not-known', [capabilityVerifier(writer)])).toBe(false);
    expect(await check('bad topic!', [capabilityVerifier(writer)])).toBe(false);
    const unclaimed = createTopicCheck(await roomWith({}));
    expect(await unclaimed(ROOM, [capabilityVerifier(writer)])).toBe(false);
  });
});
