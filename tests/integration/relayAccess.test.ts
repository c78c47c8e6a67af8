import {
  capabilityVerifier,
  encodeWireMessage,
  newCapability,
  relaySubprotocols,
} from '@ensemble/shared';
import * as decoding from 'lib0/decoding';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fetchMetrics, metricValue, rawClient } from '../support/rawClient';
import { type RelayProcess, startRelayProcess } from '../support/relayProcess';
import { newRoom, openClient, pushEach, type SyncClient, sorted } from '../support/yjsClient';

const EPOCH_A = 'epochA_0123456789abcdef';
const EPOCH_B = 'epochB_0123456789abcdef';

/** Captures auth "permission denied" reasons a stock provider receives (it only logs them). */
function captureDenials(client: SyncClient): string[] {
  const reasons: string[] = [];
  client.provider.messageHandlers[2] = (_encoder, decoder) => {
    decoding.readVarUint(decoder);
    reasons.push(decoding.readVarString(decoder));
  };
  return reasons;
}

describe('relay process: capabilities, read-only access and document epochs', () => {
  let relay: RelayProcess;
  const clients: SyncClient[] = [];
  /** Every secret used in this file: none may appear in the relay's output. */
  const secrets: string[] = [];
  const track = (c: SyncClient): SyncClient => {
    clients.push(c);
    return c;
  };
  const room = (label: string) => {
    const created = newRoom(label);
    secrets.push(created.capability, capabilityVerifier(created.capability));
    return created;
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

  it('[AUTH9] a stranger without the capability gets an auth refusal and zero bytes of the room', async () => {
    const { room: id, capability } = room('guarded');
    const owner = track(openClient(relay.wsUrl, id, { capability }));
    await owner.synced();
    pushEach(owner, ['secret plans']);
    owner.provider.awareness.setLocalState({ name: 'Owner' });
    const witness = track(openClient(relay.wsUrl, id, { capability }));
    await expect.poll(() => sorted(witness)).toEqual(['secret plans']);

    const wrong = newCapability();
    secrets.push(wrong);
    const attempts = [
      { offered: [], code: 4401 },
      { offered: ['ensemble.v1'], code: 4401 },
      { offered: relaySubprotocols({ capability: wrong }), code: 4403 },
      { offered: relaySubprotocols({ capability: wrong, readOnly: true }), code: 4403 },
    ];
    for (const { offered, code } of attempts) {
      const stranger = rawClient(`${relay.wsUrl}/${id}`, offered);
      // It also tries to talk first: a step 1 asking for everything, and a write.
      await stranger.opened;
      stranger.send(encodeWireMessage({ type: 'syncStep1', stateVector: Uint8Array.of(0) }));
      const doc = new Y.Doc();
      doc.getArray<string>('items').push(['vandalism']);
      stranger.send(encodeWireMessage({ type: 'syncUpdate', update: Y.encodeStateAsUpdate(doc) }));
      const closed = await stranger.closed;
      expect(closed.code).toBe(code);
      expect(stranger.bytesOfType(0)).toBe(0);
      expect(stranger.bytesOfType(1)).toBe(0);
      expect(stranger.frames.map((f) => f[0])).toEqual([2]);
    }
    const fresh = track(openClient(relay.wsUrl, id, { capability }));
    await fresh.synced();
    expect(sorted(fresh)).toEqual(['secret plans']);
  });

  it('[AUTH10] a stock provider without a capability is told and stops reconnecting', async () => {
    const { room: id, capability } = room('stock');
    const owner = track(openClient(relay.wsUrl, id, { capability }));
    await owner.synced();
    const stock = track(openClient(relay.wsUrl, id));
    const denials = captureDenials(stock);
    const closed = await stock.closed();
    expect(closed.code).toBe(4401);
    expect(closed.reason).toContain('unauthenticated');
    expect(denials).toEqual(['this room needs a capability']);
    expect(stock.provider.shouldConnect).toBe(false);
  });

  it('[AUTH11] a read-only capability receives the room but its writes are refused, not stored', async () => {
    const { room: id, capability } = room('public-page');
    const readCapability = newCapability();
    secrets.push(readCapability, capabilityVerifier(readCapability));
    const owner = track(
      openClient(relay.wsUrl, id, {
        capability,
        readVerifier: capabilityVerifier(readCapability),
      }),
    );
    await owner.synced();
    pushEach(owner, ['programme']);
    owner.provider.awareness.setLocalState({ name: 'Owner' });
    const before = await fetchMetrics(relay.url);

    const reader = track(
      openClient(relay.wsUrl, id, { capability: readCapability, readOnly: true }),
    );
    const denials = captureDenials(reader);
    await expect.poll(() => sorted(reader)).toEqual(['programme']);
    await expect
      .poll(() => reader.provider.awareness.getStates().get(owner.doc.clientID))
      .toEqual({ name: 'Owner' });
    pushEach(reader, ['graffiti', 'more graffiti']);
    await expect
      .poll(() => denials)
      .toEqual(['read-only: this capability can read the room, not write to it']);
    // The reader stays connected and keeps receiving.
    pushEach(owner, ['update']);
    await expect.poll(() => reader.items.toArray()).toContain('update');
    expect(reader.provider.wsconnected).toBe(true);

    const fresh = track(openClient(relay.wsUrl, id, { capability }));
    await fresh.synced();
    expect(sorted(fresh)).toEqual(['programme', 'update']);
    expect(sorted(owner)).toEqual(['programme', 'update']);
    const after = await fetchMetrics(relay.url);
    const sample = 'ensemble_relay_rejections_total{reason="read-only-write"}';
    expect(metricValue(after, sample) - metricValue(before, sample)).toBe(2);
  });

  it('[EPOCH5] a client presenting another epoch is refused with 4409 and receives nothing', async () => {
    const { room: id, capability } = room('epoch');
    const creator = track(openClient(relay.wsUrl, id, { capability, epoch: EPOCH_A }));
    await creator.synced();
    pushEach(creator, ['original']);
    const peer = track(openClient(relay.wsUrl, id, { capability, epoch: EPOCH_A }));
    await expect.poll(() => sorted(peer)).toEqual(['original']);

    // The same room id with a re-created document: never merged.
    const recreated = new Y.Doc();
    recreated.getArray<string>('items').push(['original']);
    const other = track(
      openClient(relay.wsUrl, id, { capability, epoch: EPOCH_B, doc: recreated }),
    );
    const closed = await other.closed();
    expect(closed.code).toBe(4409);
    expect(closed.reason).toContain('epoch-mismatch');
    expect(other.provider.shouldConnect).toBe(false);
    const raw = rawClient(
      `${relay.wsUrl}/${id}`,
      relaySubprotocols({ capability, epoch: EPOCH_B }),
    );
    expect((await raw.closed).code).toBe(4409);
    expect(raw.bytesOfType(0)).toBe(0);

    // A newcomer that does not know the epoch yet is admitted.
    const newcomer = track(openClient(relay.wsUrl, id, { capability }));
    await newcomer.synced();
    const fresh = track(openClient(relay.wsUrl, id, { capability, epoch: EPOCH_A }));
    await fresh.synced();
    expect(sorted(fresh)).toEqual(['original']);
  });

  it('[LOG1] capabilities, verifiers and subprotocol values never appear in the logs', async () => {
    const { room: id, capability } = room('logs');
    const c = track(openClient(relay.wsUrl, id, { capability, epoch: EPOCH_A }));
    await c.synced();
    expect(relay.output()).toContain('"event":"conn.open"');
    expect(relay.output()).toContain('"event":"room.created"');
    expect(secrets.length).toBeGreaterThan(8);
    for (const secret of secrets) expect(relay.output()).not.toContain(secret);
    expect(relay.output()).not.toContain('ensemble.cap');
    expect(relay.output()).not.toContain('ensemble.readverifier');
  });
});
