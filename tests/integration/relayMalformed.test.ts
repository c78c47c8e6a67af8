import { relaySubprotocols } from '@ensemble/shared';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type RelayProcess, startRelayProcess } from '../support/relayProcess';
import { newRoom, openClient, pushEach, type SyncClient, sorted } from '../support/yjsClient';

const MAX_MESSAGE_BYTES = 64 * 1024;
const { room: ROOM, capability } = newRoom('hostile');

/** Opens a raw socket into the room, sends `frame`, and reports how the relay closed it. */
async function sendRaw(
  wsUrl: string,
  frame: Uint8Array | string,
): Promise<{ code: number; reason: string }> {
  const ws = new WebSocket(`${wsUrl}/${ROOM}`, relaySubprotocols({ capability }));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  ws.on('error', () => undefined);
  await new Promise<void>((resolve) => ws.once('open', () => resolve()));
  ws.send(frame);
  return closed;
}

function syncUpdateFrame(payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

function seededBytes(seed: number, length: number): Uint8Array {
  let state = seed;
  return Uint8Array.from({ length }, () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state & 0xff;
  });
}

describe('relay process: malformed input closes only the offending connection', () => {
  let relay: RelayProcess;
  let alice: SyncClient;
  let bob: SyncClient;
  const expected: string[] = [];

  beforeAll(async () => {
    relay = await startRelayProcess({ maxMessageBytes: MAX_MESSAGE_BYTES });
    alice = openClient(relay.wsUrl, ROOM, { capability });
    bob = openClient(relay.wsUrl, ROOM, { capability });
    await Promise.all([alice.synced(), bob.synced()]);
  });

  afterAll(async () => {
    alice.destroy();
    bob.destroy();
    await relay.dispose();
  });

  const cases: [string, () => Uint8Array | string, number, string][] = [
    [
      'random bytes (unknown type)',
      () => Uint8Array.of(0x3b, ...seededBytes(7, 200)),
      4415,
      'unknown message type',
    ],
    [
      'random bytes in a sync frame',
      () => Uint8Array.of(0, ...seededBytes(11, 300)),
      4400,
      'malformed',
    ],
    ['a truncated varint', () => Uint8Array.of(0x80), 4400, 'malformed-message'],
    ['a truncated sync payload', () => Uint8Array.of(0, 2, 50, 1, 2, 3), 4400, 'malformed-message'],
    ['an unknown message type', () => Uint8Array.of(9, 1), 4415, 'unknown message type 9'],
    [
      'an unparsable update',
      () => syncUpdateFrame(Uint8Array.of(5, 200, 1, 3)),
      4400,
      'unparsable Yjs update',
    ],
    ['bad awareness JSON', () => Uint8Array.of(1, 6, 1, 7, 1, 2, 123, 120), 4400, 'awareness'],
    ['a text frame', () => 'hello', 4400, 'text frames'],
    [
      'a message over the size limit',
      () => syncUpdateFrame(new Uint8Array(MAX_MESSAGE_BYTES + 10)),
      4413,
      'message-too-large',
    ],
  ];

  it('[HOSTILE0] two providers share the room first', async () => {
    pushEach(alice, ['before']);
    expected.push('before');
    await expect.poll(() => sorted(bob)).toEqual(['before']);
  });

  it.each(cases)(
    '[HOSTILE1] %s: closed with its code, the room keeps syncing',
    async (_, make, code, reason) => {
      const closed = await sendRaw(relay.wsUrl, make());
      expect(closed.code).toBe(code);
      expect(closed.reason).toContain(reason);

      const text = `after-${expected.length}`;
      expected.push(text);
      pushEach(bob, [text]);
      await expect.poll(() => sorted(alice)).toEqual([...expected].sort());
      expect(alice.provider.wsconnected && bob.provider.wsconnected).toBe(true);
    },
  );

  it('[HOSTILE2] the stored state is intact and the rejections were counted', async () => {
    const fresh = openClient(relay.wsUrl, ROOM, { capability });
    try {
      await fresh.synced();
      expect(sorted(fresh)).toEqual([...expected].sort());
    } finally {
      fresh.destroy();
    }
    const health = (await (await fetch(`${relay.url}/healthz`)).json()) as {
      unknownMessages: number;
      malformedMessages: number;
    };
    expect(health.unknownMessages).toBeGreaterThanOrEqual(2);
    expect(health.malformedMessages).toBeGreaterThanOrEqual(5);
    expect(relay.output()).toContain('"event":"conn.protocol_error"');
  });
});
