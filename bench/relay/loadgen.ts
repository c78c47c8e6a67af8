/**
 * The load generator: one process per (relay, scenario), started by main.ts
 * with a job over IPC; it drives the relay with that relay's standard client
 * plus lightweight connections, measures delivery latency, samples the relay's
 * and its own CPU from /proc, and sends the result back.
 */
import {
  LightConnection,
  pool,
  type StandardClient,
  scanStamps,
  stamp,
  standardClient,
  type Target,
} from './clients';
import { CpuMeter, LatencyHistogram, MachineMeter, round2, rssMiB, sleep } from './measure';

export interface ScenarioAParams {
  readonly rooms: number;
  /** Per room: 1 standard client + (clientsPerRoom - 1) lightweight writers. */
  readonly clientsPerRoom: number;
  readonly warmupS: number;
  readonly measureS: number;
}
export interface ScenarioBParams {
  readonly rooms: number;
  readonly concurrency: number;
  readonly settleS: number;
  readonly reopenSample: number;
}
export interface ScenarioCParams {
  /** Full Y.Doc writers (standard clients). */
  readonly writers: number;
  /** Receive-only lightweight connections. */
  readonly receivers: number;
  readonly stepsPerS: readonly number[];
  readonly stepS: number;
  /** Unrecorded warm-up at the first step's rate. */
  readonly warmupS: number;
  readonly p99LimitMs: number;
}

/** (b) again, after the relay restarted: are the rooms of run `runId` still served? */
export interface ReopenParams {
  readonly runId: string;
  readonly rooms: number;
  readonly reopenSample: number;
}

export type Job =
  | { readonly scenario: 'a'; readonly target: Target; readonly params: ScenarioAParams }
  | { readonly scenario: 'b'; readonly target: Target; readonly params: ScenarioBParams }
  | { readonly scenario: 'reopen'; readonly target: Target; readonly params: ReopenParams }
  | { readonly scenario: 'c'; readonly target: Target; readonly params: ScenarioCParams };

const round1 = (v: number): number => Math.round(v * 10) / 10;
const runId = Math.random().toString(36).slice(2, 8).padEnd(6, '0');
/** Room ids: 16-64 of [A-Za-z0-9_-] (our relay's rule), unique per run. */
const roomId = (scenario: string, i: number, run = runId): string =>
  `bench-${scenario}-${run}-${String(i).padStart(6, '0')}`;

async function scenarioA(target: Target, p: ScenarioAParams) {
  const hist = new LatencyHistogram();
  const onSample = (sentAt: number): void => hist.add(performance.now() - sentAt);
  const record = (frame: Uint8Array, self?: LightConnection): void => {
    scanStamps(frame, onSample, self?.id);
  };
  const standard: StandardClient[] = [];
  const light: LightConnection[] = [];
  const t0 = performance.now();
  const roomIds = Array.from({ length: p.rooms }, (_, i) => roomId('a', i));
  await pool(roomIds, 50, async (room) => {
    const client = standardClient(target, room);
    client.onRemoteUpdate((update) => record(update));
    standard.push(client);
    const mine: LightConnection[] = [];
    for (let k = 1; k < p.clientsPerRoom; k++) {
      const conn = new LightConnection({ target, room, writer: true, onUpdate: record });
      mine.push(conn);
      light.push(conn);
    }
    await Promise.all([client.synced(), ...mine.map((c) => c.synced())]);
  });
  const connectS = round2((performance.now() - t0) / 1000);

  let sent = 0;
  const timers: NodeJS.Timeout[] = [];
  const every = (send: () => void): void => {
    const start = setTimeout(() => {
      send();
      timers.push(setInterval(send, 1000));
    }, Math.random() * 1000);
    timers.push(start);
  };
  for (const client of standard) {
    every(() => {
      client.doc.getMap('m').set('std', stamp());
      sent++;
    });
  }
  light.forEach((conn, i) => {
    every(() => {
      conn.writeStamp(`l${i}`);
      sent++;
    });
  });
  await sleep(p.warmupS * 1000);
  hist.reset();
  const sent0 = sent;
  const relayCpu = new CpuMeter(target.pid);
  const selfCpu = new CpuMeter('self');
  const machine = new MachineMeter();
  await sleep(p.measureS * 1000);
  const relayCpuPct = relayCpu.percent();
  const loadgenCpuPct = selfCpu.percent();
  const othersCpuPct = round1(machine.percent() - relayCpuPct - loadgenCpuPct);
  const result = {
    rooms: p.rooms,
    connections: standard.length + light.length,
    connectS,
    updatesPerS: Math.round((sent - sent0) / p.measureS),
    deliveries: hist.count,
    deliveryRatio: round2(hist.count / ((sent - sent0) * (p.clientsPerRoom - 1))),
    p50Ms: hist.percentile(50),
    p99Ms: hist.percentile(99),
    maxMs: round2(hist.max),
    relayCpuPct,
    loadgenCpuPct,
    othersCpuPct,
    relayRssMiB: Math.round(rssMiB(target.pid)),
  };
  for (const t of timers) clearTimeout(t);
  for (const client of standard) client.destroy();
  await Promise.all(light.map((c) => c.close()));
  return result;
}

async function scenarioB(target: Target, p: ScenarioBParams) {
  const rssStart = rssMiB(target.pid);
  const t0 = performance.now();
  const roomIds = Array.from({ length: p.rooms }, (_, i) => roomId('b', i));
  let failures = 0;
  await pool(roomIds, p.concurrency, async (room, i) => {
    const conn = new LightConnection({ target, room, writer: true });
    try {
      await conn.synced();
      conn.write('content', `room-${i}`);
      await conn.barrier();
    } catch {
      failures++;
    }
    await conn.close();
  });
  const touchS = round2((performance.now() - t0) / 1000);
  const rssAfterTouch = rssMiB(target.pid);
  await sleep(p.settleS * 1000);
  const rssIdle = rssMiB(target.pid);

  const reopened = await reopen(target, roomIds, p.reopenSample);
  return {
    runId,
    rooms: p.rooms,
    touchFailures: failures,
    touchS,
    touchesPerS: Math.round(p.rooms / touchS),
    settleS: p.settleS,
    rssStartMiB: round2(rssStart),
    rssAfterTouchMiB: round2(rssAfterTouch),
    rssIdleMiB: round2(rssIdle),
    ...reopened,
  };
}

/** Opens `sample` of the rooms (evenly spaced) with a fresh standard client: is `room-<i>` there? */
async function reopen(target: Target, roomIds: readonly string[], sampleSize: number) {
  const step = Math.max(1, Math.floor(roomIds.length / sampleSize));
  const sample = Array.from({ length: sampleSize }, (_, k) => k * step).filter(
    (i) => i < roomIds.length,
  );
  let served = 0;
  let empty = 0;
  let errors = 0;
  await pool(sample, 20, async (i) => {
    const client = standardClient(target, roomIds[i] as string);
    try {
      await client.synced(10_000);
      // The relay may send the content in its step 2 or just after: give it a moment.
      const value = (): unknown => client.doc.getMap('m').get('content');
      for (let t = 0; t < 20 && value() === undefined; t++) await sleep(10);
      if (value() === `room-${i}`) served++;
      else empty++;
    } catch {
      errors++;
    }
    client.destroy();
  });
  return {
    reopened: sample.length,
    contentServed: served,
    contentMissing: empty,
    reopenErrors: errors,
  };
}

async function scenarioC(target: Target, p: ScenarioCParams) {
  const room = roomId('c', 0);
  const hist = new LatencyHistogram();
  let lightDeliveries = 0;
  const writers = Array.from({ length: p.writers }, () => standardClient(target, room));
  for (const w of writers) {
    w.onRemoteUpdate((u) => scanStamps(u, (sentAt) => hist.add(performance.now() - sentAt)));
  }
  const receivers = Array.from(
    { length: p.receivers },
    () =>
      new LightConnection({
        target,
        room,
        onUpdate: (frame) => {
          lightDeliveries += scanStamps(frame, (sentAt) => hist.add(performance.now() - sentAt));
        },
      }),
  );
  await Promise.all([...writers.map((w) => w.synced()), ...receivers.map((r) => r.synced())]);
  const maps = writers.map((w) => w.doc.getMap('m'));

  /** Offers `rate` updates/s for `seconds`, round-robin over the writers. */
  const offer = async (
    rate: number,
    seconds: number,
  ): Promise<{ sent: number; windowS: number }> => {
    let sent = 0;
    const start = performance.now();
    const end = start + seconds * 1000;
    for (;;) {
      const now = performance.now();
      if (now >= end) break;
      const due = Math.floor(((now - start) / 1000) * rate) - sent;
      for (let k = 0; k < due; k++) {
        const w = sent % maps.length;
        maps[w]?.set(`w${w}`, stamp());
        sent++;
      }
      await sleep(2);
    }
    return { sent, windowS: (performance.now() - start) / 1000 };
  };
  // Warm-up (JIT, buffers), not recorded.
  await offer(p.stepsPerS[0] ?? 250, p.warmupS);
  await sleep(500);

  const steps: Array<Record<string, number | boolean>> = [];
  let maxPassing = 0;
  for (const rate of p.stepsPerS) {
    hist.reset();
    const relayCpu = new CpuMeter(target.pid);
    const selfCpu = new CpuMeter('self');
    const machine = new MachineMeter();
    const delivered0 = lightDeliveries;
    const { sent, windowS } = await offer(rate, p.stepS);
    const inWindow = lightDeliveries - delivered0;
    const relayCpuPct = relayCpu.percent();
    const loadgenCpuPct = selfCpu.percent();
    const othersCpuPct = round1(machine.percent() - relayCpuPct - loadgenCpuPct);
    // Let what was sent arrive (its latency counts), bounded.
    const expected = delivered0 + sent * p.receivers;
    const drainStart = performance.now();
    while (lightDeliveries < expected && performance.now() - drainStart < 5_000) await sleep(20);
    const achieved = Math.round(inWindow / p.receivers / windowS);
    const p99 = hist.percentile(99);
    const pass = p99 <= p.p99LimitMs && achieved >= rate * 0.95 && lightDeliveries >= expected;
    steps.push({
      offeredPerS: rate,
      achievedPerS: achieved,
      p50Ms: hist.percentile(50),
      p99Ms: p99,
      lost: Math.max(0, expected - lightDeliveries),
      relayCpuPct,
      loadgenCpuPct,
      othersCpuPct,
      pass,
    });
    process.stderr.write(
      `    [${target.name}] c: ${rate}/s -> ${achieved}/s p50 ${hist.percentile(50)} ms p99 ${p99} ms relay ${relayCpuPct}% gen ${loadgenCpuPct}%\n`,
    );
    if (!pass) break;
    maxPassing = rate;
    await sleep(500);
  }
  for (const w of writers) w.destroy();
  await Promise.all(receivers.map((r) => r.close()));
  return {
    connections: p.writers + p.receivers,
    maxRatePerS: maxPassing,
    relayRssMiB: Math.round(rssMiB(target.pid)),
    steps,
  };
}

process.on('message', (job: Job) => {
  const run = async (): Promise<unknown> => {
    switch (job.scenario) {
      case 'a':
        return scenarioA(job.target, job.params);
      case 'b':
        return scenarioB(job.target, job.params);
      case 'c':
        return scenarioC(job.target, job.params);
      case 'reopen': {
        const { runId: run, rooms } = job.params;
        const ids = Array.from({ length: rooms }, (_, i) => roomId('b', i, run));
        return reopen(job.target, ids, job.params.reopenSample);
      }
    }
  };
  run().then(
    (result) => process.send?.({ ok: true, result }, () => process.exit(0)),
    (error: unknown) =>
      process.send?.({ ok: false, error: String((error as Error)?.stack ?? error) }, () =>
        process.exit(1),
      ),
  );
});
