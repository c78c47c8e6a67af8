import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CloseReason,
  decodeWireMessage,
  encodeWireMessage,
  InMemoryRoomStore,
  RelayError,
  type WireMessage,
} from '@ensemble/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { silentLogger } from './log';
import { type AdmitHook, admitEverything } from './relay/admission';
import { type RelayOptions, type RunningRelay, startRelay } from './startRelay';
import { FileRoomStore } from './store/FileRoomStore';

interface Client {
  ws: WebSocket;
  messages: WireMessage[];
  closed: Promise<{ code: number; reason: string }>;
  opened: Promise<void>;
}

function connect(url: string, protocols: string[] = []): Client {
  const ws = new WebSocket(url, protocols);
  const messages: WireMessage[] = [];
  ws.on('message', (data) => {
    const decoded = decodeWireMessage(new Uint8Array(data as Buffer));
    if (decoded.ok) messages.push(decoded.value);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  const opened = new Promise<void>((resolve, reject) => {
    ws.on('open', () => resolve());
    ws.on('error', reject);
  });
  return { ws, messages, closed, opened };
}

describe('startRelay: admission and lifecycle', () => {
  let relay: RunningRelay | undefined;
  const start = async (options: RelayOptions = {}) => {
    relay = await startRelay({
      port: 0,
      host: '127.0.0.1',
      store: new InMemoryRoomStore(),
      log: silentLogger,
      admit: admitEverything,
      ...options,
    });
    return relay;
  };
  afterEach(async () => {
    await relay?.close();
    relay = undefined;
  });

  it('[ADMIT1] refuses an invalid room id with 4404 and a reason', async () => {
    const { wsUrl } = await start();
    const client = connect(`${wsUrl}/bad.room`);
    const closed = await client.closed;
    expect(closed.code).toBe(4404);
    expect(closed.reason).toContain('invalid room id');
  });

  it('[ADMIT2] answers a websocket to a non-/sync/ path with HTTP 404', async () => {
    const { url } = await start();
    const ws = new WebSocket(`${url.replace('http', 'ws')}/other/room-0123456789abcdef`);
    ws.on('error', () => undefined);
    const status = await new Promise<number>((resolve) =>
      ws.on('unexpected-response', (req, res) => {
        req.destroy();
        resolve(res.statusCode ?? 0);
      }),
    );
    expect(status).toBe(404);
  });

  it('[ADMIT3] refuses a too-old or too-new protocol version, echoing the subprotocol', async () => {
    const { wsUrl } = await start();
    const old = connect(`${wsUrl}/room-0123456789abcdef`, ['ensemble.v0']);
    const newer = connect(`${wsUrl}/room-0123456789abcdef`, ['ensemble.v999']);
    expect((await newer.closed).code).toBe(4406);
    expect(newer.ws.protocol).toBe('ensemble.v999');
    const tooOld = await old.closed;
    expect(tooOld.code).toBe(4426);
    expect(tooOld.reason).toContain('reload');
    const current = connect(`${wsUrl}/room-0123456789abcdef`, ['ensemble.v1']);
    await current.opened;
    expect(current.ws.protocol).toBe('ensemble.v1');
    current.ws.close();
  });

  it('[ADMIT4] a refusing admit hook sends permission-denied, then closes 4403', async () => {
    const admit: AdmitHook = async ({ roomId }) =>
      roomId === 'private-0123456789abcdef'
        ? { ok: false, error: new RelayError(CloseReason.Forbidden, 'no capability for this room') }
        : { ok: true, value: { roomKind: 'plain', access: 'write' } };
    const { wsUrl } = await start({ admit });
    const refused = connect(`${wsUrl}/private-0123456789abcdef`);
    const closed = await refused.closed;
    expect(closed.code).toBe(4403);
    expect(refused.messages).toEqual([
      { type: 'authPermissionDenied', reason: 'no capability for this room' },
    ]);
    const admitted = connect(`${wsUrl}/public-0123456789abcdef`);
    await expect.poll(() => admitted.messages.map((m) => m.type)).toContain('syncStep1');
    admitted.ws.close();
  });

  it('[ADMIT5] keeps messages sent during a slow admission, in order', async () => {
    let letIn = (): void => undefined;
    const gate = new Promise<void>((resolve) => {
      letIn = resolve;
    });
    const admit: AdmitHook = async () => {
      await gate;
      return { ok: true, value: { roomKind: 'plain', access: 'write' } };
    };
    const { wsUrl, health } = await start({ admit });
    const doc = new Y.Doc();
    doc.getArray('items').push(['early']);
    const client = connect(`${wsUrl}/slow-0123456789abcdef`);
    await client.opened;
    client.ws.send(encodeWireMessage({ type: 'syncUpdate', update: Y.encodeStateAsUpdate(doc) }));
    client.ws.send(encodeWireMessage({ type: 'syncStep1', stateVector: Uint8Array.of(0) }));
    letIn();
    await expect.poll(() => client.messages.some((m) => m.type === 'syncStep2')).toBe(true);
    const step2 = client.messages.find((m) => m.type === 'syncStep2');
    const check = new Y.Doc();
    if (step2?.type === 'syncStep2') Y.applyUpdate(check, step2.update);
    expect(check.getArray('items').toArray()).toEqual(['early']);
    expect(health().connections).toBe(1);
    client.ws.close();
  });

  it('[LIFE1] close() ends connections with 4503 (transient) and flushes rooms', async () => {
    const store = new InMemoryRoomStore();
    const running = await start({ store, compactAfterUpdates: 1000 });
    const client = connect(`${running.wsUrl}/room-0123456789abcdef`);
    await client.opened;
    for (const text of ['a', 'b', 'c']) {
      const doc = new Y.Doc();
      doc.getArray('items').push([text]);
      client.ws.send(encodeWireMessage({ type: 'syncUpdate', update: Y.encodeStateAsUpdate(doc) }));
    }
    await expect.poll(async () => (await store.load('room-0123456789abcdef')).length).toBe(3);
    await running.close();
    relay = undefined;
    const closed = await client.closed;
    expect(closed.code).toBe(4503);
    expect(closed.reason).toContain('shutting-down');
    expect(await store.load('room-0123456789abcdef')).toHaveLength(1);
  });
});

describe('startRelay: the embedded store in a data dir', () => {
  let relay: RunningRelay | undefined;
  let dataDir: string | undefined;
  afterEach(async () => {
    await relay?.close();
    relay = undefined;
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  });
  const startOn = (dir: string, options: RelayOptions = {}) =>
    startRelay({
      port: 0,
      host: '127.0.0.1',
      dataDir: dir,
      staticDir: null,
      log: silentLogger,
      admit: admitEverything,
      ...options,
    });
  const healthOf = async (url: string) => {
    const res = await fetch(`${url}/healthz`);
    return { status: res.status, body: (await res.json()) as { ok: boolean; store: string } };
  };

  it('[HEALTH1] /healthz turns 503 with store "lock-lost" once another relay took the data dir', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ensemble-health-'));
    relay = await startOn(dataDir, { storeLockHeartbeatMs: 50 });
    expect(await healthOf(relay.url)).toEqual({
      status: 200,
      body: expect.objectContaining({ ok: true, store: 'ok' }),
    });
    await writeFile(
      join(dataDir, 'relay.lock'),
      JSON.stringify({ pid: 1, host: 'other-container', boot: 'b', id: 'usurper' }),
    );
    await expect
      .poll(() => healthOf(relay?.url ?? ''))
      .toEqual({ status: 503, body: expect.objectContaining({ ok: false, store: 'lock-lost' }) });
  });

  it('[HEALTH2] a damaged room log is counted in /metrics when the room opens; its valid records are served', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ensemble-damaged-'));
    const room = 'damaged-0123456789abcdef';
    const doc = new Y.Doc();
    doc.getArray<string>('items').push(['kept']);
    const files = await FileRoomStore.open(dataDir);
    await files.append(room, Y.encodeStateAsUpdate(doc));
    await files.close();
    const log = join(dataDir, 'rooms', `${Buffer.from(room).toString('hex')}.log`);
    await appendFile(log, Buffer.from([200, 0, 0, 0, 1, 2, 3]));
    relay = await startOn(dataDir);
    const client = connect(`${relay.wsUrl}/${room}`);
    await client.opened;
    client.ws.send(
      encodeWireMessage({ type: 'syncStep1', stateVector: Y.encodeStateVector(new Y.Doc()) }),
    );
    await expect.poll(() => client.messages.filter((m) => m.type === 'syncStep2').length).toBe(1);
    const step2 = client.messages.find((m) => m.type === 'syncStep2');
    const copy = new Y.Doc();
    if (step2?.type === 'syncStep2') Y.applyUpdate(copy, step2.update);
    expect(copy.getArray<string>('items').toArray()).toEqual(['kept']);
    expect(relay.metrics()).toContain('ensemble_relay_store_damaged_logs_total 1');
    client.ws.close();
  });
});
