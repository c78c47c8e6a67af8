import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Runs the REAL relay as its start script does (`node dist/relay.mjs`, the
 * bundle built by sync-server/bundle.mjs, one process, so a signal reaches the
 * relay itself) on 127.0.0.1, for integration and e2e tests that kill and
 * restart it.
 */

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SYNC_SERVER_DIR = join(REPO_ROOT, 'sync-server');

let bundled = false;

/** Builds the relay bundle from the current sources, once per test process. */
function ensureRelayBundle(): void {
  if (bundled) return;
  const result = spawnSync(process.execPath, ['bundle.mjs'], {
    cwd: SYNC_SERVER_DIR,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`could not bundle the relay: ${result.stderr || result.error?.message}`);
  }
  bundled = true;
}

export interface RelayProcessOptions {
  /** Room store directory; default: a new temporary directory (removed by dispose()). */
  readonly dataDir?: string;
  /** Built PWA to serve; default `<repo>/client/dist`. */
  readonly staticDir?: string;
  /** Default 0: a free port, kept across restart(). */
  readonly port?: number;
  readonly maxMessageBytes?: number;
  /**
   * Pass `--open-rooms`: admit clients that send no capability (the browser
   * client until it sends capabilities). Default false: capabilities required.
   */
  readonly openRooms?: boolean;
  /** Extra relay flags, e.g. `['--max-connections-per-ip', '500']`. */
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** Deadline for /healthz to answer after spawn. Default 20 s. */
  readonly startTimeoutMs?: number;
}

export interface RelayExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface RelayProcess {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** ws://127.0.0.1:<port>/sync: the `serverUrl` of a WebsocketProvider. */
  readonly wsUrl: string;
  readonly port: number;
  readonly dataDir: string;
  readonly staticDir: string;
  /** Everything the current process printed (stdout and stderr). */
  output(): string;
  /** Sends `signal` without waiting (SIGSTOP / SIGCONT freeze and thaw the relay). */
  signal(signal: NodeJS.Signals): void;
  /** Sends `signal` (default SIGKILL) and waits for the process to exit. */
  kill(signal?: NodeJS.Signals): Promise<RelayExit>;
  /** The running process's id (to read its memory in a test), undefined when stopped. */
  pid(): number | undefined;
  /** SIGTERM, waits for a clean exit (SIGKILL after 10 s). */
  stop(): Promise<RelayExit>;
  /** Stops the process if it runs, then starts it again on the same port and data dir. */
  restart(): Promise<void>;
  /** stop(), then removes the data dir if this helper created it. */
  dispose(): Promise<void>;
}

export async function startRelayProcess(options: RelayProcessOptions = {}): Promise<RelayProcess> {
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'ensemble-relay-')));
  const staticDir = options.staticDir ?? join(REPO_ROOT, 'client', 'dist');
  let port = options.port ?? 0;
  let child: ChildProcess | undefined;
  let exited: Promise<RelayExit> = Promise.resolve({ code: 0, signal: null });
  let output = '';

  const spawnRelay = async (): Promise<void> => {
    output = '';
    ensureRelayBundle();
    const args = [
      'dist/relay.mjs',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--data-dir',
      dataDir,
      '--static-dir',
      staticDir,
      ...(options.maxMessageBytes === undefined
        ? []
        : ['--max-message-bytes', String(options.maxMessageBytes)]),
      ...(options.openRooms === true ? ['--open-rooms'] : []),
      ...(options.args ?? []),
    ];
    const proc = spawn(process.execPath, args, {
      cwd: SYNC_SERVER_DIR,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    exited = new Promise((done) => proc.once('exit', (code, signal) => done({ code, signal })));
    const listening = new Promise<number>((found) => {
      proc.stdout?.setEncoding('utf8');
      proc.stderr?.setEncoding('utf8');
      proc.stderr?.on('data', (chunk: string) => {
        output += chunk;
      });
      let listening = false;
      proc.stdout?.on('data', (chunk: string) => {
        output += chunk;
        // Only until found: rescanning a busy relay's whole output on every chunk is quadratic.
        if (listening) return;
        const match = /"event":"relay\.listening","port":(\d+)/.exec(output);
        if (match?.[1] !== undefined) {
          listening = true;
          found(Number(match[1]));
        }
      });
    });
    const deadline = Date.now() + (options.startTimeoutMs ?? 20_000);
    const failed = exited.then((exit) => {
      throw new Error(`relay exited early (${JSON.stringify(exit)}):\n${output}`);
    });
    void failed.catch(() => undefined);
    port = await Promise.race([listening, failed, timeout(deadline, () => output)]);
    await Promise.race([waitForHealth(port, deadline), failed]);
  };

  const kill = async (signal: NodeJS.Signals = 'SIGKILL'): Promise<RelayExit> => {
    if (child !== undefined && child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
    }
    return exited;
  };

  const stop = async (): Promise<RelayExit> => {
    const proc = child;
    if (proc === undefined) return exited;
    const force = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    try {
      return await kill('SIGTERM');
    } finally {
      clearTimeout(force);
    }
  };

  await spawnRelay();
  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get wsUrl() {
      return `ws://127.0.0.1:${port}/sync`;
    },
    get port() {
      return port;
    },
    dataDir,
    staticDir,
    output: () => output,
    signal: (signal) => {
      child?.kill(signal);
    },
    kill,
    pid: () => (child?.exitCode === null ? child.pid : undefined),
    stop,
    restart: async () => {
      await stop();
      await spawnRelay();
    },
    dispose: async () => {
      await stop();
      if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function waitForHealth(port: number, deadline: number): Promise<void> {
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok && ((await res.json()) as { ok?: boolean }).ok === true) return;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`relay /healthz did not answer in time: ${String(lastError)}`);
}

function timeout(deadline: number, output: () => string): Promise<never> {
  return new Promise((_, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`relay did not start in time:\n${output()}`)),
      Math.max(0, deadline - Date.now()),
    );
    timer.unref();
  });
}
