/**
 * Debug aid for bench:relay scenario (b): where does our relay's idle memory go?
 * Runs the relay IN this process (so process.memoryUsage() breaks RSS down),
 * touches N rooms like scenario (b), then reports memory after a forced GC and
 * optionally writes a heap snapshot.
 *
 *   cd bench && node --expose-gc --import tsx relay/idleMemory.ts [rooms=2000] [snapshot.heapsnapshot]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { silentLogger, startRelay } from '@ensemble/sync-server';
import { LightConnection, pool } from './clients';

const rooms = Number(process.argv[2] ?? 2000);
const snapshot = process.argv[3];
const mib = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const report = (label: string) => {
  const m = process.memoryUsage();
  console.log(
    label.padEnd(22),
    JSON.stringify({
      rss: mib(m.rss),
      heapTotal: mib(m.heapTotal),
      heapUsed: mib(m.heapUsed),
      external: mib(m.external),
      arrayBuffers: mib(m.arrayBuffers),
    }),
  );
};

const dataDir = mkdtempSync(join(tmpdir(), 'idle-memory-'));
const relay = await startRelay({
  port: 0,
  host: '127.0.0.1',
  dataDir,
  staticDir: null,
  openRooms: true,
  limits: { connectionsPerIp: 0, messagesPerSecond: 1e6, bytesPerSecond: 1e9 },
  log: silentLogger,
});
const target = {
  name: 'ensemble',
  dialect: 'y-websocket' as const,
  url: relay.wsUrl,
  pid: process.pid,
};
gc();
report('start');
await pool(
  Array.from({ length: rooms }, (_, i) => `idle-memory-room-${String(i).padStart(6, '0')}`),
  50,
  async (room, i) => {
    const conn = new LightConnection({ target, room, writer: true });
    await conn.synced();
    conn.write('content', `room-${i}`);
    await conn.barrier();
    await conn.close();
  },
);
report(`after ${rooms} touches`);
await new Promise((resolve) => setTimeout(resolve, 2000));
report('idle 2 s');
gc();
gc();
report('idle, after gc');
console.log('relay health', JSON.stringify(relay.health()));
if (snapshot !== undefined) console.log('snapshot', writeHeapSnapshot(snapshot));
await relay.close();
rmSync(dataDir, { recursive: true, force: true });
