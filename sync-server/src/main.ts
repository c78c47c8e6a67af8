import { networkInterfaces } from 'node:os';
import { performance } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { startupBanner } from './banner';
import { parseConfig, relayOptionsFrom } from './config';
import { describeError, jsonLogger, type Logger } from './log';
import { fullCollection, startIdleTrim } from './memory/idleTrim';
import { startRelay } from './startRelay';

/** Entry point: `tsx src/main.ts [--port 8787 ...]`. See `--help`. */
async function main(): Promise<void> {
  // Under `pnpm --filter ... start` the cwd is sync-server/; relative paths
  // given by the user mean the directory they ran the command from.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const outcome = parseConfig(process.argv.slice(2), process.env, cwd);
  if (outcome.kind === 'help') {
    process.stdout.write(`${outcome.text}\n`);
    return;
  }
  if (outcome.kind === 'error') {
    process.stderr.write(`${outcome.message}\n`);
    process.exitCode = 2;
    return;
  }
  const { config } = outcome;
  const log = jsonLogger();
  const relay = await startRelay({ ...relayOptionsFrom(config), log });
  const banner = startupBanner({
    port: relay.port,
    tls: relay.tls,
    host: config.host,
    dataDir: config.dataDir,
    staticDir: config.staticDir,
    interfaces: networkInterfaces(),
  });
  process.stdout.write(`${banner.join('\n')}\n`);
  trimMemoryWhenIdle(log);

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      log.warn('relay.forced_exit', { signal });
      process.exit(1);
    }
    stopping = true;
    log.info('relay.stopping', { signal });
    relay.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error('relay.stop_failed', { error: describeError(error) });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/** After a burst of work, the quiet relay gives the heap it grew back (memory/idleTrim.ts). */
function trimMemoryWhenIdle(log: Logger): void {
  const collect = fullCollection();
  if (collect === undefined) {
    log.warn('relay.memory_trim_unavailable', {});
    return;
  }
  startIdleTrim({
    collect,
    utilization: () => performance.eventLoopUtilization(),
    heapBytes: () => getHeapStatistics().total_heap_size,
    onTrim: (durationMs) => {
      const { heapUsed, rss } = process.memoryUsage();
      log.info('relay.memory_trimmed', {
        ms: Math.round(durationMs * 10) / 10,
        heapMiB: Math.round(heapUsed / 2 ** 20),
        rssMiB: Math.round(rss / 2 ** 20),
      });
    },
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`relay failed to start: ${describeError(error)}\n`);
  process.exit(1);
});
