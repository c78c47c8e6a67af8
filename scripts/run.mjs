#!/usr/bin/env node
// Entry point of README's two commands, `npm start` and `npm test`, on a fresh
// machine that has only Node 20 and npm. It installs what it needs by itself:
// pnpm (pinned), the workspace's dependencies, and for tests Debian's Chromium.
// Plain Node, no dependencies: it runs before anything is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM_VERSION = JSON.parse(
  readFileSync(join(root, 'package.json'), 'utf8'),
).packageManager.split('@')[1];
const CHROMIUM = process.env.ENSEMBLE_CHROMIUM ?? '/usr/bin/chromium';

function log(message) {
  process.stdout.write(`\n[ensemble] ${message}\n`);
}

function fail(message, code = 1) {
  process.stderr.write(`[ensemble] ${message}\n`);
  process.exit(code);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) return { status: 1, error: result.error };
  return { status: result.status ?? 1 };
}

function output(command, args) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** pnpm at the pinned version: already on PATH, else installed with npm, else through npx. */
function ensurePnpm() {
  if (output('pnpm', ['--version']) === PNPM_VERSION) return ['pnpm'];
  log(`installing pnpm ${PNPM_VERSION} with npm`);
  if (
    run('npm', ['install', '--global', `pnpm@${PNPM_VERSION}`]).status === 0 &&
    output('pnpm', ['--version']) === PNPM_VERSION
  ) {
    return ['pnpm'];
  }
  log(`global install refused; using npx pnpm@${PNPM_VERSION}`);
  return ['npx', '--yes', `pnpm@${PNPM_VERSION}`];
}

function pnpm(prefix, args, options) {
  const [command, ...rest] = prefix;
  return run(command, [...rest, ...args], options);
}

function ensureDependencies(prefix) {
  log('installing dependencies (pnpm install --frozen-lockfile)');
  if (pnpm(prefix, ['install', '--frozen-lockfile']).status !== 0) {
    fail('pnpm install failed; see the output above.');
  }
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function ensureBuilt(prefix) {
  const built = join(root, 'client/dist/index.html');
  const sources = ['client', 'shared/src', 'vite.config.ts'].map((p) => newestMtime(join(root, p)));
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources)) return;
  log('building the PWA (vite build)');
  if (pnpm(prefix, ['run', 'build']).status !== 0)
    fail('building the PWA failed; see the output above.');
}

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    fail(
      `The browser tests need Chromium at ${CHROMIUM}. Install Debian's package as root:\n` +
        '  sudo apt-get update && sudo apt-get install -y chromium\n' +
        'or point ENSEMBLE_CHROMIUM at another Chromium binary.',
    );
  }
  log("installing Debian's Chromium for the browser tests (apt-get install chromium)");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (
    run('apt-get', ['update', '-qq'], { env }).status !== 0 ||
    run('apt-get', ['install', '-y', '-qq', 'chromium'], { env }).status !== 0 ||
    !existsSync(CHROMIUM)
  ) {
    fail('Installing Chromium failed; see the output above.');
  }
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Test counts from the runners' JSON reports, printed as one closing line. */
function summarise(reportDir) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const vitest = readJson(join(reportDir, 'vitest.json'));
  if (vitest) {
    passed += vitest.numPassedTests ?? 0;
    failed += vitest.numFailedTests ?? 0;
    skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
  }
  const playwright = readJson(join(reportDir, 'playwright.json'));
  if (playwright?.stats) {
    passed += (playwright.stats.expected ?? 0) + (playwright.stats.flaky ?? 0);
    failed += playwright.stats.unexpected ?? 0;
    skipped += playwright.stats.skipped ?? 0;
  }
  return { passed, failed, skipped, flaky: playwright?.stats?.flaky ?? 0 };
}

/** Cluster-mode tests need Debian's redis-server and postgresql (scripts/cluster-services.mjs). */
function ensureClusterServers() {
  log('checking redis-server and postgresql for the cluster tests (apt-get if missing)');
  if (run(process.execPath, ['scripts/cluster-services.mjs', 'install']).status !== 0) {
    fail('CLUSTER TESTS CANNOT RUN: redis-server/postgresql could not be installed (see above).');
  }
}

function test(prefix) {
  ensureChromium();
  ensureClusterServers();
  const reportDir = join(root, '.tmp/reports');
  mkdirSync(reportDir, { recursive: true });
  const env = { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: join(reportDir, 'playwright.json') };
  const steps = [
    ['typecheck', ['run', 'typecheck']],
    ['lint', ['run', 'lint']],
    [
      'unit and integration tests (vitest)',
      [
        'run',
        'test:unit',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${join(reportDir, 'vitest.json')}`,
      ],
    ],
    ['build the PWA', ['run', 'build']],
    ['end-to-end tests (Playwright, Chromium)', ['run', 'test:e2e', '--reporter=list,json']],
  ];
  const failures = [];
  const started = Date.now();
  for (const [name, args] of steps) {
    log(`step: ${name}`);
    const stepStart = Date.now();
    const { status } = pnpm(prefix, args, { env });
    log(
      `step: ${name}: ${status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - stepStart) / 1000).toFixed(1)} s`,
    );
    if (status !== 0) failures.push(name);
  }
  const counts = summarise(reportDir);
  log(
    `finished in ${((Date.now() - started) / 1000).toFixed(0)} s; failed steps: ${failures.length === 0 ? 'none' : failures.join(', ')}${counts.flaky ? `; ${counts.flaky} flaky (passed on retry)` : ''}`,
  );
  process.stdout.write(
    `Tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`,
  );
  process.exit(failures.length === 0 && counts.failed === 0 ? 0 : 1);
}

function start(prefix, extraArgs) {
  ensureBuilt(prefix);
  const args = [
    '--filter',
    '@ensemble/sync-server',
    'start',
    '--static-dir',
    join(root, 'client/dist'),
    '--data-dir',
    process.env.DATA_DIR ?? join(root, '.data'),
    ...extraArgs,
  ];
  const [command, ...rest] = prefix;
  // Hand over the terminal: Ctrl-C and SIGTERM reach the relay, which shuts down cleanly.
  const result = spawnSync(command, [...rest, ...args], { cwd: root, stdio: 'inherit' });
  process.exit(result.status ?? 0);
}

const [mode, ...extraArgs] = process.argv.slice(2);
if (mode !== 'start' && mode !== 'test') {
  fail('usage: node scripts/run.mjs start|test [relay options]', 2);
}
const prefix = ensurePnpm();
ensureDependencies(prefix);
if (mode === 'start') start(prefix, extraArgs);
else test(prefix);
