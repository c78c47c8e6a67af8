import * as A from '@automerge/automerge';
import {
  capabilityVerifier,
  type DocId,
  newCapability,
  randomId128,
  relaySubprotocols,
  roomKindSubprotocol,
} from '@ensemble/shared';
import { type AutomergeDocument, automergeEngine } from '@ensemble/shared/automerge';
import * as encoding from 'lib0/encoding';
import { digest } from 'lib0/hash/sha256';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { type AutomergeClient, openAutomergeClient } from '../support/automergeClient';
import { fetchMetrics, metricValue, rawClient } from '../support/rawClient';
import { type RelayProcess, startRelayProcess } from '../support/relayProcess';
import { newRoom, openClient } from '../support/yjsClient';

const EPOCH = `epoch_${randomId128().slice(0, 20)}`;

function syncUpdateFrame(payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** Sends one frame on a fresh Automerge connection and reports how the relay closed it. */
async function sendRaw(wsUrl: string, room: string, capability: string, frame: Uint8Array) {
  const ws = new WebSocket(`${wsUrl}/${room}`, [
    ...relaySubprotocols({ capability, epoch: EPOCH }),
    roomKindSubprotocol('automerge'),
  ]);
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  ws.on('error', () => undefined);
  await new Promise<void>((resolve) => ws.once('open', () => resolve()));
  ws.send(frame);
  return closed;
}

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const keysOf = (doc: AutomergeDocument) => doc.map('tasks').keys().sort();

describe('relay process: Automerge rooms (doc-less, opaque checksummed change chunks)', () => {
  let relay: RelayProcess;
  const { room, capability } = newRoom('automerge');
  const clients: AutomergeClient[] = [];
  const open = (doc?: AutomergeDocument) => {
    const client = openAutomergeClient(relay.wsUrl, room, {
      capability,
      epoch: EPOCH,
      ...(doc ? { doc } : {}),
    });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    relay = await startRelayProcess({});
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await relay.dispose();
  });

  it('[AMR1] a joiner gets what it lacks; live changes reach the other client; both converge', async () => {
    const aliceDoc = automergeEngine.create(room as DocId) as AutomergeDocument;
    aliceDoc.transact(() => {
      aliceDoc.map('tasks').set('t1', { title: 'Plans' });
      aliceDoc.map('tasks').set('t2', { title: 'Bois' });
    });
    const alice = open(aliceDoc);
    await alice.synced();
    const bob = open();
    await bob.synced();
    await until(() => keysOf(bob.doc).length === 2, 'bob to get alice’s tasks');
    bob.doc.transact(() => bob.doc.map('tasks').set('t3', { title: 'Outils' }));
    alice.doc.transact(() => alice.doc.map('tasks').set('t4', { title: 'Peinture' }));
    await until(
      () => keysOf(alice.doc).length === 4 && keysOf(bob.doc).length === 4,
      'both to hold the four tasks',
    );
    expect(alice.doc.encodeStateVector()).toEqual(bob.doc.encodeStateVector());
  });

  it('[AMR1] after a relay restart a new client still gets the whole document (stored before broadcast)', async () => {
    await relay.restart();
    const carol = open();
    await carol.synced();
    expect(keysOf(carol.doc)).toEqual(['t1', 't2', 't3', 't4']);
  });

  it('[AMR2] a corrupted chunk, a Yjs update and a crafted chunk are refused with a clear error; nothing stored changes', async () => {
    const probe = automergeEngine.create(room as DocId) as AutomergeDocument;
    const updates: Uint8Array[] = [];
    probe.onUpdate((update) => updates.push(update));
    probe.transact(() => probe.map('tasks').set('intruder', { title: 'x' }));
    const change = updates[0] as Uint8Array;
    const flipped = change.slice();
    flipped[flipped.length - 3] = (flipped[flipped.length - 3] as number) ^ 0x01;
    const ydoc = new Y.Doc();
    ydoc.getMap('tasks').set('yjs', 1);
    const body = [0, 2, 3, 4, 5, 6, 7, 8];
    const tail = new Uint8Array([1, body.length, ...body]);
    const crafted = new Uint8Array([
      0x85,
      0x6f,
      0x4a,
      0x83,
      ...digest(tail).subarray(0, 4),
      ...tail,
    ]);
    const saved = automergeEngine.create(room as DocId);
    saved.transact(() => saved.map('tasks').set('doc-chunk', 1));

    expect(await sendRaw(relay.wsUrl, room, capability, syncUpdateFrame(flipped))).toEqual({
      code: 4400,
      reason: 'malformed-message: not an Automerge change (bad-checksum)',
    });
    expect(
      await sendRaw(relay.wsUrl, room, capability, syncUpdateFrame(Y.encodeStateAsUpdate(ydoc))),
    ).toEqual({
      code: 4400,
      reason: 'malformed-message: not an Automerge change (not-automerge)',
    });
    expect(await sendRaw(relay.wsUrl, room, capability, syncUpdateFrame(crafted))).toEqual({
      code: 4400,
      reason: 'malformed-message: an Automerge change could not be parsed',
    });
    expect(
      await sendRaw(relay.wsUrl, room, capability, syncUpdateFrame(saved.encodeState())),
    ).toEqual({
      code: 4400,
      reason: 'malformed-message: only Automerge change chunks are accepted',
    });
    const dave = open();
    await dave.synced();
    expect(keysOf(dave.doc)).toEqual(['t1', 't2', 't3', 't4']);
    expect(dave.doc.encodeStateVector()).toEqual(clients[0]?.doc.encodeStateVector());
    await relay.restart();
    const erin = open();
    await erin.synced();
    expect(keysOf(erin.doc)).toEqual(['t1', 't2', 't3', 't4']);
  });

  it('[AMR4] two stored changes of one actor with the same seq do not make the room unreadable', async () => {
    const dup = newRoom('automerge-dup');
    const writer = openAutomergeClient(relay.wsUrl, dup.room, { capability: dup.capability });
    clients.push(writer);
    await writer.synced();
    writer.doc.transact(() => writer.doc.map('tasks').set('kept', { title: 'Gardée' }));
    const actor = 'cd'.repeat(16);
    const clashing = [1, 2].map(
      (x) =>
        A.getLastLocalChange(
          A.change(A.init<{ x?: number }>({ actor }), (d) => {
            d.x = x;
          }),
        ) as Uint8Array,
    );
    const writes = async () =>
      metricValue(await fetchMetrics(relay.url), 'ensemble_relay_store_append_seconds_count');
    for (const change of clashing) {
      const ws = rawClient(`${relay.wsUrl}/${dup.room}`, [
        ...relaySubprotocols({ capability: dup.capability }),
        roomKindSubprotocol('automerge'),
      ]);
      await ws.opened;
      const before = await writes();
      ws.send(syncUpdateFrame(change));
      await expect.poll(writes).toBeGreaterThan(before); // stored before we go on
      ws.close();
      await ws.closed;
    }
    writer.destroy();
    await relay.restart(); // the room is read back from its stored log
    const late = openAutomergeClient(relay.wsUrl, dup.room, { capability: dup.capability });
    clients.push(late);
    await late.synced();
    expect(keysOf(late.doc)).toEqual(['kept']);
  });

  it('[AMR3] hundreds of changes are compacted (on the worker thread past 32 KB) and served whole after a restart', async () => {
    const big = newRoom('automerge-big');
    const writer = openAutomergeClient(relay.wsUrl, big.room, { capability: big.capability });
    clients.push(writer);
    await writer.synced();
    const note = 'x'.repeat(300);
    for (let i = 0; i < 260; i++) {
      writer.doc.transact(() =>
        writer.doc.map('notes').set(`n${String(i).padStart(3, '0')}`, `${note}${i}`),
      );
    }
    const reader = openAutomergeClient(relay.wsUrl, big.room, { capability: big.capability });
    clients.push(reader);
    await until(() => reader.doc.map('notes').size === 260, 'the reader to get 260 notes');
    // Past compactAfterUpdates (200) with a tail as large as its head: the log is compacted.
    await until(
      () => relay.output().includes('room.compacted') && relay.output().includes(big.room),
      'the room to be compacted',
    );
    writer.destroy();
    reader.destroy();
    await relay.restart();
    const late = openAutomergeClient(relay.wsUrl, big.room, { capability: big.capability });
    clients.push(late);
    await late.synced();
    expect(late.doc.map('notes').size).toBe(260);
    expect(late.doc.map('notes').getValue('n259')).toBe(`${note}259`);
    expect(late.doc.encodeStateVector()).toEqual(writer.doc.encodeStateVector());
  });

  it('[AMR1] capability and epoch rules hold in Automerge rooms: a reader gets the document, its change is denied and never stored; a stranger and another epoch are refused', async () => {
    const shared = newRoom('automerge-read');
    const readCapability = newCapability();
    const writer = openAutomergeClient(relay.wsUrl, shared.room, {
      capability: shared.capability,
      readVerifier: capabilityVerifier(readCapability),
    });
    clients.push(writer);
    await writer.synced();
    writer.doc.transact(() => writer.doc.map('tasks').set('w1', { title: 'Écrit' }));
    const reader = openAutomergeClient(relay.wsUrl, shared.room, {
      capability: readCapability,
      readOnly: true,
    });
    clients.push(reader);
    await until(() => keysOf(reader.doc).includes('w1'), 'the reader to get the document');
    reader.doc.transact(() => reader.doc.map('tasks').set('r1', { title: 'Refusé' }));
    await until(() => reader.denied.length > 0, 'the reader’s write to be denied');
    const stranger = openAutomergeClient(relay.wsUrl, shared.room, { capability: newCapability() });
    clients.push(stranger);
    expect(await stranger.closed()).toMatchObject({ code: 4403 });
    // The epoch rule too: another document under the first room's id is refused.
    const otherEpoch = openAutomergeClient(relay.wsUrl, room, {
      capability,
      epoch: `other_${randomId128().slice(0, 20)}`,
    });
    clients.push(otherEpoch);
    expect(await otherEpoch.closed()).toMatchObject({ code: 4409 });
    await relay.restart();
    const late = openAutomergeClient(relay.wsUrl, shared.room, { capability: shared.capability });
    clients.push(late);
    await late.synced();
    expect(keysOf(late.doc)).toEqual(['w1']);
  });

  it('[KIND2] a stock y-websocket client cannot open an Automerge room, nor an Automerge client a Yjs room (4410)', async () => {
    const yjs = openClient(relay.wsUrl, room, { capability, epoch: EPOCH });
    expect(await yjs.closed()).toMatchObject({ code: 4410 });
    yjs.destroy();
    const yjsRoom = newRoom('yjs-room');
    const writer = openClient(relay.wsUrl, yjsRoom.room, { capability: yjsRoom.capability });
    await writer.synced();
    writer.items.push(['stays Yjs']);
    const intruder = openAutomergeClient(relay.wsUrl, yjsRoom.room, {
      capability: yjsRoom.capability,
    });
    clients.push(intruder);
    expect(await intruder.closed()).toMatchObject({
      code: 4410,
      reason: expect.stringContaining('room-kind-mismatch'),
    });
    // The stock client keeps working on its Yjs room.
    const reader = openClient(relay.wsUrl, yjsRoom.room, { capability: yjsRoom.capability });
    await reader.synced();
    await until(() => reader.items.toArray().includes('stays Yjs'), 'the Yjs room to sync');
    writer.destroy();
    reader.destroy();
    expect(newCapability()).not.toBe(capability);
  });
});
