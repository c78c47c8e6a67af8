import {
  decodeAwarenessUpdate,
  decodeWireMessage,
  encodeAwarenessUpdate,
  encodeWireMessage,
  relaySubprotocols,
} from '@ensemble/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RawClient, rawClient } from '../support/rawClient';
import { type RelayProcess, startRelayProcess } from '../support/relayProcess';
import { newRoom, openClient, type SyncClient } from '../support/yjsClient';
import { FrameMutator, type Mutation, prng, validFrames } from './fuzzCorpus';

/** 10,000 by default; `FUZZ_FRAMES=100000` for the extended run. */
const FRAMES = Number(process.env.FUZZ_FRAMES ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20_240_601);
const LANES = Number(process.env.FUZZ_LANES ?? 8);
const MAX_MESSAGE_BYTES = 64 * 1024;
const PROBE_TIMEOUT_MS = 5_000;
const WRITE_EVERY_FRAMES = 20;
/** Codes a fuzzed connection may be closed with: it sent something wrong. */
const EXPECTED_CODES = new Set([4400, 4413, 4415]);

const RELAY_ARGS = [
  '--max-message-bytes',
  String(MAX_MESSAGE_BYTES),
  // Fuzzing the decoder, not the rate limits: lift them.
  '--max-connections-per-ip',
  '0',
  '--max-messages-per-second',
  '1000000',
  '--message-burst',
  '1000000',
  '--max-bytes-per-second',
  '1073741824',
  '--max-awareness-per-second',
  '1000000',
];

interface Stats {
  frames: number;
  connections: number;
  closes: Map<number, number>;
  byMutation: Map<Mutation, { sent: number; closed: number }>;
  probeTimeouts: number;
  unsolicited: number;
  /** Close reasons of frames sent unmutated (valid frames can still be refused: see below). */
  validRefusals: Map<string, number>;
}

/**
 * One fuzzing connection. After each fuzz frame it sends a query-awareness
 * probe; the relay answers with the room's awareness, which includes this
 * connection's own marker entry. The answer proves the relay processed the
 * fuzz frame and kept the connection; a close proves it refused it.
 */
class LaneConnection {
  private readonly client: RawClient;
  private readonly marker: number;
  private waiter: ((outcome: number | 'alive') => void) | undefined;
  /**
   * Answers not awaited by the current frame: must stay 0, or answers would be
   * credited to the wrong frame. (Answers that arrive in the same TCP read as
   * the previous one are queued in `early` for the next wait.)
   */
  unsolicited = 0;
  private early = 0;
  /** The well-behaved client's awareness id: every probe answer (a room snapshot) holds it. */
  private readonly witness: number;
  private started = false;
  private closeCode: number | undefined;
  closeReason = '';

  private constructor(client: RawClient, marker: number, witness: number) {
    this.client = client;
    this.marker = marker;
    this.witness = witness;
    client.ws.on('message', (data) => {
      if (this.carriesMarker(new Uint8Array(data as Buffer))) {
        this.settle('alive');
        this.started = true;
      }
    });
    void client.closed.then(({ code, reason }) => {
      this.closeCode = code;
      this.closeReason = reason;
      this.settle(code);
    });
  }

  static async open(
    url: string,
    protocols: string[],
    marker: number,
    witness: number,
  ): Promise<LaneConnection> {
    const connection = new LaneConnection(rawClient(url, protocols), marker, witness);
    await connection.client.opened;
    const announce = encodeWireMessage({
      type: 'awareness',
      update: encodeAwarenessUpdate([
        { clientId: marker, clock: 1, stateJson: JSON.stringify({ fuzzer: marker }) },
      ]),
    });
    // The relay echoes the announcement to its sender: wait for that echo.
    const echoed = connection.next();
    connection.client.ws.send(announce);
    const outcome = await echoed;
    if (outcome !== 'alive') throw new Error(`lane connection closed at start: ${outcome}`);
    return connection;
  }

  get isOpen(): boolean {
    return this.closeCode === undefined && this.client.isOpen();
  }

  /**
   * Sends one fuzz frame and a probe; resolves 'alive' or the close code. A
   * fuzz frame that is itself a valid query-awareness is answered too: then
   * two answers are awaited, so no answer is ever credited to a later frame.
   */
  async sendAndProbe(frame: Uint8Array | string): Promise<number | 'alive' | 'timeout'> {
    const decoded = typeof frame === 'string' ? undefined : decodeWireMessage(frame);
    const answers = decoded?.ok === true && decoded.value.type === 'queryAwareness' ? 2 : 1;
    this.unsolicited += this.early;
    this.early = 0;
    this.client.ws.send(frame);
    if (this.client.isOpen()) this.client.ws.send(Uint8Array.of(3));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), PROBE_TIMEOUT_MS);
    });
    try {
      for (let i = 0; i < answers; i++) {
        const outcome = await Promise.race([this.next(), timeout]);
        if (outcome !== 'alive') return outcome;
      }
      return 'alive';
    } finally {
      clearTimeout(timer);
    }
  }

  close(): void {
    this.client.close();
  }

  private next(): Promise<number | 'alive'> {
    if (this.early > 0) {
      this.early--;
      return Promise.resolve('alive');
    }
    if (this.closeCode !== undefined) return Promise.resolve(this.closeCode);
    return new Promise((resolve) => {
      this.waiter = resolve;
    });
  }

  private settle(outcome: number | 'alive'): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    if (waiter !== undefined) waiter(outcome);
    else if (outcome === 'alive') this.early++;
  }

  /**
   * At the start: the relay's echo of our announcement. Afterwards: a room
   * snapshot, i.e. our marker AND the well-behaved client's entry (a stock
   * provider re-sends awareness it receives, one client at a time: those
   * copies of our marker are not answers).
   */
  private carriesMarker(frame: Uint8Array): boolean {
    const message = decodeWireMessage(frame);
    if (!message.ok || message.value.type !== 'awareness') return false;
    const entries = decodeAwarenessUpdate(message.value.update);
    if (!entries.ok) return false;
    const present = (id: number) =>
      entries.value.some((e) => e.clientId === id && e.stateJson !== 'null');
    return present(this.marker) && (!this.started || present(this.witness));
  }
}

async function health(relay: RelayProcess): Promise<boolean> {
  const res = await fetch(`${relay.url}/healthz`);
  return res.ok && ((await res.json()) as { ok: boolean }).ok;
}

describe('fault: fuzzed frames', () => {
  let relay: RelayProcess;
  const { room, capability } = newRoom('fuzz');
  let good: SyncClient;
  let goodCloses = 0;
  const written: string[] = [];

  beforeAll(async () => {
    relay = await startRelayProcess({ args: RELAY_ARGS });
    good = openClient(relay.wsUrl, room, { capability });
    good.provider.awareness.setLocalState({ name: 'well-behaved' });
    good.provider.on('connection-close', () => {
      goodCloses++;
    });
    await good.synced();
  });
  afterAll(async () => {
    good.destroy();
    await relay.dispose();
  });

  it(`[FUZZ1] ${FRAMES} random and mutated frames: the relay stays up, only offenders are closed`, {
    timeout: Math.max(120_000, FRAMES * 10),
  }, async () => {
    const startedAt = Date.now();
    const random = prng(SEED);
    const corpus = validFrames(random);
    const stats: Stats = {
      frames: 0,
      connections: 0,
      closes: new Map(),
      byMutation: new Map(),
      probeTimeouts: 0,
      unsolicited: 0,
      validRefusals: new Map(),
    };
    // The well-behaved client keeps writing while the fuzzers run: one item
    // every WRITE_EVERY_FRAMES frames (tied to progress, not time, so the room
    // grows the same way at any speed: each join costs O(room size)).
    const write = (): void => {
      const text = `good-${written.length}`;
      written.push(text);
      good.items.push([text]);
    };
    const url = `${relay.wsUrl}/${room}`;
    const protocols = relaySubprotocols({ capability });
    let healthChecks = 0;

    const lane = async (index: number, quota: number): Promise<void> => {
      const mutator = new FrameMutator(prng(SEED + 1 + index), corpus, MAX_MESSAGE_BYTES);
      let connection: LaneConnection | undefined;
      for (let i = 0; i < quota; i++) {
        if (connection === undefined || !connection.isOpen) {
          stats.connections++;
          if (connection !== undefined) stats.unsolicited += connection.unsolicited;
          connection = await LaneConnection.open(
            url,
            protocols,
            8_000_000 + index * 1_000_000 + stats.connections,
            good.doc.clientID,
          );
        }
        const { mutation, frame } = mutator.next();
        const outcome = await connection.sendAndProbe(frame);
        stats.frames++;
        if (stats.frames % WRITE_EVERY_FRAMES === 0) write();
        const tally = stats.byMutation.get(mutation) ?? { sent: 0, closed: 0 };
        tally.sent++;
        if (outcome === 'timeout') {
          stats.probeTimeouts++;
          connection.close();
          connection = undefined;
        } else if (outcome !== 'alive') {
          tally.closed++;
          stats.closes.set(outcome, (stats.closes.get(outcome) ?? 0) + 1);
          if (mutation === 'valid') {
            const reason = connection.closeReason;
            stats.validRefusals.set(reason, (stats.validRefusals.get(reason) ?? 0) + 1);
          }
        }
        stats.byMutation.set(mutation, tally);
        if (stats.frames % 2_000 === 0) {
          expect(await health(relay)).toBe(true);
          healthChecks++;
        }
      }
      if (connection !== undefined) stats.unsolicited += connection.unsolicited;
      connection?.close();
    };
    await Promise.all(
      Array.from({ length: LANES }, (_, index) =>
        lane(index, Math.floor(FRAMES / LANES) + (index < FRAMES % LANES ? 1 : 0)),
      ),
    );
    const fuzzMs = Date.now() - startedAt;

    // The relay is up, the well-behaved client was never cut, and its data is intact.
    expect(await health(relay)).toBe(true);
    const fresh = openClient(relay.wsUrl, room, { capability });
    try {
      await fresh.synced();
      await expect.poll(() => fresh.items.length, { timeout: 20_000 }).toBe(written.length);
      expect(fresh.items.toArray()).toEqual(good.items.toArray());
      expect([...fresh.items.toArray()].sort()).toEqual([...written].sort());
    } finally {
      fresh.destroy();
    }

    const closes = [...stats.closes.entries()].sort(([a], [b]) => a - b);
    const mutations = [...stats.byMutation.entries()]
      .map(([name, t]) => `${name} ${t.sent} (closed ${t.closed})`)
      .join(', ');
    console.info(
      [
        `[FUZZ1] seed ${SEED}: ${stats.frames} frames over ${stats.connections} connections (${LANES} lanes) in ${fuzzMs} ms; well-behaved client wrote ${written.length} items, closed ${goodCloses} times; ${healthChecks} mid-run health checks`,
        `closes by code: ${closes.map(([code, n]) => `${code}: ${n}`).join(', ')}; frames kept alive: ${stats.frames - closes.reduce((s, [, n]) => s + n, 0) - stats.probeTimeouts}; probe timeouts: ${stats.probeTimeouts}; unsolicited answers: ${stats.unsolicited}`,
        `by mutation: ${mutations}`,
        `unmutated frames refused: ${[...stats.validRefusals].map(([r, n]) => `${n}x "${r}"`).join(', ')}`,
      ].join('\n'),
    );
    expect(stats.frames).toBe(FRAMES);
    expect(stats.probeTimeouts).toBe(0);
    expect(stats.unsolicited).toBe(0);
    expect(goodCloses).toBe(0);
    for (const [code] of closes) expect(EXPECTED_CODES.has(code), `close code ${code}`).toBe(true);
    expect(relay.output()).not.toMatch(/"event":"room\.failed"|"level":"error"/);
  });
});
