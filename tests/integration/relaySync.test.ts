import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RelayProcess, startRelayProcess } from '../support/relayProcess';
import { newRoom, openClient, pushEach, type SyncClient, sorted } from '../support/yjsClient';

describe('relay process: sync through a stock y-websocket provider', () => {
  let relay: RelayProcess;
  const clients: SyncClient[] = [];
  const rooms = new Map<string, { room: string; capability: string }>();
  /** A client of the room named `label` in this test run, with its write capability. */
  const client = (label: string, protocols?: string[]): SyncClient => {
    let room = rooms.get(label);
    if (room === undefined) {
      room = newRoom(label);
      rooms.set(label, room);
    }
    const c = openClient(relay.wsUrl, room.room, {
      capability: room.capability,
      ...(protocols === undefined ? {} : { protocols }),
    });
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    relay = await startRelayProcess();
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
  });
  afterAll(async () => {
    await relay.dispose();
  });

  it('[SYNC1] two providers converge both ways', async () => {
    const alice = client('converge');
    const bob = client('converge');
    await Promise.all([alice.synced(), bob.synced()]);
    pushEach(alice, ['a1', 'a2']);
    pushEach(bob, ['b1']);
    await expect.poll(() => sorted(alice)).toEqual(['a1', 'a2', 'b1']);
    await expect.poll(() => sorted(bob)).toEqual(['a1', 'a2', 'b1']);
    expect(alice.items.toArray()).toEqual(bob.items.toArray());
  });

  it('[SYNC2] a late joiner receives the full state, also after the room was evicted', async () => {
    const alice = client('late');
    await alice.synced();
    const texts = Array.from({ length: 40 }, (_, i) => `item-${i}`);
    pushEach(alice, texts);
    const bob = client('late');
    await bob.synced();
    await expect.poll(() => bob.items.length).toBe(40);
    alice.destroy();
    bob.destroy();
    await expect.poll(async () => (await health(relay)).roomsActive).toBe(0);
    const carol = client('late');
    await carol.synced();
    expect(sorted(carol)).toEqual([...texts].sort());
  });

  it('[SYNC3] rooms are isolated', async () => {
    const one = client('room-one');
    const two = client('room-two');
    await Promise.all([one.synced(), two.synced()]);
    pushEach(one, ['only-in-one']);
    const watcher = client('room-one');
    await watcher.synced();
    await expect.poll(() => watcher.items.toArray()).toEqual(['only-in-one']);
    expect(two.items.length).toBe(0);
  });

  it('[SYNC4] relays awareness and announces a departure', async () => {
    const alice = client('presence');
    const bob = client('presence');
    alice.provider.awareness.setLocalState({ name: 'Alice' });
    await Promise.all([alice.synced(), bob.synced()]);
    const aliceId = alice.doc.clientID;
    await expect
      .poll(() => bob.provider.awareness.getStates().get(aliceId))
      .toEqual({ name: 'Alice' });
    alice.provider.disconnect();
    await expect.poll(() => bob.provider.awareness.getStates().has(aliceId)).toBe(false);
  });

  it('[SYNC5] a client speaking a retired protocol version is told to reload, and stops', async () => {
    const stale = client('versioned', ['ensemble.v0']);
    const closed = await stale.closed();
    expect(closed.code).toBe(4426);
    expect(closed.reason).toContain('reload');
    expect(stale.provider.shouldConnect).toBe(false);
  });
});

async function health(relay: RelayProcess): Promise<{ roomsActive: number; connections: number }> {
  const res = await fetch(`${relay.url}/healthz`);
  return (await res.json()) as { roomsActive: number; connections: number };
}
