import {
  CloseReason,
  capabilityVerifier,
  InMemoryRoomStore,
  newCapability,
  type RoomId,
  relaySubprotocols,
} from '@ensemble/shared';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../log';
import type { AdmitHook } from '../relay/admission';
import { createCapabilityAdmission } from './capabilityAdmission';
import { decodeRoomMeta } from './roomMeta';

const ROOM = 'room_0123456789abcdef' as RoomId;
const EPOCH_A = 'epochA_0123456789abc';
const EPOCH_B = 'epochB_0123456789abc';

function setup(openRooms = false) {
  const store = new InMemoryRoomStore();
  const admit = createCapabilityAdmission({ store, openRooms, log: silentLogger, now: () => 42 });
  const ask = async (offered: string[], room: RoomId = ROOM) => {
    const result = await admit({
      roomId: room,
      protocolVersion: 1,
      offeredSubprotocols: offered,
      remoteAddress: '127.0.0.1',
    });
    return result.ok ? result.value.access : result.error.reason;
  };
  return { store, admit: admit as AdmitHook, ask };
}

describe('capability admission', () => {
  it('[AUTH1] the first writer creates the room; only the SHA-256 of its capability is stored', async () => {
    const { store, ask } = setup();
    const writer = newCapability();
    expect(await ask(relaySubprotocols({ capability: writer }))).toBe('write');
    const stored = await store.loadMeta(ROOM);
    expect(stored).toBeDefined();
    const text = new TextDecoder().decode(stored);
    expect(text).not.toContain(writer);
    expect(decodeRoomMeta(stored ?? new Uint8Array())).toEqual({
      v: 1,
      createdAt: 42,
      writeVerifier: capabilityVerifier(writer),
    });
    expect(await ask(relaySubprotocols({ capability: writer }))).toBe('write');
  });

  it('[AUTH2] later connections need the capability: none -> 4401, another -> 4403', async () => {
    const { ask } = setup();
    await ask(relaySubprotocols({ capability: newCapability() }));
    expect(await ask([])).toBe(CloseReason.Unauthenticated);
    expect(await ask(['ensemble.v1'])).toBe(CloseReason.Unauthenticated);
    expect(await ask(relaySubprotocols({ capability: newCapability() }))).toBe(
      CloseReason.Forbidden,
    );
  });

  it('[AUTH3] a read verifier registered by the creator opens the room read-only', async () => {
    const { ask } = setup();
    const writer = newCapability();
    const reader = newCapability();
    const readVerifier = capabilityVerifier(reader);
    expect(await ask(relaySubprotocols({ capability: writer, readVerifier }))).toBe('write');
    expect(await ask(relaySubprotocols({ capability: reader, readOnly: true }))).toBe('read');
    // Without the flag the read capability still only reads.
    expect(await ask(relaySubprotocols({ capability: reader }))).toBe('read');
    expect(await ask(relaySubprotocols({ capability: writer, readOnly: true }))).toBe('read');
  });

  it('[AUTH3] a writer may register a read verifier later, not replace it', async () => {
    const { ask } = setup();
    const writer = newCapability();
    const first = newCapability();
    const second = newCapability();
    await ask(relaySubprotocols({ capability: writer }));
    expect(await ask(relaySubprotocols({ capability: first }))).toBe(CloseReason.Forbidden);
    await ask(relaySubprotocols({ capability: writer, readVerifier: capabilityVerifier(first) }));
    await ask(relaySubprotocols({ capability: writer, readVerifier: capabilityVerifier(second) }));
    expect(await ask(relaySubprotocols({ capability: first }))).toBe('read');
    expect(await ask(relaySubprotocols({ capability: second }))).toBe(CloseReason.Forbidden);
  });

  it('[AUTH4] a read-only client never creates a room', async () => {
    const { store, ask } = setup();
    const reader = newCapability();
    expect(await ask(relaySubprotocols({ capability: reader, readOnly: true }))).toBe(
      CloseReason.NotFound,
    );
    expect(await store.loadMeta(ROOM)).toBeUndefined();
  });

  it('[AUTH5] a room with data but no verifier adopts the first write capability', async () => {
    const { store, ask } = setup();
    await store.append(ROOM, Uint8Array.of(0, 0));
    const writer = newCapability();
    expect(await ask([])).toBe(CloseReason.Unauthenticated);
    expect(await ask(relaySubprotocols({ capability: writer }))).toBe('write');
    expect(await ask(relaySubprotocols({ capability: newCapability() }))).toBe(
      CloseReason.Forbidden,
    );
  });

  it('[AUTH6] two first writers at once: exactly one claims the room', async () => {
    const { ask } = setup();
    const caps = Array.from({ length: 8 }, () => newCapability());
    const results = await Promise.all(
      caps.map((capability) => ask(relaySubprotocols({ capability }))),
    );
    expect(results.filter((r) => r === 'write')).toHaveLength(1);
    expect(results.filter((r) => r === CloseReason.Forbidden)).toHaveLength(7);
  });

  it('[AUTH7] malformed credential tokens are refused with 4400', async () => {
    const { ask } = setup();
    expect(await ask(['ensemble.v1', 'ensemble.cap.tooshort'])).toBe(CloseReason.MalformedMessage);
  });

  it('[AUTH8] --open-rooms admits capability-less clients to rooms without a verifier only', async () => {
    const { ask } = setup(true);
    expect(await ask([])).toBe('write');
    expect(await ask(['ensemble.v1', 'ensemble.readonly'])).toBe('read');
    const writer = newCapability();
    expect(await ask(relaySubprotocols({ capability: writer }))).toBe('write');
    expect(await ask([])).toBe(CloseReason.Unauthenticated);
    const other = 'other_0123456789abcdef' as RoomId;
    expect(await ask([], other)).toBe('write');
  });

  it('[EPOCH1] the first epoch is recorded; another is refused with 4409; none is admitted', async () => {
    const { store, ask } = setup();
    const writer = newCapability();
    expect(await ask(relaySubprotocols({ capability: writer, epoch: EPOCH_A }))).toBe('write');
    expect(decodeRoomMeta((await store.loadMeta(ROOM)) ?? new Uint8Array()).epoch).toBe(EPOCH_A);
    expect(await ask(relaySubprotocols({ capability: writer, epoch: EPOCH_B }))).toBe(
      CloseReason.EpochMismatch,
    );
    expect(await ask(relaySubprotocols({ capability: writer }))).toBe('write');
    expect(await ask(relaySubprotocols({ capability: writer, epoch: EPOCH_A }))).toBe('write');
  });

  it('[EPOCH2] a room created without an epoch records the first one a writer presents', async () => {
    const { ask } = setup();
    const writer = newCapability();
    const reader = newCapability();
    await ask(relaySubprotocols({ capability: writer, readVerifier: capabilityVerifier(reader) }));
    // A reader does not fix the epoch ...
    expect(await ask(relaySubprotocols({ capability: reader, epoch: EPOCH_B }))).toBe('read');
    // ... the first writer does.
    expect(await ask(relaySubprotocols({ capability: writer, epoch: EPOCH_A }))).toBe('write');
    expect(await ask(relaySubprotocols({ capability: reader, epoch: EPOCH_B }))).toBe(
      CloseReason.EpochMismatch,
    );
  });

  it('[EPOCH3] a stranger learns nothing about the epoch: authentication comes first', async () => {
    const { ask } = setup();
    await ask(relaySubprotocols({ capability: newCapability(), epoch: EPOCH_A }));
    expect(await ask(relaySubprotocols({ capability: newCapability(), epoch: EPOCH_B }))).toBe(
      CloseReason.Forbidden,
    );
  });

  it('[EPOCH4] open rooms record and check epochs too', async () => {
    const { ask } = setup(true);
    expect(await ask(['ensemble.v1', `ensemble.epoch.${EPOCH_A}`])).toBe('write');
    expect(await ask(['ensemble.v1', `ensemble.epoch.${EPOCH_B}`])).toBe(CloseReason.EpochMismatch);
    const writer = newCapability();
    expect(await ask(relaySubprotocols({ capability: writer, epoch: EPOCH_B }))).toBe(
      CloseReason.EpochMismatch,
    );
    expect(await ask(relaySubprotocols({ capability: writer, epoch: EPOCH_A }))).toBe('write');
  });
});
