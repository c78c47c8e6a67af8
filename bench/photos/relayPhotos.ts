/**
 * bench:photos (relay): 200 photos of one community on the real relay process (the
 * bundle `node dist/relay.mjs`, embedded store), then 50 clients each downloading all
 * 200 (8 at a time per client, with the community's capability). Samples the relay's
 * RSS (VmRSS) every 50 ms: before, while uploading, peak while serving, and after.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import {
  blobHashOf,
  capabilityVerifier,
  newCapability,
  relaySubprotocols,
} from '../../shared/src/index';
import { rssMiB } from '../relay/measure';

const PHOTOS = Number(process.env.BENCH_PHOTOS ?? 200);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const PHOTO_BYTES = Number(process.env.BENCH_PHOTO_BYTES ?? 250 * 1024);
const PER_CLIENT = 8;
const serverDir = join(import.meta.dirname, '..', '..', 'sync-server');

export interface RelayPhotoFigures {
  readonly photos: number;
  readonly photoBytes: number;
  readonly clients: number;
  readonly rssIdleMiB: number;
  readonly rssAfterUploadMiB: number;
  readonly rssPeakServingMiB: number;
  readonly rssAfterMiB: number;
  readonly uploadSeconds: number;
  readonly serveSeconds: number;
  readonly servedMiB: number;
  readonly failures: number;
  readonly retried: number;
}

async function startRelay(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const built = spawnSync(process.execPath, ['bundle.mjs'], { cwd: serverDir, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`bundle failed: ${built.stderr}`);
  const child = spawn(
    process.execPath,
    ['dist/relay.mjs', '--host', '127.0.0.1', '--port', '0', '--data-dir', dataDir],
    { cwd: serverDir, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      out += chunk;
      const match = /"event":"relay\.listening","port":(\d+)/.exec(out);
      if (match?.[1]) resolve(Number(match[1]));
    });
    child.once('exit', () => reject(new Error(`relay exited: ${out}`)));
  });
  return { child, url: `http://127.0.0.1:${port}` };
}

/** The first writer claims the room over the websocket handshake (no document needed). */
async function claimRoom(url: string, room: string, capability: string): Promise<void> {
  const socket = new WebSocket(
    `${url.replace('http', 'ws')}/sync/${room}`,
    relaySubprotocols({
      capability,
      readVerifier: capabilityVerifier(newCapability()),
    }),
  );
  await new Promise<void>((resolve, reject) => {
    socket.once('message', () => resolve());
    socket.once('error', reject);
  });
  socket.close();
}

export async function benchRelayPhotos(): Promise<RelayPhotoFigures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ensemble-bench-photos-'));
  const { child, url } = await startRelay(dataDir);
  const pid = child.pid ?? 0;
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMiB(pid));
  }, 50);
  try {
    const room = `bench-photos-${randomBytes(6).toString('hex')}`;
    const capability = newCapability();
    await claimRoom(url, room, capability);
    const headers = { Authorization: `Bearer ${capability}` };
    await new Promise((r) => setTimeout(r, 500));
    const rssIdleMiB = rssMiB(pid);
    const photos = Array.from({ length: PHOTOS }, () => {
      const bytes = new Uint8Array(randomBytes(PHOTO_BYTES));
      return { bytes, hash: blobHashOf(bytes) };
    });
    let started = performance.now();
    for (const photo of photos) {
      const response = await fetch(`${url}/blobs/${room}/${photo.hash}`, {
        method: 'PUT',
        body: Buffer.from(photo.bytes),
        headers,
      });
      if (response.status !== 201) throw new Error(`upload: ${response.status}`);
    }
    const uploadSeconds = (performance.now() - started) / 1000;
    const rssAfterUploadMiB = rssMiB(pid);
    peak = 0;
    let failures = 0;
    let retried = 0;
    let served = 0;
    started = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        // Each client asks in its own order, a few at a time, like a scrolling gallery.
        const order = photos.map((_, i) => (i * (client * 7 + 1)) % photos.length);
        for (let i = 0; i < order.length; i += PER_CLIENT) {
          await Promise.all(
            order.slice(i, i + PER_CLIENT).map(async (index) => {
              const photo = photos[index];
              if (!photo) return;
              // A keep-alive socket the server closed at the same moment: counted, tried again.
              for (let attempt = 0; attempt < 2; attempt++) {
                try {
                  const response = await fetch(`${url}/blobs/${room}/${photo.hash}`, { headers });
                  const body = new Uint8Array(await response.arrayBuffer());
                  if (response.status !== 200 || body.byteLength !== photo.bytes.byteLength) {
                    failures++;
                  }
                  served += body.byteLength;
                  return;
                } catch {
                  retried++;
                }
              }
              failures++;
            }),
          );
        }
      }),
    );
    const serveSeconds = (performance.now() - started) / 1000;
    const rssPeakServingMiB = peak;
    await new Promise((r) => setTimeout(r, 2_000));
    return {
      photos: PHOTOS,
      photoBytes: PHOTO_BYTES,
      clients: CLIENTS,
      rssIdleMiB,
      rssAfterUploadMiB,
      rssPeakServingMiB,
      rssAfterMiB: rssMiB(pid),
      uploadSeconds,
      serveSeconds,
      servedMiB: served / 1024 / 1024,
      failures,
      retried,
    };
  } finally {
    clearInterval(sampler);
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
