import {
  capabilityVerifier,
  encodeSignalingAuth,
  newCapability,
  relaySubprotocols,
} from '@ensemble/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { fetchMetrics, metricValue } from '../support/rawClient';
import { type RelayProcess, startRelayProcess } from '../support/relayProcess';
import { newRoom, openClient, type SyncClient } from '../support/yjsClient';

/** A bare `/signal` client speaking y-webrtc's JSON signaling messages. */
interface SignalClient {
  readonly ws: WebSocket;
  readonly received: Record<string, unknown>[];
  readonly opened: Promise<void>;
  readonly closed: Promise<{ code: number; reason: string }>;
  send(message: unknown): void;
  /** ping, then waits for its pong: every earlier message has been handled. */
  barrier(): Promise<void>;
  publishes(): Record<string, unknown>[];
  close(): void;
}

function signalClient(url: string, protocols: readonly string[] = []): SignalClient {
  const ws = new WebSocket(url, [...protocols]);
  const received: Record<string, unknown>[] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as Record<string, unknown>;
    received.push(message);
    if (message.type === 'pong') waiters.shift()?.();
  });
  ws.on('error', () => undefined);
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  opened.catch(() => undefined);
  const send = (message: unknown): void => {
    if (ws.readyState === WebSocket.OPEN) {
      ws.send(typeof message === 'string' ? message : JSON.stringify(message));
    }
  };
  return {
    ws,
    received,
    opened,
    closed,
    send,
    barrier: () =>
      new Promise<void>((resolve) => {
        waiters.push(resolve);
        send({ type: 'ping' });
      }),
    publishes: () => received.filter((m) => m.type === 'publish'),
    close: () => ws.close(),
  };
}

const SDP_MARKER = 'v=0 o=- 4611731400430051336 IN IP4 192.0.2.77';

describe('relay process: WebRTC signaling on /signal (y-webrtc protocol)', () => {
  let relay: RelayProcess;
  let signalUrl: string;
  const syncClients: SyncClient[] = [];
  const signals: SignalClient[] = [];
  const secrets: string[] = [];

  /** A room the relay knows: a writer created it over /sync with `capability`. */
  const knownRoom = async (label: string): Promise<{ room: string; capability: string }> => {
    const created = newRoom(label);
    secrets.push(created.capability, capabilityVerifier(created.capability));
    const writer = openClient(relay.wsUrl, created.room, { capability: created.capability });
    syncClients.push(writer);
    await writer.synced();
    return created;
  };
  const connect = async (protocols: readonly string[] = []): Promise<SignalClient> => {
    const client = signalClient(signalUrl, protocols);
    signals.push(client);
    await client.opened;
    return client;
  };
  const metrics = async (): Promise<(sample: string) => number> => {
    const text = await fetchMetrics(relay.url);
    return (sample) => metricValue(text, `ensemble_relay_signaling_${sample}`);
  };

  beforeAll(async () => {
    relay = await startRelayProcess();
    signalUrl = `ws://127.0.0.1:${relay.port}/signal`;
  });
  afterEach(() => {
    for (const client of signals.splice(0)) client.close();
    for (const client of syncClients.splice(0)) client.destroy();
  });
  afterAll(async () => {
    await relay.dispose();
  });

  it('[SIG1][SIG2][SIG3] two capability holders exchange publishes; a stranger is refused and hears nothing', async () => {
    const { room, capability } = await knownRoom('signal');
    const base = await metrics();
    // Alice proves the room by the handshake subprotocol, Bob by an `auth` message.
    const alice = await connect(relaySubprotocols({ capability }));
    expect(alice.ws.protocol).toBe('ensemble.v1');
    const bob = await connect();
    bob.send(encodeSignalingAuth({ [room]: capability }));
    const wrong = newCapability();
    secrets.push(wrong);
    const stranger = await connect();
    stranger.send(encodeSignalingAuth({ [room]: wrong }));
    const anonymous = await connect();

    for (const client of [alice, bob, stranger, anonymous]) {
      client.send({ type: 'subscribe', topics: [room] });
    }
    const unknownRoom = newRoom('never-created');
    alice.send({ type: 'subscribe', topics: [unknownRoom.room] });
    await Promise.all([alice, bob, stranger, anonymous].map((c) => c.barrier()));
    expect(stranger.received).toContainEqual({ type: 'error', reason: 'forbidden', topic: room });
    expect(anonymous.received).toContainEqual({ type: 'error', reason: 'forbidden', topic: room });
    expect(alice.received).toContainEqual({
      type: 'error',
      reason: 'forbidden',
      topic: unknownRoom.room,
    });
    expect(bob.received.filter((m) => m.type === 'error')).toEqual([]);

    // y-webrtc's announce and signal messages, both ways.
    alice.send({ type: 'publish', topic: room, data: { type: 'announce', from: 'alice' } });
    bob.send({
      type: 'publish',
      topic: room,
      data: {
        type: 'signal',
        from: 'bob',
        to: 'alice',
        signal: { type: 'offer', sdp: SDP_MARKER },
      },
    });
    // The stranger publishes to a topic it does not hold: dropped.
    stranger.send({ type: 'publish', topic: room, data: { type: 'announce', from: 'mallory' } });
    await Promise.all([alice, bob, stranger].map((c) => c.barrier()));
    await expect.poll(() => alice.publishes().length).toBe(2);
    await expect.poll(() => bob.publishes().length).toBe(2);
    for (const client of [alice, bob]) {
      // Relayed to every subscriber, the sender included, with `clients` (as y-webrtc's server).
      expect(client.publishes()).toEqual([
        { type: 'publish', topic: room, data: { type: 'announce', from: 'alice' }, clients: 2 },
        {
          type: 'publish',
          topic: room,
          data: {
            type: 'signal',
            from: 'bob',
            to: 'alice',
            signal: { type: 'offer', sdp: SDP_MARKER },
          },
          clients: 2,
        },
      ]);
    }
    expect(stranger.publishes()).toEqual([]);
    expect(anonymous.publishes()).toEqual([]);

    // Unsubscribe: Bob stops receiving.
    bob.send({ type: 'unsubscribe', topics: [room] });
    await bob.barrier();
    alice.send({ type: 'publish', topic: room, data: { type: 'announce', from: 'alice' } });
    await alice.barrier();
    await expect.poll(() => alice.publishes().length).toBe(3);
    expect(alice.publishes()[2]?.clients).toBe(1);
    expect(bob.publishes().length).toBe(2);

    const now = await metrics();
    expect(now('subscriptions_total') - base('subscriptions_total')).toBe(2);
    expect(now('forbidden_total') - base('forbidden_total')).toBe(3);
    expect(now('publish_dropped_total') - base('publish_dropped_total')).toBe(1);
    expect(
      now('messages_sent_total{type="publish"}') - base('messages_sent_total{type="publish"}'),
    ).toBe(5);
    expect(now('connections')).toBe(4);
    expect(now('topics')).toBe(1);
  });

  it('[SIG9] a read-only link can neither subscribe nor publish as a writer', async () => {
    const created = newRoom('read-only-signal');
    const readCapability = newCapability();
    secrets.push(created.capability, readCapability, capabilityVerifier(readCapability));
    const owner = openClient(relay.wsUrl, created.room, {
      capability: created.capability,
      readVerifier: capabilityVerifier(readCapability),
    });
    syncClients.push(owner);
    await owner.synced();
    const { room } = created;
    const writer = await connect();
    writer.send(encodeSignalingAuth({ [room]: created.capability }));
    // The reader presents its capability both ways: by `auth` and in the handshake.
    const reader = await connect(relaySubprotocols({ capability: readCapability, readOnly: true }));
    reader.send(encodeSignalingAuth({ [room]: readCapability }));
    for (const client of [writer, reader]) client.send({ type: 'subscribe', topics: [room] });
    await Promise.all([writer, reader].map((c) => c.barrier()));
    expect(reader.received).toContainEqual({ type: 'error', reason: 'forbidden', topic: room });
    expect(writer.received.filter((m) => m.type === 'error')).toEqual([]);

    reader.send({ type: 'publish', topic: room, data: { type: 'announce', from: 'reader' } });
    await reader.barrier();
    writer.send({ type: 'publish', topic: room, data: { type: 'announce', from: 'writer' } });
    await writer.barrier();
    await expect.poll(() => writer.publishes().length).toBe(1);
    expect(writer.publishes()[0]?.data).toEqual({ type: 'announce', from: 'writer' });
    expect(reader.publishes()).toEqual([]);
  });

  it('[SIG4] ping is answered with pong', async () => {
    const client = await connect();
    await client.barrier();
    expect(client.received).toEqual([{ type: 'pong' }]);
  });

  it('[SIG5] each limit breach closes only the offending connection, counted', async () => {
    const { room, capability } = await knownRoom('signal-limits');
    const alice = await connect(relaySubprotocols({ capability }));
    const bob = await connect(relaySubprotocols({ capability }));
    alice.send({ type: 'subscribe', topics: [room] });
    bob.send({ type: 'subscribe', topics: [room] });
    await Promise.all([alice.barrier(), bob.barrier()]);
    const base = await metrics();

    const large = await connect(relaySubprotocols({ capability }));
    large.send({ type: 'publish', topic: room, data: 'x'.repeat(70 * 1024) });
    expect((await large.closed).code).toBe(4413);

    const chatty = await connect();
    for (let i = 0; i < 400; i++) chatty.send({ type: 'ping' });
    const chattyClosed = await chatty.closed;
    expect(chattyClosed.code).toBe(4529);
    expect(chattyClosed.reason).toContain('rate-limited');

    const greedy = await connect();
    greedy.send({
      type: 'subscribe',
      topics: Array.from({ length: 33 }, () => newRoom('greedy').room),
    });
    expect((await greedy.closed).code).toBe(4529);

    const garbled = await connect();
    garbled.send('{not json');
    expect((await garbled.closed).code).toBe(4400);

    // The others still talk.
    alice.send({ type: 'publish', topic: room, data: { type: 'announce', from: 'alice' } });
    await expect.poll(() => bob.publishes().length).toBe(1);
    expect(alice.ws.readyState).toBe(WebSocket.OPEN);
    expect(bob.ws.readyState).toBe(WebSocket.OPEN);

    const now = await metrics();
    for (const reason of ['message-too-large', 'message-rate', 'topics', 'malformed-message']) {
      const sample = `closed_total{reason="${reason}"}`;
      expect(now(sample) - base(sample), reason).toBe(1);
    }
  });

  it('[SIG6] a topic without subscribers is dropped', async () => {
    const { room, capability } = await knownRoom('signal-memory');
    const client = await connect(relaySubprotocols({ capability }));
    client.send({ type: 'subscribe', topics: [room] });
    await client.barrier();
    const during = await metrics();
    expect(during('topics')).toBeGreaterThanOrEqual(1);
    client.close();
    await client.closed;
    await expect.poll(async () => (await metrics())('topics')).toBe(0);
    await expect.poll(async () => (await metrics())('connections')).toBe(0);
  });

  it('[SIG7][LOG1] the relay log holds no capability, verifier or signaling payload', async () => {
    // Runs last: every secret and payload of this file has been used by now.
    const output = relay.output();
    expect(output).toContain('"event":"signal.open"');
    expect(output).toContain('"event":"signal.close"');
    for (const secret of secrets) expect(output).not.toContain(secret);
    expect(output).not.toContain('192.0.2.77');
    expect(output).not.toContain('mallory');
  });
});
