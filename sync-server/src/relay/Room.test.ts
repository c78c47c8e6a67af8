import {
  type AwarenessEntry,
  CloseReason,
  decodeAwarenessUpdate,
  decodeWireMessage,
  encodeAwarenessUpdate,
  encodeWireMessage,
  InMemoryRoomStore,
  type RelayError,
  type RoomId,
  type WireMessage,
} from '@ensemble/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { silentLogger } from '../log';
import { BackgroundQueue } from './BackgroundQueue';
import type { RoomPeer } from './Room';
import { RoomRegistry } from './RoomRegistry';

class FakePeer implements RoomPeer {
  readonly received: WireMessage[] = [];
  closedWith: RelayError | undefined;
  send(message: Uint8Array): void {
    const decoded = decodeWireMessage(message);
    if (!decoded.ok) throw decoded.error;
    this.received.push(decoded.value);
  }
  close(error: RelayError): void {
    this.closedWith = error;
  }
  of<T extends WireMessage['type']>(type: T): Extract<WireMessage, { type: T }>[] {
    return this.received.filter((m): m is Extract<WireMessage, { type: T }> => m.type === type);
  }
}

/** A store whose appends wait until released, to observe write-before-broadcast. */
class GatedStore extends InMemoryRoomStore {
  gate: Promise<void> = Promise.resolve();
  /** Sizes of the writes, in call order. */
  readonly writes: number[] = [];
  override async append(room: string, update: Uint8Array): Promise<void> {
    await this.gate;
    return super.append(room, update);
  }
  override async appendMany(room: string, updates: readonly Uint8Array[]): Promise<void> {
    this.writes.push(updates.length);
    await this.gate;
    return super.appendMany(room, updates);
  }
}

const ROOM = 'room-1' as RoomId;
const itemUpdate = (text: string, clientId = 1): Uint8Array => {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  doc.getArray<string>('items').push([text]);
  return Y.encodeStateAsUpdate(doc);
};
const itemsOf = (updates: readonly Uint8Array[]): string[] => {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc.getArray<string>('items').toArray();
};

function setup(store = new InMemoryRoomStore(), compactAfterUpdates = 200) {
  const registry = new RoomRegistry({ store, compactAfterUpdates, log: silentLogger });
  const join = () => {
    const peer = new FakePeer();
    const room = registry.attach(ROOM, peer);
    return { peer, room };
  };
  return { registry, store, join };
}

describe('Room (doc-less)', () => {
  it('[RELAY1] greets with sync step 1 built from the stored updates', async () => {
    const store = new InMemoryRoomStore();
    await store.append(ROOM, itemUpdate('a', 1));
    await store.append(ROOM, itemUpdate('b', 2));
    const { registry, join } = setup(store);
    const { peer } = join();
    await registry.idle();
    const [step1] = peer.of('syncStep1');
    expect(Y.decodeStateVector(step1?.stateVector ?? new Uint8Array())).toEqual(
      new Map([
        [1, 1],
        [2, 1],
      ]),
    );
  });

  it('[RELAY2] answers step 1 with exactly what the client lacks', async () => {
    const store = new InMemoryRoomStore();
    const a = itemUpdate('a', 1);
    await store.append(ROOM, a);
    await store.append(ROOM, itemUpdate('b', 2));
    const { registry, join } = setup(store);
    const { peer, room } = join();
    const client = new Y.Doc();
    Y.applyUpdate(client, a);
    room.receiveSync(peer, { type: 'syncStep1', stateVector: Y.encodeStateVector(client) });
    await registry.idle();
    const [step2] = peer.of('syncStep2');
    Y.applyUpdate(client, step2?.update ?? new Uint8Array());
    expect(client.getArray('items').toArray().sort()).toEqual(['a', 'b']);
    expect(
      Y.decodeUpdate(step2?.update ?? new Uint8Array()).structs.every((s) => s.id.client === 2),
    ).toBe(true);
  });

  it('[RELAY3] stores an update durably before broadcasting it, then to others only', async () => {
    const store = new GatedStore();
    let release = (): void => undefined;
    store.gate = new Promise((resolve) => {
      release = resolve;
    });
    const { registry, join } = setup(store);
    const alice = join();
    const bob = join();
    await Promise.resolve();
    alice.room.receiveSync(alice.peer, { type: 'syncUpdate', update: itemUpdate('x') });
    await new Promise((resolve) => setImmediate(resolve));
    expect(bob.peer.of('syncUpdate')).toHaveLength(0);
    release();
    await registry.idle();
    expect(bob.peer.of('syncUpdate')).toHaveLength(1);
    expect(alice.peer.of('syncUpdate')).toHaveLength(0);
    expect(itemsOf(await store.load(ROOM))).toEqual(['x']);
  });

  it('[RELAY4] closes only the sender of an unparsable update, storing nothing', async () => {
    const { registry, store, join } = setup();
    const alice = join();
    const bob = join();
    alice.room.receiveSync(alice.peer, { type: 'syncUpdate', update: Uint8Array.of(5, 200, 1, 3) });
    bob.room.receiveSync(bob.peer, { type: 'syncUpdate', update: itemUpdate('ok') });
    await registry.idle();
    expect(alice.peer.closedWith?.reason).toBe(CloseReason.MalformedMessage);
    expect(bob.peer.closedWith).toBeUndefined();
    expect(itemsOf(await store.load(ROOM))).toEqual(['ok']);
  });

  it('[RELAY5] compacts past the threshold and when the last client leaves, then forgets the room', async () => {
    const { registry, store, join } = setup(new InMemoryRoomStore(), 5);
    const { peer, room } = join();
    for (let i = 0; i < 7; i++) {
      room.receiveSync(peer, { type: 'syncUpdate', update: itemUpdate(`i${i}`, 100 + i) });
      await registry.idle();
    }
    expect((await store.load(ROOM)).length).toBe(2);
    room.detach(peer);
    await registry.idle();
    const stored = await store.load(ROOM);
    expect(stored).toHaveLength(1);
    expect(itemsOf(stored).sort()).toEqual(['i0', 'i1', 'i2', 'i3', 'i4', 'i5', 'i6']);
    expect(registry.activeRooms).toBe(0);
  });

  it('[RELAY9] a failed store write closes the sender with 4500 and broadcasts nothing', async () => {
    const store = new GatedStore();
    store.gate = Promise.reject(new Error('disk full'));
    store.gate.catch(() => undefined);
    const { registry, join } = setup(store);
    const alice = join();
    const bob = join();
    alice.room.receiveSync(alice.peer, { type: 'syncUpdate', update: itemUpdate('lost') });
    await registry.idle();
    expect(alice.peer.closedWith?.closeCode).toBe(4500);
    expect(bob.peer.of('syncUpdate')).toHaveLength(0);
    expect(bob.peer.closedWith).toBeUndefined();
  });

  it('[RELAY10] group commit: updates arriving during a write are stored as one batch, then broadcast in arrival order', async () => {
    const store = new GatedStore();
    let release = (): void => undefined;
    store.gate = new Promise((resolve) => {
      release = resolve;
    });
    const { registry, join } = setup(store);
    const alice = join();
    const bob = join();
    const carol = join();
    await registry.idle();
    const sent: string[] = [];
    const send = (who: typeof alice, text: string, clientId: number) => {
      sent.push(text);
      who.room.receiveSync(who.peer, { type: 'syncUpdate', update: itemUpdate(text, clientId) });
    };
    send(alice, 'a0', 1);
    await new Promise((resolve) => setImmediate(resolve));
    // The first write is in flight: the next ones are collected meanwhile.
    for (let i = 1; i <= 5; i++) {
      send(alice, `a${i}`, 10 + i);
      send(bob, `b${i}`, 20 + i);
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(carol.peer.of('syncUpdate')).toHaveLength(0);
    release();
    await registry.idle();
    expect(store.writes).toEqual([1, 10]);
    const stored = await store.load(ROOM);
    const texts = (updates: readonly Uint8Array[]) => updates.map((u) => itemsOf([u])[0]);
    expect(texts(stored)).toEqual(sent);
    expect(texts(carol.peer.of('syncUpdate').map((m) => m.update))).toEqual(sent);
    expect(texts(bob.peer.of('syncUpdate').map((m) => m.update))).toEqual(
      sent.filter((t) => !t.startsWith('b')),
    );
    expect(texts(alice.peer.of('syncUpdate').map((m) => m.update))).toEqual(
      sent.filter((t) => t.startsWith('b')),
    );
  });

  it('[RELAY11] a failed batch write closes every sender of the batch with 4500 and broadcasts none of it', async () => {
    const store = new GatedStore();
    let fail = (_: Error): void => undefined;
    store.gate = new Promise((_, reject) => {
      fail = reject;
    });
    store.gate.catch(() => undefined);
    const { registry, join } = setup(store);
    const alice = join();
    const bob = join();
    const carol = join();
    await registry.idle();
    alice.room.receiveSync(alice.peer, { type: 'syncUpdate', update: itemUpdate('a', 1) });
    bob.room.receiveSync(bob.peer, { type: 'syncUpdate', update: itemUpdate('b', 2) });
    bob.room.receiveSync(bob.peer, { type: 'syncUpdate', update: Uint8Array.of(5, 200, 1, 3) });
    fail(new Error('disk full'));
    await registry.idle();
    expect(store.writes).toEqual([2]);
    expect(alice.peer.closedWith?.closeCode).toBe(4500);
    // bob's valid update was in the failed write too; his invalid one closed him first.
    expect(bob.peer.closedWith?.reason).toBe(CloseReason.MalformedMessage);
    expect(carol.peer.closedWith).toBeUndefined();
    expect(carol.peer.of('syncUpdate')).toHaveLength(0);
    expect(await store.load(ROOM)).toEqual([]);
  });

  it('[RELAY12] an invalid update inside a batch closes only its sender; the rest is stored', async () => {
    const store = new GatedStore();
    let release = (): void => undefined;
    store.gate = new Promise((resolve) => {
      release = resolve;
    });
    const { registry, join } = setup(store);
    const alice = join();
    const bob = join();
    await registry.idle();
    bob.room.receiveSync(bob.peer, { type: 'syncUpdate', update: itemUpdate('first', 3) });
    await new Promise((resolve) => setImmediate(resolve));
    alice.room.receiveSync(alice.peer, { type: 'syncUpdate', update: Uint8Array.of(5, 200, 1, 3) });
    alice.room.receiveSync(alice.peer, { type: 'syncUpdate', update: itemUpdate('dropped', 1) });
    bob.room.receiveSync(bob.peer, { type: 'syncUpdate', update: itemUpdate('ok', 2) });
    release();
    await registry.idle();
    expect(alice.peer.closedWith?.reason).toBe(CloseReason.MalformedMessage);
    expect(bob.peer.closedWith).toBeUndefined();
    expect(itemsOf(await store.load(ROOM)).sort()).toEqual(['first', 'ok']);
    expect(store.writes).toEqual([1, 1]);
  });

  it('[RELAY6] skips empty updates (a reconnecting client with nothing new)', async () => {
    const { registry, store, join } = setup();
    const { peer, room } = join();
    room.receiveSync(peer, { type: 'syncStep2', update: Uint8Array.of(0, 0) });
    await registry.idle();
    expect(await store.load(ROOM)).toEqual([]);
  });

  it('[RELAY7] relays awareness, greets newcomers with it, and announces departures', async () => {
    const { registry, join } = setup();
    const alice = join();
    const bob = join();
    const hello: AwarenessEntry[] = [{ clientId: 42, clock: 3, stateJson: '{"name":"Ada"}' }];
    const frame = encodeWireMessage({ type: 'awareness', update: encodeAwarenessUpdate(hello) });
    alice.room.receiveAwareness(alice.peer, frame, hello);
    await registry.idle();
    expect(bob.peer.of('awareness')).toHaveLength(1);
    expect(alice.peer.of('awareness')).toHaveLength(1);

    const carol = join();
    await registry.idle();
    const greeting = decodeAwarenessUpdate(
      carol.peer.of('awareness')[0]?.update ?? new Uint8Array(),
    );
    expect(greeting.ok && greeting.value).toEqual(hello);

    alice.room.detach(alice.peer);
    await registry.idle();
    const last = bob.peer.of('awareness').at(-1);
    const removal = decodeAwarenessUpdate(last?.update ?? new Uint8Array());
    expect(removal.ok && removal.value).toEqual([{ clientId: 42, clock: 4, stateJson: 'null' }]);
  });

  it('[RELAY7] a client re-sent by another connection at the same clock still leaves with its own', async () => {
    const { registry, join } = setup();
    const alice = join();
    const bob = join();
    const carol = join();
    const send = (from: typeof alice, entries: AwarenessEntry[]) =>
      from.room.receiveAwareness(
        from.peer,
        encodeWireMessage({ type: 'awareness', update: encodeAwarenessUpdate(entries) }),
        entries,
      );
    send(alice, [{ clientId: 42, clock: 3, stateJson: '{"name":"Ada"}' }]);
    // Bob's client echoes Ada's state (stock y-websocket does): it does not take her over.
    send(bob, [{ clientId: 42, clock: 3, stateJson: '{"name":"Ada"}' }]);
    await registry.idle();
    bob.room.detach(bob.peer);
    await registry.idle();
    const removals = () =>
      carol.peer
        .of('awareness')
        .map((message) => decodeAwarenessUpdate(message.update))
        .flatMap((decoded) => (decoded.ok ? decoded.value : []))
        .filter((entry) => entry.stateJson === 'null');
    expect(removals()).toEqual([]);
    // Ada's connection closes without a goodbye (a tab killed, a phone out of range).
    alice.room.detach(alice.peer);
    await registry.idle();
    expect(removals()).toEqual([{ clientId: 42, clock: 4, stateJson: 'null' }]);
  });

  it('[RELAY8] keeps arrival order across peers and survives a reload of the room', async () => {
    const { registry, store, join } = setup();
    const alice = join();
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 30; i++) doc.getArray<number>('items').push([i]);
    for (const update of updates)
      alice.room.receiveSync(alice.peer, { type: 'syncUpdate', update });
    await registry.idle();
    const stored = await store.load(ROOM);
    expect(stored.map((u) => [...u])).toEqual(updates.map((u) => [...u]));
    alice.room.detach(alice.peer);
    await registry.idle();
    const later = join();
    later.room.receiveSync(later.peer, { type: 'syncStep1', stateVector: Uint8Array.of(0) });
    await registry.idle();
    const client = new Y.Doc();
    Y.applyUpdate(client, later.peer.of('syncStep2')[0]?.update ?? new Uint8Array());
    expect(client.getArray('items').toArray()).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });

  it('[RELAY13] housekeeping folds wait for their turn in the background queue; a join does not wait behind them', async () => {
    const turns: Array<() => void> = [];
    const background = new BackgroundQueue((callback) => turns.push(callback));
    const store = new InMemoryRoomStore();
    const registry = new RoomRegistry({
      store,
      compactAfterUpdates: 10_000,
      log: silentLogger,
      background,
    });
    const writer = new FakePeer();
    const room = registry.attach(ROOM, writer);
    await room.idle();
    // Enough updates, one write each, to pass the fold threshold (64): a fold is queued.
    for (let i = 0; i < 80; i++) {
      room.receiveSync(writer, { type: 'syncUpdate', update: itemUpdate(`u${i}`, 100 + i) });
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(turns.length).toBe(1);
    // A newcomer gets the whole document while the queued fold has not had its turn.
    const newcomer = new FakePeer();
    registry.attach(ROOM, newcomer);
    room.receiveSync(newcomer, {
      type: 'syncStep1',
      stateVector: Y.encodeStateVector(new Y.Doc()),
    });
    await expect.poll(() => newcomer.of('syncStep2').length).toBe(1);
    expect(itemsOf(newcomer.of('syncStep2').map((m) => m.update))).toHaveLength(80);
    // The queued fold runs at its turn (nothing left to fold) and the room settles.
    for (const turn of turns.splice(0)) turn();
    await room.idle();
    expect(turns).toEqual([]);
  });
});
