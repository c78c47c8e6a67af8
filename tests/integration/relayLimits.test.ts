import { encodeAwarenessUpdate, encodeWireMessage, relaySubprotocols } from '@ensemble/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fetchMetrics, metricValue, type RawClient, rawClient } from '../support/rawClient';
import { type RelayProcess, startRelayProcess } from '../support/relayProcess';
import { newRoom, openClient, pushEach, type SyncClient, sorted } from '../support/yjsClient';

const LIMIT_ARGS = [
  '--max-message-bytes',
  '16384',
  '--max-messages-per-second',
  '50',
  '--message-burst',
  '60',
  '--max-bytes-per-second',
  '16384',
  '--max-awareness-per-second',
  '5',
  '--max-connections-per-ip',
  '6',
];

const awarenessFrame = (clientId: number, clock: number, padding = 0): Uint8Array =>
  encodeWireMessage({
    type: 'awareness',
    update: encodeAwarenessUpdate([
      { clientId, clock, stateJson: JSON.stringify({ name: 'x'.repeat(padding) }) },
    ]),
  });

const rejections = (text: string, reason: string): number =>
  metricValue(text, `ensemble_relay_rejections_total{reason="${reason}"}`);

describe('relay process: limits close only the offending connection, with its code', () => {
  let relay: RelayProcess;
  const { room, capability } = newRoom('limits');
  let alice: SyncClient;
  let bob: SyncClient;
  const raws: RawClient[] = [];
  const expected: string[] = [];
  const offender = async (): Promise<RawClient> => {
    const client = rawClient(`${relay.wsUrl}/${room}`, relaySubprotocols({ capability }));
    raws.push(client);
    await client.opened;
    return client;
  };
  /** Both well-behaved clients are still connected and still converge. */
  const roomStillSyncs = async (): Promise<void> => {
    const text = `after-${expected.length}`;
    expected.push(text);
    pushEach(bob, [text]);
    await expect.poll(() => sorted(alice)).toEqual([...expected].sort());
    expect(alice.provider.wsconnected && bob.provider.wsconnected).toBe(true);
  };

  beforeAll(async () => {
    relay = await startRelayProcess({ args: LIMIT_ARGS });
    alice = openClient(relay.wsUrl, room, { capability });
    bob = openClient(relay.wsUrl, room, { capability });
    await Promise.all([alice.synced(), bob.synced()]);
  });
  afterEach(async () => {
    for (const raw of raws.splice(0)) raw.close();
    await expect
      .poll(
        async () =>
          ((await (await fetch(`${relay.url}/healthz`)).json()) as { connections: number })
            .connections,
      )
      .toBe(2);
  });
  afterAll(async () => {
    alice.destroy();
    bob.destroy();
    await relay.dispose();
  });

  it('[LIM1] a connection over the message rate is closed with 4529, the room keeps syncing', async () => {
    const before = await fetchMetrics(relay.url);
    const flood = await offender();
    for (let i = 0; i < 200; i++) flood.send(Uint8Array.of(3));
    const closed = await flood.closed;
    expect(closed.code).toBe(4529);
    expect(closed.reason).toContain('rate-limited');
    await roomStillSyncs();
    expect(rejections(await fetchMetrics(relay.url), 'message-rate')).toBe(
      rejections(before, 'message-rate') + 1,
    );
  });

  it('[LIM2] a connection over the byte rate is closed with 4529, the room keeps syncing', async () => {
    const before = await fetchMetrics(relay.url);
    const heavy = await offender();
    // 12 KiB frames against a 32 KiB burst: the third one breaks it.
    for (let i = 1; i <= 6; i++) heavy.send(awarenessFrame(900_000, i, 12_000));
    const closed = await heavy.closed;
    expect(closed.code).toBe(4529);
    expect(closed.reason).toContain('bytes/s');
    await roomStillSyncs();
    expect(rejections(await fetchMetrics(relay.url), 'byte-rate')).toBe(
      rejections(before, 'byte-rate') + 1,
    );
  });

  it('[LIM3] awareness beyond its rate is dropped and counted, and the connection stays', async () => {
    const before = await fetchMetrics(relay.url);
    const chatty = await offender();
    const seenByAlice = new Set<number>();
    alice.provider.awareness.on('change', () => {
      const state = alice.provider.awareness.getStates().get(4242) as { n?: number } | undefined;
      if (state?.n !== undefined) seenByAlice.add(state.n);
    });
    for (let clock = 1; clock <= 40; clock++) {
      chatty.send(
        encodeWireMessage({
          type: 'awareness',
          update: encodeAwarenessUpdate([{ clientId: 4242, clock, stateJson: `{"n":${clock}}` }]),
        }),
      );
    }
    chatty.send(encodeWireMessage({ type: 'syncStep1', stateVector: Uint8Array.of(0) }));
    // The relay answers the step 1: the connection is alive after the burst.
    await expect.poll(() => chatty.frames.some((f) => f[0] === 0 && f[1] === 1)).toBe(true);
    expect(chatty.isOpen()).toBe(true);
    const after = await fetchMetrics(relay.url);
    const dropped =
      metricValue(after, 'ensemble_relay_awareness_dropped_total') -
      metricValue(before, 'ensemble_relay_awareness_dropped_total');
    // At least 40 - burst (5) - refill of the offender's messages; a stock
    // provider also re-sends the awareness it receives, so alice's and bob's
    // echoes may be dropped too.
    expect(dropped).toBeGreaterThanOrEqual(30);
    await expect.poll(() => seenByAlice.size).toBeGreaterThan(0);
    expect(seenByAlice.size).toBeLessThanOrEqual(10);
    await roomStillSyncs();
  });

  it('[LIM4] connections beyond the per-address limit are refused with 4529 after the upgrade', async () => {
    const before = await fetchMetrics(relay.url);
    // alice and bob hold 2 of the 6.
    const allowed = await Promise.all([offender(), offender(), offender(), offender()]);
    const refused = await offender();
    const closed = await refused.closed;
    expect(closed.code).toBe(4529);
    expect(closed.reason).toContain('connections per address');
    expect(refused.bytesOfType(0)).toBe(0);
    expect(allowed.every((c) => c.isOpen())).toBe(true);
    await roomStillSyncs();
    allowed[0]?.close();
    await allowed[0]?.closed;
    await expect
      .poll(async () => {
        const again = await offender();
        await Promise.race([again.closed, new Promise((r) => setTimeout(r, 300))]);
        return again.isOpen();
      })
      .toBe(true);
    expect(rejections(await fetchMetrics(relay.url), 'connections-per-ip')).toBeGreaterThan(
      rejections(before, 'connections-per-ip'),
    );
  });

  it('[LIM5] a message over the size limit is closed with 4413 and counted', async () => {
    const before = await fetchMetrics(relay.url);
    const big = await offender();
    big.send(awarenessFrame(900_001, 1, 20_000));
    expect((await big.closed).code).toBe(4413);
    await roomStillSyncs();
    expect(rejections(await fetchMetrics(relay.url), 'message-too-large')).toBe(
      rejections(before, 'message-too-large') + 1,
    );
  });
});
