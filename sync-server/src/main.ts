import { networkInterfaces } from 'node:os';
import { startupBanner } from './banner';
import { parseConfig, relayOptionsFrom } from './config';
import { describeError, jsonLogger } from './log';
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

main().catch((error: unknown) => {
  process.stderr.write(`relay failed to start: ${describeError(error)}\n`);
  process.exit(1);
});
