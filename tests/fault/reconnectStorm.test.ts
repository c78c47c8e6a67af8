import { afterEach, describe, expect, it } from 'vitest';
import { type RelayProcess, startRelayProcess } from '../support/relayProcess';
import { newRoom, openClient, type SyncClient } from '../support/yjsClient';

const CLIENTS = 200;
const BUCKET_MS = 250;
const POLICY = { baseMs: 1_000, capMs: 8_000 };
/** No 250 ms bucket may hold more than this share of the first reconnection attempts. */
const MAX_FIRST_ATTEMPT_SHARE = 0.35;

function histogram(times: readonly number[], from: number): Map<number, number> {
  const buckets = new Map<number, number>();
  for (const time of times) {
    const bucket = Math.floor((time - from) / BUCKET_MS);
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1);
  }
  return buckets;
}

function render(title: string, buckets: Map<number, number>, total: number): string {
  const last = Math.max(...buckets.keys());
  const lines = [title];
  for (let bucket = 0; bucket <= last; bucket++) {
    const count = buckets.get(bucket) ?? 0;
    const label = `${bucket * BUCKET_MS}-${(bucket + 1) * BUCKET_MS} ms`.padStart(15);
    lines.push(
      `${label} ${String(count).padStart(4)} ${'#'.repeat(Math.ceil((count / total) * 100))}`,
    );
  }
  return lines.join('\n');
}

/**
 * [FAULT2] Restart the relay under 200 connected clients that reconnect
 * with a ReconnectScheduler (full jitter). The attempts must be spread over
 * time, not a storm, and every client must converge.
 */
describe('fault: relay restart under 200 clients', () => {
  // Each y-websocket provider adds a process 'exit' listener.
  process.setMaxListeners(CLIENTS + 50);
  let relay: RelayProcess | undefined;
  const clients: SyncClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await relay?.dispose();
    relay = undefined;
  });

  it('[FAULT2] reconnection attempts are spread by full jitter and all 200 clients converge', async () => {
    relay = await startRelayProcess({ args: ['--max-connections-per-ip', '0'] });
    const running = relay;
    const { room, capability } = newRoom('storm');
    for (let i = 0; i < CLIENTS; i++) {
      clients.push(openClient(running.wsUrl, room, { capability, reconnect: { policy: POLICY } }));
    }
    await Promise.all(clients.map((c) => c.synced()));
    clients[0]?.items.push(['before']);
    await expect
      .poll(() => clients.every((c) => c.items.length === 1), { timeout: 20_000 })
      .toBe(true);

    const stoppedAt = Date.now();
    const exit = await running.stop();
    expect(exit.code).toBe(0);
    await running.restart();
    const restartedAt = Date.now();
    await expect
      .poll(() => clients.filter((c) => c.provider.synced).length, {
        timeout: 60_000,
        interval: 100,
      })
      .toBe(CLIENTS);
    const reconnectedAt = Date.now();

    clients.forEach((c, i) => {
      c.items.push([`after-${i}`]);
    });
    await expect
      .poll(() => clients.filter((c) => c.items.length === CLIENTS + 1).length, {
        timeout: 60_000,
        interval: 200,
      })
      .toBe(CLIENTS);
    const convergedAt = Date.now();
    const reference = JSON.stringify([...(clients[0]?.items.toArray() ?? [])].sort());
    for (const c of clients) expect(JSON.stringify([...c.items.toArray()].sort())).toBe(reference);

    const firstAttempts = clients.map((c) => c.attempts[0]).filter((t) => t !== undefined);
    const allAttempts = clients.flatMap((c) => c.attempts);
    const first = histogram(firstAttempts, stoppedAt);
    const largestShare = Math.max(...first.values()) / firstAttempts.length;
    console.info(
      [
        `[FAULT2] ${CLIENTS} clients, full jitter base ${POLICY.baseMs} ms cap ${POLICY.capMs} ms; relay stopped (SIGTERM, 4503) at t=0, listening again at t=${restartedAt - stoppedAt} ms; all resynced at t=${reconnectedAt - stoppedAt} ms; all converged on ${CLIENTS + 1} items at t=${convergedAt - stoppedAt} ms`,
        `attempts: ${allAttempts.length} in total (${(allAttempts.length / CLIENTS).toFixed(2)} per client); largest 250 ms bucket of first attempts: ${(largestShare * 100).toFixed(1)}%`,
        render(
          'first reconnection attempt per client (t from the stop):',
          first,
          firstAttempts.length,
        ),
        render(
          'every reconnection attempt:',
          histogram(allAttempts, stoppedAt),
          allAttempts.length,
        ),
      ].join('\n'),
    );
    expect(firstAttempts).toHaveLength(CLIENTS);
    expect(largestShare).toBeLessThanOrEqual(MAX_FIRST_ATTEMPT_SHARE);
  });
});
