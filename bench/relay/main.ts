/**
 * bench:relay: our relay vs the stock @y/websocket-server 0.1.1 and
 * Hocuspocus 3.4.4, side by side in one run, on 127.0.0.1 only.
 *
 * Each relay runs in its own child process (fresh for every scenario), driven
 * by a load-generator child process (loadgen.ts); CPU and RSS are read from
 * /proc/<pid>. Scenarios:
 *   a) N rooms x 5 clients, each sending one small update per second:
 *      p50/p99 delivery latency, relay CPU;
 *   b) relay RSS after M rooms were each touched once and left idle, then
 *      a sample of idle rooms reopened with a fresh client: content served?
 *   c) one room, 50 connections (2 full Y.Doc writers + 48 receive-only):
 *      offered update rate stepped up until p99 > 100 ms.
 *
 * Run: pnpm bench:relay                (full, ~8 minutes)
 *      BENCH_QUICK=1 pnpm bench:relay  (scaled down, ~2 minutes)
 * Optional: BENCH_RELAYS=ensemble,y-websocket-server,hocuspocus  BENCH_SCENARIOS=a,b,c
 *           BENCH_CPU_PROF=<dir>  (our relay runs under node --cpu-prof)
 */
import { type ChildProcess, execFileSync, execSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import type { Dialect, Target } from './clients';
import type { Job, ScenarioAParams, ScenarioBParams, ScenarioCParams } from './loadgen';
import { cpuProbeMs, MachineMeter, sleep, stealSnapshot } from './measure';

const HERE = dirname(fileURLToPath(import.meta.url));
const BENCH_DIR = resolve(HERE, '..');
const REPO_ROOT = resolve(BENCH_DIR, '..');
const SYNC_SERVER_DIR = join(REPO_ROOT, 'sync-server');
const HOST = '127.0.0.1';

const quick = process.env.BENCH_QUICK === '1';
const params = quick
  ? {
      a: { rooms: 200, clientsPerRoom: 5, warmupS: 2, measureS: 6 } satisfies ScenarioAParams,
      b: { rooms: 2_000, concurrency: 50, settleS: 3, reopenSample: 100 } satisfies ScenarioBParams,
      c: {
        writers: 2,
        receivers: 48,
        stepsPerS: [500, 1000, 2000, 3000, 4000, 6000, 8000],
        stepS: 2.5,
        warmupS: 1.5,
        p99LimitMs: 100,
      } satisfies ScenarioCParams,
    }
  : {
      a: { rooms: 1_000, clientsPerRoom: 5, warmupS: 4, measureS: 15 } satisfies ScenarioAParams,
      b: {
        rooms: 10_000,
        concurrency: 50,
        settleS: 10,
        reopenSample: 200,
      } satisfies ScenarioBParams,
      c: {
        writers: 2,
        receivers: 48,
        stepsPerS: [250, 500, 1000, 2000, 3000, 4000, 5000, 6000, 8000, 10000, 12000, 15000, 20000],
        stepS: 6,
        warmupS: 3,
        p99LimitMs: 100,
      } satisfies ScenarioCParams,
    };

type RelayName = 'ensemble' | 'y-websocket-server' | 'hocuspocus';
const ALL_RELAYS: RelayName[] = ['ensemble', 'y-websocket-server', 'hocuspocus'];
const relays = (process.env.BENCH_RELAYS?.split(',') ?? ALL_RELAYS) as RelayName[];
const scenarios = (process.env.BENCH_SCENARIOS?.split(',') ?? ['a', 'b', 'c']) as Array<
  'a' | 'b' | 'c'
>;
const cpuProfDir = process.env.BENCH_CPU_PROF;
/** BENCH_DIAG=<file>: our relay appends event-loop delay and GC pauses there (diag.ts). */
const diagFile = process.env.BENCH_DIAG;

interface RunningServer {
  readonly target: Target;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, HOST, () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

let relayHelp: string | undefined;
/**
 * Flags for our relay, each only if this version has it: open rooms (no
 * capabilities: the peers have none) and limits lifted, because the load
 * generator is one address standing for thousands of clients and its (c)
 * writers send far more than a person would; the peers have no such limits.
 */
function ourRelayFlags(): string[] {
  relayHelp ??= execFileSync(process.execPath, ['--import', 'tsx', 'src/main.ts', '--help'], {
    cwd: SYNC_SERVER_DIR,
    encoding: 'utf8',
  });
  const wanted: Array<[string, string | null]> = [
    ['--open-rooms', null],
    ['--max-connections-per-ip', '0'],
    ['--max-messages-per-second', '1000000'],
    ['--message-burst', '1000000'],
    ['--max-bytes-per-second', '1073741824'],
  ];
  return wanted.flatMap(([flag, value]) =>
    relayHelp?.includes(flag) ? (value === null ? [flag] : [flag, value]) : [],
  );
}

/**
 * Our relay is started exactly as its start script starts it (sync-server's
 * package.json `scripts.start`: `node bundle.mjs && [VAR=value ...] exec node
 * [node flags] <script>`): the bundle is built first, then the same
 * environment, the same node flags. BENCH_OUR_NODE_FLAGS replaces the flags
 * (experiments only).
 */
function ourLaunch(): { env: Record<string, string>; nodeArgs: string[]; script: string } {
  const pkg = JSON.parse(readFileSync(join(SYNC_SERVER_DIR, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const steps = pkg.scripts.start.split('&&').map((step) => step.trim());
  const last = steps.pop() ?? '';
  for (const step of steps) execSync(step, { cwd: SYNC_SERVER_DIR, stdio: 'inherit' });
  const words = last.split(/\s+/);
  const env: Record<string, string> = {};
  while (words[0]?.includes('=') === true) {
    const [name, value] = (words.shift() as string).split('=') as [string, string];
    env[name] = value;
  }
  if (words[0] === 'exec') words.shift();
  if (words.shift() !== 'node') throw new Error(`unexpected start script: ${pkg.scripts.start}`);
  const script = words.pop() as string;
  const override = process.env.BENCH_OUR_NODE_FLAGS;
  const nodeArgs =
    override === undefined ? words : override.split(/\s+/).filter((w) => w.length > 0);
  return { env, nodeArgs, script };
}

/** bench/relay/diag.ts as one plain-JavaScript module in `workDir`; returns its path. */
function diagScript(workDir: string): string {
  const outfile = join(workDir, 'diag.mjs');
  buildSync({
    entryPoints: [join(HERE, 'diag.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  return outfile;
}

/** `keepData`: our relay restarts on the data directory it had (the peers keep nothing). */
async function startServer(
  name: RelayName,
  workDir: string,
  keepData = false,
): Promise<RunningServer> {
  const port = await freePort();
  const log = openSync(join(workDir, `${name}.log`), 'a');
  let child: ChildProcess;
  let dialect: Dialect = 'y-websocket';
  let url = `ws://${HOST}:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, HOST, PORT: String(port) };
  if (name === 'ensemble') {
    const dataDir = join(workDir, 'ensemble-data');
    if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    const profile = cpuProfDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`];
    const launch = ourLaunch();
    child = spawn(
      process.execPath,
      [
        ...profile,
        ...launch.nodeArgs,
        // diag.ts compiled to plain JavaScript: no TypeScript loader in the relay's memory.
        ...(diagFile === undefined ? [] : ['--import', diagScript(workDir)]),
        launch.script,
        '--host',
        HOST,
        '--port',
        String(port),
        '--data-dir',
        dataDir,
        '--static-dir',
        join(workDir, 'no-static'),
        ...ourRelayFlags(),
      ],
      {
        cwd: SYNC_SERVER_DIR,
        env: { ...env, ...launch.env, OPEN_ROOMS: '1', BENCH_DIAG_FILE: diagFile },
        stdio: ['ignore', log, log],
      },
    );
    url = `ws://${HOST}:${port}/sync`;
  } else if (name === 'y-websocket-server') {
    // The stock server exactly as its bin runs it: in-memory docs, no persistence.
    const bin = join(BENCH_DIR, 'node_modules', '@y', 'websocket-server', 'src', 'server.js');
    const { YPERSISTENCE: _persistence, ...stockEnv } = env;
    child = spawn(process.execPath, [bin], {
      cwd: BENCH_DIR,
      env: stockEnv,
      stdio: ['ignore', log, log],
    });
  } else {
    dialect = 'hocuspocus';
    child = spawn(process.execPath, ['--import', 'tsx', join(HERE, 'servers', 'hocuspocus.ts')], {
      cwd: BENCH_DIR,
      env,
      stdio: ['ignore', log, log],
    });
  }
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited early; see ${workDir}`);
    try {
      await fetch(`http://${HOST}:${port}/`);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`${name} did not start`);
      await sleep(100);
    }
  }
  return {
    target: { name, dialect, url, pid: child.pid as number },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(force);
    },
  };
}

/**
 * The machine is shared: before each run, wait (bounded) until the rest of
 * it uses under QUIET_PCT of one core; returns the last reading, reported.
 */
const QUIET_PCT = 30;
async function waitForQuiet(): Promise<number> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const meter = new MachineMeter();
    await sleep(1_000);
    const busy = meter.percent();
    if (busy < QUIET_PCT || Date.now() > deadline) return busy;
    process.stderr.write(`  (machine busy ${busy}% of a core: waiting for quiet)\n`);
  }
}

function runLoadgen(job: Job): Promise<Record<string, unknown>> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(HERE, 'loadgen.ts')], {
    cwd: BENCH_DIR,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`load generator timed out (${job.target.name} ${job.scenario})`));
    }, 240_000);
    child.once('message', (reply: { ok: boolean; result?: unknown; error?: string }) => {
      clearTimeout(timer);
      if (reply.ok) done(reply.result as Record<string, unknown>);
      else fail(new Error(reply.error));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0) fail(new Error(`load generator exited with ${code}`));
    });
    child.send(job);
  });
}

interface RunRecord {
  relay: RelayName;
  scenario: 'a' | 'b' | 'c';
  /** CPU the rest of the machine used just before the run (% of one core). */
  busyBeforePct: number;
  probeMsBefore: number;
  probeMsAfter: number;
  stealPct: number;
  result?: Record<string, unknown>;
  error?: string;
}

async function main(): Promise<void> {
  const workDir = mkdtempSync(join(tmpdir(), 'bench-relay-'));
  const machine = {
    nproc: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    mode: quick ? 'quick' : 'full',
  };
  console.log(
    `bench:relay (${machine.mode}) on ${machine.nproc} x ${machine.cpu}, node ${machine.node}`,
  );
  console.log(`parameters: ${JSON.stringify(params)}`);
  if (relays.includes('ensemble')) {
    const launch = ourLaunch();
    console.log(
      `our relay: ${Object.entries(launch.env)
        .map(([k, v]) => `${k}=${v} `)
        .join('')}node ${launch.nodeArgs.join(' ')} ${launch.script} ${ourRelayFlags().join(' ')}`,
    );
  }
  const runs: RunRecord[] = [];
  const started = Date.now();
  // Scenario-major order: the three relays are measured close together in
  // time, so a swing in the machine's speed hits them alike.
  for (const scenario of scenarios) {
    for (const relay of relays) {
      const busyBeforePct = await waitForQuiet();
      const probeMsBefore = cpuProbeMs();
      const steal0 = stealSnapshot();
      const record: RunRecord = {
        relay,
        scenario,
        busyBeforePct,
        probeMsBefore,
        probeMsAfter: 0,
        stealPct: 0,
      };
      process.stderr.write(
        `  ${scenario} / ${relay}: machine busy ${busyBeforePct}%, probe ${probeMsBefore} ms ...\n`,
      );
      let server: RunningServer | undefined;
      try {
        server = await startServer(relay, workDir);
        await sleep(500);
        const job = { scenario, target: server.target, params: params[scenario] } as Job;
        record.result = await runLoadgen(job);
        if (scenario === 'b') {
          // And after a restart (SIGTERM, start again on the same data): still there?
          await server.stop();
          server = await startServer(relay, workDir, true);
          await sleep(500);
          const again = await runLoadgen({
            scenario: 'reopen',
            target: server.target,
            params: {
              runId: String(record.result.runId),
              rooms: params.b.rooms,
              reopenSample: params.b.reopenSample,
            },
          });
          record.result.servedAfterRestart = again.contentServed;
        }
      } catch (error) {
        record.error = String((error as Error).message ?? error);
        process.stderr.write(`  ${scenario} / ${relay} FAILED: ${record.error}\n`);
      } finally {
        await server?.stop();
      }
      const steal1 = stealSnapshot();
      record.stealPct =
        Math.round(
          ((steal1.steal - steal0.steal) / Math.max(1, steal1.total - steal0.total)) * 1000,
        ) / 10;
      record.probeMsAfter = cpuProbeMs();
      runs.push(record);
      process.stderr.write(
        `  ${scenario} / ${relay}: ${JSON.stringify(record.result ?? record.error)}\n`,
      );
    }
  }
  const elapsedS = Math.round((Date.now() - started) / 1000);
  printTables(runs);
  const report = { machine, params, elapsedS, runs };
  console.log('\nJSON:');
  console.log(JSON.stringify(report));
  mkdirSync(join(HERE, 'results'), { recursive: true });
  writeFileSync(
    join(HERE, 'results', `latest-${machine.mode}.json`),
    `${JSON.stringify(report, null, 2)}\n`,
  );
  rmSync(workDir, { recursive: true, force: true });
  console.log(`\ndone in ${elapsedS} s`);
}

function table(title: string, header: string[], rows: Array<Array<string | number>>): void {
  console.log(`\n${title}`);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells: Array<string | number>): string =>
    `| ${cells.map((c, i) => String(c).padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

function printTables(runs: RunRecord[]): void {
  const of = (s: string) => runs.filter((r) => r.scenario === s);
  const env = (r: RunRecord) =>
    `busy ${r.busyBeforePct}%, probe ${r.probeMsBefore}/${r.probeMsAfter} ms, steal ${r.stealPct}%`;
  const v = (r: RunRecord, k: string) => (r.result ? String(r.result[k]) : 'error');
  if (of('a').length > 0) {
    table(
      `(a) ${params.a.rooms} rooms x ${params.a.clientsPerRoom} clients, 1 update/s each`,
      [
        'relay',
        'updates/s',
        'delivered',
        'p50 ms',
        'p99 ms',
        'relay CPU %',
        'relay RSS MiB',
        'loadgen CPU %',
        'others CPU %',
        'before: busy, probe before/after, steal',
      ],
      of('a').map((r) => [
        r.relay,
        v(r, 'updatesPerS'),
        v(r, 'deliveryRatio'),
        v(r, 'p50Ms'),
        v(r, 'p99Ms'),
        v(r, 'relayCpuPct'),
        v(r, 'relayRssMiB'),
        v(r, 'loadgenCpuPct'),
        v(r, 'othersCpuPct'),
        env(r),
      ]),
    );
  }
  if (of('b').length > 0) {
    table(
      `(b) ${params.b.rooms} rooms touched once, idle ${params.b.settleS} s, ${params.b.reopenSample} reopened`,
      [
        'relay',
        'RSS start MiB',
        'RSS after touch MiB',
        'RSS idle MiB',
        'growth MiB (idle - start)',
        'touches/s',
        'content served',
        'served after restart',
        'before: busy, probe before/after, steal',
      ],
      of('b').map((r) => [
        r.relay,
        v(r, 'rssStartMiB'),
        v(r, 'rssAfterTouchMiB'),
        v(r, 'rssIdleMiB'),
        r.result
          ? String(
              Math.round((Number(r.result.rssIdleMiB) - Number(r.result.rssStartMiB)) * 10) / 10,
            )
          : 'error',
        v(r, 'touchesPerS'),
        r.result ? `${r.result.contentServed}/${r.result.reopened}` : 'error',
        r.result?.servedAfterRestart === undefined
          ? 'error'
          : `${r.result.servedAfterRestart}/${r.result.reopened}`,
        env(r),
      ]),
    );
  }
  if (of('c').length > 0) {
    table(
      `(c) one room, ${params.c.writers + params.c.receivers} connections: max rate with p99 <= ${params.c.p99LimitMs} ms`,
      ['relay', 'max updates/s', 'relay RSS MiB', 'before: busy, probe before/after, steal'],
      of('c').map((r) => [r.relay, v(r, 'maxRatePerS'), v(r, 'relayRssMiB'), env(r)]),
    );
    const rows: Array<Array<string | number>> = [];
    for (const r of of('c')) {
      for (const s of (r.result?.steps as Array<Record<string, unknown>> | undefined) ?? []) {
        rows.push([
          r.relay,
          String(s.offeredPerS),
          String(s.achievedPerS),
          String(s.p50Ms),
          String(s.p99Ms),
          String(s.relayCpuPct),
          String(s.loadgenCpuPct),
          String(s.othersCpuPct),
          s.pass ? 'ok' : 'FAIL',
        ]);
      }
    }
    table(
      '(c) steps',
      [
        'relay',
        'offered/s',
        'achieved/s',
        'p50 ms',
        'p99 ms',
        'relay CPU %',
        'loadgen CPU %',
        'others CPU %',
        '',
      ],
      rows,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
