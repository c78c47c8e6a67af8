import {
  InMemoryRoomStore,
  newCapability,
  type RoomId,
  relaySubprotocols,
  roomKindSubprotocol,
} from '@ensemble/shared';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../log';
import { RoomKind } from '../relay/admission';
import { createCapabilityAdmission } from './capabilityAdmission';
import { withRoomKinds } from './roomKindAdmission';
import { decodeRoomMeta } from './roomMeta';

const ROOM = 'room_kind_0123456789ab' as RoomId;

function setup(openRooms = false, activeKind?: () => RoomKind | undefined) {
  const store = new InMemoryRoomStore();
  const inner = createCapabilityAdmission({ store, openRooms, log: silentLogger, now: () => 42 });
  const admit = withRoomKinds(inner, {
    store,
    log: silentLogger,
    now: () => 42,
    ...(activeKind === undefined ? {} : { activeKind }),
  });
  const ask = async (offered: string[]) => {
    const result = await admit({
      roomId: ROOM,
      protocolVersion: 1,
      offeredSubprotocols: offered,
      remoteAddress: '127.0.0.1',
    });
    return result.ok ? `${result.value.roomKind}/${result.value.access}` : result.error.reason;
  };
  return { store, ask };
}

const automerge = roomKindSubprotocol('automerge');

describe('room kinds at admission', () => {
  it('[KIND2] a writer creating an Automerge room records its kind; then Yjs connections are refused', async () => {
    const { store, ask } = setup();
    const writer = newCapability();
    expect(await ask([...relaySubprotocols({ capability: writer }), automerge])).toBe(
      'automerge/write',
    );
    expect(decodeRoomMeta((await store.loadMeta(ROOM)) as Uint8Array).kind).toBe('automerge');
    expect(await ask(relaySubprotocols({ capability: writer }))).toBe('room-kind-mismatch');
    expect(await ask([...relaySubprotocols({ capability: writer }), automerge])).toBe(
      'automerge/write',
    );
  });

  it('[KIND2] a room holding updates but no metadata (open rooms, stock clients) is Yjs', async () => {
    const { store, ask } = setup(true);
    await store.append(ROOM, Uint8Array.of(0, 0));
    expect(await ask(['ensemble.v1', automerge])).toBe('room-kind-mismatch');
    expect(await store.loadMeta(ROOM)).toBeUndefined();
    expect(await ask(['ensemble.v1'])).toBe('plain/write');
  });

  it('[KIND2] a refused connection records no kind; a stranger gets the capability refusal, not the kind', async () => {
    const { store, ask } = setup();
    const writer = newCapability();
    expect(await ask(relaySubprotocols({ capability: writer }))).toBe('plain/write');
    // The room exists as Yjs (meta without kind): an Automerge writer is refused ...
    expect(await ask([...relaySubprotocols({ capability: writer }), automerge])).toBe(
      'room-kind-mismatch',
    );
    // ... and a stranger learns nothing, not even the kind: authentication comes first.
    expect(await ask([...relaySubprotocols({ capability: newCapability() }), automerge])).toBe(
      'forbidden',
    );
    expect(decodeRoomMeta((await store.loadMeta(ROOM)) as Uint8Array).kind).toBeUndefined();
  });
  it('[KIND2] a live Yjs room that holds nothing stored yet (open rooms) is not recorded as Automerge', async () => {
    const { store, ask } = setup(true, () => RoomKind.Plain);
    expect(await ask(['ensemble.v1', automerge])).toBe('room-kind-mismatch');
    expect(await store.loadMeta(ROOM)).toBeUndefined();
    expect(await ask(['ensemble.v1'])).toBe('plain/write');
  });
});
