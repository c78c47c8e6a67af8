/**
 * bench:cluster: rooms x clients fan-out on 3 cluster relays (Redis streams +
 * Postgres, servers from scripts/cluster-services.mjs) beside the single relay
 * (embedded store), in one run, on 127.0.0.1.
 *
 * Per configuration: ROOMS rooms, CLIENTS clients each (spread round-robin
 * over the relays in the cluster); in each room one writer sends RATE small
 * updates per second for SECONDS s. Measured: delivery latency p50/p99 at
 * receivers on the writer's relay (same process) and on the other relays
 * (cross process), deliveries per second, relay CPU (utime+stime from
 * /proc/<pid>/stat, all relays summed) per written update. The clients run
 * in this process (y-websocket providers), so latency includes their work.
 *
 * Run: pnpm bench:cluster   (BENCH_QUICK=1: half the rooms and time)
 */
import { readFileSync } from 'node:fs';
import { type ClusterRelays, startClusterRelays } from '../../tests/support/clusterRelays';
import { type RelayProcess, startRelayProcess } from '../../tests/support/relayProcess';
import { newRoom, openClient, type SyncClient } from '../../tests/support/yjsClient';

const quick = process.env.BENCH_QUICK === '1';
const ROOMS = quick ? 10 : 20;
const CLIENTS = 9;
const RATE = 10;
const SECONDS = quick ? 5 : 10;
const TICKS_PER_SECOND = 100;

interface Result {
  readonly config: string;
  readonly relays: number;
  readonly written: number;
  readonly delivered: number;
  readonly deliveriesPerSecond: number;
  readonly sameProcess: { p50: number; p99: number; n: number };
  readonly crossProcess: { p50: number; p99: number; n: number };
  readonly cpuMsPerUpdate: number;
}

function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return 0;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

function quantiles(values: number[]): { p50: number; p99: number; n: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number =>
    Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) * 10) / 10;
  return { p50: at(0.5), p99: at(0.99), n: sorted.length };
}

async function run(config: string, relays: readonly RelayProcess[]): Promise<Result> {
  const clients: SyncClient[] = [];
  const same: number[] = [];
  const cross: number[] = [];
  let delivered = 0;
  const writers: SyncClient[] = [];
  for (let r = 0; r < ROOMS; r++) {
    const { room, capability } = newRoom('bench');
    for (let c = 0; c < CLIENTS; c++) {
      const relayIndex = c % relays.length;
      const client = openClient(relays[relayIndex]?.wsUrl ?? '', room, { capability });
      clients.push(client);
      if (c === 0) {
        writers.push(client);
        continue;
      }
      const bucket = relayIndex === 0 ? same : cross;
      client.items.observe((event) => {
        if (event.transaction.local) return;
        const now = performance.now();
        for (const item of event.changes.delta.flatMap((d) => (d.insert as string[]) ?? [])) {
          delivered += 1;
          bucket.push(now - Number(item.split('|')[0]));
        }
      });
    }
  }
  await Promise.all(clients.map((client) => client.synced()));
  const cpuBefore = relays.reduce((sum, relay) => sum + cpuMs(relay.pid()), 0);
  const started = performance.now();
  let written = 0;
  await new Promise<void>((done) => {
    const timer = setInterval(() => {
      for (const writer of writers) writer.items.push([`${performance.now()}|${written++}`]);
      if (performance.now() - started >= SECONDS * 1000) {
        clearInterval(timer);
        done();
      }
    }, 1000 / RATE);
  });
  const expected = written * (CLIENTS - 1);
  const deadline = Date.now() + 20_000;
  while (delivered < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const elapsed = (performance.now() - started) / 1000;
  const cpuAfter = relays.reduce((sum, relay) => sum + cpuMs(relay.pid()), 0);
  for (const client of clients) client.destroy();
  return {
    config,
    relays: relays.length,
    written,
    delivered,
    deliveriesPerSecond: Math.round(delivered / elapsed),
    sameProcess: quantiles(same),
    crossProcess: quantiles(cross),
    cpuMsPerUpdate: Math.round(((cpuAfter - cpuBefore) / written) * 1000) / 1000,
  };
}

async function main(): Promise<void> {
  const results: Result[] = [];
  const single = await startRelayProcess({ args: ['--max-connections-per-ip', '0'] });
  try {
    results.push(await run('single relay (embedded store)', [single]));
  } finally {
    await single.dispose();
  }
  let cluster: ClusterRelays | undefined;
  try {
    cluster = await startClusterRelays(3, { args: ['--max-connections-per-ip', '0'] });
    results.push(await run('3 cluster relays (Redis + Postgres)', cluster.relays));
  } finally {
    await cluster?.dispose();
  }
  process.stdout.write(
    `rooms ${ROOMS} x clients ${CLIENTS}, 1 writer per room at ${RATE}/s for ${SECONDS} s\n`,
  );
  for (const r of results) {
    process.stdout.write(
      `${r.config}: written ${r.written}, delivered ${r.delivered}/${r.written * (CLIENTS - 1)} ` +
        `(${r.deliveriesPerSecond}/s); same-process p50/p99 ${r.sameProcess.p50}/${r.sameProcess.p99} ms ` +
        `(n ${r.sameProcess.n}); cross-process p50/p99 ${r.crossProcess.p50}/${r.crossProcess.p99} ms ` +
        `(n ${r.crossProcess.n}); relay CPU ${r.cpuMsPerUpdate} ms per written update\n`,
    );
  }
  process.stdout.write(`${JSON.stringify(results)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench:cluster failed: ${String(error)}\n`);
    process.exit(1);
  },
);
