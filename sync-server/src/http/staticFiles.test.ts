import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InMemoryRoomStore } from '@ensemble/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../log';
import { type RunningRelay, startRelay } from '../startRelay';

/** A raw GET: fetch() would normalise `..` away before it reaches the server. */
function get(port: number, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    },
  );
}

describe('HTTP on the relay port', () => {
  let dir: string;
  let relay: RunningRelay;
  const html = { accept: 'text/html,application/xhtml+xml' };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ensemble-static-'));
    const root = join(dir, 'dist');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<!doctype html><title>Ensemble</title>');
    await writeFile(join(root, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    await writeFile(join(root, 'manifest.webmanifest'), '{"name":"Ensemble"}');
    await writeFile(join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
    await writeFile(join(root, 'assets', 'index-abc123.css'), 'body{}');
    await writeFile(join(root, 'assets', 'automerge-x.wasm'), Uint8Array.of(0, 97, 115, 109));
    await writeFile(join(root, 'icon.svg'), '<svg/>');
    await writeFile(join(root, 'icon-192.png'), Uint8Array.of(137, 80, 78, 71));
    await writeFile(join(root, 'favicon.ico'), Uint8Array.of(0, 0, 1, 0));
    await writeFile(join(dir, 'secret.txt'), 'outside the static root');
    relay = await startRelay({
      port: 0,
      host: '127.0.0.1',
      store: new InMemoryRoomStore(),
      staticDir: root,
      log: silentLogger,
    });
  });

  afterAll(async () => {
    await relay.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('[HTTP1] /healthz reports ok, uptime, rooms and connections as JSON', async () => {
    const res = await get(relay.port, '/healthz');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, roomsActive: 0, connections: 0 });
  });

  it.each([
    ['/manifest.webmanifest', 'application/manifest+json', 'no-cache'],
    ['/assets/index-abc123.js', 'text/javascript', 'immutable'],
    ['/assets/index-abc123.css', 'text/css', 'immutable'],
    ['/assets/automerge-x.wasm', 'application/wasm', 'immutable'],
    ['/icon.svg', 'image/svg+xml', 'no-cache'],
    ['/icon-192.png', 'image/png', 'no-cache'],
    ['/favicon.ico', 'image/x-icon', 'no-cache'],
    ['/sw.js', 'text/javascript', 'no-cache'],
    ['/', 'text/html', 'no-cache'],
  ])('[HTTP2] serves %s as %s with cache %s', async (path, type, cache) => {
    const res = await get(relay.port, path);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain(type);
    expect(String(res.headers['cache-control'])).toContain(cache);
  });

  it('[HTTP3] falls back to index.html for navigations only', async () => {
    const page = await get(relay.port, '/community/abc/events?x=1', html);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Ensemble</title>');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect((await get(relay.port, '/community/abc')).status).toBe(404);
    expect((await get(relay.port, '/assets/missing-123.js', html)).status).toBe(404);
    expect((await get(relay.port, '/missing.png', html)).status).toBe(404);
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e%5csecret.txt',
    '/%00index.html',
    '/%E0%A4%A',
  ])('[HTTP4] never serves outside the static dir: %s', async (path) => {
    const res = await get(relay.port, path, html);
    expect(res.body).not.toContain('outside the static root');
    expect([200, 400, 404]).toContain(res.status);
  });

  it('[HTTP5] refuses other methods and unknown websocket paths', async () => {
    const res = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: relay.port, path: '/', method: 'POST' },
        (r) => {
          r.resume();
          resolve(r.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(res).toBe(405);
  });
});
