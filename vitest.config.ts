import { defineConfig } from 'vitest/config';

// One vitest run covers every package; each project is named so a single one
// can be run with `pnpm exec vitest run --project <name>`.

// These machines are shared and noisy: `expect.poll` waits up to 15 s for sync to
// happen (it returns as soon as the condition holds) instead of vitest's 1 s default.
const expect = { poll: { timeout: 15_000, interval: 20 } };

export default defineConfig({
  test: {
    projects: [
      {
        test: { name: 'shared', include: ['shared/src/**/*.test.ts'], environment: 'node', expect },
      },
      {
        test: {
          name: 'sync-server',
          include: ['sync-server/src/**/*.test.ts'],
          environment: 'node',
          expect,
        },
      },
      {
        test: {
          name: 'client',
          include: ['client/src/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          expect,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          expect,
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        // Cluster mode: real redis-server, postgres and relay processes (scripts/cluster-services.mjs).
        test: {
          name: 'cluster',
          include: ['tests/cluster/**/*.test.ts'],
          environment: 'node',
          expect,
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'fault',
          include: ['tests/fault/**/*.test.ts'],
          environment: 'node',
          expect,
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
