#!/usr/bin/env node
// Redis and PostgreSQL for the cluster-mode tests and bench, from Debian's
// packages, started by the project itself: loopback only, a random free port,
// a throw-away data dir per run, stopped at the end. Nothing needs to be
// pre-installed: as root, missing servers are installed with apt-get.
//
//   node scripts/cluster-services.mjs install   installs redis-server + postgresql if missing
//   node scripts/cluster-services.mjs run       starts both, prints their URLs, stops on Ctrl-C
//
// Tests import startRedis / startPostgres (types: cluster-services.d.mts).
// Plain Node, no dependencies.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The newest PostgreSQL Debian installed (15 on Debian 12, 17 on Debian 13), unless set. */
function newestPgBin() {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, 'bin', 'postgres')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return join(root, versions[0] ?? '15', 'bin');
}
let PG_BIN = process.env.ENSEMBLE_PG_BIN ?? newestPgBin();
const REDIS_SERVER = process.env.ENSEMBLE_REDIS_SERVER ?? '/usr/bin/redis-server';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Whether both servers' binaries are here. */
export function clusterServersInstalled() {
  return existsSync(REDIS_SERVER) && existsSync(join(PG_BIN, 'postgres'));
}

/**
 * Installs Debian's redis-server and postgresql when missing (needs root).
 * Throws with what to do otherwise: cluster tests must never skip silently.
 */
export function ensureClusterServers() {
  if (clusterServersInstalled()) return;
  if (!isRoot) {
    throw new Error(
      `CLUSTER TESTS CANNOT RUN: ${REDIS_SERVER} or ${PG_BIN}/postgres is missing and this ` +
        'is not root. Install them: sudo apt-get update && sudo apt-get install -y ' +
        'redis-server postgresql (or set ENSEMBLE_REDIS_SERVER / ENSEMBLE_PG_BIN).',
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const steps = [
    ['apt-get', ['update']],
    ['apt-get', ['install', '-y', '--no-install-recommends', 'redis-server', 'postgresql']],
  ];
  for (const [command, args] of steps) {
    const result = spawnSync(command, args, { stdio: 'inherit', env });
    if (result.status !== 0) {
      throw new Error(`CLUSTER TESTS CANNOT RUN: ${command} ${args.join(' ')} failed`);
    }
  }
  if (process.env.ENSEMBLE_PG_BIN === undefined) PG_BIN = newestPgBin();
  if (!clusterServersInstalled()) {
    throw new Error('CLUSTER TESTS CANNOT RUN: apt-get ran but the server binaries are missing');
  }
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port, child, name, output, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${name} exited at start:\n${output()}`);
    }
    const open = await new Promise((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${name} did not listen on ${port} in time:\n${output()}`);
}

/** Servers still running: killed if this process exits without stopping them (a crashed test worker). */
const running = new Set();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Spawns a server, collecting its output; resolves once its port accepts connections. */
async function spawnServer(name, command, args, port) {
  let text = '';
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  const exited = new Promise((done) =>
    child.once('exit', () => {
      running.delete(child);
      done();
    }),
  );
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    text += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk) => {
    text += chunk;
  });
  try {
    await waitForPort(port, child, name, () => text);
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    throw error;
  }
  const stop = async (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return { stop, output: () => text };
}

/**
 * redis-server with its append-only file (appendfsync always: an acknowledged
 * write survives a kill). `restart({ keepData })` reuses the port; without
 * keepData it starts from an empty dir (a Redis that lost its AOF).
 */
export async function startRedis() {
  ensureClusterServers();
  const dir = await mkdtemp(join(tmpdir(), 'ensemble-redis-'));
  const port = await freePort();
  let server;
  const launch = async () => {
    server = await spawnServer(
      'redis-server',
      REDIS_SERVER,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--save',
        '',
        '--daemonize',
        'no',
        '--logfile',
        '',
        '--protected-mode',
        'yes',
      ],
      port,
    );
  };
  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    output: () => server.output(),
    /** SIGKILL (default) or SIGTERM; the dir is kept. */
    stop: (signal = 'SIGKILL') => server.stop(signal),
    start: launch,
    /** Removes Redis's data (its AOF): call while stopped, to play a Redis that lost its disk. */
    async wipeData() {
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
    },
    async restart({ keepData }) {
      await server.stop('SIGKILL');
      if (!keepData) {
        await rm(dir, { recursive: true, force: true });
        await mkdir(dir, { recursive: true });
      }
      await launch();
    },
    async dispose() {
      await server.stop('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function asPostgresUser() {
  if (!isRoot) return [];
  const id = (flag) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim();
  const uid = id('-u');
  const gid = id('-g');
  if (uid === '' || gid === '') throw new Error('CLUSTER TESTS CANNOT RUN: no postgres user');
  return ['setpriv', `--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', '--'];
}

/**
 * A PostgreSQL cluster in a throw-away dir (initdb, trust auth on loopback,
 * superuser `ensemble`, database `ensemble`), run as the postgres user when
 * we are root (initdb refuses root).
 */
export async function startPostgres() {
  ensureClusterServers();
  const dir = await mkdtemp(join(tmpdir(), 'ensemble-pg-'));
  const prefix = asPostgresUser();
  if (isRoot) {
    const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout);
    const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout);
    await chown(dir, uid, gid);
  }
  const asUser = (bin, args) =>
    prefix.length === 0
      ? [join(PG_BIN, bin), args]
      : [prefix[0], [...prefix.slice(1), join(PG_BIN, bin), ...args]];
  const data = join(dir, 'data');
  const [initCommand, initArgs] = asUser('initdb', [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'ensemble',
    '--no-sync',
    '-E',
    'UTF8',
    '--locale=C',
  ]);
  const init = spawnSync(initCommand, initArgs, { encoding: 'utf8' });
  if (init.status !== 0) {
    throw new Error(`initdb failed: ${init.stderr || init.stdout || init.error?.message}`);
  }
  const port = await freePort();
  let server;
  const launch = async () => {
    const [command, args] = asUser('postgres', [
      '-D',
      data,
      '-p',
      String(port),
      '-k',
      dir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
    ]);
    server = await spawnServer('postgres', command, args, port);
    // The port opens before the database accepts sessions ("starting up").
    const deadline = Date.now() + 20_000;
    const ready = join(PG_BIN, 'pg_isready');
    while (spawnSync(ready, ['-h', '127.0.0.1', '-p', String(port), '-q']).status !== 0) {
      if (Date.now() > deadline) throw new Error(`postgres not ready:\n${server.output()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  try {
    await launch();
  } catch (error) {
    await server?.stop('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const createDb = asUser('createdb', [
    '-h',
    '127.0.0.1',
    '-p',
    String(port),
    '-U',
    'ensemble',
    'ensemble',
  ]);
  const created = spawnSync(createDb[0], createDb[1], { encoding: 'utf8' });
  if (created.status !== 0) {
    await server.stop('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    throw new Error(`createdb failed: ${created.stderr}`);
  }
  return {
    url: `postgres://ensemble@127.0.0.1:${port}/ensemble`,
    port,
    output: () => server.output(),
    /** SIGINT = fast shutdown (default); SIGKILL = crash. */
    stop: (signal = 'SIGINT') => server.stop(signal),
    start: launch,
    async dispose() {
      await server.stop('SIGINT');
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const mode = process.argv[1]?.endsWith('cluster-services.mjs') ? process.argv[2] : undefined;
if (mode === 'install') {
  ensureClusterServers();
  process.stdout.write('[ensemble] redis-server and postgresql are installed\n');
} else if (mode === 'run') {
  const redis = await startRedis();
  const pg = await startPostgres();
  process.stdout.write(`REDIS_URL=${redis.url}\nPOSTGRES_URL=${pg.url}\n(Ctrl-C stops both)\n`);
  const stop = async () => {
    await Promise.all([redis.dispose(), pg.dispose()]);
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
